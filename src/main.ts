/**
 * run(): settings → event → plan → target → report. The one place that calls setFailed; each
 * step lives in its own module (operations/ carries out a plan, report/ tells what happened).
 */
import * as runner from './runner.js';
import { readSettings } from './settings.js';
import { readEvent } from './event.js';
import { branchOf, decide, prOf, type Plan } from './plan.js';
import { logRetry, runContext, targetNameOf, type RunContext } from './run-context.js';
import type { Outcome, TargetDeps } from './targets/target.js';
import { execute, loadTarget } from './operations/execute.js';
import { redactOutcome } from './log-safety.js';
import { decisionLine, reportContext } from './report/context.js';
import { renderMarkdown, type ReportContext } from './report/markdown.js';
import { buildReport, type Report } from './report/model.js';
import { startCommentSearch, writeComment } from './report/comment-step.js';
import { recordStatus, startStatusCheck } from './report/status-step.js';
import { finish, reportFailure, type RunSoFar } from './report/finish.js';
import { previewReport, startPreview } from './preview-step.js';

/** The whole run. Never throws: a failure ends in one setFailed line. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now();
  const ctx = reportContext(env);
  const sofar: RunSoFar = {};
  let acknowledge: ((failed: boolean) => Promise<void>) | undefined;
  let acknowledgeOutcome: ((outcome: Outcome, ctx: ReportContext) => Promise<void>) | undefined;
  try {
    const settings = (sofar.settings = readSettings(env, runner.setSecret));
    ctx.dryRun = settings.dryRun;
    ctx.failOn = settings.failOn;
    const read = readEvent(env);
    // A comment command (SPEC §13) becomes a pull-request run: commands/ is loaded only for it.
    const command = read.kind === 'other' && read.comment && settings.operation === 'auto' ? await startCommand(runContext(settings, read, env), read.comment) : undefined;
    acknowledge = command?.acknowledge;
    acknowledgeOutcome = command?.acknowledgeOutcome;
    const event = command?.event ?? read;
    const plan = (sofar.plan = command?.plan ?? decide(event, settings));
    const branch = branchOf(plan);
    // The branch's namespace (or name), once: for the log, the comment's marker, the status and skip outputs.
    const name = targetNameOf(settings, branch);
    ctx.prNumber = event.kind === 'pull_request' ? event.number : undefined;
    ctx.headSha = prOf(plan)?.sha ?? (plan.kind === 'deploy' ? plan.sha : undefined);
    ctx.decision = decisionLine(event, settings, plan, branch, name);
    runner.info(`Decision: ${ctx.decision}`);
    if (command?.shown) ctx.command = command.shown;
    const run = (sofar.run = command?.run ?? runContext(settings, event, env));
    const report =
      plan.kind === 'skip'
        ? buildReport<Outcome>({ target: settings.target, operation: 'skipped', skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] }, ctx)
        : await act(run, plan, name, ctx, acknowledgeOutcome);
    sofar.outcome = report.outcome;
    const failure = await finish(report, startedAt);
    await acknowledge?.(Boolean(failure));
    if (failure) runner.setFailed(failure);
  } catch (err) {
    const line = await reportFailure(err, sofar, ctx);
    await acknowledge?.(true);
    runner.setFailed(line);
  }
}

/** The comment command of an `issue_comment` run, from its own chunk. */
async function startCommand(...args: Parameters<typeof import('./commands/command.js').startCommand>) {
  return (await import('./commands/command.js')).startCommand(...args);
}

