/**
 * Reliability classes of the merge preview (issue 19):
 *
 * - class 5, "an answer that cannot be read is 'cannot tell'": a comparison without `files`,
 *   a file the comparison lists whose contents answer 404 (at the head or at the base). The
 *   preview says it could not tell; it never says "no node changes" or shows a node removed,
 *   and `fail-on: impact` does not fail for it.
 * - class 6, "every bound the README states holds end to end": a hung `POST
 *   /deployments/impact` ends within `timeout-seconds` (the preview's bound, at most two
 *   minutes), retries included; the `impact` output fits the 1 MB budget with everything else
 *   (300 refused changes with 4,000-character messages).
 *
 * The dist cases run dist/index.js on the DJ emulator (which has no impact analysis: the
 * export and the impact answers are scripted faults in the real server's shapes).
 */
import { test, describe, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startDjWorld, type DjWorld } from '../../harness/dj-world.js';
import { prEvent } from '../../harness/payloads.js';
import type { ActionRun } from '../../harness/run-action.js';
import { planOutputs, OUTPUT_LIMIT } from '../../src/outputs.js';
import type { ImpactSummary } from '../../src/targets/dj/impact.js';
import type { Outcome } from '../../src/targets/target.js';
import { count } from './support.js';

const MAX_ORDER = `name: \${prefix}max_order
node_type: metric
description: Largest completed order
query: SELECT MAX(amount) FROM \${prefix}completed_orders
`;
const BASE_NS = 'demo.metrics.main';
let pr = 600;

let w: DjWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** A pull request that adds a metric file, with the base namespace's export answered. */
async function prWorld(): Promise<{ world: DjWorld; open: (inputs?: Record<string, string>, branch?: string) => Promise<ActionRun> }> {
  const world = await startDjWorld();
  w = world;
  world.git.commitFiles('add-max', { 'nodes/max_order.yaml': MAX_ORDER }, { from: 'main', message: 'max_order' });
  world.djFront.addFault({ method: 'GET', path: `/namespaces/${BASE_NS}/export/spec`, times: Infinity, status: 200, body: { namespace: BASE_NS, nodes: [] } });
  const open = (inputs: Record<string, string> = {}, branch = 'add-max') => {
    const payload = prEvent('opened', branch, { number: ++pr, sha: world.git.head(branch)! }) as { pull_request: { base: { sha: string } } };
    payload.pull_request.base.sha = world.git.head('main')!;
    world.resetLogs();
    return world.run('pull_request', payload, { 'fail-on': 'impact', ...inputs });
  };
  return { world, open };
}

/** The run passed, said once that it could not tell (`pattern`), and claimed nothing. */
function cannotTell(run: ActionRun, pattern: RegExp): void {
  assert.equal(run.exitCode, 0, run.stdout + run.stderr);
  const notes = run.warnings.filter(m => m.startsWith('No merge preview:'));
  assert.equal(notes.length, 1, run.warnings.join('\n'));
  assert.match(notes[0]!, pattern);
  assert.equal(run.outputs.impact, '', 'no impact output: nothing was told');
  assert.doesNotMatch(run.summary, /Merging would change no node/);
  assert.doesNotMatch(run.summary, /removed|deleted/i);
}

