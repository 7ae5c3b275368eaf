/**
 * The end of every run: the step outputs, the job summary and the log's result line, for an
 * outcome or for a failure. Returns the step's failure line, if any; main is the one place
 * that calls setFailed with it.
 */
import { describeError, InputError } from '../errors.js';
import { redactOutcome } from '../log-safety.js';
import { outputsFor } from '../outputs.js';
import { branchOf, prOf, type Plan } from '../plan.js';
import { targetNameOf, type RunContext } from '../run-context.js';
import type { Settings } from '../settings.js';
import { knownOutcomeOf, type Outcome, type Reported } from '../targets/target.js';
import { writeComment } from './comment-step.js';
import { logReport } from './log.js';
import { renderMarkdown, renderReport, type ReportContext } from './markdown.js';
import type { Report } from './model.js';
import * as runner from '../runner.js';
import type { ImpactSummary } from '../targets/dj/impact.js';

/** Sets every output of SPEC §3 from an outcome, within GitHub's limits; returns what was cut. */
function setOutputs(outcome: Reported, impact?: ImpactSummary): string[] {
  const { values, notes } = outputsFor(outcome, process.env, impact);
  for (const [name, value] of Object.entries(values)) runner.setOutput(name, value);
  return notes;
}

/** Outputs, summary and result line of a run that produced an outcome; the failure line when the verdict fails the step. */
export async function finish(report: Report, startedAt: number): Promise<string | undefined> {
  report.ctx.outputNotes = setOutputs(report.outcome, report.impact);
  await runner.appendSummary(renderMarkdown(report));
  logReport(report, Date.now() - startedAt, runner);
  return report.verdict.fails ? report.verdict.line : undefined;
}

/** How far a run got before it failed. */
export interface RunSoFar {
  settings?: Settings;
  plan?: Plan;
  run?: RunContext;
  outcome?: Outcome;
}

/** Reports a failed run everywhere a good one is reported; returns the failure line. */
export async function reportFailure(err: unknown, sofar: RunSoFar, ctx: ReportContext): Promise<string> {
  const { settings, plan, run, outcome } = sofar;
  const message = describeError(err);
  ctx.error = runner.redact(message);
  const branch = plan ? branchOf(plan) : undefined;
  const name = settings ? targetNameOf(settings, branch) : undefined;
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
  const body = renderReport(failed, ctx);
  await runner.appendSummary(body).catch(() => undefined); // the failure line is what matters
  // The pull request hears about the failure too (the comment says what failed), unless the
  // failure is in the inputs, or the comment itself was the problem.
  const pr = plan ? prOf(plan) : undefined;
  if (run && pr && run.settings.githubToken && run.settings.comment && !run.settings.dryRun && !(err instanceof InputError) && !outcome) {
    await runner.group('Pull-request comment', () => writeComment(run, pr, failed, body)).catch(() => undefined);
  }
  return message;
}
