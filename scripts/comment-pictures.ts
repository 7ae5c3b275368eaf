/**
 * The comments shown in the README (a success, a failure, and one with a merge preview), as HTML pages: the report
 * from src/report/markdown.ts, rendered as GitHub renders Markdown as far as a local renderer
 * can (GFM with `marked`, alerts with `marked-alert`), inside a page styled like a pull-request
 * comment. `npm run pictures` turns them into PNGs in docs/ with headless chromium; a test keeps
 * the committed HTML equal to what this module renders now.
 */
import { Marked } from 'marked';
import markedAlert from 'marked-alert';
import { renderReport, type ReportContext } from '../src/report/markdown.js';
import type { DeploymentResult, Outcome } from '../src/targets/target.js';
import type { ImpactSummary } from '../src/targets/dj/preview.js';
import type { Review } from '../src/targets/dj/review.js';
import { renderReview } from '../src/report/review.js';

/** Which picture. */
export type PictureKind = 'success' | 'failure' | 'preview' | 'review';

/** Every picture, in the README's order. */
export const PICTURE_KINDS: readonly PictureKind[] = ['success', 'failure', 'preview', 'review'];

const NS = 'demo.metrics.feature_revenue_v2';
const SHA = '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3';

function node(short: string, status: string, operation: string, message: string): DeploymentResult {
  return { name: `${NS}.${short}`, deploy_type: 'node', status, operation, message };
}

function results(kind: PictureKind): DeploymentResult[] {
  const updated = ['orders', 'customers', 'revenue', 'aov', 'order_count', 'repeat_rate', 'avg_basket', 'refunds'].map(n =>
    node(n, 'success', 'update', `Updated ${n === 'orders' || n === 'customers' ? 'source' : 'metric'} (v2.0)\n└─ Updated query`),
  );
  const unchanged = node('regions', 'skipped', 'noop', 'Unchanged');
  if (kind === 'success') {
    return [
      node('net_revenue', 'success', 'create', 'Created metric (v1.0)'),
      node('tax', 'success', 'create', 'Created dimension (v1.0)'),
      node('fees', 'success', 'create', 'Created metric (v1.0)'),
      ...updated,
      unchanged,
    ];
  }
  return [
    ...updated,
    unchanged,
    node('net_revenue', 'failed', 'create', 'Invalid query in nodes/metrics/net_revenue.yaml: column `net_amount` does not exist in demo.metrics.feature_revenue_v2.orders'),
    node('margin', 'failed', 'update', 'Updated metric (v3.0)\nsyntax error at or near "FROM" (line 2)'),
    node('margin_ratio', 'invalid', 'update', 'Upstream node demo.metrics.feature_revenue_v2.margin is invalid'),
  ];
}

const PREVIEW_NS = 'demo.metrics.drop_amount';
const PREVIEW_BASE = 'demo.metrics.main';
const PREVIEW_SHA = 'd02e7efac69d669f36bc6e57bc9961d6c8b8ca12';

/**
 * A pull request whose transform `completed_orders` loses the column `amount`, as
 * datajunction-server 0.0.272 answered it in the real-server suite (case a of
 * __tests__/e2e/dj-merge-preview.test.ts): the branch's own deployment and the merge preview
 * into the default-branch namespace, its messages verbatim (the world's root renamed `demo`).
 */
