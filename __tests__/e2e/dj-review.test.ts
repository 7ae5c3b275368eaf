/**
 * The review (SPEC §10.1) through dist/index.js against a real datajunction-server 0.0.272 with
 * DJ's query service (scripts/dj-server.mjs start({ queryService: true }); DuckDB holds the
 * fixture data the fixture project's sources read):
 *
 * - a pull request that changes a metric's expression gets its SQL diff and its value before and
 *   after, and the value after is what `GET /data/` gives for the default-branch namespace once
 *   the change is merged; the metric's owner is asked for review through the GitHub emulator,
 *   once across two runs;
 * - one that changes a transform shows the SQL and values of the downstream metrics it moves;
 * - one that only changes a description lists no SQL;
 * - a metric that cannot be computed (its table is not in the engine) gets its note;
 * - the accept label turns a failing `fail-on: impact` into a pass, and the comment says so.
 *
 * The DJ emulator has no impact analysis, so there is no preview and so no review there: these
 * run on the real backend only (the emulator's side is unit-tested in review.test.ts).
 */
import { test, describe, afterEach } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import assert from './counted-assert.js';
import { startDjWorld, BACKEND, type DjWorld } from '../../harness/dj-world.js';
import { prEvent, pushEvent } from '../../harness/payloads.js';
import type { ActionRun } from '../../harness/run-action.js';
import type { ImpactSummary } from '../../src/targets/dj/impact.js';
import { compareVersions } from '../../src/targets/dj/server-version.js';

/**
 * datajunction-server 0.0.116 (the oldest supported release) generates SQL that names the
 * catalog unquoted (`FROM default.shop.orders`), which the query service's DuckDB refuses, and
 * its impact analysis predicts no status downstream. On it the values degrade to a note per
 * metric and `fail-on: impact` has nothing to fail on: these cases check that and stop there.
 */
const earlyServer = (w: DjWorld) => compareVersions(w.version, '0.0.272') < 0;

/** On an early server: every reviewed metric's value is a 'could not be computed' note, and the step passed. */
function valuesDegraded(run: ActionRun, impact: ImpactSummary): void {
  assert.equal(run.exitCode, 0, run.stdout);
  assert.ok(impact.values?.length, JSON.stringify(impact));
  for (const v of impact.values!) assert.match(v.note ?? '', /could not be computed/i, JSON.stringify(v));
}

const real = BACKEND === 'real';

const REVENUE_MAX = `name: \${prefix}revenue
node_type: metric
description: Revenue of completed orders
owners:
  - ci
query: SELECT MAX(amount) FROM \${prefix}completed_orders
`;
const REVENUE_NEW_DESCRIPTION = `name: \${prefix}revenue
node_type: metric
description: Revenue of completed orders, in euros
query: SELECT SUM(amount) FROM \${prefix}completed_orders
`;
const COMPLETED_OR_PENDING = `name: \${prefix}completed_orders
node_type: transform
description: Orders that were paid, or are about to be
query: |
  SELECT
    order_id,
    customer_id,
    amount,
    ordered_at
  FROM \${prefix}orders
  WHERE status IN ('completed', 'pending')
dimension_links:
  - type: join
    dimension_node: \${prefix}customer
    join_on: \${prefix}completed_orders.customer_id = \${prefix}customer.customer_id
`;
const COMPLETED_WITHOUT_AMOUNT = `name: \${prefix}completed_orders
node_type: transform
description: Orders that were paid and shipped
query: |
  SELECT
    order_id,
    customer_id,
    ordered_at
  FROM \${prefix}orders
  WHERE status = 'completed'
dimension_links:
  - type: join
    dimension_node: \${prefix}customer
    join_on: \${prefix}completed_orders.customer_id = \${prefix}customer.customer_id
`;
const REVENUE_COUNT = `name: \${prefix}revenue
node_type: metric
description: Completed orders
query: SELECT COUNT(order_id) FROM \${prefix}completed_orders
`;
const MAX_ORDER = `name: \${prefix}max_order
node_type: metric
description: Largest completed order
query: SELECT MAX(amount) FROM \${prefix}completed_orders
`;
const REFUNDS = `name: \${prefix}refunds
node_type: source
description: Refunds (not loaded into the engine yet)
catalog: default
schema: shop
table: refunds
columns:
  - name: refund_id
    type: int
  - name: amount
    type: double
`;
const REFUNDED = `name: \${prefix}refunded
node_type: metric
description: Money refunded
query: SELECT SUM(amount) FROM \${prefix}refunds
`;

