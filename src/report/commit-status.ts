/**
 * "Each commit deployed once" (SPEC §4.1): a commit status per deployed commit, context
 * `dj-branch-sync/<namespace>`, read before deploying and written after. The status links the
 * commit to its namespace in the DJ UI and carries the counts and the run that deployed it.
 *
 * Reading never fails a run: statuses that cannot be read (no `statuses: write`, an old server)
 * mean "deploy as before", with one sentence saying why.
 */
import type { GitHubClient } from '../github.js';
import { path } from '../url-path.js';
import type { DeployCheck } from '../targets/target.js';

/** The calls this module makes. */
export type StatusApi = Pick<GitHubClient, 'request'>;

/** A commit of a repository, and the namespace it is deployed to. */
export interface StatusWhere {
  owner: string;
  repo: string;
  namespace: string;
  /** The DJ server's host identity (server-identity.ts), written into the description and matched when reading. */
  server?: string;
}

/** What GitHub returns for one status (the fields read). */
interface RawStatus {
  context?: string;
  state?: string;
  description?: string | null;
  target_url?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** GitHub's limit for a status description. */
const MAX_DESCRIPTION = 140;

/** The status context of a namespace. */
export function statusContext(namespace: string): string {
  return `dj-branch-sync/${namespace}`;
}

/**
 * A description: the counts, clipped, then the DJ server and the run that wrote it
 * ("… · on dj.example.com · run 4242"). The context stays `dj-branch-sync/<namespace>` (SPEC),
 * so the server travels here, beside it.
 */
export function statusDescription(counts: string, runId: string | undefined, server?: string): string {
  const tail = `${server ? ` · on ${server}` : ''}${runId ? ` · run ${runId}` : ''}`;
  const room = MAX_DESCRIPTION - tail.length;
  return (counts.length > room ? `${counts.slice(0, Math.max(0, room - 1))}…` : counts) + tail;
}

/** The run id a description names, if any. */
export function runIdOf(description: string): string | undefined {
  return / · run (\d+)$/.exec(description)?.[1];
}

/** The DJ server a description names, if any (records of earlier versions name none). */
export function serverOf(description: string): string | undefined {
  return /(?:^| )· on (\S+)(?: · run \d+)?$/.exec(description)?.[1];
}

/** The counts of a description, without the server and the run. */
function countsOf(description: string): string {
  return description.replace(/ · run \d+$/, '').replace(/ · on \S+$/, '');
}

/**
 * Whether a status is the deploy-once record of `where`: our context, and written for the same
 * DJ server. A record that names no server (written before servers were told apart) counts for
 * any server, so records of the earlier version still count.
 */
export function isOurRecord(s: { context?: string; description?: string | null } | null | undefined, where: StatusWhere): boolean {
  if (!s || s.context !== statusContext(where.namespace)) return false;
  const server = serverOf(s.description ?? '');
  return !server || !where.server || server === where.server;
}

function isSha(sha: string | undefined): sha is string {
  return Boolean(sha && /^[0-9a-f]{40}$/i.test(sha) && !/^0+$/.test(sha));
}

/** Pages of statuses read at most: GitHub keeps at most 1,000 statuses per commit and context. */
export const MAX_STATUS_PAGES = 10;

/**
 * The newest status of our record on `sha` ({@link isOurRecord}), or undefined. Reads page after
 * page (newest first, as GitHub lists them) until it is found or the list ends, so other CI
 * jobs' statuses cannot hide it. Not the combined status: it keeps only the newest status per
 * context, which may be another DJ server's. Throws what GitHub answered.
 */
async function ourStatus(gh: StatusApi, where: StatusWhere, sha: string): Promise<RawStatus | undefined> {
  for (let page = 1; page <= MAX_STATUS_PAGES; page++) {
    const res = await gh.request<RawStatus[]>({
      method: 'GET',
      path: path`/repos/${where.owner}/${where.repo}/commits/${sha}/statuses`,
      query: { per_page: 100, ...(page > 1 ? { page } : {}) },
    });
    if (!Array.isArray(res.data)) throw new Error(`GitHub answered the statuses of ${sha.slice(0, 7)} with something that is not a list`);
    const found = res.data.find(s => isOurRecord(s, where));
    if (found) return found;
    // A short page is the last; a full one may have more, with or without a Link header (a proxy may strip it).
    const link = res.headers?.link;
    if (res.data.length < 100 || (typeof link === 'string' && !/rel="next"/.test(link))) return undefined;
  }
  return undefined;
}

/**
 * Files the comparison `base...head` touches, or undefined when they cannot tell what changed
 * since `base`: GitHub could not list them all, or `head` does not descend from `base` (status
 * `behind`, `diverged` or `identical`: a force-push, an amended or rebased commit), when the
 * namespace may hold what the branch no longer has.
 */
async function changedFiles(gh: StatusApi, where: StatusWhere, base: string, head: string): Promise<string[] | undefined> {
  const res = await gh.request<{ files?: { filename?: string; previous_filename?: string }[]; status?: string }>({
    method: 'GET',
    path: path`/repos/${where.owner}/${where.repo}/compare/${`${base}...${head}`}`,
    query: { per_page: 100 },
  });
  if (res.data?.status !== 'ahead') return undefined;
  const files = res.data?.files;
  // GitHub lists at most 300 files in a comparison: beyond that, "nothing changed" cannot be told.
  if (!Array.isArray(files) || files.length >= 300) return undefined;
  return files.flatMap(f => [f.filename, f.previous_filename]).filter((f): f is string => typeof f === 'string');
}

function under(file: string, gitPath: string): boolean {
  const dir = gitPath.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return !dir || file === dir || file.startsWith(`${dir}/`);
}

/** What {@link startDeployCheck} needs. */
export interface CheckRequest extends StatusWhere {
  /** The commit the run would deploy. */
  sha: string;
  /** The branch's head before this event (push / synchronize `before`): its record tells whether `sha`'s record is stale. */
  before?: string;
  /** `deploy: changed`: compare `before` with `sha` and skip a commit that changes nothing under `git_path`. */
  changed?: boolean;
  /** `https://github.com/owner/repo/actions/runs/` (a run id is appended). */
  runsUrl?: string;
}

/** A started check: the answer for a target, and why statuses could not be used, if so. */
export interface StartedCheck {
  /** Given the root's `git_path` (for `deploy: changed`), whether to deploy. */
  check: (facts: { gitPath?: string | null }) => Promise<DeployCheck>;
  /** Resolves to a sentence when the statuses could not be read (deploying as before), else undefined. */
  problem: Promise<string | undefined>;
}

/** A record as the judge reads it. */
export interface RecordRead {
  state?: string;
  description?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** What was read for one deploy check. */
export interface RecordsRead {
  /** Our newest record on the commit to deploy, if any. */
  head?: RecordRead;
  /** Our newest record on `before`, if read. */
  prev?: RecordRead;
  /**
   * With `deploy: changed`: the files changed from `before` to the commit, only when the commit
   * descends from `before` (compare status `ahead`) and GitHub listed them all; else undefined.
   */
  files?: string[];
}

/** The judge's answer: skip (and why), or deploy. */
export type RecordVerdict = { deploy: false; why: 'deployed' | 'no-changes'; record: RecordRead } | { deploy: true };

function newer(a: RecordRead, b: RecordRead): boolean {
  const t = (r: RecordRead) => Date.parse(r.created_at ?? r.updated_at ?? '') || 0;
  return t(a) > t(b);
}

/**
 * The deploy-once rule on what was read, the one place it is decided:
 * - the commit carries our successful record, and the branch's previous head carries no newer
 *   one (a branch reset to an older commit after a newer one was deployed: the namespace holds
 *   the newer one) → already deployed;
 * - `deploy: changed`, the previous head carries our successful record, the commit descends
 *   from it (`ahead`) and touches nothing under `git_path` → no changes;
 * - anything else (no record, a failure, behind, diverged, identical, a list GitHub cut) → deploy.
 */
export function judgeRecords(read: RecordsRead, gitPath: string | null | undefined): RecordVerdict {
  const { head, prev } = read;
  if (head?.state === 'success' && !(prev?.state === 'success' && newer(prev, head))) return { deploy: false, why: 'deployed', record: head };
  if (prev?.state === 'success' && read.files && typeof gitPath === 'string' && !read.files.some(f => under(f, gitPath))) {
    return { deploy: false, why: 'no-changes', record: prev };
  }
  return { deploy: true };
}

/**
 * Reads the statuses of `sha` (and of `before`, plus the comparison for `deploy: changed`)
 * right away, in parallel with whatever the caller does next. Never rejects.
 */
export function startDeployCheck(gh: StatusApi, req: CheckRequest): StartedCheck {
  const earlierOf = (s: RecordRead) => {
    const description = s.description ?? '';
    const id = runIdOf(description);
    return { description: countsOf(description), ...(id && req.runsUrl ? { runUrl: `${req.runsUrl}${id}` } : {}) };
  };
  const head = ourStatus(gh, req, req.sha).then(
    s => ({ ok: true as const, s }),
    (err: unknown) => ({ ok: false as const, err: err as Error }),
  );
  const before = isSha(req.before) && req.before !== req.sha ? req.before : undefined;
  const prev = before
    ? Promise.all([ourStatus(gh, req, before), req.changed ? changedFiles(gh, req, before, req.sha) : undefined]).then(
        ([s, files]) => ({ s, files }),
        () => undefined,
      )
    : Promise.resolve(undefined);
  const problem = head.then(h =>
    h.ok ? undefined : `The commit statuses could not be read (${h.err.message}), so every run deploys: give the workflow \`statuses: write\` to deploy each commit once.`,
  );
  const check = async (facts: { gitPath?: string | null }): Promise<DeployCheck> => {
    const h = await head;
    if (!h.ok) return { deploy: true };
    const p = await prev;
    const verdict = judgeRecords({ ...(h.s ? { head: h.s } : {}), ...(p?.s ? { prev: p.s } : {}), ...(p?.files ? { files: p.files } : {}) }, facts.gitPath);
    if (verdict.deploy) return { deploy: true };
    const earlier = earlierOf(verdict.record);
    if (verdict.why === 'deployed') {
      const by = earlier.runUrl ? ` by workflow run ${runIdOf(verdict.record.description ?? '')}` : '';
      return { deploy: false, why: 'deployed', sha: req.sha, note: `Commit ${req.sha.slice(0, 7)} is already deployed to ${req.namespace}${by}`, earlier };
    }
    return {
      deploy: false,
      why: 'no-changes',
      sha: before!,
      note: `Commit ${req.sha.slice(0, 7)} changes nothing under '${facts.gitPath}' since ${before!.slice(0, 7)}, which ${req.namespace} holds`,
      earlier,
    };
  };
  return { check, problem };
}

/** What to record on a commit. */
export interface StatusWrite extends StatusWhere {
  sha: string;
  state: 'success' | 'failure';
  description: string;
  /** The namespace in the DJ UI. */
  targetUrl?: string;
}

/** Writes the status; returns why it could not, or undefined. Never rejects. */
export async function writeDeployStatus(gh: StatusApi, w: StatusWrite): Promise<string | undefined> {
  try {
    await gh.request({
      method: 'POST',
      path: path`/repos/${w.owner}/${w.repo}/statuses/${w.sha}`,
      json: { state: w.state, context: statusContext(w.namespace), description: w.description, ...(w.targetUrl ? { target_url: w.targetUrl } : {}) },
      // Writing the same status twice is harmless: a resend after a lost answer is safe.
      idempotent: true,
    });
    return undefined;
  } catch (err) {
    return `The commit status was not written (${(err as Error).message}), so the next event for this commit deploys it again: give the workflow \`statuses: write\`.`;
  }
}
