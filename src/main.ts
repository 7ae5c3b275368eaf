/**
 * run(): settings → event → plan → execute → report. The one place that talks to the runner
 * and the one place that calls setFailed.
 */
import * as runner from './runner.js';
import { readSettings, type Settings } from './settings.js';
import { readEvent, type BranchEvent, type Repo } from './event.js';
import { decide, type Plan, type PrRef } from './plan.js';
import { namespaceForBranch } from './naming.js';
import type { BranchTarget, Outcome, TargetDeps, TargetName } from './targets/target.js';
import { countByStatus, InputError, knownOutcomeOf, RefusedError } from './targets/target.js';
import { HttpError } from './http.js';
import { renderReport, stickyMarker, stepFailure, type ReportContext } from './report/markdown.js';
import type { StickySearch } from './report/comment.js';
import { selectForPrune } from './prune.js';
import { askFollowedRepository, repoText } from './repository.js';
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

/** Sets every output of SPEC §3 from an outcome. */
function setOutputs(outcome: Outcome): void {
  const set = (name: string, value: string) => runner.setOutput(name, value);
  set('operation', outcome.operation);
  set('skip-reason', outcome.skipReason ?? '');
  set('namespace', outcome.name ?? '');
  set('git-branch', outcome.gitBranch ?? '');
  set('deployed-sha', outcome.deployedSha ?? '');
  set('results', JSON.stringify(outcome.results));
  set('counts', JSON.stringify(countByStatus(outcome.results)));
  set('branches', JSON.stringify((outcome.branches ?? []).map(b => b.raw)));
  set('pruned', JSON.stringify(outcome.pruned ?? []));
}

/** The setFailed line for an outcome that `fail-on` (or a failed prune deletion) fails, or undefined. */
export function failureLine(outcome: Outcome, failOn: Settings['failOn']): string | undefined {
  const why = stepFailure(outcome, failOn);
  if (!why) return undefined;
  const list = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
  if (outcome.failures?.length) {
    return `Prune: ${why}: ${outcome.failures.slice(0, 5).map(f => `${f.name} (${f.message})`).join('; ')}${outcome.failures.length > 5 ? '; …' : ''}. The others were handled; see the summary.`;
  }
  const bad = outcome.results.filter(r => r.status === 'failed' || (failOn === 'invalid' && r.status === 'invalid'));
  return `Deployment to ${outcome.name ?? 'the namespace'}: ${why} of ${outcome.results.length}: ${list(bad.map(r => r.name))}. The summary lists each message; fix the YAML and push again.`;
}

/** Runs a plan against the target. */
async function execute(plan: Exclude<Plan, { kind: 'skip' }>, target: BranchTarget, settings: Settings, event: BranchEvent, env: Env): Promise<Outcome> {
  const dryRun = settings.dryRun;
  switch (plan.kind) {
    case 'ensure':
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun });
    case 'deploy': {
      if (plan.skipWhenNotLinked) {
        // A push to a branch that can never have a namespace (release/1.2) is not an error on
        // every push: there is simply nothing linked to deploy. Creating one is what fails.
        try {
          target.nameFor(plan.branch);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          runner.notice(err.message);
          return { target: target.name, operation: 'skipped', skipReason: 'not-linked', gitBranch: plan.branch, results: [], notes: [err.message] };
        }
      }
      return target.deploy({ gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun });
    }
    case 'remove':
      return target.remove({ gitBranch: plan.branch, deleteGitBranch: plan.deleteGitBranch, dryRun });
    case 'keep': {
      const name = target.nameFor(plan.branch);
      return {
        target: target.name,
        operation: 'unchanged',
        name,
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
      const out = await target.remove({ gitBranch: branch.gitBranch, deleteGitBranch: false, dryRun: settings.dryRun, known: branch });
      if (out.operation === 'deleted' || out.operation === 'planned') pruned.push(branch.name);
      runner.info(`${branch.name}: ${out.operation}`);
    } catch (err) {
      failures.push({ name: branch.name, message: (err as Error).message });
      runner.warning(`Prune of ${branch.name} failed: ${(err as Error).message}`);
    }
  });
  pruned.sort();
  const kept = verdicts.filter(v => !v.remove).length;
  return {
    target: target.name,
    operation: settings.dryRun ? 'planned' : 'pruned',
    branches,
    pruned,
    failures,
    results: [],
    notes: [`${settings.dryRun ? 'Would prune' : 'Pruned'} ${pruned.length}, kept ${kept}${failures.length ? `, ${failures.length} failed` : ''}.`],
  };
}

