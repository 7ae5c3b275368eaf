/**
 * The merge preview in the comment and the summary, pure: one line that says what merging would
 * do, then the downstream nodes merging would break, then the rest folded. Everything that came
 * from the server goes through {@link escapeMarkdown}; owners are DJ user names shown as text, so
 * nobody is notified.
 */
import { escapeMarkdown } from './markdown.js';
import { newlyInvalid, type DownstreamImpact, type ImpactSummary } from '../targets/dj/impact.js';

export type { ImpactReport } from '../targets/dj/impact.js';

/** How many rows each list shows before the rest is only counted. */
const DEFAULT_ROWS = 50;

/** Rendering options: how many rows each list shows. */
export interface ImpactRenderOptions {
  maxRows?: number;
}
/** Longest server message shown in a cell. */
const MAX_REASON = 300;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one line under the verdict: "Merging would update 3 nodes, add 1, remove 0; 12 downstream nodes affected, 2 would become invalid". */
export function impactHeadline(summary: ImpactSummary): string {
  const { created, updated, deleted } = summary.changes;
  const broken = newlyInvalid(summary).length;
  const parts = [`Merging would update ${plural(updated.length, 'node')}, add ${created.length}, remove ${deleted.length}`];
  if (summary.failed.length) parts[0] += `, and fail on ${summary.failed.length}`;
  parts.push(summary.downstream.length ? `${plural(summary.downstream.length, 'downstream node')} affected, ${broken} would become invalid` : 'no downstream node affected');
  return `${parts.join('; ')}.`;
}

/** A node name relative to the base namespace, escaped (external nodes keep their full name). */
function shortName(name: string, base: string): string {
  return escapeMarkdown(name.startsWith(`${base}.`) ? name.slice(base.length + 1) : name);
}

function reason(text: string): string {
  const flat = text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
  return escapeMarkdown(flat);
}

function downstreamRows(rows: DownstreamImpact[], base: string, maxRows: number): string[] {
  const shown = rows.slice(0, maxRows);
  if (!shown.length) return [`${plural(rows.length, 'node')} (the \`impact\` output has them all).`];
  const lines = [
    '| node | status | why | caused by | owners |',
    '|---|---|---|---|---|',
    ...shown.map(d => {
      const status =
        d.current_status === d.predicted_status ? escapeMarkdown(d.predicted_status) : `${escapeMarkdown(d.current_status)} → **${escapeMarkdown(d.predicted_status)}**`;
      const name = `${shortName(d.name, base)}${d.is_external ? ' (other namespace)' : ''}`;
      const owners = d.owners.length ? d.owners.map(escapeMarkdown).join(', ') : '—';
      return `| ${name} | ${status} | ${reason(d.impact_reason)} | ${d.caused_by.map(c => shortName(c, base)).join(', ')} | ${owners} |`;
    }),
  ];
  if (rows.length > shown.length) lines.push('', `…and ${rows.length - shown.length} more (the \`impact\` output has them all).`);
  return lines;
}

/** The merge-preview section: headline, what would fail or break, the rest folded. */
export function renderImpact(summary: ImpactSummary, options: ImpactRenderOptions = {}): string {
  const MAX_ROWS = options.maxRows ?? DEFAULT_ROWS;
  const base = summary.base;
  const { created: c, updated: u, deleted: d } = summary.changes;
  if (!c.length && !u.length && !d.length && !summary.failed.length && !summary.downstream.length) {
    return `**Merging would change no node** in ${escapeMarkdown(base)}.`;
  }
  const out = [`**${escapeMarkdown(impactHeadline(summary))}** (into ${escapeMarkdown(base)})`];
  if (summary.failed.length) {
    out.push('', '> [!CAUTION]', '> Merging would fail on these changes:');
    for (const f of summary.failed.slice(0, MAX_ROWS)) out.push(`> - ${shortName(f.name, base)} (${escapeMarkdown(f.operation)}): ${reason(f.message)}`);
    if (summary.failed.length > MAX_ROWS) out.push(`> - …and ${summary.failed.length - MAX_ROWS} more`);
  }
  const broken = newlyInvalid(summary);
  const rest = summary.downstream.filter(d => !broken.includes(d));
  if (broken.length) out.push('', 'Would become invalid:', '', ...downstreamRows(broken, base, MAX_ROWS));
  const { created, updated, deleted } = summary.changes;
  const changed = [
    ...updated.map(n => `- updated: ${shortName(n, base)}`),
    ...created.map(n => `- added: ${shortName(n, base)}`),
    ...deleted.map(n => `- removed: ${shortName(n, base)}`),
  ];
  if (changed.length || rest.length) {
    out.push('', '<details><summary>Changed nodes and other downstream effects</summary>', '');
    out.push(...changed.slice(0, MAX_ROWS));
    if (changed.length > MAX_ROWS) out.push(`- …and ${changed.length - MAX_ROWS} more`);
    if (rest.length) out.push('', ...downstreamRows(rest, base, MAX_ROWS));
    out.push('', '</details>');
  }
  return out.join('\n');
}

/** The note shown instead when there is no preview (a server without the endpoint, an answer the action cannot use). */
export function renderImpactUnavailable(why: string): string {
  return ['> [!NOTE]', `> No merge preview: ${escapeMarkdown(why)}`].join('\n');
}
