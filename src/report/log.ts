/**
 * What the Actions log shows outside the collapsed groups: one result line a reader sees
 * without expanding anything, one annotation per node that needs attention (GitHub shows at
 * most 10 of each kind per step, so the last one says how many more), and the `list` table.
 */
import type { FailOn } from '../settings.js';
import type { DeploymentResult, Reported, TargetBranch } from '../targets/target.js';
import { branchesOf } from '../targets/target.js';
import { failsStep, stepVerdict, type Verdict } from '../verdict.js';
import { summaryOf } from '../targets/dj/impact.js';
import { countsPhrase } from './counts.js';
import { headlineOf, headlinePlain, problemMessage, shortNodeName, type ReportContext } from './markdown.js';

/** The runner functions the log needs (runner.ts's names). */
export interface LogSink {
  info(message: string): void;
  error(message: string, props?: { title?: string; file?: string }): void;
  warning(message: string, props?: { title?: string; file?: string }): void;
  notice(message: string, props?: { title?: string }): void;
}

/** GitHub shows at most this many annotations of one kind per step. */
export const ANNOTATIONS_PER_KIND = 10;
/** Longest server message in one annotation. */
const MAX_ANNOTATION_MESSAGE = 1_000;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "12 nodes: 8 updated, 1 unchanged, 2 failed, 1 invalid in 3.2 s · feature/x @ 9a8b7c6 → demo.metrics.feature_x". */
export function resultLine(outcome: Reported, ctx: ReportContext, elapsedMs: number, verdict: Verdict = stepVerdict(outcome, ctx.failOn)): string {
  const h = headlineOf(outcome, ctx, verdict);
  if (outcome.results.length && !ctx.error) {
    const where = headlinePlain({ ...h, text: '', detail: undefined }).replace(/^ · /, '');
    return `${countsPhrase(outcome.results)} in ${seconds(elapsedMs)}${where ? ` · ${where}` : ''}`;
  }
  const [what, ...rest] = headlinePlain(h).split(' · ');
  return [`${what} in ${seconds(elapsedMs)}`, ...rest].join(' · ');
}

/** A YAML file the server's message names as the node's definition, if any (relative, no `..`). */
export function yamlFileOf(message: string): string | undefined {
  const m = /(?:^|[\s'"(`])((?:[\w.-]+\/)*[\w.-]+\.ya?ml)\b/.exec(message);
  const file = m?.[1];
  if (!file || file.startsWith('/') || file.split('/').includes('..')) return undefined;
  return file;
}

/** Up to {@link ANNOTATIONS_PER_KIND} annotations for `nodes`; the last says how many more. */
function annotate(nodes: DeploymentResult[], cap: number, namespace: string | undefined, emit: (message: string, props: { title: string; file?: string }) => void): void {
  const shown = nodes.length > cap ? nodes.slice(0, cap - 1) : nodes;
  for (const r of shown) {
    const name = shortNodeName(r.name, namespace);
    const message = problemMessage(r.message) || `DJ reported ${r.status} without a message`;
    const file = yamlFileOf(r.message);
    const clipped = message.length > MAX_ANNOTATION_MESSAGE ? `${message.slice(0, MAX_ANNOTATION_MESSAGE)}…` : message;
    emit(clipped, { title: `DJ ${r.deploy_type === 'link' ? 'link' : 'node'} ${name}: ${r.status}`, ...(file ? { file } : {}) });
  }
  const rest = nodes.slice(shown.length);
  if (rest.length) {
    const names = rest.slice(0, 5).map(r => shortNodeName(r.name, namespace));
    emit(`${names.join(', ')}${rest.length > 5 ? ', …' : ''}; the job summary lists every node with its message.`, {
      title: `and ${rest.length} more ${rest.length === 1 ? 'node' : 'nodes'}`,
    });
  }
}

/**
 * One annotation per node that needs attention: `::error` for the nodes that fail the step
 * (nine at most, so that with the step's own failure line GitHub shows all ten), `::warning`
 * for the others (failed under `fail-on: never`, invalid under `fail-on: failed`).
 */
export function annotateNodes(outcome: Reported, failOn: FailOn, log: LogSink): void {
  const fails = (r: DeploymentResult) => failsStep(r.status, failOn);
  const errors = outcome.results.filter(fails);
  const warnings = outcome.results.filter(r => !fails(r) && (r.status === 'failed' || r.status === 'invalid'));
  annotate(errors, ANNOTATIONS_PER_KIND - 1, outcome.name, (m, p) => log.error(m, p));
  annotate(warnings, ANNOTATIONS_PER_KIND, outcome.name, (m, p) => log.warning(m, p));
}

/** The `list` table as plain text, columns aligned. */
export function branchTable(branches: readonly TargetBranch[]): string {
  const rows = [
    ['NAMESPACE / BRANCH', 'GIT BRANCH', 'NODES', 'INVALID', 'LAST UPDATED / STATE'],
    ...branches.map(b => [
      `${b.name}${b.isDefault ? ' (default)' : ''}`,
      b.gitBranch || '-',
      b.nodes === undefined ? '-' : String(b.nodes),
      b.invalidNodes === undefined ? '-' : String(b.invalidNodes),
      [b.lastUpdatedAt?.replace('T', ' ').replace(/\.\d+/, ''), b.state].filter(Boolean).join(' · ') || '-',
    ]),
  ].map(r => r.map(c => c.replace(/[\r\n\t]+/g, ' ')));
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map(r => r[i]!.length))));
  return rows
    .map(r =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Everything the log shows after the work: result line, node annotations, the list table. */
export function logOutcome(outcome: Reported, ctx: ReportContext, elapsedMs: number, log: LogSink): void {
  const verdict = stepVerdict(outcome, ctx.failOn, summaryOf(ctx.impact));
  const branches = outcome.operation === 'listed' ? branchesOf(outcome) : undefined;
  if (branches?.length) log.info(branchTable(branches));
  log.info(resultLine(outcome, ctx, elapsedMs, verdict));
  // A skip is a success that says why, wherever it was decided (the plan, or the target: not linked).
  if (outcome.operation === 'skipped') log.notice(`Skipped (${outcome.skipReason}): ${outcome.notes.join(' ') || 'nothing to do'}`);
  annotateNodes(outcome, ctx.failOn, log);
}
