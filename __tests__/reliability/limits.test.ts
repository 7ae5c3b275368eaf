/**
 * Reliability class "limits": number inputs beyond what a timer or a counter can hold are input
 * errors (never a 1 ms timeout or a prune that means nothing); outputs stay within GitHub's
 * 1 MB per job, with `results` and `branches` cut and noted, and written whole to
 * `results-file`.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../src/settings.js';
import { InputError } from '../../src/errors.js';
import { type Outcome } from '../../src/targets/target.js';
import { planOutputs, OUTPUT_LIMIT } from '../../src/outputs.js';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, pushEvent, setRepo } from '../../harness/payloads.js';
import { count, oneClearError } from './support.js';

const ENC = encodeURIComponent;
const BASE = { INPUT_NAMESPACE: 'demo.metrics', 'INPUT_DJ-URL': 'https://dj.example.com' };

describe('limits: number inputs that overflow are input errors', () => {
  test.each([
    ['timeout-seconds', '99999999999999999999'],
    ['timeout-seconds', '2147484'],
    ['timeout-seconds', '536871'],
    ['timeout-seconds', '1' + '0'.repeat(30)],
    ['timeout-seconds', '4294967.296'],
    ['timeout-seconds', '0.5'],
    ['retries', '99999999999999999999'],
    ['retries', '4294967297'],
    ['prune-min-age-hours', '9'.repeat(25)],
    ['prune-min-age-hours', '1000000'],
  ])('%s: %s is an input error naming the input and the range', (input, value) => {
    count('limits.cases');
    assert.throws(
      () => readSettings({ ...BASE, [`INPUT_${input.toUpperCase()}`]: value }, () => {}),
      (e: Error) => e instanceof InputError && e.message.includes(`'${input}'`) && / from \d+ to \d+/.test(e.message),
    );
    count('limits.held');
  });

  test('the largest values a timer holds are accepted', () => {
    count('limits.cases');
    const s = readSettings({ ...BASE, 'INPUT_TIMEOUT-SECONDS': '536870', INPUT_RETRIES: '3', 'INPUT_PRUNE-MIN-AGE-HOURS': '876000' }, () => {});
    assert.equal(s.timeoutMs, 536_870_000);
    assert.ok(s.timeoutMs * (s.retries + 1) <= 2 ** 31 - 1);
    const one = readSettings({ ...BASE, 'INPUT_TIMEOUT-SECONDS': '2147483', INPUT_RETRIES: '0' }, () => {});
    assert.equal(one.timeoutMs, 2_147_483_000);
    count('limits.held');
  });
});

/** An outcome with `n` results of about `size` bytes each. */
/** A deployment with `n` results; with `branches`, a listing that carries results too (both lists long at once). */
function bigOutcome(n: number, size: number, branches = 0): Outcome {
  const base = {
    target: 'dj' as const,
    name: `${ROOT}.big`,
    gitBranch: 'big',
    results: Array.from({ length: n }, (_, i) => ({
      name: `${ROOT}.big.node_${i}`,
      deploy_type: 'node',
      status: i % 7 ? 'success' : 'failed',
      operation: 'create',
      message: 'é'.repeat(size),
    })),
    notes: [],
  };
  if (!branches) return { ...base, operation: 'updated' };
  return {
    ...base,
    operation: 'listed',
    branches: Array.from({ length: branches }, (_, i) => ({
      name: `${ROOT}.b${i}`,
      gitBranch: `b${i}`,
      isDefault: false,
      raw: { namespace: `${ROOT}.b${i}`, pad: 'x'.repeat(size) },
    })),
  };
}

const outputBytes = (values: Record<string, string>) => Object.entries(values).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

