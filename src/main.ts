/**
 * run(): settings → event → plan → execute → report. The one place that talks to the runner
 * and the one place that calls setFailed.
 */
import * as runner from './runner.js';
import { readSettings, type Settings } from './settings.js';
import { readEvent, type BranchEvent, type Repo } from './event.js';
import { decide, type Plan, type PrRef } from './plan.js';
import { namespaceForBranch } from './naming.js';
import type { BranchTarget, DeployChecker, Outcome, Reported, TargetDeps, TargetName } from './targets/target.js';
import { commitOf, InputError, knownOutcomeOf, RefusedError } from './targets/target.js';
import { HttpError } from './errors.js';
import { renderReport, stickyMarker, type ReportContext } from './report/markdown.js';
import { stepVerdict } from './verdict.js';
import { logOutcome } from './report/log.js';
import { countsPhrase } from './report/counts.js';
import { startDeployCheck, statusDescription, writeDeployStatus, type StartedCheck } from './report/commit-status.js';
import type { GitHubClient } from './github.js';
import type { StickySearch } from './report/comment.js';
import { selectForPrune } from './prune.js';
import { askFollowedRepository, repoText } from './repository.js';
import { redactOutcome } from './log-safety.js';
import { outputsFor } from './outputs.js';
import { mapPool } from './pool.js';

type Env = NodeJS.ProcessEnv;

/** How many deletions prune runs at once. */
const PRUNE_CONCURRENCY = 8;

/** Loads only the target the run uses (start-up: no other target's code is parsed). */
async function loadTarget(settings: Settings, deps: TargetDeps): Promise<BranchTarget> {
  const modules: Record<TargetName, () => Promise<{ createTarget: (s: Settings, d: TargetDeps) => BranchTarget }>> = {
    dj: () => import('./targets/dj/target.js'),
    fossil: () => import('./targets/fossil/target.js'),
    pdc: () => import('./targets/pdc/target.js'),
  };
  const mod = await modules[settings.target]();
  return mod.createTarget(settings, deps);
}

/** The target-side name for logs and outputs, computed without loading the target. */
function displayName(settings: Settings, branch: string | undefined): string | undefined {
  if (!branch) return undefined;
  if (settings.target !== 'dj' || !settings.dj) return branch;
  try {
    return namespaceForBranch(settings.dj.namespace, branch);
  } catch {
    return undefined;
  }
}

function runUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

function describeEvent(event: BranchEvent): string {
  switch (event.kind) {
    case 'pull_request':
      return `pull_request (${event.action}) #${event.number}`;
    case 'other':
      return event.name || '(none)';
    default:
      return `${event.kind} (${event.refType})`;
  }
}

function planBranch(plan: Plan): string | undefined {
  return 'branch' in plan ? plan.branch : undefined;
}

function planPr(plan: Plan): PrRef | undefined {
  return 'pr' in plan ? plan.pr : undefined;
}

/** Sets every output of SPEC §3 from an outcome, within GitHub's limits (notes say what was cut). */
function setOutputs(outcome: Outcome): string[] {
  const { values, notes } = outputsFor(outcome, process.env);
  for (const [name, value] of Object.entries(values)) runner.setOutput(name, value);
  return notes;
}

/** Runs a plan against the target. */
async function execute(plan: Exclude<Plan, { kind: 'skip' }>, target: BranchTarget, settings: Settings, event: BranchEvent, env: Env, check?: DeployChecker): Promise<Outcome> {
  const dryRun = settings.dryRun;
  switch (plan.kind) {
    case 'ensure':
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check });
    case 'deploy': {
      if (plan.skipWhenNotLinked) {
        // A push to a branch that can never have a namespace (release/1.2) is not an error on
        // every push: there is simply nothing linked to deploy. Creating one is what fails.
        try {
          target.nameFor(plan.branch);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          return { target: target.name, operation: 'skipped', skipReason: 'not-linked', gitBranch: plan.branch, results: [], notes: [err.message] };
        }
      }
      if (!target.deploy) {
        const name = target.nameFor(plan.branch);
        return { target: target.name, operation: 'unchanged', why: 'linked', name, gitBranch: plan.branch, results: [], notes: [`${target.name} has no deploy step: nothing to do for ${name}.`] };
      }
      return target.deploy({ gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    }
    case 'remove':
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun });
    case 'keep': {
      const name = target.nameFor(plan.branch);
      return {
        target: target.name,
        operation: 'unchanged',
        why: 'kept',
        name,
        ...(target.urlFor?.(name) ? { url: target.urlFor(name) } : {}),
        gitBranch: plan.branch,
        results: [],
        notes: [`Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`],
      };
    }
    case 'create': {
      // A name the target refuses is refused before anything is sent, GitHub included.
      target.nameFor(plan.branch);
      const gh = await github(settings, env);
      const { repo, value: exists } = await askFollowedRepository(event.repo ?? null, () => followedRepository(target, event), settings.allowOtherRepository, r =>
        gh.branchExists(r.owner, r.name, plan.branch),
      );
      if (exists) return target.ensure({ gitBranch: plan.branch, deploy: settings.deploy, dryRun });
      if (!target.createWithGitBranch) {
        throw new InputError(`Git branch '${plan.branch}' does not exist in ${repo.owner}/${repo.name}, and target '${target.name}' cannot create it. Push the branch first.`);
      }
      return target.createWithGitBranch({ gitBranch: plan.branch, dryRun });
    }
    case 'list': {
      const branches = await target.list();
      return { target: target.name, operation: 'listed', branches, results: [], notes: [`${branches.length} branch${branches.length === 1 ? '' : 'es'}.`] };
    }
    case 'prune':
      return prune(target, settings, event, env);
  }
}

