/**
 * The merge preview's requests: which ones run together, which wait for which, and when none is
 * sent. A fake I/O holds every answer until the test releases the whole wave, so each assertion
 * sees exactly the requests that were in flight at once.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { mergePreview, PreviewUnavailable, type ImpactDeployment, type PreviewIO } from '../../src/targets/dj/merge-preview.js';
import type { ChangedFile, DeploymentSpecLike } from '../../src/targets/dj/preview.js';

interface Pending {
  call: string;
  resolve: () => void;
}

/** A fake I/O whose answers wait for {@link Fake.release}. */
class Fake {
  readonly calls: string[] = [];
  private pending: Pending[] = [];
  clock = 0;
  files: ChangedFile[] = [];
  texts: Record<string, string> = {};
  spec: DeploymentSpecLike = { namespace: 'demo.metrics.main', nodes: [{ name: '${prefix}orders', node_type: 'source' }] };
  answers: ImpactDeployment[] = [];
  submitted?: DeploymentSpecLike;

  private hold<T>(call: string, value: () => T): Promise<T> {
    this.calls.push(call);
    return new Promise<T>((resolve, reject) =>
      this.pending.push({
        call,
        resolve: () => {
          try {
            resolve(value());
          } catch (err) {
            reject(err);
          }
        },
      }),
    );
  }

  /** Answers every request in flight and returns their names, sorted. */
  async release(): Promise<string[]> {
    await new Promise(r => setImmediate(r));
    const wave = this.pending;
    this.pending = [];
    wave.forEach(p => p.resolve());
    await new Promise(r => setImmediate(r));
    return wave.map(p => p.call).sort();
  }

  io(): PreviewIO {
    return {
      changedFiles: (b, h) => this.hold(`compare ${b}...${h}`, () => this.files),
      readFile: (ref, path) => this.hold(`read ${ref}:${path}`, () => this.texts[`${ref}:${path}`]),
      exportSpec: ns => this.hold(`export ${ns}`, () => this.spec),
      submitImpact: spec => {
        this.submitted = spec;
        return this.hold('POST impact', () => this.answers.shift()!);
      },
      deployment: uuid => this.hold(`GET deployment ${uuid}`, () => this.answers.shift()!),
      sleep: async ms => void (this.clock += ms),
      now: () => this.clock,
    };
  }
}

const answer = (status: string, extra: Partial<ImpactDeployment> = {}): ImpactDeployment => ({ uuid: 'u1', status, results: [], downstream_impacts: [], ...extra });
const request = { baseSha: 'b0', headSha: 'h1', gitPath: Promise.resolve('nodes/'), baseNamespace: Promise.resolve('demo.metrics.main'), timeoutMs: 10_000 };