function previewReport(): { outcome: Outcome; ctx: ReportContext } {
  const invalid = (metric: string, column: string) =>
    `Created metric (v1.0)\n[invalid] Column \`amount\` not found in any table. Available tables: ['${PREVIEW_NS}.completed_orders']; Unable to infer type for column \`${column}\`. Unresolved column reference(s): amount.`;
  const r = (short: string, status: string, operation: string, message: string, type = 'node'): DeploymentResult => ({
    name: `${PREVIEW_NS}.${short}`,
    deploy_type: type,
    status,
    operation,
    message,
  });
  const results = [
    r('customers', 'success', 'create', 'Created source (v1.0)'),
    r('customer', 'success', 'create', 'Created dimension (v1.0)'),
    r('orders', 'success', 'create', 'Created source (v1.0)'),
    r('completed_orders', 'success', 'create', 'Created transform (v1.0)'),
    r('avg_order_value', 'invalid', 'create', invalid('avg_order_value', 'demo_DOT_metrics_DOT_drop_amount_DOT_avg_order_value')),
    r('order_count', 'success', 'create', 'Created metric (v1.0)'),
    r('revenue', 'invalid', 'create', invalid('revenue', 'demo_DOT_metrics_DOT_drop_amount_DOT_revenue')),
    r(`completed_orders -> ${PREVIEW_NS}.customer`, 'success', 'create', 'Join link successfully deployed', 'link'),
  ];
  const why = (column: string) =>
    `Revalidation failed: Column \`amount\` not found in any table. Available tables: ['${PREVIEW_BASE}.completed_orders']; Unable to infer type for column \`${column}\`. Unresolved column reference(s): amount.`;
  const down = (name: string, predicted: string, type: string, reason: string) => ({
    name: `${PREVIEW_BASE}.${name}`,
    node_type: 'metric',
    current_status: 'valid',
    predicted_status: predicted,
    impact_type: type,
    impact_reason: reason,
    depth: 1,
    caused_by: [`${PREVIEW_BASE}.completed_orders`],
    is_external: false,
    owners: name === 'revenue' ? ['finance-analytics'] : [],
  });
  const impact: ImpactSummary = {
    base: PREVIEW_BASE,
    changes: { created: [], updated: [`${PREVIEW_BASE}.completed_orders`], deleted: [] },
    failed: [],
    downstream: [
      down('avg_order_value', 'invalid', 'will_invalidate', why('SUM(amount) / COUNT(order_id)')),
      down('revenue', 'invalid', 'will_invalidate', why('SUM')),
      down('order_count', 'valid', 'may_affect', `Column types changed — upstream nodes changed: ${PREVIEW_BASE}.completed_orders`),
    ],
  };
  const outcome: Outcome = {
    target: 'dj',
    operation: 'created',
    name: PREVIEW_NS,
    url: `https://dj.example.com/namespaces/${PREVIEW_NS}`,
    gitBranch: 'drop-amount',
    deployedSha: PREVIEW_SHA,
    expectedSha: PREVIEW_SHA,
    results,
    notes: [`Linked ${PREVIEW_NS} to git branch drop-amount`, `Deployed 7 nodes and 1 link from ${PREVIEW_SHA.slice(0, 12)} (8 created)`],
  };
  const ctx: ReportContext = {
    eventName: 'pull_request',
    prNumber: 41,
    runUrl: 'https://github.com/acme/dj-definitions/actions/runs/4243',
    repoUrl: 'https://github.com/acme/dj-definitions',
    headSha: PREVIEW_SHA,
    dryRun: false,
    failOn: 'impact',
    now: new Date('2026-08-22T10:15:30Z'),
    decision: `event pull_request (opened) #41 · branch drop-amount · namespace ${PREVIEW_NS} · plan ensure`,
    impact: { summary: impact },
  };
  return { outcome, ctx };
}

/**
 * A pull request whose metric `revenue` becomes the largest order instead of the sum, with
 * `values: true` and `request-reviews: owners`, as datajunction-server 0.0.272 and its query
 * service answered it in the real-server suite (case a of __tests__/e2e/dj-review.test.ts): the
 * diff is what the review made of the two `GET /sql/metrics/v3/` answers, the values what
 * `GET /data/` gave in each namespace (the world's root renamed `demo`).
 */
function reviewReport(): { outcome: Outcome; ctx: ReportContext } {
  const ns = 'demo.metrics.max_revenue';
  const sha = 'e3ee35ea25f4fc9763338a75f8092e7d01b0ac3a';
  const created = (short: string, what: string, type = 'node'): DeploymentResult => ({
    name: `${ns}.${short}`,
    deploy_type: type,
    status: 'success',
    operation: 'create',
    message: what,
  });
  const results = [
    created('customers', 'Created source (v1.0)'),
    created('customer', 'Created dimension (v1.0)'),
    created('orders', 'Created source (v1.0)'),
    created('completed_orders', 'Created transform (v1.0)'),
    created('avg_order_value', 'Created metric (v1.0)'),
    created('order_count', 'Created metric (v1.0)'),
    created('revenue', 'Created metric (v1.0)'),
    created(`completed_orders -> ${ns}.customer`, 'Join link successfully deployed', 'link'),
  ];
  const diff = [
    '@@ -6,9 +6,9 @@',
    "     status = 'completed'",
    ' ), completed_orders_0 AS (',
    '   SELECT',
    '-    SUM(t1.amount) AS amount_sum_h1',
    '+    MAX(t1.amount) AS amount_max_h1',
    '   FROM completed_orders AS t1',
    ' )',
    ' SELECT',
    '-  SUM(completed_orders_0.amount_sum_h1) AS revenue',
    '+  MAX(completed_orders_0.amount_max_h1) AS revenue',
    ' FROM completed_orders_0',
  ].join('\n');
  const review: Review = {
    sql: [{ metric: 'revenue', change: 'changed', diff }],
    values: [{ metric: 'revenue', rows: [{ key: [], base: 505.5, branch: 200, delta: -305.5, relative: -305.5 / 505.5 }], more: 0 }],
    dimensions: [],
    reviewers: ['dana-gh'],
    notes: [],
    behindBy: 0,
    omitted: 0,
  };
  const summary: ImpactSummary = { base: PREVIEW_BASE, changes: { created: [], updated: [`${PREVIEW_BASE}.revenue`], deleted: [] }, failed: [], downstream: [] };
  const outcome: Outcome = {
    target: 'dj',
    operation: 'created',
    name: ns,
    url: `https://dj.example.com/namespaces/${ns}`,
    gitBranch: 'max-revenue',
    deployedSha: sha,
    expectedSha: sha,
    results,
    notes: [`Linked ${ns} to git branch max-revenue`, `Deployed 7 nodes and 1 link from ${sha.slice(0, 12)} (8 created)`],
  };
  const ctx: ReportContext = {
    eventName: 'pull_request',
    prNumber: 61,
    runUrl: 'https://github.com/acme/dj-definitions/actions/runs/4244',
    repoUrl: 'https://github.com/acme/dj-definitions',
    headSha: sha,
    dryRun: false,
    failOn: 'failed',
    now: new Date('2026-08-22T10:15:30Z'),
    decision: `event pull_request (opened) #61 · branch max-revenue · namespace ${ns} · plan ensure`,
    impact: { summary, review, reviewMarkdown: renderReview(review) },
  };
  return { outcome, ctx };
}