describe('limits: outputs within 1 MB (pure)', () => {
  test.each([
    ['30,000 results (~6 MB)', 30_000, 100, 0],
    ['8,000 branches (~2 MB)', 1, 200, 8_000],
    ['both long', 20_000, 60, 20_000],
    ['one result of 3 MB', 1, 1_500_000, 0],
  ])('%s: all outputs fit, the lists are valid JSON prefixes, a note says so, the file has everything', (_name, n, size, branches) => {
    count('limits.cases');
    const outcome = bigOutcome(n, size, branches);
    const planned = planOutputs(outcome, '/tmp/results.json');
    assert.ok(outputBytes(planned.values) <= OUTPUT_LIMIT, `${outputBytes(planned.values)} bytes`);
    const results = JSON.parse(planned.values.results!) as { name: string }[];
    const listed = JSON.parse(planned.values.branches!) as unknown[];
    assert.deepEqual(
      results.map(r => r.name),
      outcome.results.slice(0, results.length).map(r => r.name),
    );
    assert.ok(results.length < n || listed.length < branches, 'something was cut');
    assert.ok(
      planned.notes.some(note => /GitHub keeps at most 1 MB/.test(note) && /results-file/.test(note)),
      planned.notes.join('\n'),
    );
    const file = JSON.parse(planned.file!) as { results: unknown[]; branches: unknown[] };
    assert.equal(file.results.length, n);
    assert.equal(file.branches.length, branches);
    assert.equal(planned.values['results-file'], '/tmp/results.json');
    // Counts are of everything, not of what fitted.
    assert.equal((JSON.parse(planned.values.counts!) as { failed: number }).failed, outcome.results.filter(r => r.status === 'failed').length);
    count('limits.held');
  });

  test('small outputs are not cut and carry no note; no lists, no file', () => {
    count('limits.cases');
    const small = planOutputs(bigOutcome(3, 10), '/tmp/r.json');
    assert.equal((JSON.parse(small.values.results!) as unknown[]).length, 3);
    assert.deepEqual(small.notes, []);
    const none = planOutputs({ target: 'dj', operation: 'skipped', skipReason: 'tag', results: [], notes: [] }, '/tmp/r.json');
    assert.equal(none.file, undefined);
    assert.equal(none.values['results-file'], '');
    count('limits.held');
  });
});

describe('limits through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('timeout-seconds beyond a timer: one clear input error, nothing sent', async () => {
    count('limits.cases');
    w.resetLogs();
    const r = await w.run('push', pushEvent('main'), { 'timeout-seconds': '99999999999999999999' });
    assert.match(oneClearError(r), /Input error: Input 'timeout-seconds'/);
    assert.deepEqual(w.djLog(), []);
    count('limits.held');
  });

  test('a deployment with 25,000 results: outputs within 1 MB, results cut with a note, results-file holds them all', async () => {
    count('limits.cases');
    pushBranch(w, 'feature/huge');
    await w.run('create', branchRefEvent('create', 'feature/huge'), { deploy: 'none' });
    const ns = `${ROOT}.feature_huge`;
    const results = Array.from({ length: 25_000 }, (_, i) => ({ name: `${ns}.node_${i}`, deploy_type: 'node', status: 'success', operation: 'noop', message: 'm'.repeat(80) }));
    w.dj.addFault({
      method: 'POST',
      path: `/namespaces/${ENC(ns)}/sync-from-git`,
      status: 200,
      body: { uuid: 'u', namespace: ns, status: 'success', results, source: { type: 'git', commit_sha: 'a'.repeat(40) } },
      afterHandler: true,
    });
    const temp = mkdtempSync(join(tmpdir(), 'djbs-limits-'));
    try {
      const r = await w.run('push', pushEvent('feature/huge'), {}, { RUNNER_TEMP: temp });
      assert.equal(r.exitCode, 0, r.stderr + r.stdout.slice(0, 2000));
      assert.ok(outputBytes(r.outputs) <= OUTPUT_LIMIT, `${outputBytes(r.outputs)} bytes of outputs`);
      const cut = JSON.parse(r.outputs.results!) as unknown[];
      assert.ok(cut.length > 0 && cut.length < 25_000, String(cut.length));
      assert.deepEqual(JSON.parse(r.outputs.counts!), { success: 25_000, failed: 0, invalid: 0, skipped: 0, warning: 0 });
      assert.match(r.summary, /holds the first \d+ of 25000 results/);
      const file = r.outputs['results-file']!;
      assert.ok(file.startsWith(temp), file);
      assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { results: unknown[] }).results.length, 25_000);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
    count('limits.held');
  });

  test('list: results-file holds the branches; small outputs are whole', async () => {
    count('limits.cases');
    const temp = mkdtempSync(join(tmpdir(), 'djbs-limits-'));
    try {
      const sched = { schedule: '1 2 * * *' };
      setRepo(sched, 'acme/dj-definitions');
      const r = await w.run('schedule', sched, { operation: 'list' }, { RUNNER_TEMP: temp });
      assert.equal(r.exitCode, 0, r.stdout);
      const listed = JSON.parse(r.outputs.branches!) as unknown[];
      const file = JSON.parse(readFileSync(r.outputs['results-file']!, 'utf8')) as { branches: unknown[] };
      assert.deepEqual(file.branches, listed);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
    count('limits.held');
  });
});
