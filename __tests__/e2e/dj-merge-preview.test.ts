/**
 * The merge preview (SPEC §10) through dist/index.js, on either backend (env DJ_BACKEND):
 *
 * - real datajunction-server: a pull request that changes a transform others depend on, one
 *   that removes a node others use, one that only adds a metric, and one whose branch is behind
 *   main. Each checks the preview in the `impact` output and the comment, then applies the same
 *   change to main (a commit there and the push event, so the action deploys the default-branch
 *   namespace) and checks that the server then did what the preview predicted.
 * - the DJ emulator, which has no impact analysis: the preview is a note and one warning, never
 *   a failed step; `impact: false` asks nothing; a pull request that touches no node file asks DJ
 *   nothing and says so in one line.
 */
import { test, describe, afterEach } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import assert from './counted-assert.js';
import { startDjWorld, BACKEND, type DjWorld } from '../../harness/dj-world.js';
import { prEvent, pushEvent } from '../../harness/payloads.js';
import type { ActionRun } from '../../harness/run-action.js';
import type { ImpactSummary } from '../../src/targets/dj/preview.js';
import { compareVersions } from '../../src/targets/dj/server-version.js';

const real = BACKEND === 'real';
const ENC = encodeURIComponent;

interface Result {
  name: string;
  deploy_type: string;
  status: string;
  operation: string;
  message: string;
}

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
const MAX_ORDER = `name: \${prefix}max_order
node_type: metric
description: Largest completed order
query: SELECT MAX(amount) FROM \${prefix}completed_orders
`;
const ORDER_DAYS = `name: \${prefix}order_days
node_type: metric
description: Days with a completed order
query: SELECT COUNT(DISTINCT ordered_at) FROM \${prefix}completed_orders
`;

let prNumber = 40;

/**
 * Whether the server's impact analysis is the early one: datajunction-server 0.0.116 (the oldest
 * supported release) answers `POST /deployments/impact` synchronously and marks every downstream
 * node `may_affect` with its current status; 0.0.272 analyses asynchronously and predicts
 * statuses. The suite runs those two releases (scripts/dj-server.mjs releases).
 */
const coarseImpact = (w: DjWorld) => compareVersions(w.version, '0.0.272') < 0;

/** Opens a pull request for `branch` (base: main's head) and runs the action for it. */
async function openPr(w: DjWorld, branch: string, inputs: Record<string, string> = {}): Promise<{ run: ActionRun; number: number }> {
  const number = ++prNumber;
  const payload = prEvent('opened', branch, { number, sha: w.git.head(branch)! }) as { pull_request: { base: { sha: string } } };
  payload.pull_request.base.sha = w.git.head('main')!;
  const run = await w.run('pull_request', payload, inputs);
  return { run, number };
}

/** Lands `files` on main as a merge would (a commit there) and runs the action for the push. */
async function mergeToMain(w: DjWorld, files: Record<string, string | null>): Promise<ActionRun> {
  const sha = w.git.commitFiles('main', files, { message: 'Merge pull request' });
  const run = await w.run('push', pushEvent('main', sha), { 'fail-on': 'never' });
  assert.equal(run.exitCode, 0, run.stdout + run.stderr);
  assert.equal(run.outputs['deployed-sha'], sha, 'the default-branch namespace got the merged commit');
  return run;
}

const impactOf = (run: ActionRun): ImpactSummary => {
  assert.ok(run.outputs.impact, `output impact is set\n${run.stdout}`);
  return JSON.parse(run.outputs.impact!) as ImpactSummary;
};
const nodeResults = (run: ActionRun): Result[] => (JSON.parse(run.outputs.results ?? '[]') as Result[]).filter(r => r.deploy_type === 'node');
const short = (base: string, names: string[]) => names.map(n => (n.startsWith(`${base}.`) ? n.slice(base.length + 1) : n)).sort();
const ours = (w: DjWorld, pr: number) => w.gh.comments(pr).filter(c => c.login === 'github-actions[bot]');

/** What a deployment of main did to nodes, in the preview's terms: success by operation, failures. */
function actual(run: ActionRun, base: string) {
  const rs = nodeResults(run);
  const by = (op: string) =>
    short(
      base,
      rs.filter(r => r.status === 'success' && r.operation === op).map(r => r.name),
    );
  return {
    created: by('create'),
    updated: by('update'),
    deleted: by('delete'),
    failed: rs.filter(r => r.status === 'failed' || r.status === 'invalid').map(r => ({ name: short(base, [r.name])[0]!, operation: r.operation, message: r.message })),
  };
}