// The fixture data (scripts/dj-server.mjs FIXTURE_DATA): completed orders 120.5 + 80 + 200 + 60 + 45.
const REVENUE = 505.5;

let prNumber = 60;

async function openPr(
  w: DjWorld,
  branch: string,
  inputs: Record<string, string>,
  opts: { labels?: string[]; action?: string; number?: number; label?: string } = {},
): Promise<{ run: ActionRun; number: number }> {
  const number = opts.number ?? ++prNumber;
  const payload = prEvent(opts.action ?? 'opened', branch, { number, sha: w.git.head(branch)! }) as {
    pull_request: { base: { sha: string }; labels: { name: string }[]; user: { login: string } };
  };
  payload.pull_request.base.sha = w.git.head('main')!;
  payload.pull_request.labels = (opts.labels ?? []).map(name => ({ name }));
  if (opts.label) (payload as { label?: { name: string } }).label = { name: opts.label };
  payload.pull_request.user.login = 'the-author';
  w.gh.prAuthors.set(number, 'the-author');
  const run = await w.run('pull_request', payload, inputs);
  return { run, number };
}

const impactOf = (run: ActionRun): ImpactSummary => {
  assert.ok(run.outputs.impact, `output impact is set\n${run.stdout}`);
  return JSON.parse(run.outputs.impact!) as ImpactSummary;
};
const ours = (w: DjWorld, pr: number) => w.gh.comments(pr).filter(c => c.login === 'github-actions[bot]');

/** `GET /data/` on the real server, as a person would ask it. */
async function valueOf(metric: string, dimensions: string[] = []): Promise<unknown[][]> {
  const state = JSON.parse(readFileSync(process.env.DJ_REAL_STATE!, 'utf8')) as { url: string; user: { token: string } };
  const q = new URLSearchParams({ metrics: metric, async_: 'false' });
  for (const d of dimensions) q.append('dimensions', d);
  const res = await fetch(`${state.url}/data/?${q}`, { headers: { authorization: `Bearer ${state.user.token}` } });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { state: string; results: { rows: unknown[][] }[] };
  assert.equal(body.state, 'FINISHED');
  return body.results[0]!.rows;
}

