/**
 * What the Actions log shows outside the collapsed groups: one result line a reader sees
 * without expanding anything, one annotation per node that needs attention (GitHub shows at
 * most 10 of each kind per step, so the last one says how many more), and the `list` table.
 */
import type { DeploymentResult, TargetBranch } from '../targets/target.js';
import { branchesOf } from '../targets/target.js';
import { headlinePlain } from './headline.js';
import type { Report, ReportNode } from './model.js';

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
export function resultLine(report: Report, elapsedMs: number): string {
  const { outcome, ctx, headline: h } = report;
  if (outcome.results.length && !ctx.error) {
    const where = headlinePlain({ ...h, text: '', detail: undefined }).replace(/^ · /, '');
    return `${report.counts} in ${seconds(elapsedMs)}${where ? ` · ${where}` : ''}`;
  }
  const [what, ...rest] = report.title.split(' · ');
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
function annotate(nodes: ReportNode[], cap: number, results: Map<string, DeploymentResult>, emit: (message: string, props: { title: string; file?: string }) => void): void {
  const shown = nodes.length > cap ? nodes.slice(0, cap - 1) : nodes;
  for (const n of shown) {
    const file = yamlFileOf(results.get(n.name)?.message ?? '');
    const clipped = n.message.length > MAX_ANNOTATION_MESSAGE ? `${n.message.slice(0, MAX_ANNOTATION_MESSAGE)}…` : n.message;
    emit(clipped, { title: `DJ ${n.kind === 'link' ? 'link' : 'node'} ${n.short}: ${n.status}`, ...(file ? { file } : {}) });
  }
  const rest = nodes.slice(shown.length);
  if (rest.length) {
    const names = rest.slice(0, 5).map(n => n.short);
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
export function annotateNodes(report: Report, log: LogSink): void {
  const results = new Map(report.outcome.results.map(r => [r.name, r]));
  const errors = report.nodes.filter(n => n.severity === 'failure');
  const warnings = report.nodes.filter(n => n.severity === 'warning');
  annotate(errors, ANNOTATIONS_PER_KIND - 1, results, (m, p) => log.error(m, p));
  annotate(warnings, ANNOTATIONS_PER_KIND, results, (m, p) => log.warning(m, p));
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

/** The log's sink: result line, node annotations, the list table. */
export function logReport(report: Report, elapsedMs: number, log: LogSink): void {
  const { outcome } = report;
  const branches = outcome.operation === 'listed' ? branchesOf(outcome) : undefined;
  if (branches?.length) log.info(branchTable(branches));
  log.info(resultLine(report, elapsedMs));
  // A skip is a success that says why, wherever it was decided (the plan, or the target: not linked).
  if (outcome.operation === 'skipped') log.notice(`Skipped (${outcome.skipReason}): ${outcome.notes.join(' ') || 'nothing to do'}`);
  annotateNodes(report, log);
}
