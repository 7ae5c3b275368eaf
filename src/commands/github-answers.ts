/**
 * The GitHub answers the commands and the keep label read (SPEC §13), as valibot schemas, and the
 * few requests that read or write them. Kept apart from src/github.ts so that only runs that need
 * them (issue_comment, a branch's delete event, prune) load them.
 */
import * as v from 'valibot';
import { githubAnswer } from '../github-schemas.js';
import { labelsOf, type Repo } from '../event.js';
import { path } from '../url-path.js';
import type { GitHubClient } from '../github.js';

const label = v.object({ name: v.optional(v.string(), '') });
const repoRef = v.nullish(v.object({ full_name: v.optional(v.string(), '') }), null);

/** `GET /repos/{o}/{r}/pulls/{n}` and the entries of `GET /repos/{o}/{r}/pulls` (what the commands read). */
export const pullRequestAnswer = v.object({
  number: v.pipe(v.number(), v.integer(), v.minValue(1)),
  state: v.string(),
  merged: v.nullish(v.boolean(), false),
  labels: v.nullish(v.array(label), []),
  head: v.object({ ref: v.string(), sha: v.string(), repo: repoRef }),
  base: v.object({ ref: v.string(), sha: v.string(), repo: repoRef }),
});

/** `GET /repos/{o}/{r}/collaborators/{user}/permission`. */
export const permissionAnswer = v.object({ permission: v.string() });

/** A pull request as the commands use it. */
export interface PullFacts {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  /** Its head lives in another repository. */
  fork: boolean;
}

function pullFacts(raw: v.InferOutput<typeof pullRequestAnswer>, repo: Repo): PullFacts {
  const ours = `${repo.owner}/${repo.name}`.toLowerCase();
  const headRepo = raw.head.repo?.full_name ?? '';
  return {
    number: raw.number,
    state: raw.state === 'closed' ? 'closed' : 'open',
    merged: raw.merged,
    labels: labelsOf(raw.labels),
    headRef: raw.head.ref,
    headSha: raw.head.sha,
    baseRef: raw.base.ref,
    baseSha: raw.base.sha,
    // A deleted fork shows as a null head repository.
    fork: !raw.head.repo || headRepo.toLowerCase() !== ours,
  };
}

/** The pull request `n`. */
export async function readPull(gh: GitHubClient, repo: Repo, n: number): Promise<PullFacts> {
  const where = path`/repos/${repo.owner}/${repo.name}/pulls/${n}`;
  const res = await gh.request({ method: 'GET', path: where });
  return pullFacts(githubAnswer(pullRequestAnswer, res.data, `GET ${where}`), repo);
}

/**
 * The pull requests whose head is `branch` of this repository, newest first (one page: GitHub
 * lists them by creation, newest first, and a branch has few).
 */
export async function pullsOfBranch(gh: GitHubClient, repo: Repo, branch: string): Promise<PullFacts[]> {
  const where = path`/repos/${repo.owner}/${repo.name}/pulls`;
  const res = await gh.request({ method: 'GET', path: where, query: { head: `${repo.owner}:${branch}`, state: 'all', per_page: 10 } });
  const list = githubAnswer(v.array(pullRequestAnswer), res.data, `GET ${where}`);
  return list.map(p => pullFacts(p, repo));
}

/**
 * The commenter's permission on the repository as GitHub reports it (`admin`, `write`, `read`,
 * `none`; GitHub reports `maintain` as `write` and `triage` as `read`); `none` for a login GitHub
 * does not know (404).
 */
export async function permissionOf(gh: GitHubClient, repo: Repo, login: string): Promise<string> {
  const where = path`/repos/${repo.owner}/${repo.name}/collaborators/${login}/permission`;
  const res = await gh.request({ method: 'GET', path: where, accept: [404] });
  if (res.status === 404) return 'none';
  return githubAnswer(permissionAnswer, res.data, `GET ${where}`).permission;
}

/** Reacts to an issue comment (`eyes`, `rocket`, `confused`). */
export async function react(gh: GitHubClient, repo: Repo, commentId: number, content: 'eyes' | 'rocket' | 'confused'): Promise<void> {
  await gh.request({ method: 'POST', path: path`/repos/${repo.owner}/${repo.name}/issues/comments/${commentId}/reactions`, json: { content } });
}

/** Adds a label to an issue or pull request (GitHub creates a label the repository lacks). */
export async function addLabel(gh: GitHubClient, repo: Repo, n: number, name: string): Promise<void> {
  await gh.request({ method: 'POST', path: path`/repos/${repo.owner}/${repo.name}/issues/${n}/labels`, json: { labels: [name] } });
}
