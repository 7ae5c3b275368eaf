/**
 * Reliability class "no map keyed by server text on a plain object" (issue 19, class 7): node
 * statuses, operations and deploy types named `constructor`, `toString`, `__proto__` and the
 * other names every object inherits, fuzzed with fast-check through the counts, the `counts`
 * output, the impact summary and the rendered report, and once through dist/index.js.
 */
import { test, describe, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countsPhrase, tally } from '../../src/report/counts.js';
import { countByStatus } from '../../src/outcome.js';
import { summarizeImpact } from '../../src/targets/dj/impact.js';
import { renderReport, type ReportContext } from '../../src/report/markdown.js';
import { renderImpact } from '../../src/report/impact.js';
import type { DeploymentResult, Outcome } from '../../src/targets/target.js';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, pushEvent } from '../../harness/payloads.js';
import { count } from './support.js';

/** Every name an object inherits, and the ones that change an object when assigned. */
const INHERITED = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype', 'then'];
const KNOWN = ['success', 'failed', 'invalid', 'skipped', 'warning', 'create', 'update', 'delete', 'noop', 'node', 'link'];
const key = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom(...KNOWN), fc.string({ maxLength: 12 }));
const result = fc.record({ name: fc.string({ maxLength: 20 }), deploy_type: key, status: key, operation: key, message: fc.string({ maxLength: 20 }) });

const ctx: ReportContext = {
  eventName: 'push',
  runUrl: 'https://github.com/acme/defs/actions/runs/99',
  repoUrl: 'https://github.com/acme/defs',
  headSha: '0123456789abcdef0123456789abcdef01234567',
  dryRun: false,
  failOn: 'failed',
  now: new Date('2026-08-22T10:15:30Z'),
};

/** What an inherited member looks like when it leaks into text. */
const LEAK = /native code|function |\[object Object\]|=>/;

describe('keys from outside: maps, never plain objects', () => {
  test('counts, the counts output and the report of fuzzed results: no inherited member, parts add up', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 12 }), (results: DeploymentResult[]) => {
        count('keys.cases');
        const parts = tally(results);
        assert.equal(
          parts.reduce((n, [, k]) => n + k, 0),
          results.length,
        );
        assert.doesNotMatch(countsPhrase(results), LEAK);
        const byStatus = countByStatus(results);
        assert.ok(
          Object.values(byStatus).every(n => typeof n === 'number'),
          JSON.stringify(byStatus),
        );
        const outcome = { target: 'dj', operation: 'updated', name: 'demo.metrics.x', gitBranch: 'x', deployedSha: ctx.headSha, results, notes: [] } as Outcome;
        const md = renderReport(outcome, ctx);
        assert.doesNotMatch(md.replace(/\n/g, ' '), /native code|\[object Object\]/);
        count('keys.held');
      }),
      { numRuns: 300 },
    );
  });

  test('the impact summary of fuzzed results and downstream nodes: no TypeError, only known operations bucketed', () => {
    fc.assert(
      fc.property(
        fc.array(result, { maxLength: 12 }),
        fc.array(
          fc.record({
            name: fc.string({ maxLength: 10 }),
            node_type: key,
            current_status: key,
            predicted_status: key,
            impact_type: key,
            impact_reason: key,
            depth: fc.nat(5),
            caused_by: fc.array(key, { maxLength: 2 }),
            is_external: fc.boolean(),
            owners: fc.array(key, { maxLength: 2 }),
          }),
          { maxLength: 6 },
        ),
        (results, downstream) => {
          count('keys.cases');
          const summary = summarizeImpact('demo.metrics.main', results, downstream);
          const bucketed = summary.changes.created.length + summary.changes.updated.length + summary.changes.deleted.length;
          const expected = results.filter(r => r.status === 'success' && ['create', 'update', 'delete'].includes(r.operation) && r.deploy_type === 'node').length;
          assert.equal(bucketed, expected);
          assert.doesNotMatch(renderImpact(summary).replace(/\n/g, ' '), /native code|\[object Object\]/);
          count('keys.held');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('keys from outside, through dist/index.js', () => {
  let w: World;
  afterAll(async () => {
    await w?.stop();
  });

  test.each(INHERITED.filter(k => k !== '__proto__').slice(0, 6))(
    'a deployment result with status and operation %s: counted under its own name, nothing inherited shown',
    async name => {
      count('keys.cases');
      w ??= await startWorld();
      const branch = `feature/key-${name.replace(/_/g, '')}`;
      const ns = `${ROOT}.${branch.replace(/[-/]/g, '_')}`;
      pushBranch(w, branch);
      await w.run('create', branchRefEvent('create', branch), { deploy: 'none' });
      w.dj.addFault({
        method: 'POST',
        path: `/namespaces/${encodeURIComponent(ns)}/sync-from-git`,
        status: 200,
        body: {
          uuid: 'u',
          namespace: ns,
          status: 'success',
          results: [{ name: `${ns}.a`, deploy_type: 'node', status: name, operation: name, message: '' }],
          downstream_impacts: [],
        },
        afterHandler: true,
      });
      const r = await w.run('push', pushEvent(branch));
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const counts = JSON.parse(r.outputs.counts!) as Record<string, unknown>;
      assert.ok(Object.hasOwn(counts, name) && counts[name] === 1, r.outputs.counts);
      assert.doesNotMatch(r.summary + r.stdout, /native code/);
      count('keys.held');
    },
  );
});
