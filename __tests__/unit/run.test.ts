/**
 * run() of the source, in this process, against the emulators: the path of a run (settings →
 * event → plan → target → report) tested fast, beside the e2e suites that run the bundle as a
 * runner does. Runs here must not overlap (runInProcess swaps process.env and stdout).
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, DJ_TOKEN, type World } from '../../harness/world.js';
import { example, prEvent, pushEvent } from '../../harness/payloads.js';

describe('run() in process', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  test('a skip sends nothing and says why, in the outputs, the summary and a notice', async () => {
    const r = await w.runHere('create', example('create'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'tag');
    assert.deepEqual([...w.djLog(), ...w.ghLog()], []);
    assert.match(r.stdout, /^Decision: event create \(tag\) · branch — · namespace — · plan skip \(tag\)$/m);
    assert.equal(r.notices.length, 1);
    assert.match(r.summary, /tag/i);
  });

  test('opened: the namespace is created, the check run (the record) and one sticky comment written; a re-run deploys nothing', async () => {
    const branch = 'feature/in-process';
    const sha = 'e'.repeat(40);
    pushBranch(w, branch, undefined, sha);
    const r = await w.runHere('pull_request', prEvent('opened', branch, { number: 21, sha }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, `${ROOT}.feature_in_process`);
    for (const text of [r.stdout, r.summary, w.gh.comments(21)[0]?.body ?? '']) assert.ok(!text.includes(DJ_TOKEN), 'the DJ token is never shown');
    assert.equal(w.gh.comments(21).length, 1);
    assert.equal(r.outputs['comment-id'], String(w.gh.comments(21)[0]!.id));
    assert.ok(w.ghLog().includes(`POST /repos/acme/dj-definitions/check-runs`), JSON.stringify(w.ghLog()));
    assert.ok(!w.ghLog().includes(`POST /repos/acme/dj-definitions/statuses/${sha}`), 'no commit status beside the check run');
    // The same run again: the commit is deployed already, the comment is not written twice.
    w.resetLogs();
    const again = await w.runHere('pull_request', prEvent('synchronize', branch, { number: 21, sha }));
    assert.equal(again.exitCode, 0, again.stdout);
    assert.equal(again.outputs.operation, 'unchanged');
    assert.ok(!w.djLog().some(l => l.includes('sync-from-git')), JSON.stringify(w.djLog()));
    assert.equal(w.gh.comments(21).length, 1);
  });

  test('an input error fails the step with one line that says what to do; nothing is sent', async () => {
    const r = await w.runHere('push', pushEvent('main'), { 'fail-on': 'sometimes' });
    assert.equal(r.exitCode, 1);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^Input error: .*fail-on/);
    assert.deepEqual([...w.djLog(), ...w.ghLog()], []);
    assert.match(r.summary, /fail-on/);
  });

  test('a server failure on a pull request fails the step and still tells the pull request', async () => {
    const branch = 'feature/in-process-doomed';
    pushBranch(w, branch);
    w.dj.githubConfigured = false;
    try {
      const r = await w.runHere('pull_request', prEvent('opened', branch, { number: 22 }));
      assert.equal(r.exitCode, 1);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!, /GitHub authentication not configured/);
      assert.equal(w.gh.comments(22).length, 1);
      assert.match(w.gh.comments(22)[0]!.body, /GitHub authentication not configured/);
      assert.equal(r.outputs.namespace, `${ROOT}.feature_in_process_doomed`);
    } finally {
      w.dj.githubConfigured = true;
    }
  });

  test('a push to a branch without a namespace is skipped not-linked, with a notice', async () => {
    const r = await w.runHere('push', pushEvent('feature/never-linked'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'not-linked');
  });
});
