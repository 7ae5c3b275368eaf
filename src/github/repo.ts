/**
 * A repository's content: its branches (create, prune), a comparison's changed files and a
 * file's text at a ref (the merge preview, the review).
 */
import * as schemas from '../github-schemas.js';
import { path } from '../url-path.js';
import type { GitHubConnection } from './client.js';
import { getAllPages } from './pages.js';

/** GitHub lists at most this many files of a comparison. */
export const COMPARE_FILE_CAP = 300;

/** One file of a comparison. */
export interface CompareFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

/**
 * Whether `branch` exists. A renamed branch answers 301 (GitHub redirects to the new name):
 * the old name no longer exists as a branch, so that is false.
 */
export async function branchExists(gh: GitHubConnection, owner: string, repo: string, branch: string): Promise<boolean> {
  const res = await gh.call('GET', path`/repos/${owner}/${repo}/branches/${branch}`, undefined, { accept: [404], redirect: 'manual' });
  return res.status === 200;
}

/** Names of every branch of the repository, across all pages. */
export async function listBranchNames(gh: GitHubConnection, owner: string, repo: string): Promise<string[]> {
  const where = path`/repos/${owner}/${repo}/branches`;
  const raw = await getAllPages<unknown>(gh, where);
  return raw.map(b => schemas.githubAnswer(schemas.branch, b, `GET ${where}`).name);
}

/**
 * The files changed from the merge base of `base` and `head` to `head` (three dots, as a pull
 * request shows them). GitHub lists at most {@link COMPARE_FILE_CAP} files of a comparison
 * (on the first page; later pages only page commits), so a longer list cannot be complete:
 * `complete` says so, and a caller must not read it as the whole change.
 */
export async function compareFiles(
  gh: GitHubConnection,
  owner: string,
  repo: string,
  base: string,
  head: string,
): Promise<{ files: CompareFile[]; complete: boolean; behindBy?: number }> {
  // One segment `base...head`: the dots stay literal, each side is encoded.
  const where = `${path`/repos/${owner}/${repo}/compare`}/${encodeURIComponent(base)}...${encodeURIComponent(head)}`;
  const res = await gh.call<unknown>('GET', `${where}?per_page=1`);
  const answer = schemas.githubAnswer(schemas.comparison, res.data, `GET ${where}`);
  const files = answer.files;
  if (!files) throw new Error(`GitHub answered GET ${where} without the list of changed files, so what the pull request changes cannot be told`);
  return { files, complete: files.length < COMPARE_FILE_CAP, ...(answer.behind_by !== undefined ? { behindBy: answer.behind_by } : {}) };
}

/**
 * A file's text at `ref` (`GET /repos/{o}/{r}/contents/{path}?ref=`, raw media type, so files
 * up to GitHub's 100 MB come whole, not as base64 capped at 1 MB), or undefined when the file
 * is not there (404).
 */
export async function fileAt(gh: GitHubConnection, owner: string, repo: string, ref: string, filePath: string): Promise<string | undefined> {
  const segments = filePath
    .split('/')
    .map(s => path`${s}`)
    .join('/');
  const where = `${path`/repos/${owner}/${repo}/contents`}/${segments}`;
  const res = await gh.call<unknown>('GET', `${where}?ref=${encodeURIComponent(ref)}`, undefined, { accept: [404], raw: true });
  if (res.status === 404) return undefined;
  const data = res.data;
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  throw new Error(`GitHub answered GET ${where} with something that is not the file's text`);
}
