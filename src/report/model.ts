/**
 * The report model: what one run has to say, built once from the outcome and the run's context,
 * and read by every place the action reports to (the comment and job summary, the log line and
 * its annotations, the commit status, the check run). Each of those is a thin sink that renders
 * this model in its own format; none of them decides anew whether the step fails, which nodes
 * need attention or at which level.
 */
import { commitOf, pruneOf, type Reported } from '../targets/target.js';
import { failsStep, stepVerdict, type Verdict } from '../verdict.js';
import { newlyInvalid, summaryOf, type ImpactSummary } from '../targets/dj/impact.js';
import { countsPhrase } from './counts.js';
import type { ReportContext } from './doc.js';
import { headlineOf, headlinePlain, problemMessage, shortNodeName, type Headline } from './headline.js';

/** A node that needs attention, with the level `fail-on` gives it. */
export interface ReportNode {
  /** The node's full name as DJ reports it. */
  name: string;
  /** Without the namespace it was deployed into. */
  short: string;
  /** `failed` or `invalid` (for a merge preview's node: `invalid` after merging). */
  status: string;
  /** `node`, `link`, … (DJ's deploy_type); `downstream` for a merge preview's broken node. */
  kind: string;
  /** DJ's message without its change summary. */
  message: string;
  /** `failure` when this node fails the step under `fail-on`, else `warning`. */
  severity: 'failure' | 'warning';
  /** For a merge preview's downstream node: the changed nodes that break it. */
  causedBy?: string[];
}

/** The report of one run, as every sink reads it. */
export interface Report<O extends Reported = Reported> {
  outcome: O;
  /** The run's context (shared: the outputs' notes are added to it before the summary renders). */
  ctx: ReportContext;
  verdict: Verdict;
  headline: Headline;
  /** The verdict line in plain text (the log, the check run's title). */
  title: string;
  /** "12 nodes: 8 updated, 2 failed, …" ('' when there are no results). */
  counts: string;
  /** Failed and invalid nodes of the deployment, failures first. */
  nodes: ReportNode[];
  /** Downstream nodes merging would make invalid (the merge preview), at their causes. */
  downstream: ReportNode[];
  impact?: ImpactSummary;
  /** The commit the run deployed, when it deployed one. */
  deployedSha?: string;
  links: { namespace?: string; run?: string; commit?: string };
}

/** Builds the model of a run's report. Pure. */
export function buildReport<O extends Reported>(outcome: O, ctx: ReportContext): Report<O> {
  const impact = summaryOf(ctx.impact);
  const verdict = stepVerdict(outcome, ctx.failOn, impact);
  const headline = headlineOf(outcome, ctx, verdict);
  const attention = outcome.results.filter(r => r.status === 'failed' || r.status === 'invalid');
  const nodes: ReportNode[] = attention.map(r => ({
    name: r.name,
    short: shortNodeName(r.name, outcome.name),
    status: r.status,
    kind: r.deploy_type,
    message: problemMessage(r.message) || `DJ reported ${r.status} without a message`,
    severity: failsStep(r.status, ctx.failOn) ? 'failure' : 'warning',
  }));
  nodes.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'failure' ? -1 : 1));
  // A merge preview's broken node fails the step only under `fail-on: impact` (and never when the deployment itself failed it).
  const downstream: ReportNode[] = (impact ? newlyInvalid(impact) : []).map(d => ({
    name: d.name,
    short: shortNodeName(d.name, impact?.base),
    status: d.predicted_status,
    kind: 'downstream',
    message: d.impact_reason || `merging would make ${d.name} ${d.predicted_status}`,
    severity: ctx.failOn === 'impact' ? 'failure' : 'warning',
    causedBy: d.caused_by,
  }));
  const c = commitOf(outcome);
  const deployed = (outcome.operation === 'created' || outcome.operation === 'updated') && !pruneOf(outcome) ? c.deployedSha : undefined;
  return {
    outcome,
    ctx,
    verdict,
    headline,
    title: headlinePlain(headline),
    counts: outcome.results.length ? countsPhrase(outcome.results) : '',
    nodes,
    downstream,
    ...(impact ? { impact } : {}),
    ...(deployed ? { deployedSha: deployed } : {}),
    links: {
      ...(headline.url ? { namespace: headline.url } : {}),
      ...(ctx.runUrl ? { run: ctx.runUrl } : {}),
      ...(ctx.repoUrl && deployed ? { commit: `${ctx.repoUrl}/commit/${deployed}` } : {}),
    },
  };
}
