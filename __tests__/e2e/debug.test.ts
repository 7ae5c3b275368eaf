/**
 * Step debugging (the runner sets RUNNER_DEBUG=1 when ACTIONS_STEP_DEBUG is on): one debug line
 * per request with method, path, result and time, through dist/index.js, and never a secret.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, DJ_TOKEN, GH_TOKEN, type World } from '../../harness/world.js';
import { prEvent } from '../../harness/payloads.js';

describe('debug output through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('RUNNER_DEBUG=1: every request traced (method, path, status, ms); no token; nothing traced without it', async () => {
    pushBranch(w, 'feature/debug-trace');
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('opened', 'feature/debug-trace', { number: 95 }), {}, { RUNNER_DEBUG: '1' });
    assert.equal(r.exitCode, 0, r.stdout);
    const traces = r.stdout.split('\n').filter(l => l.startsWith('::debug::') && / → \S+ in \d+ ms$/.test(l));
    assert.equal(traces.length, w.djLog().length + w.ghLog().length, r.stdout);
    assert.ok(
      traces.some(l => /::debug::PATCH \/namespaces\/.+\/git → 200 in \d+ ms/.test(l)),
      traces.join('\n'),
    );
    assert.ok(
      traces.some(l => l.startsWith('::debug::POST /graphql → 200')),
      traces.join('\n'),
    );
    assert.ok(!r.stdout.replace(/^::add-mask::.*$/gm, '').includes(DJ_TOKEN) && !r.stdout.replace(/^::add-mask::.*$/gm, '').includes(GH_TOKEN));
    const quiet = await w.run('pull_request', prEvent('synchronize', 'feature/debug-trace', { number: 95 }));
    assert.equal(quiet.exitCode, 0);
    assert.ok(!quiet.stdout.includes('::debug::'), 'no debug lines unless debugging');
  });
});