(real ? describe : describe.skip)(`merge preview against datajunction-server (${BACKEND})`, () => {
  let w: DjWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  test('(a) a transform loses a column its metrics use: the preview names the metrics that become invalid and why; main then has exactly those invalid; fail-on: impact fails the step', async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    w.git.commitFiles('drop-amount', { 'nodes/completed_orders.yaml': COMPLETED_WITHOUT_AMOUNT }, { from: 'main', message: 'completed_orders without amount' });
    w.resetLogs();
    const { run, number } = await openPr(w, 'drop-amount', { 'fail-on': 'impact' });
    const preview = impactOf(run);
    assert.equal(preview.base, base);
    assert.deepEqual(short(base, preview.changes.updated), ['completed_orders']);
    assert.deepEqual([preview.changes.created, preview.changes.deleted, preview.failed], [[], [], []]);
    const breaking = preview.downstream.filter(d => d.predicted_status === 'invalid' && d.current_status === 'valid');
    const djLog = w.djLog();
    const comment = ours(w, number);
    assert.equal(comment.length, 1);
    const body = comment[0]!.body;
    assert.equal(run.exitCode, 1, run.stdout);
    if (coarseImpact(w)) {
      // 0.0.116 analyses synchronously (no deployment to poll) and predicts no status: every
      // metric on the changed transform "may" be affected, none is predicted invalid.
      assert.deepEqual(breaking, []);
      assert.deepEqual(
        short(
          base,
          preview.downstream.map(d => d.name),
        ),
        ['avg_order_value', 'order_count', 'revenue'],
      );
      for (const d of preview.downstream) {
        assert.deepEqual([d.impact_type, d.predicted_status, d.caused_by], ['may_affect', 'valid', [`${base}.completed_orders`]]);
      }
      assert.ok(djLog.includes('POST /deployments/impact'), djLog.join('\n'));
      assert.ok(!djLog.some(l => /^GET \/deployments\//.test(l)), `nothing to poll: ${djLog.join('\n')}`);
      assert.ok(
        run.errors.some(e => /2 invalid nodes \(`fail-on: impact`\) of \d+/.test(e) && !/merging would also/.test(e)),
        run.errors.join('\n'),
      );
      assert.match(body, /\*\*Merging would update 1 node, add 0, remove 0; 3 downstream nodes affected/);
    } else {
      assert.deepEqual(
        short(
          base,
          breaking.map(d => d.name),
        ),
        ['avg_order_value', 'revenue'],
      );
      for (const d of breaking) {
        assert.deepEqual(d.caused_by, [`${base}.completed_orders`]);
        assert.equal(d.impact_type, 'will_invalidate');
        assert.match(d.impact_reason, /amount/);
      }
      // The preview's requests: the base namespace's spec, the analysis, its polls.
      assert.ok(djLog.includes('POST /deployments/impact'), djLog.join('\n'));
      assert.ok(
        djLog.some(l => /^GET \/deployments\/[0-9a-f-]{36}$/.test(l)),
        djLog.join('\n'),
      );
      // fail-on: impact: the branch's own metrics are invalid too (what 'invalid' fails), and the
      // failure line adds what merging would break on main.
      assert.ok(
        run.errors.some(e => /2 invalid nodes \(`fail-on: impact`\) of \d+: .*; merging would also make 2 downstream nodes invalid/.test(e)),
        run.errors.join('\n'),
      );
      assert.match(body, /\*\*Merging would update 1 node, add 0, remove 0; 3 downstream nodes affected, 2 would become invalid\.\*\* \(into /);
      assert.ok(body.indexOf('Would become invalid') < body.indexOf('<details><summary>Changed nodes'), body);
    }
    assert.ok(djLog.includes(`GET /namespaces/${ENC(base)}/export/spec`), djLog.join('\n'));
    assert.equal(w.djRequests().find(r => r.rawPath === '/deployments/impact')!.headers.prefer, 'respond-async');
    assert.ok(run.summary.includes('Merging would update 1 node'), 'the job summary shows the preview too');
    if (process.env.DJ_PREVIEW_COMMENT_OUT) writeFileSync(process.env.DJ_PREVIEW_COMMENT_OUT, body);

    const merged = await mergeToMain(w, { 'nodes/completed_orders.yaml': COMPLETED_WITHOUT_AMOUNT });
    const did = actual(merged, base);
    assert.deepEqual(did.updated, short(base, preview.changes.updated), 'updated as predicted');
    assert.deepEqual(did.created, []);
    const state = await w.namespace(base);
    // On 0.0.116 none: that release does not revalidate the metrics downstream either.
    assert.deepEqual(
      state!.invalid,
      short(
        base,
        breaking.map(d => d.name),
      ),
      'exactly the predicted nodes are invalid on main',
    );
  });

  test('(b) a node others use is removed: the preview shows the delete failing ("referenced by"); merging does the same and the node stays', async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    w.git.commitFiles('drop-completed', { 'nodes/completed_orders.yaml': null }, { from: 'main', message: 'remove completed_orders' });
    const { run } = await openPr(w, 'drop-completed', { 'fail-on': 'never' });
    assert.equal(run.exitCode, 0, run.stdout);
    const preview = impactOf(run);
    assert.deepEqual(preview.changes, { created: [], updated: [], deleted: [] });
    assert.deepEqual(
      preview.failed.map(f => [short(base, [f.name])[0], f.operation]),
      [['completed_orders', 'delete']],
    );
    assert.match(preview.failed[0]!.message, /referenced by: .*avg_order_value.*order_count.*revenue/);

    const merged = await mergeToMain(w, { 'nodes/completed_orders.yaml': null });
    const did = actual(merged, base);
    const state = await w.namespace(base);
    if (did.failed.length) {
      // The server refused the delete on main as it said it would.
      assert.deepEqual(
        did.failed.map(f => [f.name, f.operation]),
        [['completed_orders', 'delete']],
      );
      assert.match(did.failed[0]!.message, /referenced by/);
      assert.ok(state!.nodes.includes('completed_orders'), 'the node is still there');
    } else {
      assert.fail(`merging did not refuse the delete as the preview said: ${JSON.stringify(did)} ${JSON.stringify(state)}`);
    }
    assert.deepEqual(did.deleted, preview.changes.deleted);
  });

  test('(c) only a new metric: the preview says created, nothing downstream; merging creates it, valid', async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    w.git.commitFiles('add-max', { 'nodes/max_order.yaml': MAX_ORDER }, { from: 'main', message: 'max_order' });
    const { run, number } = await openPr(w, 'add-max', { 'fail-on': 'impact' });
    assert.equal(run.exitCode, 0, run.stdout);
    const preview = impactOf(run);
    assert.deepEqual(preview.changes, { created: [`${base}.max_order`], updated: [], deleted: [] });
    assert.deepEqual([preview.failed, preview.downstream], [[], []]);
    assert.match(ours(w, number)[0]!.body, /\*\*Merging would update 0 nodes, add 1, remove 0; no downstream node affected\.\*\*/);

    const merged = await mergeToMain(w, { 'nodes/max_order.yaml': MAX_ORDER });
    const did = actual(merged, base);
    assert.deepEqual(did, { created: ['max_order'], updated: [], deleted: [], failed: [] });
    const state = await w.namespace(base);
    assert.ok(state!.nodes.includes('max_order'));
    assert.deepEqual(state!.invalid, []);
  });

  test("(d) a branch behind main: main's newer node is not shown as deleted; merging keeps it", async () => {
    w = await startDjWorld();
    const base = `${w.root}.main`;
    const cut = w.git.head('main')!;
    w.git.commitFiles('add-days', { 'nodes/order_days.yaml': ORDER_DAYS }, { from: cut, message: 'order_days' });
    // main moves on after the branch was cut, and its namespace is deployed.
    await mergeToMain(w, { 'nodes/max_order.yaml': MAX_ORDER });
    assert.ok((await w.namespace(base))!.nodes.includes('max_order'));
    const { run } = await openPr(w, 'add-days');
    assert.equal(run.exitCode, 0, run.stdout);
    const preview = impactOf(run);
    assert.deepEqual(preview.changes, { created: [`${base}.order_days`], updated: [], deleted: [] }, 'max_order, newer on main, is not deleted');
    assert.deepEqual(preview.failed, []);

    const merged = await mergeToMain(w, { 'nodes/order_days.yaml': ORDER_DAYS });
    const did = actual(merged, base);
    assert.deepEqual([did.created, did.deleted, did.failed], [['order_days'], [], []]);
    const state = await w.namespace(base);
    assert.ok(state!.nodes.includes('max_order') && state!.nodes.includes('order_days'), JSON.stringify(state));
  });
});