describe('merge preview requests', () => {
  test('compare → (base spec ∥ every changed file, both sides) → impact → poll until final', async () => {
    const f = new Fake();
    f.files = [
      { filename: 'nodes/revenue.yaml', status: 'modified' },
      { filename: 'nodes/aov.yaml', status: 'added' },
      { filename: 'README.md', status: 'modified' },
    ];
    f.texts = {
      'h1:nodes/revenue.yaml': 'name: ${prefix}revenue\nnode_type: metric\nquery: SELECT SUM(amount) * 2 FROM ${prefix}orders\n',
      'b0:nodes/revenue.yaml': 'name: ${prefix}revenue\nnode_type: metric\nquery: SELECT SUM(amount) FROM ${prefix}orders\n',
      'h1:nodes/aov.yaml': 'name: ${prefix}aov\nnode_type: metric\nquery: SELECT AVG(amount) FROM ${prefix}orders\n',
    };
    f.answers = [
      answer('pending'),
      answer('running'),
      answer('success', {
        results: [
          { name: 'demo.metrics.main.revenue', status: 'success', operation: 'update', message: 'Updated metric (v2.0)' },
          { name: 'demo.metrics.main.aov', status: 'success', operation: 'create', message: 'Created metric (v1.0)' },
          { name: 'demo.metrics.main.orders', status: 'skipped', operation: 'noop', message: 'Unchanged' },
        ],
      }),
    ];
    const done = mergePreview(request, f.io());
    assert.deepEqual(await f.release(), ['compare b0...h1']);
    assert.deepEqual(await f.release(), ['export demo.metrics.main', 'read b0:nodes/revenue.yaml', 'read h1:nodes/aov.yaml', 'read h1:nodes/revenue.yaml']);
    assert.deepEqual(await f.release(), ['POST impact']);
    assert.deepEqual(
      f.submitted!.nodes.map(n => n.name),
      ['${prefix}orders', '${prefix}revenue', '${prefix}aov'],
    );
    assert.equal(f.submitted!.namespace, 'demo.metrics.main');
    assert.deepEqual(await f.release(), ['GET deployment u1']);
    assert.deepEqual(await f.release(), ['GET deployment u1']);
    const summary = await done;
    assert.deepEqual(summary.changes, { created: ['demo.metrics.main.aov'], updated: ['demo.metrics.main.revenue'], deleted: [] });
    assert.equal(f.calls.length, 8, 'no request beyond these');
  });

  test('a pull request that changes no node file asks DJ nothing', async () => {
    const f = new Fake();
    f.files = [
      { filename: 'docs/x.md', status: 'modified' },
      { filename: 'nodes/dj.yaml', status: 'modified' },
    ];
    const done = mergePreview(request, f.io());
    await f.release();
    const summary = await done;
    assert.deepEqual(f.calls, ['compare b0...h1']);
    assert.deepEqual(summary, { base: 'demo.metrics.main', changes: { created: [], updated: [], deleted: [] }, failed: [], downstream: [] });
  });

  test('an answer that is final at once (a server that answers synchronously) is not polled', async () => {
    const f = new Fake();
    f.files = [{ filename: 'nodes/a.yaml', status: 'removed' }];
    f.texts = { 'b0:nodes/a.yaml': 'name: ${prefix}a\nnode_type: metric\nquery: SELECT 1\n' };
    f.spec = {
      namespace: 'demo.metrics.main',
      nodes: [
        { name: '${prefix}a', node_type: 'metric' },
        { name: '${prefix}b', node_type: 'metric' },
      ],
    };
    f.answers = [answer('success', { results: [{ name: 'demo.metrics.main.a', status: 'success', operation: 'delete', message: 'Deleted' }] })];
    const done = mergePreview(request, f.io());
    for (let i = 0; i < 3; i++) await f.release();
    const summary = await done;
    assert.deepEqual(
      f.submitted!.nodes.map(n => n.name),
      ['${prefix}b'],
    );
    assert.deepEqual(summary.changes.deleted, ['demo.metrics.main.a']);
    assert.ok(!f.calls.some(c => c.startsWith('GET deployment')));
  });

  test('an analysis that never finishes gives up at the deadline with a reason', async () => {
    const f = new Fake();
    f.files = [{ filename: 'nodes/a.yaml', status: 'added' }];
    f.texts = { 'h1:nodes/a.yaml': 'name: ${prefix}a\nnode_type: metric\nquery: SELECT 1\n' };
    f.answers = Array.from({ length: 50 }, () => answer('running'));
    const done = mergePreview({ ...request, timeoutMs: 3000 }, f.io());
    const settled = done.then(
      () => 'resolved',
      (err: unknown) => err,
    );
    for (let i = 0; i < 20; i++) await f.release();
    const err = await settled;
    assert.ok(err instanceof PreviewUnavailable, String(err));
    assert.match(err.message, /did not finish within 3 s/);
    assert.ok(f.calls.filter(c => c.startsWith('GET deployment')).length < 10, 'polls back off');
  });

  test('a failed analysis without results is no preview, not "nothing changes"', async () => {
    const f = new Fake();
    f.files = [{ filename: 'nodes/a.yaml', status: 'added' }];
    f.texts = { 'h1:nodes/a.yaml': 'name: ${prefix}a\nnode_type: metric\nquery: SELECT 1\n' };
    f.answers = [answer('failed')];
    const done = mergePreview(request, f.io()).then(
      () => 'resolved',
      (err: unknown) => err,
    );
    for (let i = 0; i < 3; i++) await f.release();
    const err = await done;
    assert.ok(err instanceof PreviewUnavailable);
  });
});
