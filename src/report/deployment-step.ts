/**
 * The GitHub deployment as a step of the run (SPEC §12): once the deploy-once decision says the
 * commit will be deployed (the statuses and check runs read at the start), the deployment is
 * created and set `in_progress` while DJ deploys; with the report it goes `success` or
 * `failure` (the namespace in the DJ UI, the run's log), and the namespace's earlier deployments
 * go `inactive` (GitHub does not do that for transient environments). A deleted namespace leaves
 * all of its deployments `inactive` (closing, `delete`, and each namespace `prune` removed). Nothing here fails the step: one warning says why not.
 */
import { branchOf, type Plan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import type { GitHubError } from '../github.js';
import * as runner from '../runner.js';
import { serverHost } from './check-run.js';
import type { Report } from './model.js';
import { mapPool } from '../pool.js';

/** The earlier deployments of a namespace marked inactive per run (earlier runs marked the older ones). */
const MARK_AT_MOST = 10;
/** Pruned namespaces whose deployments are marked inactive at once. */
const PRUNE_CONCURRENCY = 4;

/** A started deployment: finished with the report. */
export interface StartedDeployment {
  /** The target is asking its server to deploy now (its own checks passed, the commit is not deployed yet). */
  deploying(): void;
  finish(report: Report): Promise<void>;
  /** The run failed before a report: a deployment already made goes `error`. */
  abandon(): Promise<void>;
}

/** The environment of a namespace: the default branch's is production, the others previews. */
export function environmentOf(root: string, production: boolean): string {
  return production ? `DJ (${root})` : `DJ preview (${root})`;
}

/** The task that finds a namespace's deployments again. */
export function taskOf(namespace: string): string {
  return `dj:${namespace}`;
}

function whyNot(err: unknown): string {
  const e = err as Partial<GitHubError>;
  if (e?.status === 403 || e?.status === 404) {
    return 'The GitHub deployment was not written: the github-token lacks the `deployments: write` permission: add it under `permissions:` in the workflow, or set `deployments: false` to stop this warning.';
  }
  return `The GitHub deployment was not written: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Starts the deployment of this run when it has one: target dj, `deployments` on, a token, not a
 * dry run; a plan that deploys (or removes) a namespace. Undefined otherwise.
 */
export function startDeployment(run: RunContext, plan: Plan, name: string | undefined): StartedDeployment | undefined {
  const { settings, event, env } = run;
  if (!settings.deployments || settings.target !== 'dj' || !settings.dj || !settings.githubToken || settings.dryRun || !event.repo) return undefined;
  if (plan.kind === 'prune') return pruned(run, event.repo);
  if (!name) return undefined;
  const deploys = (plan.kind === 'ensure' && plan.deploy) || plan.kind === 'deploy' || plan.kind === 'create';
  if (!deploys && plan.kind !== 'remove') return undefined;
  const { owner, name: repo } = event.repo;
  const root = settings.dj.namespace;
  const task = taskOf(name);
  const api = import('../github-deployments.js');
  const gh = () => Promise.all([api, run.github()]);
  const logUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  let warned = false;
  const warn = (err: unknown) => {
    if (!warned) runner.warning(whyNot(err));
    warned = true;
  };

  if (plan.kind === 'remove') {
    // Listed beside the removal, so marking them adds no step after it.
    const listed = gh().then(([{ deploymentsOf }, client]) => deploymentsOf(client, owner, repo, task));
    listed.catch(() => undefined);
    return {
      deploying: () => undefined,
      abandon: async () => undefined,
      async finish(report) {
        if (report.outcome.operation !== 'deleted' && report.outcome.operation !== 'absent') return;
        try {
          const [{ setDeploymentStatus }, client] = await gh();
          const ids = await listed;
          await Promise.all(ids.map(id => setDeploymentStatus(client, owner, repo, id, { state: 'inactive', description: `${name} deleted` })));
          if (ids.length) runner.info(`GitHub deployments of ${name}: ${ids.length} marked inactive`);
        } catch (err) {
          warn(err);
        }
      },
    };
  }

  const branch = branchOf(plan);
  const production = Boolean(branch && event.defaultBranch && branch === event.defaultBranch);
  const environment = environmentOf(root, production);
  const create = async (sha: string, inProgress: boolean): Promise<number> => {
    const [{ createDeployment, setDeploymentStatus }, client] = await gh();
    const id = await createDeployment(client, {
      owner,
      repo,
      sha,
      task,
      environment,
      production,
      payload: { namespace: name, server: serverHost(settings.dj!.url) },
      description: name,
    });
    if (inProgress) await setDeploymentStatus(client, owner, repo, id, { state: 'in_progress', ...(logUrl ? { logUrl } : {}) });
    return id;
  };
  const sha = plan.kind === 'ensure' || plan.kind === 'deploy' ? plan.sha : undefined;
  // Created as DJ is asked to deploy (the target's checks passed, the commit is not deployed yet), beside that request.
  let early: Promise<number | undefined> | undefined;
  const listEarlier = () => gh().then(([{ deploymentsOf }, client]) => deploymentsOf(client, owner, repo, task, environment));
  // Listed beside the deployment when the commit is known up front; otherwise once there is one to supersede them.
  const earlier = sha ? listEarlier() : undefined;
  earlier?.catch(() => undefined);
  return {
    deploying() {
      if (!sha || early) return;
      early = create(sha, true);
      early.catch(() => undefined);
    },
    async abandon() {
      const id = await early?.catch(() => undefined);
      if (id === undefined) return;
      const [{ setDeploymentStatus }, client] = await gh();
      await setDeploymentStatus(client, owner, repo, id, { state: 'error', description: 'the run failed', ...(logUrl ? { logUrl } : {}) }).catch(() => undefined);
    },
    async finish(report) {
      const deployed = report.deployedSha;
      try {
        const [{ setDeploymentStatus }, client] = await gh();
        let id = early ? await early : undefined;
        if (!deployed) {
          // Nothing deployed after all (`deploy: changed` found no changes): the deployment made for it is not one.
          if (id !== undefined) await setDeploymentStatus(client, owner, repo, id, { state: 'inactive', description: 'nothing deployed' });
          return;
        }
        id ??= await create(deployed, false);
        const previous = (await (earlier ?? listEarlier()).catch(() => [] as number[])).filter(x => x !== id).slice(0, MARK_AT_MOST);
        const state = report.verdict.fails ? 'failure' : 'success';
        await Promise.all([
          setDeploymentStatus(client, owner, repo, id, {
            state,
            ...(report.outcome.url ? { environmentUrl: report.outcome.url } : {}),
            ...(logUrl ? { logUrl } : {}),
            description: report.counts || name,
          }),
          ...previous.map(p => setDeploymentStatus(client, owner, repo, p, { state: 'inactive', description: 'superseded' })),
        ]);
        runner.info(`GitHub deployment ${id} (${environment}) ${state} on ${deployed.slice(0, 7)}${previous.length ? `; ${previous.length} earlier marked inactive` : ''}`);
      } catch (err) {
        runner.warning(whyNot(err));
      }
    },
  };
}

/** After a prune: each pruned namespace's deployments marked `inactive`, a few namespaces at a time. */
function pruned(run: RunContext, where: { owner: string; name: string }): StartedDeployment {
  const { owner, name: repo } = where;
  const gh = () => Promise.all([import('../github-deployments.js'), run.github()]);
  // Each pruned namespace's deployments are listed and marked once the prune is done, a few namespaces at a time.
  return {
    deploying: () => undefined,
    abandon: async () => undefined,
    async finish(report) {
      const names = report.outcome.operation === 'pruned' ? report.outcome.pruned : [];
      if (!names.length) return;
      try {
        const [{ deploymentsOf, setDeploymentStatus }, client] = await gh();
        const marked = await mapPool(names, PRUNE_CONCURRENCY, async ns => {
          const ids = await deploymentsOf(client, owner, repo, taskOf(ns));
          await Promise.all(ids.map(id => setDeploymentStatus(client, owner, repo, id, { state: 'inactive', description: `${ns} deleted` })));
          return ids.length;
        });
        const total = marked.reduce((a, b) => a + b, 0);
        if (total) runner.info(`GitHub deployments of ${names.length} pruned ${names.length === 1 ? 'namespace' : 'namespaces'}: ${total} marked inactive`);
      } catch (err) {
        runner.warning(whyNot(err));
      }
    },
  };
}
