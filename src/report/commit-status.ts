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
}

/** What GitHub returns for one status (the fields read). */
interface RawStatus {
  context?: string;
  state?: string;
  description?: string | null;
  target_url?: string | null;
}

/** GitHub's limit for a status description. */
const MAX_DESCRIPTION = 140;

/** The status context of a namespace. */
export function statusContext(namespace: string): string {
  return `dj-branch-sync/${namespace}`;
}

/** A description: the counts, clipped, then the run that wrote it ("… · run 4242"). */
export function statusDescription(counts: string, runId: string | undefined): string {
  const tail = runId ? ` · run ${runId}` : '';
  const room = MAX_DESCRIPTION - tail.length;
  return (counts.length > room ? `${counts.slice(0, room - 1)}…` : counts) + tail;
}

/** The run id a description names, if any. */
export function runIdOf(description: string): string | undefined {
  return / · run (\d+)$/.exec(description)?.[1];
}

function isSha(sha: string | undefined): sha is string {
  return Boolean(sha && /^[0-9a-f]{40}$/i.test(sha) && !/^0+$/.test(sha));
}

/** The newest status of our context on `sha`, or undefined. Throws what GitHub answered. */
async function ourStatus(gh: StatusApi, where: StatusWhere, sha: string): Promise<RawStatus | undefined> {
  const res = await gh.request<RawStatus[]>({ method: 'GET', path: path`/repos/${where.owner}/${where.repo}/commits/${sha}/statuses`, query: { per_page: 100 } });
  if (!Array.isArray(res.data)) throw new Error(`GitHub answered the statuses of ${sha.slice(0, 7)} with something that is not a list`);
  const context = statusContext(where.namespace);
  // Newest first, as GitHub lists them.
  return [...res.data].find(s => s?.context === context);
}

/** Files the comparison `base...head` touches, or undefined when GitHub could not list them all. */
async function changedFiles(gh: StatusApi, where: StatusWhere, base: string, head: string): Promise<string[] | undefined> {
  const res = await gh.request<{ files?: { filename?: string; previous_filename?: string }[]; status?: string }>({
    method: 'GET',
    path: path`/repos/${where.owner}/${where.repo}/compare/${`${base}...${head}`}`,
    query: { per_page: 100 },
  });
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
  /** With `deploy: changed`: the commit before it (push `before`), compared when it is deployed. */
  before?: string;
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

/**
 * Reads the statuses of `sha` (and, for `deploy: changed`, of `before` plus the comparison)
 * right away, in parallel with whatever the caller does next. Never rejects.
 */
export function startDeployCheck(gh: StatusApi, req: CheckRequest): StartedCheck {
  const earlierOf = (s: RawStatus) => {
    const description = s.description ?? '';
    const id = runIdOf(description);
    return { description: description.replace(/ · run \d+$/, ''), ...(id && req.runsUrl ? { runUrl: `${req.runsUrl}${id}` } : {}) };
  };
  const head = ourStatus(gh, req, req.sha).then(
    s => ({ ok: true as const, s }),
    (err: unknown) => ({ ok: false as const, err: err as Error }),
  );
  const prev = isSha(req.before)
    ? Promise.all([ourStatus(gh, req, req.before), changedFiles(gh, req, req.before, req.sha)]).then(
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
    if (h.s?.state === 'success') {
      const earlier = earlierOf(h.s);
      const by = earlier.runUrl ? ` by workflow run ${runIdOf(h.s.description ?? '')}` : '';
      return { deploy: false, why: 'deployed', sha: req.sha, note: `Commit ${req.sha.slice(0, 7)} is already deployed to ${req.namespace}${by}`, earlier };
    }
    const p = await prev;
    if (p?.s?.state === 'success' && p.files && typeof facts.gitPath === 'string') {
      const touched = p.files.filter(f => under(f, facts.gitPath!));
      if (!touched.length) {
        const earlier = earlierOf(p.s);
        return {
          deploy: false,
          why: 'no-changes',
          sha: req.before!,
          note: `Commit ${req.sha.slice(0, 7)} changes nothing under '${facts.gitPath}' since ${req.before!.slice(0, 7)}, which ${req.namespace} holds`,
          earlier,
        };
      }
    }
    return { deploy: true };
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
