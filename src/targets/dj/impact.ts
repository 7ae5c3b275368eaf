/**
 * The merge preview's answer, without the parts that read YAML: the shapes of DJ's impact
 * answer and of the `impact` output, and what the report, the verdict and the outputs ask of
 * them. Kept apart from preview.ts so that the code every run loads (the report, the verdict)
 * does not load a YAML parser; preview.ts re-exports all of it.
 */

/** One downstream node of the impact answer, as the `impact` output carries it. */
export interface DownstreamImpact {
  name: string;
  node_type: string;
  current_status: string;
  predicted_status: string;
  impact_type: string;
  impact_reason: string;
  depth: number;
  caused_by: string[];
  is_external: boolean;
  owners: string[];
}

/** The `impact` output (SPEC §10), plus the nodes whose change merging would fail to apply. */
export interface ImpactSummary {
  base: string;
  changes: { created: string[]; updated: string[]; deleted: string[] };
  /** Changes DJ would refuse (a delete of a node others use, SQL that does not parse): name and DJ's message. */
  failed: { name: string; operation: string; message: string }[];
  downstream: DownstreamImpact[];
  /** The accept label (SPEC §10.1), when the pull request carries it: `fail-on: impact` does not fail the step. */
  accepted?: string;
  /** The review (SPEC §10.1): each reviewed metric and whether its SQL changes. */
  sql?: { metric: string; changed: boolean | null }[];
  /** The review's values: one entry per metric (and dimension row). */
  values?: { metric: string; dimensions?: string[]; base: unknown; branch: unknown; delta: number | null; relative: number | null; note?: string }[];
  /** GitHub logins and org/teams asked for review. */
  reviewers?: string[];
}

/** Whether a deployment status is final (`GET /deployments/{uuid}` stops being polled). */
export function isTerminal(status: string): boolean {
  return status === 'success' || status === 'failed';
}

/** The result row of an impact answer, as far as the summary needs it. */
export interface ImpactResult {
  name: string;
  /** `node`, `link` (named "a -> b"), …; only nodes count as created, updated or deleted. */
  deploy_type?: string;
  status: string;
  operation: string;
  message: string;
}

/** Turns DJ's impact answer (already schema-checked) into the `impact` output. */
export function summarizeImpact(base: string, results: ImpactResult[], downstream: DownstreamImpact[]): ImpactSummary {
  const changes: ImpactSummary['changes'] = { created: [], updated: [], deleted: [] };
  const failed: ImpactSummary['failed'] = [];
  // A Map: an operation named `constructor` from the server finds no bucket (a plain object would hand back a function).
  const bucket = new Map<string, keyof ImpactSummary['changes']>([
    ['create', 'created'],
    ['update', 'updated'],
    ['delete', 'deleted'],
  ]);
  for (const r of results) {
    if (r.status === 'failed' || r.status === 'invalid') {
      failed.push({ name: r.name, operation: r.operation, message: r.message });
      continue;
    }
    const key = bucket.get(r.operation);
    if (key && r.status === 'success' && (r.deploy_type ?? 'node') === 'node') changes[key].push(r.name);
  }
  for (const list of Object.values(changes)) list.sort();
  failed.sort((a, b) => a.name.localeCompare(b.name));
  const order = (d: DownstreamImpact) => (d.predicted_status === 'invalid' && d.current_status !== 'invalid' ? 0 : 1);
  const sorted = [...downstream].sort((a, b) => order(a) - order(b) || a.depth - b.depth || a.name.localeCompare(b.name));
  return { base, changes, failed, downstream: sorted };
}

/** Downstream nodes that merging would turn invalid (what `fail-on: impact` fails on). */
export function newlyInvalid(summary: ImpactSummary): DownstreamImpact[] {
  return summary.downstream.filter(d => d.predicted_status === 'invalid' && d.current_status !== 'invalid');
}

/** What the report shows of the merge preview: the summary, or why there is none. */
export type ImpactReport = { summary: ImpactSummary; review?: import('./review.js').Review; reviewMarkdown?: string } | { unavailable: string };

/** The summary of a preview report, when there is one (what the verdict and the outputs read). */
export function summaryOf(report: ImpactReport | undefined): ImpactSummary | undefined {
  return report && 'summary' in report ? report.summary : undefined;
}

/** A preview that could not be made, with the reason people read in the note. */
export class PreviewUnavailable extends Error {
  override readonly name = 'PreviewUnavailable';
}
