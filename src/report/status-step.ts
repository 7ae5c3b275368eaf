/**
 * The commit status as a step of the run (SPEC §4.1, each commit deployed once): read before
 * the target is asked to deploy, written after. Reading never fails a run; a status that cannot
 * be read or written is one warning.
 */
import type { Plan } from '../plan.js';
import { runUrl } from './context.js';
import type { RunContext } from '../run-context.js';
import { commitOf } from '../targets/target.js';
import type { Report } from './model.js';
import { countsPhrase } from './counts.js';
import { startDeployCheck, statusDescription, writeDeployStatus, type StartedCheck, type StatusApi } from './commit-status.js';
import * as runner from '../runner.js';
import { serverIdentity } from '../server-identity.js';
import { checkRunName, serverHost } from './check-run.js';
import { withCheckRunRecord } from './check-run-record.js';

/**
 * Starts reading the commit's statuses when this run would deploy a known commit to a DJ
 * namespace; undefined when there is nothing to check (other targets, no token, explicit sync,
 * create events: their namespace is new or the deployment is asked for).
 */
export function startStatusCheck(run: RunContext, plan: Plan, name: string | undefined): StartedCheck | undefined {
  const { settings, event, env } = run;
  if (settings.target !== 'dj' || !name || !settings.githubToken || !event.repo) return undefined;
  const sha = plan.kind === 'ensure' && plan.deploy ? plan.sha : plan.kind === 'deploy' && plan.skipWhenNotLinked ? plan.sha : undefined;
  if (!sha) return undefined;
  const before = event.kind === 'push' || event.kind === 'pull_request' ? event.before : undefined;
  const runs = runUrl(env)?.replace(/\d+$/, '');
  const direct: StatusApi = { request: req => run.github().then(c => c.request(req)) };
  const server = serverIdentity(settings.dj?.url);
  // Where check runs are on, a commit's check run `dj / <root>` is the record too (SPEC §4.1), read beside its statuses.
  const api =
    settings.checks && settings.dj
      ? withCheckRunRecord(direct, {
          owner: event.repo.owner,
          repo: event.repo.name,
          name: checkRunName(settings.dj.namespace),
          externalId: `${serverHost(settings.dj.url)}/${name}`,
          namespace: name,
        })
      : direct;
  return startDeployCheck(api, {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: name,
    sha,
    ...(server ? { server } : {}),
    ...(before ? { before } : {}),
    ...(settings.deployChanged ? { changed: true } : {}),
    ...(runs ? { runsUrl: runs } : {}),
  });
}

/** After a deployment (or a commit found unchanged under `deploy: changed`): the commit status, and why statuses do not work, once. */
export async function recordStatus(run: RunContext, report: Report, problem: Promise<string | undefined> | undefined): Promise<void> {
  const { settings, event, env } = run;
  const { outcome, verdict } = report;
  if (settings.target !== 'dj' || !settings.githubToken || settings.dryRun) return;
  const why = await problem;
  if (why) {
    runner.warning(why);
    return;
  }
  const c = commitOf(outcome);
  const deployed = (outcome.operation === 'created' || outcome.operation === 'updated') && c.deployedSha;
  const noChanges = outcome.operation === 'unchanged' && outcome.why === 'no-changes';
  const sha = deployed ? c.deployedSha : noChanges ? c.expectedSha : undefined;
  if (!sha || !event.repo || !outcome.name) return;
  const counts = noChanges ? `no changes under git_path since ${c.deployedSha?.slice(0, 7) ?? 'the last deployment'}` : report.counts || countsPhrase(outcome.results);
  const server = serverIdentity(settings.dj?.url);
  const failed = await writeDeployStatus(await run.github(), {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: outcome.name,
    sha,
    state: verdict.fails ? 'failure' : 'success',
    description: statusDescription(counts, env.GITHUB_RUN_ID, server),
    ...(outcome.url ? { targetUrl: outcome.url } : {}),
  });
  if (failed) runner.warning(failed);
  else runner.info(`Commit status ${verdict.fails ? 'failure' : 'success'} on ${sha.slice(0, 7)}: ${outcome.name}`);
}
