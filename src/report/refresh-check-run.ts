/**
 * The check run of a label event or `/dj preview` (SPEC §13: "the verdict, the comment and a
 * check run are brought up to date", no deployment). It is written only on a commit this action
 * already deployed to the namespace: one that carries a completed deployment check run
 * `dj / <root>` whose `external_id` is `<DJ host>/<namespace>`. The refreshed check run has the
 * same name (branch protection reads the newest one of that name) but the `external_id`
 * `<DJ host>/<namespace>#refresh`, so the deploy-once record (check-run-record.ts, which counts
 * only the exact `external_id` of a deployment) never takes it for a deployment: a label event
 * on an undeployed commit writes nothing, and one on a deployed commit cannot make a later run
 * skip or repeat a deployment.
 *
 * The refreshed verdict is the deployment's node verdict (which a refresh does not see again: the
 * deployment check run carries it in a hidden line of its summary) together with the merge
 * preview run again now (the accept label's effect on `fail-on: impact`).
 */
import { path } from '../url-path.js';
import type { ChecksApi } from '../github-checks.js';
import type { Report } from './model.js';

/** The `external_id` suffix of a refreshed check run. */
export const REFRESH_SUFFIX = '#refresh';

const MARK = /<!-- dj-branch-sync deployment: (\d+) nodes? fail the step -->/;

/** The hidden line a deployment check run's summary ends with: how many of its nodes fail the step. */
export function deploymentMark(report: Report): string {
  const n = report.nodes.filter(x => x.severity === 'failure').length;
  return `\n\n<!-- dj-branch-sync deployment: ${n} ${n === 1 ? 'node' : 'nodes'} fail the step -->`;
}

/** A commit's deployment check run, as a refresh reads it. */
export interface DeploymentCheckRun {
  /** How many nodes of that deployment fail the step; undefined when it cannot be told (an older version's failed check run). */
  nodesFailing?: number;
  url?: string;
}

interface RawRun {
  id?: number;
  external_id?: string | null;
  status?: string;
  conclusion?: string | null;
  html_url?: string | null;
  output?: { summary?: string | null } | null;
}

/** The newest completed deployment check run of `name` and `externalId` on `sha`; undefined when there is none. Throws what GitHub answered. */
export async function deploymentCheckRun(
  gh: Pick<ChecksApi, 'request'>,
  owner: string,
  repo: string,
  sha: string,
  name: string,
  externalId: string,
): Promise<DeploymentCheckRun | undefined> {
  const res = await gh.request<{ check_runs?: RawRun[] }>({
    method: 'GET',
    path: path`/repos/${owner}/${repo}/commits/${sha}/check-runs`,
    query: { check_name: name, filter: 'all', per_page: 100 },
  });
  const runs = (Array.isArray(res.data?.check_runs) ? res.data.check_runs : []).filter(r => r?.external_id === externalId && r.status === 'completed');
  const newest = runs.sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
  if (!newest) return undefined;
  const m = MARK.exec(newest.output?.summary ?? '');
  const nodesFailing = m ? Number(m[1]) : newest.conclusion === 'success' ? 0 : undefined;
  return { ...(nodesFailing !== undefined ? { nodesFailing } : {}), ...(newest.html_url ? { url: newest.html_url } : {}) };
}