describe('class 5: an answer that cannot be read is "cannot tell"', () => {
  test('a comparison answered without `files`: not "no node changes"', async () => {
    count('tell.cases');
    const { world, open } = await prWorld();
    world.gh.addFault({ method: 'GET', path: /\/compare\//, times: Infinity, status: 200, body: { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [] } });
    cannotTell(await open(), /without the list of changed files/);
    assert.ok(!world.djLog().some(l => l.includes('/deployments/impact')), 'DJ not asked');
    count('tell.held');
  });

  test('a listed file whose contents answer 404 at the head: not a removed node, the step passes under fail-on: impact', async () => {
    count('tell.cases');
    const { world, open } = await prWorld();
    world.gh.addFault({ method: 'GET', path: /\/contents\/nodes\/max_order\.yaml/, times: Infinity, status: 404, body: { message: 'Not Found' } });
    cannotTell(await open(), /lists nodes\/max_order\.yaml as changed, but did not return it/);
    count('tell.held');
  });

  test('a removed file whose base side answers 404: cannot tell either (not "no change")', async () => {
    count('tell.cases');
    const { world, open } = await prWorld();
    // The file exists on main, and the pull request removes it; its read at the base fails.
    world.git.commitFiles('main', { 'nodes/max_order.yaml': MAX_ORDER }, { message: 'max_order on main' });
    world.git.commitFiles('drop-max', { 'nodes/max_order.yaml': null }, { from: 'main', message: 'drop' });
    world.gh.addFault({ method: 'GET', path: /\/contents\/nodes\/max_order\.yaml/, times: Infinity, status: 404, body: { message: 'Not Found' } });
    const run = await open({}, 'drop-max');
    cannotTell(run, /did not return it/);
    count('tell.held');
  });
});

describe('class 6: the bounds hold end to end', () => {
  test('a POST /deployments/impact that never answers ends within timeout-seconds, its retries included', async () => {
    count('bounds.cases');
    const { world, open } = await prWorld();
    world.djFront.addFault({ method: 'POST', path: '/deployments/impact', times: Infinity, delayMs: 60_000, status: 200, body: {} });
    const started = Date.now();
    const run = await open({ 'timeout-seconds': '2' });
    const took = Date.now() - started;
    cannotTell(run, /did not finish within 2 s/);
    // Before: four tries of 2 s plus backoff (8.6 s). Now the preview's 2 s hold the POST too;
    // the rest is the run's own start-up and deployment.
    assert.ok(took < 6_000, `the run took ${took} ms`);
    assert.ok(world.djLog().filter(l => l === 'POST /deployments/impact').length <= 2, world.djLog().join('\n'));
    count('bounds.held');
  });

  test('300 refused changes with 4,000-character messages: the impact output fits with everything else, cut with a note', () => {
    count('bounds.cases');
    const failed = Array.from({ length: 300 }, (_, i) => ({ name: `${BASE_NS}.node_${i}`, operation: 'delete', message: `referenced by ${'x'.repeat(4000)}` }));
    const impact: ImpactSummary = { base: BASE_NS, changes: { created: [], updated: [], deleted: failed.map(f => f.name) }, failed, downstream: [] };
    const results = Array.from({ length: 2000 }, (_, i) => ({ name: `n${i}`, deploy_type: 'node', status: 'success', operation: 'update', message: 'y'.repeat(400) }));
    const outcome = { target: 'dj', operation: 'updated', name: 'demo.metrics.x', gitBranch: 'x', deployedSha: 'a'.repeat(40), results, notes: [] } as Outcome;
    const planned = planOutputs(outcome, '/tmp/results.json', undefined, impact);
    const total = Object.entries(planned.values).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    assert.ok(total <= OUTPUT_LIMIT, `all outputs: ${total} bytes`);
    const out = JSON.parse(planned.values.impact!) as ImpactSummary;
    assert.ok(out.failed.length < 300 && out.failed.length > 0);
    assert.equal(out.changes.deleted.length, 300, 'the names are kept whole once the messages are cut');
    assert.ok(
      planned.notes.some(n => /holds the first \d+ of 300 refused changes/.test(n)),
      planned.notes.join('\n'),
    );
    count('bounds.held');
  });

  test.each([
    ['names only, 60,000 created nodes', { created: Array.from({ length: 60_000 }, (_, i) => `${BASE_NS}.a_rather_long_node_name_${i}`), updated: [], deleted: [] }],
    ['long downstream and names', { created: Array.from({ length: 5000 }, (_, i) => `${BASE_NS}.c${i}`), updated: [], deleted: [] }],
  ])('an impact of %s fits its quarter of the budget', (_name, changes) => {
    count('bounds.cases');
    const impact: ImpactSummary = { base: BASE_NS, changes, failed: [], downstream: [] };
    const outcome = { target: 'dj', operation: 'updated', name: 'demo.metrics.x', gitBranch: 'x', results: [], notes: [] } as unknown as Outcome;
    const planned = planOutputs(outcome, undefined, undefined, impact);
    assert.ok(Buffer.byteLength(planned.values.impact!) <= OUTPUT_LIMIT / 4);
    JSON.parse(planned.values.impact!);
    count('bounds.held');
  });
});
