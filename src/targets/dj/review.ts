/**
 * The review of SPEC §10.1, after the merge preview: for the metrics the pull request changes
 * and the downstream metrics the impact analysis names, the SQL DJ generates in the base
 * namespace beside the branch namespace's (namespace prefixes normalised, so only real
 * differences remain), optionally their values through DJ's `/data/`, and the owners of what
 * changes or breaks. Loaded only on the preview's path.
 *
 * Its requests, in the order their answers allow: both namespaces' specs (which nodes are
 * metrics, who owns them, which side has them) at once; then every SQL and value query at once.
 * Two sequential round trips. The I/O is passed in ({@link ReviewIO}).
 */
import * as v from 'valibot';
import { createTwoFilesPatch } from 'diff';
import type { ReviewSettings } from '../../settings.js';
import type { DeploymentSpecLike } from './preview.js';
import { newlyInvalid, type ImpactSummary } from './impact.js';

/** `GET /sql/metrics/v3/` as far as the review reads it (datajunction-server 0.0.272). */
export const metricSqlAnswer = v.looseObject({ sql: v.string(), dialect: v.optional(v.nullable(v.string())) });
export type MetricSqlAnswer = v.InferOutput<typeof metricSqlAnswer>;

/** `GET /data/` as far as the review reads it: DJ's QueryWithResults. */
export const dataAnswer = v.looseObject({
  state: v.optional(v.nullable(v.string())),
  results: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          columns: v.array(v.looseObject({ name: v.string(), semantic_type: v.optional(v.nullable(v.string())) })),
          rows: v.array(v.array(v.unknown())),
        }),
      ),
    ),
  ),
  errors: v.optional(v.nullable(v.array(v.unknown()))),
});
export type DataAnswer = v.InferOutput<typeof dataAnswer>;

/** The requests the review makes. */
export interface ReviewIO {
  exportSpec(namespace: string): Promise<DeploymentSpecLike>;
  metricSql(metric: string): Promise<MetricSqlAnswer>;
  metricData(metric: string, dimensions: string[]): Promise<DataAnswer>;
}

/** One metric's SQL review. */
export interface SqlReview {
  /** Name relative to the namespaces (`revenue`). */
  metric: string;
  change: 'changed' | 'unchanged' | 'added' | 'removed' | 'unknown';
  /** The unified diff of the normalised SQL (changed), or the branch's SQL (added). */
  diff?: string;
  /** Why the SQL could not be compared. */
  note?: string;
}

/** One row of a metric's values. */
export interface ValueRow {
  /** The dimension values (empty without `values-dimensions`). */
  key: string[];
  base: unknown;
  branch: unknown;
  delta: number | null;
  relative: number | null;
}

/** One metric's value review. */
export interface ValueReview {
  metric: string;
  rows: ValueRow[];
  /** Rows beyond `values-rows`. */
  more: number;
  /** Why the values could not be computed (a failed query, no query service, a timeout). */
  note?: string;
}

/** The review as the report and the `impact` output show it. */
export interface Review {
  sql: SqlReview[];
  values?: ValueReview[];
  dimensions: string[];
  /** Logins and org/team names asked for review by this run and earlier ones. */
  reviewers: string[];
  /** Sentences: a refusal, a dialect the server did not honour, metrics beyond the limit. */
  notes: string[];
  /** Commits the base has that the head lacks (GitHub's compare `behind_by`). */
  behindBy: number;
  /** The accept label, when the pull request carries it. */
  accepted?: string;
  /** Metrics named beyond `review-limit`. */
  omitted: number;
}

/** A node's `${prefix}name` (export spec) relative to its namespace. */
function relativeOf(name: string, ns: string): string {
  if (name.startsWith('${prefix}')) return name.slice('${prefix}'.length);
  return name.startsWith(`${ns}.`) ? name.slice(ns.length + 1) : name;
}

interface NodeFacts {
  type: string;
  owners: string[];
}

/** Relative name → node type and owners, from an exported spec. */
export function nodesOf(spec: DeploymentSpecLike | undefined): Map<string, NodeFacts> {
  const out = new Map<string, NodeFacts>();
  for (const n of spec?.nodes ?? []) {
    const owners = Array.isArray(n.owners) ? n.owners.filter((o): o is string => typeof o === 'string') : [];
    out.set(relativeOf(n.name, spec!.namespace), { type: typeof n.node_type === 'string' ? n.node_type : '', owners });
  }
  return out;
}