/** A plan that does something: the target acts; the commit status and the comment report it. */
async function act(
  run: RunContext,
  plan: Exclude<Plan, { kind: 'skip' }>,
  name: string | undefined,
  ctx: ReportContext,
  acknowledge?: (outcome: Outcome, ctx: ReportContext) => Promise<void>,
): Promise<Report<Outcome>> {
  const { settings } = run;
  const pr = prOf(plan);
  const comment = Boolean(pr && settings.comment && !settings.dryRun);
  // Without a token there is no comment, but the target's work and every output still happen.
  if (comment && !settings.githubToken) {
    runner.warning(
      `Input 'github-token' is empty, so the pull-request comment is not written; the job summary has the report. Pass \`github-token: \${{ github.token }}\` (the default) to get the comment.`,
    );
  }
  const commentTo = comment && settings.githubToken ? pr : undefined;
  // The comment search and the commit-status look-ups do not depend on the target: they start now, in parallel.
  const found = commentTo && name ? startCommentSearch(run, commentTo, name) : undefined;
  const statuses = startStatusCheck(run, plan, name);
  // The GitHub deployment is created while DJ deploys (loaded only by runs that may write one).
  const deployment =
    settings.deployments && settings.target === 'dj' && !settings.dryRun ? import('./report/deployment-step.js').then(m => m.startDeployment(run, plan, name)) : undefined;
  // The check run's YAML files are read beside the deployment (loaded only by runs that may write one).
  const checkRun =
    settings.checks && settings.target === 'dj' && !settings.dryRun ? import('./report/check-run-step.js').then(m => m.startCheckRun(run, plan, ctx.headSha)) : undefined;
  const deps: TargetDeps = {
    log: runner.info,
    mask: runner.setSecret,
    http: { timeoutMs: settings.timeoutMs, retries: settings.retries, onRetry: logRetry },
    repository: run.event.repo ?? null,
    // The GitHub deployment is created as DJ is asked to deploy, beside that request.
    ...(deployment ? { onDeploying: () => void deployment.then(d => d?.deploying()) } : {}),
  };
  const target = await loadTarget(run, deps);
  // The merge preview (pull requests, dj) runs beside the deployment; the report, a failure's too, waits for both.
  const preview = startPreview(target, run, plan);
  const title = `${settings.target}: ${plan.kind} ${branchOf(plan) ?? ''}`.trim();
  // `/dj deploy` deploys the head commit even if it is deployed: the record is read (and written) but not obeyed.
  const check = plan.kind === 'ensure' && plan.force ? undefined : statuses?.check;
  const executed = runner
    .group(title, () => execute(plan, target, run, check))
    .catch(async (err: unknown) => {
      await deployment?.then(d => d?.abandon());
      throw err;
    })
    .finally(async () => (ctx.impact = await previewReport(preview)));
  // Server text (node messages, names) may echo a credential: redacted before anything renders it.
  const outcome = redactOutcome(await executed, runner.redactor());
  // A label event or `/dj preview` without a namespace has no preview to show (SPEC §13).
  if (outcome.operation === 'skipped') ctx.impact = undefined;
  // The review (SPEC §10.1) needs the deployed branch namespace and the preview; loaded only then.
  if (preview && pr && ctx.impact && 'summary' in ctx.impact) {
    const { addReview } = await import('./review-step.js');
    ctx.impact = await addReview({ report: ctx.impact, outcome, target, run, env: run.env, prNumber: pr.number, found, behindBy: preview.behindBy });
  }
  // The report is built once; the check run or the commit status, the deployment and the comment are its sinks, written in parallel.
  const report = buildReport(outcome, ctx);
  // The check run is the record where it can be written; the commit status only when it is not (SPEC §4.1).
  const written = checkRun ? checkRun.then(c => c?.write(report) ?? false) : Promise.resolve(false);
  const recorded = Promise.all([written.then(w => (w ? undefined : recordStatus(run, report, statuses?.problem))), deployment?.then(d => d?.finish(report))]);
  // A command's reaction (rocket, or confused when the verdict fails) goes out beside them.
  const acknowledged = acknowledge?.(outcome, ctx);
  if (commentTo) await runner.group('Pull-request comment', () => writeComment(run, commentTo, outcome, renderMarkdown(report), found));
  await recorded;
  await acknowledged;
  return report;
}