function logRetry(info: { method: string; path: string; attempt: number; of: number; delayMs: number; reason: string }): void {
  runner.warning(`${info.method} ${info.path}: ${info.reason}; retry ${info.attempt}/${info.of} in ${(info.delayMs / 1000).toFixed(1)} s`);
}

/** Writes the sticky comment; failures become warnings and never undo the work. */
async function comment(settings: Settings, env: Env, event: BranchEvent, pr: PrRef, outcome: Outcome, body: string, found: Promise<StickySearch> | undefined): Promise<void> {
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
  runner.setOutput('comment-url', res.url);
  runner.info(`Comment ${res.action}: ${res.url}`);
}

/** The whole run. Never throws: failures end in one setFailed line. */
export async function run(env: Env = process.env): Promise<void> {
  let settings: Settings | undefined;
  let event: BranchEvent | undefined;
  let plan: Plan | undefined;
  const ctx: ReportContext = { eventName: env.GITHUB_EVENT_NAME ?? '', runUrl: runUrl(env), dryRun: false, failOn: 'failed', now: new Date() };
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
      runner.notice(`Skipped (${plan.reason}): ${plan.why}`);
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
      // The comment search does not depend on the target: start it now, in parallel.
      const found = pr && s.comment && !s.dryRun && name ? startCommentSearch(s, env, ev, pr, name) : undefined;
      const target = await loadTarget(s, deps);
      // Server text (node messages, names) may echo a credential: redacted before anything renders it.
      outcome = runner.redactAll(await runner.group(`${s.target}: ${p.kind} ${branch ?? ''}`.trim(), () => execute(p, target, s, ev, env)));
      if (pr && s.comment && !s.dryRun) {
        const body = runner.redact(renderReport(outcome, ctx));
        await runner.group('Pull-request comment', () => comment(s, env, ev, pr, outcome!, body, found));
      }
    }
    setOutputs(outcome);
    runner.appendSummary(renderReport(outcome, ctx));
    const failure = failureLine(outcome, settings.failOn);
    if (failure) runner.setFailed(failure);
  } catch (err) {
    const message = describeError(err);
    ctx.error = runner.redact(message);
    const branch = plan ? planBranch(plan) : undefined;
    const name = settings ? displayName(settings, branch) : undefined;
    // The server may have acted before its answer proved unusable: say what is known.
    const knownRaw = outcome ? undefined : knownOutcomeOf(err);
    const known = knownRaw && runner.redactAll(knownRaw);
    if (known) setOutputs(known);
    else if (settings && !outcome) {
      runner.setOutput('operation', '');
      runner.setOutput('namespace', name ?? '');
      runner.setOutput('git-branch', branch ?? '');
    }
    const failed: Outcome = outcome ?? known ?? { target: settings?.target ?? 'dj', operation: 'skipped', name, gitBranch: branch, results: [], notes: [] };
    try {
      runner.appendSummary(renderReport(failed, ctx));
    } catch {
      /* the failure line below is what matters */
    }
    // The pull request hears about the failure too (the comment says what failed), unless the
    // failure is in the inputs or the comment itself was the problem.
    const pr = plan ? planPr(plan) : undefined;
    if (settings && event && pr && settings.comment && !settings.dryRun && !(err instanceof InputError) && !outcome) {
      const s = settings;
      const ev = event;
      await runner.group('Pull-request comment', () => comment(s, env, ev, pr, failed, renderReport(failed, ctx), undefined)).catch(() => undefined);
    }
    runner.setFailed(message);
  }
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
