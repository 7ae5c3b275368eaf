/**
 * The DJ emulator's impact analysis (emulators/dj-impact.ts, the demo's merge preview): the rules
 * it models from what datajunction-server 0.0.272 answered, and its routes (asynchronous as on
 * 0.0.272: 426 without `Prefer: respond-async`, a pending answer, then the result by uuid).
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { analyseImpact, type StoredNode } from '../../emulators/dj-impact.js';
import { DJEmulator } from '../../emulators/dj.js';

const NS = 'demo.metrics.main';
const current = new Map<string, StoredNode>([
  ['orders', { type: 'source', status: 'valid', query: '' }],
  ['completed', { type: 'transform', status: 'valid', query: 'SELECT * FROM ${prefix}orders' }],
  ['revenue', { type: 'metric', status: 'valid', query: 'SELECT SUM(amount) FROM ${prefix}completed' }],
  ['big', { type: 'metric', status: 'valid', query: 'SELECT MAX(x) FROM ${prefix}revenue' }],
]);
const spec = (changes: Record<string, string | null>) =>
  [...current]
    .map(([name, n]) => ({ name: `\${prefix}${name}`, node_type: n.type, query: name in changes ? changes[name] : n.query }))
    .filter(n => n.query !== null)
    .concat(
      Object.entries(changes)
        .filter(([name, q]) => !current.has(name) && q !== null)
        .map(([name, q]) => ({ name: `\${prefix}${name}`, node_type: 'metric', query: q })),
    );

describe('the emulated impact analysis', () => {
  test('a transform reading a missing table: it is invalid, and every node downstream would become invalid, with its depth and cause', () => {
    const { results, downstream_impacts } = analyseImpact(NS, current, spec({ completed: 'SELECT * FROM ${prefix}paid_orders' }));
    const changed = (results as { name: string; status: string; operation: string; message: string }[]).filter(r => r.operation !== 'noop');
    assert.deepEqual(
      changed.map(r => [r.name, r.operation, r.status]),
      [[`${NS}.completed`, 'update', 'invalid']],
    );
    assert.match(changed[0]!.message, /Table `demo\.metrics\.main\.paid_orders` not found/);
    const d = downstream_impacts as { name: string; predicted_status: string; impact_type: string; depth: number; caused_by: string[] }[];
    assert.deepEqual(
      d.map(x => [x.name, x.predicted_status, x.impact_type, x.depth, x.caused_by]),
      [
        [`${NS}.revenue`, 'invalid', 'will_invalidate', 1, [`${NS}.completed`]],
        [`${NS}.big`, 'invalid', 'will_invalidate', 2, [`${NS}.completed`]],
      ],
    );
  });

  test('a valid change: downstream nodes may be affected, none breaks; a new metric affects nothing', () => {
    const edit = analyseImpact(NS, current, spec({ completed: 'SELECT id FROM ${prefix}orders' }));
    assert.deepEqual(
      (edit.downstream_impacts as { impact_type: string; predicted_status: string }[]).map(x => [x.impact_type, x.predicted_status]),
      [
        ['may_affect', 'valid'],
        ['may_affect', 'valid'],
      ],
    );
    const add = analyseImpact(NS, current, spec({ extra: 'SELECT COUNT(*) FROM ${prefix}orders' }));
    assert.deepEqual(add.downstream_impacts, []);
    assert.ok((add.results as { name: string; operation: string }[]).some(r => r.name === `${NS}.extra` && r.operation === 'create'));
  });

  test('a removed node: a delete result, and its readers would become invalid', () => {
    const { results, downstream_impacts } = analyseImpact(NS, current, spec({ completed: null }));
    assert.ok((results as { name: string; operation: string }[]).some(r => r.name === `${NS}.completed` && r.operation === 'delete'));
    assert.deepEqual(
      (downstream_impacts as { name: string; impact_type: string }[]).map(x => [x.name, x.impact_type]),
      [
        [`${NS}.revenue`, 'will_invalidate'],
        [`${NS}.big`, 'will_invalidate'],
      ],
    );
  });

  test('routes: off by default (FastAPI 404); on: export/spec, 426 without Prefer, 202 pending, then the result by uuid', async () => {
    const dj = new DJEmulator();
    await dj.start();
    try {
      dj.seedRoot('demo.metrics', {
        repo: 'acme/dj-definitions',
        nodes: [
          { name: 'orders', type: 'source' },
          { name: 'revenue', query: 'SELECT 1 FROM ${prefix}orders' },
        ],
      });
      const get = (p: string) => fetch(`${dj.url}${p}`);
      assert.equal((await get('/namespaces/demo.metrics.main/export/spec')).status, 404);
      dj.impactAnalysis = true;
      const exported = (await (await get('/namespaces/demo.metrics.main/export/spec')).json()) as { namespace: string; nodes: { name: string }[] };
      // Arrays from fetch's JSON belong to another realm under jest: compared as JSON.
      assert.equal(JSON.stringify(exported.nodes.map(n => n.name).sort()), JSON.stringify(['${prefix}orders', '${prefix}revenue']));
      const post = (prefer?: string) =>
        fetch(`${dj.url}/deployments/impact`, { method: 'POST', headers: { 'content-type': 'application/json', ...(prefer ? { prefer } : {}) }, body: JSON.stringify(exported) });
      assert.equal((await post()).status, 426);
      const pending = await post('respond-async');
      assert.equal(pending.status, 202);
      const { uuid, status } = (await pending.json()) as { uuid: string; status: string };
      assert.equal(status, 'pending');
      const done = (await (await get(`/deployments/${uuid}`)).json()) as { status: string; results: { operation: string }[] };
      assert.equal(done.status, 'success');
      assert.equal(JSON.stringify(done.results.map(r => r.operation)), JSON.stringify(['noop', 'noop']));
    } finally {
      await dj.stop();
    }
  });
});
