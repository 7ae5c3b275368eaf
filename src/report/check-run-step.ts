/**
 * The check run as a step of the run (SPEC §12): the YAML files of the commit are read beside
 * the deployment (the git tree, then the files, in parallel), so the node → file:line map is
 * there when the deployment is; the check run is written with the report, beside the comment
 * and the commit status. Nothing here fails the step: a check run that cannot be written is one
 * warning that says why.
 */
import type { Plan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import type { GitHubError } from '../github.js';
import * as runner from '../runner.js';
import { checkRunContent, checkRunName, placesOf, serverHost, type NodePlace } from './check-run.js';
import type { Report } from './model.js';
import { deploymentMark } from './refresh-check-run.js';

/** Most YAML files read to place annotations (one request each, all in parallel). */
const MAX_FILES = 300;

/** A started check run: write it once the report is there. */
export interface StartedCheckRun {
  /** Writes the check run; true when it was written (it is then the record: no commit status beside it). */
  write(report: Report): Promise<boolean>;
}

/** Whether this run would deploy a namespace (create, push, the pull-request actions that deploy, sync). */
function deploys(plan: Plan): boolean {
  return (plan.kind === 'ensure' && plan.deploy) || plan.kind === 'deploy' || plan.kind === 'create';
}

/**
 * Starts reading the commit's YAML files when this run writes a check run: target dj, `checks`
 * on, a token, not a dry run, a plan that deploys. Undefined otherwise.
 */
export function startCheckRun(run: RunContext, plan: Plan, sha: string | undefined): StartedCheckRun | undefined {
  const { settings, event, env } = run;
  const refresh = plan.kind === 'ensure' && plan.refresh === true;
  if (!settings.checks || settings.target !== 'dj' || !settings.dj || !settings.githubToken || settings.dryRun || !event.repo || !(deploys(plan) || refresh)) return undefined;
  const { owner, name: repo } = event.repo;
  const dj = settings.dj;
  const api = import('../github-checks.js');
  const read = async (at: string): Promise<Map<string, NodePlace>> => {
    const [{ yamlFilesAt }, gh] = await Promise.all([api, run.github()]);
    const { files } = await yamlFilesAt(gh, owner, repo, at);
    const texts = await Promise.all(files.slice(0, MAX_FILES).map(async f => [f, (await gh.fileAt(owner, repo, at, f)) ?? ''] as const));
    return placesOf(new Map(texts));
  };
  const early = sha ? read(sha) : undefined;
  early?.catch(() => undefined);
  if (refresh) return sha ? refreshed(run, sha, early!) : undefined;
  return {
    async write(report: Report): Promise<boolean> {
      const deployed = report.deployedSha;
      if (!deployed || !report.outcome.name) return false;
      try {
        // The server may have deployed a newer commit than the event's: its files then.
        const places = await (early && sha === deployed ? early : read(deployed)).catch(() => new Map<string, NodePlace>());
        const content = checkRunContent(report, places);
        const [{ createCheckRun }, gh] = await Promise.all([api, run.github()]);
        const written = await createCheckRun(gh, {
          owner,
          repo,
          name: checkRunName(dj.namespace),
          headSha: deployed,
          externalId: `${serverHost(dj.url)}/${report.outcome.name}`,
          conclusion: content.conclusion,
          ...(report.links.namespace ? { detailsUrl: report.links.namespace } : {}),
          title: content.title,
          // The hidden line a later label event reads the deployment's node verdict from (refresh-check-run.ts).
          summary: content.summary + deploymentMark(report),
          ...(content.text ? { text: content.text } : {}),
          annotations: content.annotations,
        });
        runner.info(
          `Check run ${checkRunName(dj.namespace)} (${content.conclusion}) on ${deployed.slice(0, 7)}: ${content.annotations.length} annotations in ${written.requests} ${written.requests === 1 ? 'request' : 'requests'}${content.unplaced.length ? `, ${content.unplaced.length} nodes not placed on a YAML line` : ''}`,
        );
        return true;
      } catch (err) {
        runner.warning(whyNoCheckRun(err, env));
        return false;
      }
    },
  };
}

/**
 * The check run of a label event or `/dj preview` (refresh-check-run.ts): written only on a
 * commit that carries this action's deployment check run for the namespace, with that
 * deployment's node verdict and the preview of now; `external_id` `<host>/<namespace>#refresh`.
 */
function refreshed(run: RunContext, sha: string, places: Promise<Map<string, NodePlace>>): StartedCheckRun {
  const { settings, event, env } = run;
  const dj = settings.dj!;
  const { owner, name: repo } = event.repo!;
  const name = checkRunName(dj.namespace);
  const load = Promise.all([import('./refresh-check-run.js'), import('../github-checks.js'), run.github()]);
  return {
    async write(report: Report): Promise<boolean> {
      const ns = report.outcome.name;
      // No namespace (nothing was created), or the run did something else: nothing to bring up to date.
      if (!ns || report.outcome.operation !== 'unchanged') return false;
      const externalId = `${serverHost(dj.url)}/${ns}`;
      try {
        const [{ deploymentCheckRun, REFRESH_SUFFIX }, { createCheckRun, MAX_OUTPUT_CHARS }, gh] = await load;
        const deployment = await deploymentCheckRun(gh, owner, repo, sha, name, externalId);
        if (!deployment) {
          runner.info(`No check run: ${sha.slice(0, 7)} carries no check run ${name} of a deployment of ${ns}, so a refresh has no verdict of its deployment to bring up to date.`);
          return false;
        }
        if (deployment.nodesFailing === undefined) {
          runner.info(`No check run: the check run ${name} of ${sha.slice(0, 7)} was written by an older version and does not say which of its nodes failed.`);
          return false;
        }
        const content = checkRunContent(report, await places.catch(() => new Map<string, NodePlace>()));
        const n = deployment.nodesFailing;
        const fails = n > 0 || content.conclusion === 'failure';
        const nodesLine = n
          ? `The deployment of ${sha.slice(0, 7)} has ${n} ${n === 1 ? 'node that fails' : 'nodes that fail'} the step: see its check run${deployment.url ? ` (${deployment.url})` : ''}.`
          : '';
        await createCheckRun(gh, {
          owner,
          repo,
          name,
          headSha: sha,
          externalId: externalId + REFRESH_SUFFIX,
          conclusion: fails ? 'failure' : 'success',
          ...(report.links.namespace ? { detailsUrl: report.links.namespace } : {}),
          title: n ? nodesLine.slice(0, 1_000) : content.title,
          summary: (nodesLine ? `${nodesLine}\n\n${content.summary}` : content.summary).slice(0, MAX_OUTPUT_CHARS),
          ...(content.text ? { text: content.text } : {}),
          annotations: content.annotations,
        });
        runner.info(`Check run ${name} (${fails ? 'failure' : 'success'}) on ${sha.slice(0, 7)}: the verdict brought up to date, nothing deployed`);
        return false;
      } catch (err) {
        runner.warning(whyNoCheckRun(err, env));
        return false;
      }
    },
  };
}

/** One sentence: why the check run was not written, and what to do. */
export function whyNoCheckRun(err: unknown, _env: NodeJS.ProcessEnv): string {
  const e = err as Partial<GitHubError>;
  if (e?.status === 403 && /GitHub App/i.test(e.serverMessage ?? '')) {
    return "The check run was not written: this token cannot write check runs (GitHub's Checks API takes only GitHub App tokens, such as the workflow's GITHUB_TOKEN, not a personal access token). The commit status records the deployment instead; pass an App token, or set `checks: false` to stop this warning.";
  }
  if (e?.status === 403) {
    return 'The check run was not written: the github-token lacks the `checks: write` permission: add it under `permissions:` in the workflow (pull requests from forks never get write access), or set `checks: false` to stop this warning.';
  }
  return `The check run was not written: ${err instanceof Error ? err.message : String(err)}`;
}