/** The metrics to review, relative to the namespaces: changed ones first, then downstream ones; at most `limit`. */
export function reviewedMetrics(summary: ImpactSummary, base: Map<string, NodeFacts>, branch: Map<string, NodeFacts>, limit: number): { metrics: string[]; omitted: number } {
  const rel = (n: string) => relativeOf(n, summary.base);
  const isMetric = (r: string) => (branch.get(r) ?? base.get(r))?.type === 'metric';
  const { updated, created, deleted } = summary.changes;
  const names = [...updated, ...created, ...deleted].map(rel).filter(isMetric);
  for (const d of summary.downstream) if (d.node_type === 'metric' && !d.is_external && d.name.startsWith(`${summary.base}.`)) names.push(rel(d.name));
  const unique = [...new Set(names)];
  return { metrics: unique.slice(0, limit), omitted: Math.max(0, unique.length - limit) };
}

/**
 * The SQL with the namespace's traces removed: dotted names (`demo.metrics.main.orders`), CTE
 * names (`demo_metrics_main_completed_orders`), and the 8-hex-digit suffixes DJ derives from
 * them (`amount_sum_6012fe8f`), numbered by first appearance so distinct ones stay distinct.
 */
export function normaliseSql(sql: string, ns: string): string {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let out = sql.replace(new RegExp(`\\b${esc(ns)}\\.`, 'g'), '').replace(new RegExp(`\\b${esc(ns.replace(/\./g, '_'))}_`, 'g'), '');
  const seen = new Map<string, string>();
  out = out.replace(/([A-Za-z0-9])_([0-9a-f]{8})\b/g, (_m, before: string, hash: string) => {
    if (!seen.has(hash)) seen.set(hash, `h${seen.size + 1}`);
    return `${before}_${seen.get(hash)}`;
  });
  return out.trimEnd() + '\n';
}

/** Why a request failed, in one sentence (DJ's message when there is one). */
export function failureText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { status?: number; serverMessage?: string; message?: string };
    if (e.status === 500) return `DJ answered HTTP 500 (${e.serverMessage ?? 'Internal Server Error'}); values need a DJ server with a query service and an engine on the catalog`;
    if (e.status && e.serverMessage) return `DJ answered HTTP ${e.status}: ${e.serverMessage}`;
    if (e.message) return e.message;
  }
  return String(err);
}

/** A number from a cell (DJ's JSON numbers, or numeric strings such as decimals). */
function numeric(cell: unknown): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell.trim())) return Number(cell);
  return null;
}

/** The rows of a `/data/` answer keyed by their dimension values; or why there are none. */
export function valuesOf(answer: DataAnswer): { rows: Map<string, { key: string[]; value: unknown }> } | { failed: string } {
  if (answer.state && answer.state !== 'FINISHED') {
    const errors = (answer.errors ?? []).map(e =>
      typeof e === 'string' ? e : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : JSON.stringify(e),
    );
    return { failed: `the query ${answer.state === 'FAILED' ? 'failed' : `ended ${answer.state}`}${errors.length ? `: ${errors.join('; ')}` : ''}` };
  }
  const result = answer.results?.[0];
  if (!result) return { failed: 'DJ answered without results' };
  let at = result.columns.findIndex(c => c.semantic_type === 'metric');
  if (at === -1) at = result.columns.length - 1;
  const rows = new Map<string, { key: string[]; value: unknown }>();
  for (const row of result.rows) {
    const key = row.filter((_c, i) => i !== at).map(c => (c === null || c === undefined ? '∅' : String(c)));
    rows.set(JSON.stringify(key), { key, value: row[at] ?? null });
  }
  return { rows };
}

/** Base beside branch, row by row (base order first, then rows only the branch has), with the change. */
export function compareValues(
  base: Map<string, { key: string[]; value: unknown }>,
  branch: Map<string, { key: string[]; value: unknown }>,
  max: number,
): { rows: ValueRow[]; more: number } {
  const keys = [...new Set([...base.keys(), ...branch.keys()])].sort();
  const rows = keys.map(k => {
    const b = base.get(k);
    const h = branch.get(k);
    const bn = numeric(b?.value);
    const hn = numeric(h?.value);
    const delta = bn !== null && hn !== null ? hn - bn : null;
    const relative = delta !== null && bn ? delta / Math.abs(bn) : null;
    return { key: (b ?? h)!.key, base: b ? b.value : null, branch: h ? h.value : null, delta, relative };
  });
  return { rows: rows.slice(0, max), more: Math.max(0, rows.length - max) };
}

/** What the review needs besides its I/O. */
export interface ReviewRequest {
  summary: ImpactSummary;
  /** The pull request's branch namespace, deployed. */
  branchNs: string;
  settings: ReviewSettings;
  behindBy: number;
  /** Called with the owners to ask as soon as the specs are in, so the review requests run beside the SQL and values; awaited with them. */
  onOwners?: (owners: string[]) => Promise<void>;
}

