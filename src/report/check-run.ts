/**
 * The check run's sink of the report model (SPEC §12), pure: the conclusion by the verdict, the
 * verdict line as the title, the rendered report as the summary, and one annotation per failed
 * or invalid node at the `name:` line of the YAML file that defines it (a merge preview's broken
 * downstream node at the changed node that causes it). Nodes that cannot be placed are named in
 * the summary.
 */
import { serverIdentity } from '../server-identity.js';
import type { CheckAnnotation } from '../github-checks.js';
import { escapeMarkdown } from './escape.js';
import { renderMarkdown } from './markdown.js';
import type { Report, ReportNode } from './model.js';

/** Where a node is defined: a file of the deployed commit and the line of its `name:`. */
export interface NodePlace {
  path: string;
  line: number;
}

/** GitHub's limits: a check run's summary and text, an annotation's message and title. */
const MAX_OUTPUT = 65_535;
const MAX_MESSAGE = 4_000;
const MAX_TITLE = 255;

/** The check run of a root: stable, so branch protection can require it. */
export function checkRunName(root: string): string {
  return `dj / ${root}`;
}

/** The DJ server's host, as the check run's external_id names it: the one identity of server-identity.ts, which the statuses and the comment's marker use too. */
export function serverHost(url: string): string {
  return serverIdentity(url) ?? url;
}

/**
 * The node a YAML file defines and the line of its top-level `name:` (1-based), read without a
 * YAML parser: DJ's files name their node in one plain or quoted scalar. `${prefix}` (DJ's
 * namespace placeholder) is left out, so the name is relative to the namespace.
 */
export function nameLineOf(text: string): { name: string; line: number } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^name:[ \t]*(.*?)[ \t]*(?:#.*)?$/.exec(lines[i]!);
    if (!m) continue;
    const raw = m[1]!.replace(/^(['"])(.*)\1$/, '$2').trim();
    if (!raw) return undefined;
    return { name: raw.replace(/^\$\{prefix\}/, ''), line: i + 1 };
  }
  return undefined;
}

/** The node → place map of a commit's YAML files (by name relative to the namespace). */
export function placesOf(files: ReadonlyMap<string, string>): Map<string, NodePlace> {
  const places = new Map<string, NodePlace>();
  for (const [path, text] of files) {
    const found = nameLineOf(text);
    if (found && !places.has(found.name)) places.set(found.name, { path, line: found.line });
  }
  return places;
}

/** A node's place: by its name relative to the namespace, else by the longest name it ends with. */
function placeOf(places: ReadonlyMap<string, NodePlace>, short: string): NodePlace | undefined {
  const exact = places.get(short);
  if (exact) return exact;
  for (const [name, place] of places) if (short.endsWith(`.${name}`) || name.endsWith(`.${short}`)) return place;
  return undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What the check run says, before the repository and the commit are known. */
export interface CheckRunContent {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
  /** Nodes that could not be placed on a YAML line (named in the summary). */
  unplaced: string[];
}

/** The check run of a report, its annotations placed with `places`. */
export function checkRunContent(report: Report, places: ReadonlyMap<string, NodePlace>): CheckRunContent {
  const annotations: CheckAnnotation[] = [];
  const unplaced: string[] = [];
  const annotate = (n: ReportNode, at: NodePlace | undefined, title: string) => {
    if (!at) {
      unplaced.push(n.short);
      return;
    }
    annotations.push({ path: at.path, start_line: at.line, end_line: at.line, annotation_level: n.severity, title: clip(title, MAX_TITLE), message: clip(n.message, MAX_MESSAGE) });
  };
  for (const n of report.nodes) annotate(n, placeOf(places, n.short), `DJ ${n.kind === 'link' ? 'link' : 'node'} ${n.short}: ${n.status}`);
  for (const d of report.downstream) {
    const base = report.impact?.base;
    const causes = (d.causedBy ?? []).map(c => (base && c.startsWith(`${base}.`) ? c.slice(base.length + 1) : c));
    const at = causes.map(c => placeOf(places, c)).find(Boolean);
    annotate(d, at, `Merging would make ${d.short} ${d.status}${causes.length ? ` (caused by ${causes.join(', ')})` : ''}`);
  }
  let summary = renderMarkdown(report);
  if (unplaced.length) {
    const names = unplaced.map(escapeMarkdown).join(', ');
    summary += `\n\n**Not annotated** (no \`name:\` line found in the deployed commit's YAML): ${names}`;
  }
  let text: string | undefined;
  if (summary.length > MAX_OUTPUT) {
    text = clip(summary.slice(MAX_OUTPUT - 200), MAX_OUTPUT);
    summary = `${summary.slice(0, MAX_OUTPUT - 200)}\n\n… continued in the details below.`;
  } else if (/ results not shown/.test(summary) && report.nodes.length) {
    // The summary had to leave rows out: the details list every node that needs attention.
    const lines = report.nodes.map(n => `- **${escapeMarkdown(n.short)}** (${escapeMarkdown(n.status)}): ${escapeMarkdown(clip(n.message, 1_000))}`);
    text = clip(`Every failed or invalid node (${report.nodes.length}):\n\n${lines.join('\n')}`, MAX_OUTPUT);
  }
  return {
    conclusion: report.verdict.fails ? 'failure' : 'success',
    title: clip(report.title || 'dj-branch-sync', 1_000),
    summary,
    ...(text ? { text } : {}),
    annotations,
    unplaced,
  };
}