/** The repository whose branches the target follows; the event's for targets that know none. */
function followedRepository(target: BranchTarget, event: BranchEvent): Promise<Repo> {
  return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}

function requireRepo(event: BranchEvent): Repo {
  if (!event.repo) throw new InputError('The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.');
  return event.repo;
}

let githubClient: Promise<import('./github-lazy.js').GitHubClient> | undefined;

/** The run's one GitHub client (loaded only on paths that talk to GitHub). */
function github(settings: Settings, env: Env): Promise<import('./github-lazy.js').GitHubClient> {
  githubClient ??= makeGitHub(settings, env);
  return githubClient;
}

async function makeGitHub(settings: Settings, env: Env) {
  const { GitHubClient } = await import('./github-lazy.js');
  if (!settings.githubToken) throw new InputError(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
  return new GitHubClient({
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    token: settings.githubToken,
    timeoutMs: Math.min(settings.timeoutMs, 60_000),
    retries: settings.retries,
    onRetry: logRetry,
  });
}

async function prune(target: BranchTarget, settings: Settings, event: BranchEvent, env: Env): Promise<Outcome> {
  const gh = await github(settings, env);
  const [branches, { repo, value: gitBranches }] = await Promise.all([
    target.list(),
    askFollowedRepository(event.repo ?? null, () => followedRepository(target, event), settings.allowOtherRepository, r => gh.listBranchNames(r.owner, r.name)),
  ]);
  runner.info(`Git branches of ${repoText(repo)}: ${gitBranches.length}.`);
  const verdicts = selectForPrune(branches, {
    gitBranches: new Set(gitBranches),
    repository: repoText(repo),
    minAgeHours: settings.pruneMinAgeHours,
    ignore: settings.ignoreBranches,
    now: new Date(),
  });
  const doomed = verdicts.filter(v => v.remove).map(v => v.branch);
  runner.info(`${branches.length} branches, ${gitBranches.length} git branches; ${doomed.length} to prune.`);
  const failures: { name: string; message: string }[] = [];
  const pruned: string[] = [];
  await mapPool(doomed, PRUNE_CONCURRENCY, async branch => {
    try {
      const out = await target.remove({ gitBranch: branch.gitBranch, dryRun: settings.dryRun, known: branch });
      if (out.operation === 'deleted' || out.operation === 'planned') pruned.push(branch.name);
      runner.info(`${branch.name}: ${out.operation}`);
    } catch (err) {
      failures.push({ name: branch.name, message: (err as Error).message });
      runner.warning(`Prune of ${branch.name} failed: ${(err as Error).message}`);
    }
  });
  pruned.sort();
  const kept = verdicts.filter(v => !v.remove).length;
  const report = { target: target.name, branches, pruned, failures, results: [] };
  const notes = [`${settings.dryRun ? 'Would prune' : 'Pruned'} ${pruned.length}, kept ${kept}${failures.length ? `, ${failures.length} failed` : ''}.`];
  return settings.dryRun ? { ...report, operation: 'planned', of: 'prune', notes } : { ...report, operation: 'pruned', notes };
}

function logRetry(info: { method: string; path: string; attempt: number; of: number; delayMs: number; reason: string }): void {
  runner.warning(`${info.method} ${info.path}: ${info.reason}; retry ${info.attempt}/${info.of} in ${(info.delayMs / 1000).toFixed(1)} s`);
}

/** Writes the sticky comment; failures become warnings and never undo the work. */
async function comment(settings: Settings, env: Env, event: BranchEvent, pr: PrRef, outcome: Reported, body: string, found: Promise<StickySearch> | undefined): Promise<void> {
  const { findStickyComment, writeStickyComment } = await import('./github-lazy.js');
  const repo = requireRepo(event);
  const gh = await github(settings, env);
  const where = { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: stickyMarker(outcome.target, outcome.name ?? String(pr.number)) };
  const search = found ? await found : await findStickyComment(gh, where);
  const res = await writeStickyComment(gh, search, { ...where, body });
  if (!res.ok) {
    runner.warning(`The pull-request comment was not written: ${res.error.message}`);
    return;
  }
  runner.setOutput('comment-id', String(res.id));
  runner.setOutput('comment-url', runner.redact(res.url));
  runner.info(`Comment ${res.action}: ${res.url}`);
}

/** The whole run. Never throws: failures end in one setFailed line. */
export async function run(env: Env = process.env): Promise<void> {
  const started = Date.now();
  let settings: Settings | undefined;
  let event: BranchEvent | undefined;
  let plan: Plan | undefined;
  const ctx: ReportContext = { eventName: env.GITHUB_EVENT_NAME ?? '', runUrl: runUrl(env), repoUrl: repoUrl(env), dryRun: false, failOn: 'failed', now: new Date() };
  let outcome: Outcome | undefined;
  try {
    settings = readSettings(env, runner.setSecret);
    ctx.dryRun = settings.dryRun;
    ctx.failOn = settings.failOn;
    event = readEvent(env);
    plan = decide(event, settings);
    const branch = planBranch(plan);
    const name = displayName(settings, branch);
    const pr = planPr(plan);
    ctx.prNumber = event.kind === 'pull_request' ? event.number : undefined;
    ctx.headSha = pr?.sha ?? (plan.kind === 'deploy' ? plan.sha : undefined);
    ctx.decision = `event ${describeEvent(event)} · branch ${branch ?? '—'} · ${settings.target === 'dj' ? 'namespace' : 'name'} ${name ?? '—'} · plan ${plan.kind}${plan.kind === 'skip' ? ` (${plan.reason})` : ''}${settings.dryRun ? ' · dry-run' : ''}`;
    runner.info(`Decision: ${ctx.decision}`);

    if (plan.kind === 'skip') {
      outcome = { target: settings.target, operation: 'skipped', skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] };
    } else {
      const deps: TargetDeps = {
        log: runner.info,
        mask: runner.setSecret,
        http: { timeoutMs: settings.timeoutMs, retries: settings.retries, onRetry: logRetry },
        repository: event.repo ?? null,
      };
      const s = settings;
      const ev = event;
      const p = plan;
      // Without a token there is no comment, but the DJ work and every output still happen.
      const canComment = Boolean(pr && s.comment && !s.dryRun);
      if (canComment && !s.githubToken) {
        runner.warning(`Input 'github-token' is empty, so the pull-request comment is not written; the job summary has the report. Pass \`github-token: \${{ github.token }}\` (the default) to get the comment.`);
      }
      // The comment search and the commit-status look-ups do not depend on the target: start them now, in parallel.
      const found = canComment && s.githubToken && pr && name ? startCommentSearch(s, env, ev, pr, name) : undefined;
      const statuses = startStatusCheck(s, env, ev, p, name);
      const target = await loadTarget(s, deps);
      // Server text (node messages, names) may echo a credential: redacted before anything renders it.
      outcome = redactOutcome(await runner.group(`${s.target}: ${p.kind} ${branch ?? ''}`.trim(), () => execute(p, target, s, ev, env, statuses?.check)), runner.redactor());
      const o = outcome;
      // The commit status and the comment are independent: written in parallel.
      const recorded = s.target === 'dj' && s.githubToken && !s.dryRun ? recordStatus(s, env, ev, o, statuses?.problem) : undefined;
      if (canComment && s.githubToken && pr) {
        const body = renderReport(o, ctx);
        await runner.group('Pull-request comment', () => comment(s, env, ev, pr, o, body, found));
      }
      await recorded;
    }
    ctx.outputNotes = setOutputs(outcome);
    await runner.appendSummary(renderReport(outcome, ctx));
    logOutcome(outcome, ctx, Date.now() - started, runner);
    const verdict = stepVerdict(outcome, settings.failOn);
    if (verdict.fails) runner.setFailed(verdict.line);
  } catch (err) {
    const message = describeError(err);
    ctx.error = runner.redact(message);
    const branch = plan ? planBranch(plan) : undefined;
    const name = settings ? displayName(settings, branch) : undefined;
    // The server may have acted before its answer proved unusable: say what is known.
    const knownRaw = outcome ? undefined : knownOutcomeOf(err);
    const known = knownRaw && redactOutcome(knownRaw, runner.redactor());
    if (known) ctx.outputNotes = setOutputs(known);
    else if (settings && !outcome) {
      runner.setOutput('operation', '');
      runner.setOutput('namespace', name ?? '');
      runner.setOutput('git-branch', branch ?? '');
    }
    const failed: Reported = outcome ?? known ?? { target: settings?.target ?? 'dj', operation: 'failed', name, gitBranch: branch, results: [], notes: [] };
    try {
      await runner.appendSummary(renderReport(failed, ctx));
    } catch {
      /* the failure line below is what matters */
    }
    // The pull request hears about the failure too (the comment says what failed), unless the
    // failure is in the inputs or the comment itself was the problem.
    const pr = plan ? planPr(plan) : undefined;
    if (settings?.githubToken && event && pr && settings.comment && !settings.dryRun && !(err instanceof InputError) && !outcome) {
      const s = settings;
      const ev = event;
      await runner.group('Pull-request comment', () => comment(s, env, ev, pr, failed, renderReport(failed, ctx), undefined)).catch(() => undefined);
    }
    runner.setFailed(message);
  }
}

function repoUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env;
  return server && repo ? `${server}/${repo}` : undefined;
}

/**
 * Starts reading the commit's statuses (SPEC §4.1) when this run would deploy a known commit to
 * a DJ namespace; undefined when there is nothing to check (other targets, dry runs without a
 * token, explicit sync, create events: their namespace is new or the deployment is asked for).
 */
function startStatusCheck(settings: Settings, env: Env, event: BranchEvent, plan: Plan, name: string | undefined): StartedCheck | undefined {
  if (settings.target !== 'dj' || !name || !settings.githubToken || !event.repo) return undefined;
  const sha = plan.kind === 'ensure' && plan.deploy ? plan.sha : plan.kind === 'deploy' && plan.skipWhenNotLinked ? plan.sha : undefined;
  if (!sha) return undefined;
  const before = settings.deployChanged && (event.kind === 'push' || event.kind === 'pull_request') ? event.before : undefined;
  const repo = event.repo;
  const runs = runUrl(env)?.replace(/\d+$/, '');
  const gh = github(settings, env);
  const api = { request: <T>(req: Parameters<GitHubClient['request']>[0]) => gh.then(c => c.request<T>(req)) };
  return startDeployCheck(api, { owner: repo.owner, repo: repo.name, namespace: name, sha, ...(before ? { before } : {}), ...(runs ? { runsUrl: runs } : {}) });
}