(real ? describe : describe.skip)(`the review against datajunction-server with its query service (${BACKEND})`, () => {
  let w: DjWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  test("(a) a metric's expression changes: its SQL diff and its value before and after; after = what main computes once merged; its owner asked once", async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    w.git.commitFiles('max-revenue', { 'nodes/revenue.yaml': REVENUE_MAX }, { from: 'main', message: 'revenue is the largest order' });
    const inputs = { values: 'true', 'request-reviews': 'owners', 'owners-map': 'ci: dana-gh\nnobody: the-author' };
    const { run, number } = await openPr(w, 'max-revenue', inputs);
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const impact = impactOf(run);
    assert.deepEqual(
      impact.sql?.find(s => s.metric === 'revenue'),
      { metric: 'revenue', changed: true },
    );
    if (earlyServer(w)) return valuesDegraded(run, impact);
    const value = impact.values?.find(v => v.metric === 'revenue');
    assert.ok(value, JSON.stringify(impact.values));
    assert.equal(value.base, REVENUE);
    assert.equal(value.branch, 200);
    assert.equal(value.delta, 200 - REVENUE);
    assert.ok(Math.abs(value.relative! - (200 - REVENUE) / REVENUE) < 1e-9);
    const body = ours(w, number)[0]!.body;
    assert.match(body, /<summary>revenue: SQL changes<\/summary>/);
    assert.match(body, /```diff[\s\S]*^-.*SUM\(/m);
    assert.match(body, /^\+.*MAX\(/m);
    assert.ok(!body.includes(w.root.replace(/\./g, '_')), 'namespace prefixes normalised away in the diff');
    assert.match(body, /\| revenue \| 505\.5 \| 200 \| -305\.5 \| -60\.4% \|/);
    assert.match(body, /Reviews requested from: dana-gh\./);
    assert.ok(!/@dana-gh/.test(body), 'no mention');
    assert.deepEqual(w.gh.reviewRequests.get(number), { users: ['dana-gh'], teams: [] });
    if (process.env.DJ_REVIEW_COMMENT_OUT) writeFileSync(process.env.DJ_REVIEW_COMMENT_OUT, body);

    // A second run (synchronize): nobody is asked again, though GitHub's list may have dropped them.
    w.gh.reviewRequests.delete(number);
    w.resetLogs();
    const again = await openPr(w, 'max-revenue', inputs, { action: 'synchronize', number });
    assert.equal(again.run.exitCode, 0, again.run.stdout);
    assert.ok(!w.ghLog().some(l => l.includes('requested_reviewers')), w.ghLog().join('\n'));
    assert.deepEqual(impactOf(again.run).reviewers, ['dana-gh']);

    // Merging: main then computes what the review showed for the branch.
    const sha = w.git.commitFiles('main', { 'nodes/revenue.yaml': REVENUE_MAX }, { message: 'Merge pull request' });
    const merged = await w.run('push', pushEvent('main', sha), { 'fail-on': 'never' });
    assert.equal(merged.exitCode, 0, merged.stdout);
    const after = await valueOf(`${base}.revenue`);
    assert.equal(after.length, 1);
    assert.equal(after[0]![0], value.branch);
  });

  test('(b) a transform changes: the downstream metrics show their SQL and their values, by customer.country', async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    w.git.commitFiles('with-pending', { 'nodes/completed_orders.yaml': COMPLETED_OR_PENDING }, { from: 'main', message: 'count pending orders too' });
    const { run, number } = await openPr(w, 'with-pending', { values: 'true', 'values-dimensions': 'customer.country' });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const impact = impactOf(run);
    if (earlyServer(w)) return valuesDegraded(run, impact);
    assert.deepEqual(impact.sql?.map(s => [s.metric, s.changed]).sort(), [
      ['avg_order_value', true],
      ['order_count', true],
      ['revenue', true],
    ]);
    // FR gains the pending order of 999.
    const fr = impact.values?.find(v => v.metric === 'revenue' && v.dimensions?.[0] === 'FR');
    assert.ok(fr, JSON.stringify(impact.values));
    assert.deepEqual([fr.base, fr.branch, fr.delta], [45, 1044, 999]);
    const before = await valueOf(`${base}.revenue`, [`${base}.customer.country`]);
    assert.ok(before.some(r => r[0] === 'FR' && r[1] === 45));
    const body = ours(w, number)[0]!.body;
    assert.match(body, /3 of 3 metrics change/);
    assert.match(body, /\| revenue \| FR \| 45 \| 1044 \| \+999 \|/);
  });

  test('(c) a change that leaves the SQL the same lists no SQL', async () => {
    w = await startDjWorld();
    w.git.commitFiles('describe', { 'nodes/revenue.yaml': REVENUE_NEW_DESCRIPTION }, { from: 'main', message: 'say the currency' });
    const { run, number } = await openPr(w, 'describe', {});
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.deepEqual(impactOf(run).sql, [{ metric: 'revenue', changed: false }]);
    const body = ours(w, number)[0]!.body;
    assert.ok(!body.includes('```diff'), body);
    assert.match(body, /the SQL of the 1 metric reviewed stays the same/);
  });

  test('(d) a metric that cannot be computed gets its note, and the step passes', async () => {
    w = await startDjWorld();
    w.git.commitFiles('refunds', { 'nodes/refunds.yaml': REFUNDS, 'nodes/refunded.yaml': REFUNDED }, { from: 'main', message: 'refunds' });
    const { run, number } = await openPr(w, 'refunds', { values: 'true' });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const impact = impactOf(run);
    assert.deepEqual(impact.sql, [{ metric: 'refunded', changed: true }]);
    const v = impact.values?.find(x => x.metric === 'refunded');
    assert.ok(v?.note, JSON.stringify(impact.values));
    assert.match(v.note, /could not be computed/i);
    const body = ours(w, number)[0]!.body;
    assert.match(body, /refunded: new metric/);
    assert.match(body, /- refunded: Could not be computed/);
  });

  test('(e) the accept label turns a failing fail-on: impact into a pass; the comment says so, still lists the impact, and says the base moved on', async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    // The branch drops amount and stops using it; main meanwhile gains a metric that uses it.
    w.git.commitFiles(
      'drop-amount',
      { 'nodes/completed_orders.yaml': COMPLETED_WITHOUT_AMOUNT, 'nodes/revenue.yaml': REVENUE_COUNT, 'nodes/avg_order_value.yaml': null },
      { from: 'main', message: 'completed_orders without amount' },
    );
    const sha = w.git.commitFiles('main', { 'nodes/max_order.yaml': MAX_ORDER }, { message: 'max_order' });
    const pushed = await w.run('push', pushEvent('main', sha), { 'fail-on': 'never' });
    assert.equal(pushed.exitCode, 0, pushed.stdout);
    const failing = await openPr(w, 'drop-amount', { 'fail-on': 'impact' });
    if (earlyServer(w)) {
      // Nothing is predicted invalid on this release, so there is nothing to accept: the step passes.
      assert.equal(failing.run.exitCode, 0, failing.run.stdout);
      assert.ok(!impactOf(failing.run).downstream.some(d => d.predicted_status === 'invalid'));
      return;
    }
    assert.equal(failing.run.exitCode, 1, failing.run.stdout);
    assert.ok(
      impactOf(failing.run).downstream.some(d => d.name === `${base}.max_order` && d.predicted_status === 'invalid'),
      failing.run.outputs.impact,
    );
    assert.ok(
      failing.run.errors.some(e => /merging would make 1 downstream node invalid/.test(e)),
      failing.run.errors.join('\n'),
    );
    // The label added, then removed (SPEC §13): the check run of the deployed head follows, nothing is deployed.
    const head = w.git.head('drop-amount')!;
    assert.deepEqual(
      w.gh.checkRuns(head).map(c => c.conclusion),
      ['failure'],
    );
    const deploymentsBefore = w.gh.deployments().length;
    w.resetLogs();
    const labeled = await openPr(w, 'drop-amount', { 'fail-on': 'impact' }, { labels: ['dj:accept-impact'], action: 'labeled', label: 'dj:accept-impact', number: failing.number });
    assert.equal(labeled.run.exitCode, 0, labeled.run.stdout);
    const unlabeled = await openPr(w, 'drop-amount', { 'fail-on': 'impact' }, { labels: [], action: 'unlabeled', label: 'dj:accept-impact', number: failing.number });
    assert.equal(unlabeled.run.exitCode, 1, unlabeled.run.stdout);
    assert.deepEqual(
      w.gh.checkRuns(head).map(c => [c.conclusion, c.externalId?.endsWith('#refresh')]),
      [
        ['failure', false],
        ['success', true],
        ['failure', true],
      ],
    );
    assert.equal(w.gh.deployments().length, deploymentsBefore, 'no GitHub deployment for a label event');
    assert.ok(!w.djLog().some(l => l.includes('/sync-from-git')), w.djLog().join('\n'));
    const accepted = await openPr(w, 'drop-amount', { 'fail-on': 'impact' }, { labels: ['dj:accept-impact'], action: 'synchronize', number: failing.number });
    assert.equal(accepted.run.exitCode, 0, accepted.run.stdout);
    assert.equal(impactOf(accepted.run).accepted, 'dj:accept-impact');
    const body = ours(w, failing.number)[0]!.body;
    assert.match(body, /The impact was accepted with the label dj:accept-impact/);
    assert.match(body, /Would become invalid/);
    assert.match(body, /max\\_order/);
    assert.match(body, /The base branch has 1 commit this pull request lacks/);
  });
});