/** The outcome and context of one picture: fixed, so the picture changes only when the report does. */
export function pictureReport(kind: PictureKind): { outcome: Outcome; ctx: ReportContext } {
  if (kind === 'preview') return previewReport();
  if (kind === 'review') return reviewReport();
  const outcome: Outcome = {
    target: 'dj',
    operation: 'updated',
    name: NS,
    url: `https://dj.example.com/namespaces/${NS}`,
    gitBranch: 'feature/revenue-v2',
    deployedSha: SHA,
    expectedSha: SHA,
    results: results(kind).slice(0, 12),
    notes: [`${NS} is already linked to git branch feature/revenue-v2`, `Deployed 12 nodes from ${SHA.slice(0, 12)}`],
  };
  const ctx: ReportContext = {
    eventName: 'pull_request',
    prNumber: 42,
    runUrl: 'https://github.com/acme/dj-definitions/actions/runs/4242',
    repoUrl: 'https://github.com/acme/dj-definitions',
    headSha: SHA,
    dryRun: false,
    failOn: 'failed',
    now: new Date('2026-08-22T10:15:30Z'),
    decision: `event pull_request (synchronize) #42 · branch feature/revenue-v2 · namespace ${NS} · plan ensure`,
  };
  return { outcome, ctx };
}

const CSS = `
body { margin: 0; padding: 16px; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; font-size: 14px; line-height: 1.5; color: #1f2328; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 860px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
.header b { color: #1f2328; }
.body { padding: 16px; }
.body > :first-child { margin-top: 0; }
h3 { font-size: 1.25em; font-weight: 600; margin: 0 0 16px; line-height: 1.4; }
a { color: #0969da; text-decoration: none; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%; background: rgba(129,139,152,0.12); padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; margin: 0 0 16px; overflow: auto; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 85%; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; }
th { font-weight: 600; }
tr:nth-child(2n) td { background: #f6f8fa; }
details { margin: 0 0 16px; }
summary { cursor: pointer; }
p { margin: 0 0 16px; }
ul { margin: 0 0 16px; padding-left: 2em; }
sub { color: #59636e; }
.markdown-alert { padding: 8px 16px; margin-bottom: 16px; border-left: .25em solid #d1d9e0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { display: flex; align-items: center; font-weight: 500; margin-bottom: 4px; }
.markdown-alert-title svg { margin-right: 8px; fill: currentColor; }
.markdown-alert-note { border-left-color: #0969da; } .markdown-alert-note .markdown-alert-title { color: #0969da; }
.markdown-alert-warning { border-left-color: #9a6700; } .markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-left-color: #cf222e; } .markdown-alert-caution .markdown-alert-title { color: #d1242f; }
`;

/** The report as HTML (GFM and alerts). */
export function reportHtml(markdown: string): string {
  return new Marked({ gfm: true, async: false }, markedAlert()).parse(markdown, { async: false }) as string;
}

/** The whole page a picture is taken of. */
export function pictureHtml(kind: PictureKind): string {
  const { outcome, ctx } = pictureReport(kind);
  // The review's picture shows its SQL diff as a reader sees it after unfolding it.
  const html = reportHtml(renderReport(outcome, ctx));
  const body = kind === 'review' ? html.replace('<details><summary>revenue: SQL changes', '<details open><summary>revenue: SQL changes') : html;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>dj-branch-sync comment: ${kind}</title>`,
    `<style>${CSS}</style></head><body>`,
    '<div class="comment"><div class="header"><b>github-actions</b> <span>bot</span> commented</div>',
    `<div class="body">${body}</div></div>`,
    '</body></html>',
    '',
  ].join('\n');
}