/** The owners (DJ users) of the nodes the pull request changes and of the downstream nodes merging would make invalid. */
export function ownersToAsk(summary: ImpactSummary, base: Map<string, NodeFacts>, branch: Map<string, NodeFacts>): string[] {
  const owners = new Set<string>();
  const { updated, created, deleted } = summary.changes;
  for (const n of [...updated, ...created, ...deleted]) {
    const r = relativeOf(n, summary.base);
    for (const o of [...(branch.get(r)?.owners ?? []), ...(base.get(r)?.owners ?? [])]) owners.add(o);
  }
  for (const d of newlyInvalid(summary)) for (const o of d.owners) owners.add(o);
  return [...owners].sort();
}

/** The review (without reviewers, which the run requests from GitHub) and the DJ owners to ask. */
export async function review(req: ReviewRequest, io: ReviewIO): Promise<{ review: Review; owners: string[] }> {
  const { summary, branchNs, settings } = req;
  const base = summary.base;
  const notes: string[] = [];
  const spec = (ns: string) =>
    io.exportSpec(ns).catch((err: unknown) => {
      notes.push(`The spec of ${ns} could not be read (${failureText(err)}), so the review may miss metrics.`);
      return undefined;
    });
  const [baseSpec, branchSpec] = await Promise.all([spec(base), spec(branchNs)]);
  const baseNodes = nodesOf(baseSpec);
  const branchNodes = nodesOf(branchSpec);
  const { metrics, omitted } = reviewedMetrics(summary, baseNodes, branchNodes, settings.limit);
  const dialects = new Set<string>();

  const sqlOf = async (metric: string): Promise<SqlReview> => {
    const inBase = baseNodes.has(metric);
    const inBranch = branchNodes.has(metric);
    const ask = (ns: string) =>
      io.metricSql(`${ns}.${metric}`).then(a => {
        if (a.dialect && a.dialect.toLowerCase() !== settings.dialect) dialects.add(a.dialect);
        return normaliseSql(a.sql, ns);
      });
    try {
      const [before, after] = await Promise.all([inBase ? ask(base) : undefined, inBranch ? ask(branchNs) : undefined]);
      if (before === undefined && after === undefined) return { metric, change: 'unknown', note: 'neither namespace has it' };
      if (before === undefined) return { metric, change: 'added', diff: after };
      if (after === undefined) return { metric, change: 'removed' };
      if (before === after) return { metric, change: 'unchanged' };
      const patch = createTwoFilesPatch(`${base}`, `${branchNs}`, before, after, undefined, undefined, { context: 3 });
      // The header lines (Index, ===, ---/+++) say nothing the summary line does not.
      return {
        metric,
        change: 'changed',
        diff: patch
          .split('\n')
          .filter(l => !/^(Index:|={5,}|--- |\+\+\+ )/.test(l))
          .join('\n')
          .trimEnd(),
      };
    } catch (err) {
      return { metric, change: 'unknown', note: `DJ could not give its SQL: ${failureText(err)}` };
    }
  };

  const valueOf = async (metric: string): Promise<ValueReview> => {
    const ask = async (ns: string) => {
      const answer = await io.metricData(
        `${ns}.${metric}`,
        settings.dimensions.map(d => `${ns}.${d}`),
      );
      return valuesOf(answer);
    };
    try {
      const [before, after] = await Promise.all([baseNodes.has(metric) ? ask(base) : undefined, branchNodes.has(metric) ? ask(branchNs) : undefined]);
      const failed = [before && 'failed' in before ? `in ${base}: ${before.failed}` : '', after && 'failed' in after ? `in ${branchNs}: ${after.failed}` : ''].filter(Boolean);
      if (failed.length) return { metric, rows: [], more: 0, note: `Could not be computed ${failed.join('; ')}.` };
      const rowsOf = (r: typeof before) => (r && 'rows' in r ? r.rows : new Map<string, { key: string[]; value: unknown }>());
      return { metric, ...compareValues(rowsOf(before), rowsOf(after), settings.rows) };
    } catch (err) {
      return { metric, rows: [], more: 0, note: `Could not be computed: ${failureText(err)}.` };
    }
  };

  const owners = ownersToAsk(summary, baseNodes, branchNodes);
  const [sql, values] = await Promise.all([
    Promise.all(metrics.map(sqlOf)),
    settings.values ? Promise.all(metrics.map(valueOf)) : undefined,
    req.onOwners?.(owners).catch(() => undefined),
  ]);
  if (dialects.size) notes.push(`DJ answered in ${[...dialects].join(', ')} rather than ${settings.dialect} (a server may ignore a dialect it does not know).`);
  if (omitted) notes.push(`${omitted} more metrics are affected; \`review-limit\` (${settings.limit}) keeps the review to the first ${settings.limit}.`);
  return {
    review: { sql, ...(values ? { values } : {}), dimensions: settings.dimensions, reviewers: [], notes, behindBy: req.behindBy, omitted },
    owners,
  };
}