(real ? describe.skip : describe)('merge preview on a DJ without impact analysis (emulator)', () => {
  let w: DjWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  test('a note in the comment and the summary, one warning, output impact empty, and the step passes even with fail-on: impact', async () => {
    w = await startDjWorld();
    w.git.commitFiles('add-max', { 'nodes/max_order.yaml': MAX_ORDER }, { from: 'main', message: 'max_order' });
    w.resetLogs();
    const { run, number } = await openPr(w, 'add-max', { 'fail-on': 'impact' });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.operation, 'created');
    assert.equal(run.outputs.impact, '');
    const notes = run.warnings.filter(m => m.startsWith('No merge preview:'));
    assert.equal(notes.length, 1, run.warnings.join('\n'));
    assert.match(notes[0]!, /this DJ server has no spec export \(GET \/namespaces\/demo\.metrics\.main\/export\/spec answered HTTP 404\)/);
    const body = ours(w, number)[0]!.body;
    assert.match(body, /^> \[!NOTE\]\n> No merge preview: this DJ server has no spec export/m);
    assert.match(run.summary, /No merge preview/);
    // The branch was still deployed as always, and the pull request's files were read from GitHub.
    assert.ok(w.djLog().includes(`POST /namespaces/${ENC('demo.metrics.add_max')}/sync-from-git`), w.djLog().join('\n'));
    assert.ok(
      w.ghLog().some(l => l.includes('/compare/')),
      w.ghLog().join('\n'),
    );
    assert.ok(
      w.ghLog().some(l => l.includes('/contents/nodes/max_order.yaml?ref=')),
      w.ghLog().join('\n'),
    );
  });

  test("a deployment that fails still waits for the preview and reports it: the failure's comment carries the note, the step fails for the deployment only", async () => {
    w = await startDjWorld();
    w.git.commitFiles('add-max', { 'nodes/max_order.yaml': MAX_ORDER }, { from: 'main', message: 'max_order' });
    w.djFront.addFault({ method: 'POST', path: `/namespaces/${ENC('demo.metrics.add_max')}/sync-from-git`, status: 500, body: { detail: 'database is locked' } });
    const { run, number } = await openPr(w, 'add-max');
    assert.equal(run.exitCode, 1);
    assert.ok(
      run.errors.some(e => /HTTP 500/.test(e) && /database is locked/.test(e)),
      run.errors.join('\n'),
    );
    assert.equal(run.warnings.filter(m => m.startsWith('No merge preview:')).length, 1, run.warnings.join('\n'));
    const body = ours(w, number)[0]!.body;
    assert.match(body, /^### ❌ Failed: /m);
    assert.match(body, /> No merge preview: this DJ server has no spec export/);
  });

  test('impact: false asks neither GitHub nor DJ for a preview and says nothing about one', async () => {
    w = await startDjWorld();
    w.git.commitFiles('add-max', { 'nodes/max_order.yaml': MAX_ORDER }, { from: 'main', message: 'max_order' });
    w.resetLogs();
    const { run, number } = await openPr(w, 'add-max', { impact: 'false', checks: 'false', deployments: 'false' });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(run.outputs.impact, '');
    assert.deepEqual(
      run.warnings.filter(m => /merge preview/i.test(m)),
      [],
    );
    assert.ok(!w.djLog().some(l => l.includes('export/spec') || l.includes('/deployments')));
    assert.ok(!w.ghLog().some(l => l.includes('/compare/') || l.includes('/contents/')));
    assert.doesNotMatch(ours(w, number)[0]!.body, /[Mm]erg(e|ing) (preview|would)/);
  });

  test('a pull request that changes no node file asks DJ nothing for the preview and says so in one line', async () => {
    w = await startDjWorld();
    w.git.commitFiles('docs', { 'README.md': 'Docs only\n', 'nodes/dj.yaml': 'name: project\n' }, { from: 'main', message: 'docs' });
    w.resetLogs();
    const { run, number } = await openPr(w, 'docs');
    assert.equal(run.exitCode, 0, run.stdout);
    assert.ok(!w.djLog().some(l => l.includes('export/spec') || l.includes('/deployments')), w.djLog().join('\n'));
    assert.match(ours(w, number)[0]!.body, /\*\*Merging would change no node\*\* in demo\.metrics\.main\./);
    assert.deepEqual(JSON.parse(run.outputs.impact!), { base: 'demo.metrics.main', changes: { created: [], updated: [], deleted: [] }, failed: [], downstream: [] });
  });
});
