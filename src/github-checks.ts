/**
 * GitHub's Checks API and the git trees the check run's annotations are placed with (SPEC §12):
 * `POST /repos/{o}/{r}/check-runs` (created completed, 50 annotations), `PATCH
 * /check-runs/{id}` for the rest, 50 at a time, and `GET /git/trees/{sha}?recursive=1` plus the
 * contents of the YAML files, which map each node to the line of its `name:`. Loaded only by
 * runs that deploy a namespace.
 */
import type { GitHubClient } from './github.js';
import { path } from './url-path.js';

/** The calls this module makes. */
export type ChecksApi = Pick<GitHubClient, 'request' | 'fileAt'>;

/** GitHub takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit for a check run's summary and text. */
export const MAX_OUTPUT_CHARS = 65_535;

/** One annotation, as the Checks API takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title?: string;
}

/** A completed check run to create. */
export interface NewCheckRun {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  externalId: string;
  conclusion: 'success' | 'failure';
  detailsUrl?: string;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

/** The check run written, and how many requests it took. */
export interface WrittenCheckRun {
  id: number;
  url: string;
  requests: number;
}

/**
 * Creates the check run, already completed, with the first 50 annotations; appends the rest 50
 * per `PATCH` (GitHub adds a request's annotations to those already there). Throws what GitHub
 * answered (a 403 when the token cannot write checks).
 */
export async function createCheckRun(gh: ChecksApi, run: NewCheckRun): Promise<WrittenCheckRun> {
  const output = (annotations: CheckAnnotation[]) => ({
    title: run.title,
    summary: run.summary,
    ...(run.text ? { text: run.text } : {}),
    ...(annotations.length ? { annotations } : {}),
  });
  const first = run.annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  const res = await gh.request<{ id?: number; html_url?: string | null }>({
    method: 'POST',
    path: path`/repos/${run.owner}/${run.repo}/check-runs`,
    json: {
      name: run.name,
      head_sha: run.headSha,
      external_id: run.externalId,
      status: 'completed',
      conclusion: run.conclusion,
      completed_at: new Date().toISOString(),
      ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
      output: output(first),
    },
  });
  const id = res.data?.id;
  if (typeof id !== 'number') throw new Error('GitHub answered the new check run without its id');
  let requests = 1;
  for (let i = ANNOTATIONS_PER_REQUEST; i < run.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await gh.request({
      method: 'PATCH',
      path: path`/repos/${run.owner}/${run.repo}/check-runs/${id}`,
      json: { output: output(run.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST)) },
    });
    requests++;
  }
  return { id, url: res.data?.html_url ?? '', requests };
}

/** The YAML files of a commit's tree under `prefix` ("" or a path ending in "/"), `dj.yaml` left out (DJ's rule). */
export async function yamlFilesAt(gh: ChecksApi, owner: string, repo: string, sha: string, prefix = ''): Promise<{ files: string[]; truncated: boolean }> {
  const res = await gh.request<{ tree?: { path?: string; type?: string }[]; truncated?: boolean }>({
    method: 'GET',
    path: path`/repos/${owner}/${repo}/git/trees/${sha}`,
    query: { recursive: 1 },
  });
  const tree = Array.isArray(res.data?.tree) ? res.data.tree : [];
  const files = tree
    .filter(e => e.type === 'blob' && typeof e.path === 'string')
    .map(e => e.path!)
    .filter(p => p.startsWith(prefix) && p.endsWith('.yaml') && p.slice(p.lastIndexOf('/') + 1) !== 'dj.yaml');
  return { files, truncated: Boolean(res.data?.truncated) };
}