/** After a deployment (or a commit found unchanged under `deploy: changed`): the commit status, and why statuses do not work, once. */
async function recordStatus(settings: Settings, env: Env, event: BranchEvent, outcome: Outcome, problem: Promise<string | undefined> | undefined): Promise<void> {
  const why = await problem;
  const c = commitOf(outcome);
  const deployed = (outcome.operation === 'created' || outcome.operation === 'updated') && c.deployedSha;
  const noChanges = outcome.operation === 'unchanged' && outcome.why === 'no-changes';
  const sha = deployed ? c.deployedSha : noChanges ? c.expectedSha : undefined;
  if (why) {
    runner.warning(why);
    return;
  }
  if (!sha || !event.repo || !outcome.name) return;
  const verdict = stepVerdict(outcome, settings.failOn);
  const counts = noChanges ? `no changes under git_path since ${c.deployedSha?.slice(0, 7) ?? 'the last deployment'}` : countsPhrase(outcome.results);
  const gh = await github(settings, env);
  const failed = await writeDeployStatus(gh, {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: outcome.name,
    sha,
    state: verdict.fails ? 'failure' : 'success',
    description: statusDescription(counts, env.GITHUB_RUN_ID),
    ...(outcome.url ? { targetUrl: outcome.url } : {}),
  });
  if (failed) runner.warning(failed);
  else runner.info(`Commit status ${verdict.fails ? 'failure' : 'success'} on ${sha.slice(0, 7)}: ${outcome.name}`);
}

/** Starts looking for the sticky comment; never rejects (failures are values). */
async function startCommentSearch(settings: Settings, env: Env, event: BranchEvent, pr: PrRef, name: string): Promise<StickySearch> {
  try {
    const { findStickyComment } = await import('./github-lazy.js');
    const repo = requireRepo(event);
    const gh = await github(settings, env);
    return await findStickyComment(gh, { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: stickyMarker(settings.target, name) });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}

/** One sentence for the failure line. */
function describeError(err: unknown): string {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}
