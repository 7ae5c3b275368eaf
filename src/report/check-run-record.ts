/**
 * The check run as the record of which commit a namespace holds (SPEC §4.1): where the token can
 * write check runs, the check run `dj / <root>` takes the commit status's place. The deploy-once
 * decision reads a commit's check runs of that name beside its statuses (in parallel: no step
 * added) and counts a completed `success` check run whose `external_id` names this DJ server and
 * namespace as a status of the namespace's context would count; a status, written by an older
 * version or as the fallback, still counts on its own.
 *
 * It works at the statuses' level: the statuses listing of a commit is answered with the record
 * the check run stands for prepended, so the decision (`commit-status.ts`), `deploy: changed`
 * included, reads one list.
 */
import type { StatusApi } from './commit-status.js';
import { statusContext } from './commit-status.js';
import { path } from '../url-path.js';

/** What the record is about. */
export interface CheckRunRecordWhere {
  owner: string;
  repo: string;
  /** `dj / <root>`. */
  name: string;
  /** `<DJ server host>/<namespace>`. */
  externalId: string;
  namespace: string;
}

interface RawCheckRun {
  external_id?: string | null;
  status?: string;
  conclusion?: string | null;
  html_url?: string | null;
  output?: { title?: string | null } | null;
}

/** The commit's completed, successful check run of our name and external_id, if any; undefined when it cannot be read. */
async function ourCheckRun(gh: StatusApi, where: CheckRunRecordWhere, sha: string): Promise<RawCheckRun | undefined> {
  try {
    const res = await gh.request<{ check_runs?: RawCheckRun[] }>({
      method: 'GET',
      path: path`/repos/${where.owner}/${where.repo}/commits/${sha}/check-runs`,
      query: { check_name: where.name, filter: 'all', per_page: 100 },
    });
    const runs = Array.isArray(res.data?.check_runs) ? res.data.check_runs : [];
    return runs.find(r => r?.external_id === where.externalId && r.status === 'completed' && r.conclusion === 'success');
  } catch {
    return undefined;
  }
}

const STATUSES = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/statuses$/;

/**
 * A {@link StatusApi} whose first page of a commit's statuses also holds the record of a check
 * run (as a `success` status of the namespace's context). Every other request goes through.
 */
export function withCheckRunRecord(gh: StatusApi, where: CheckRunRecordWhere): StatusApi {
  return {
    request: (async (req: Parameters<StatusApi['request']>[0]) => {
      const m = req.method === 'GET' ? STATUSES.exec(req.path) : null;
      const page = Number(req.query?.page ?? 1);
      if (!m || page !== 1) return gh.request(req);
      const sha = decodeURIComponent(m[1]!);
      const [statuses, run] = await Promise.allSettled([gh.request(req), ourCheckRun(gh, where, sha)]);
      const found = run.status === 'fulfilled' ? run.value : undefined;
      if (!found) {
        if (statuses.status === 'rejected') throw statuses.reason;
        return statuses.value;
      }
      const record = { context: statusContext(where.namespace), state: 'success', description: `check run ${where.name}`, target_url: found.html_url ?? null };
      // Statuses that cannot be read (no `statuses` permission) do not hide the check run's record.
      const listed = statuses.status === 'fulfilled' && Array.isArray(statuses.value.data) ? (statuses.value.data as unknown[]) : [];
      return { ...(statuses.status === 'fulfilled' ? statuses.value : { status: 200, headers: {} }), data: [record, ...listed] };
    }) as StatusApi['request'],
  };
}
