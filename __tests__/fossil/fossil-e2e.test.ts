/**
 * The built action (dist/index.js) with `target: fossil` against a real Fossil server, driven
 * by create / delete payloads derived from @octokit/webhooks-examples, as a runner runs it.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { runAction, type ActionRun } from '../../harness/run-action.js';
import { branchRefEvent, example, setRepo } from '../../harness/payloads.js';
import { fossilSkipReason, startFossilServer, type FossilServer } from './fossil-server.js';

(fossilSkipReason() ? describe.skip : describe)('action with target fossil (dist/index.js)', () => {
  let server: FossilServer;
  before(async () => {
    server = await startFossilServer();
  });
  after(async () => {
    await server?.stop();
  });

  const inputs = (extra: Record<string, string> = {}) => ({
    target: 'fossil',
    'fossil-url': server.url,
    'fossil-user': server.bot.user,
    'fossil-password': server.bot.password,
    ...extra,
  });

  const ok = (run: ActionRun) => assert.equal(run.exitCode, 0, `exit ${run.exitCode}\n${run.stdout}\n${run.stderr}`);

  test('create opens the branch, delete closes it, create again reopens it', async () => {
    const branch = 'feature/e2e-lifecycle';
    const created = await runAction({ inputs: inputs(), eventName: 'create', payload: branchRefEvent('create', branch) });
    ok(created);
    assert.equal(created.outputs.operation, 'created');
    assert.equal(created.outputs.namespace, branch);
    assert.equal(created.outputs['git-branch'], branch);
    assert.equal(created.outputs.results, '[]');
    assert.ok((await server.branches('open')).includes(branch));
    assert.ok(created.masks.includes(server.bot.password), 'the password is masked');
    const token = created.masks.find(m => /^[0-9A-F]{50}\/[0-9a-f]{16}\/bot$/.test(m));
    assert.ok(token, 'the auth token is masked');
    assert.ok(!created.stdout.replace(/^::add-mask::.*$/gm, '').includes(token), 'the token is never printed');
    assert.ok(created.summary.includes(branch), 'the summary names the branch');

    const deleted = await runAction({ inputs: inputs(), eventName: 'delete', payload: branchRefEvent('delete', branch) });
    ok(deleted);
    assert.equal(deleted.outputs.operation, 'deleted');
    assert.ok((await server.branches('closed')).includes(branch));

    const again = await runAction({ inputs: inputs(), eventName: 'delete', payload: branchRefEvent('delete', branch) });
    ok(again);
    assert.equal(again.outputs.operation, 'absent');

    const reopened = await runAction({ inputs: inputs(), eventName: 'create', payload: branchRefEvent('create', branch) });
    ok(reopened);
    assert.equal(reopened.outputs.operation, 'updated');
    assert.match(reopened.summary, /Reopened/);
    assert.ok((await server.branches('open')).includes(branch));
    assert.ok(!(await server.branches('closed')).includes(branch));
  });

  test('operation list sets the branches output to every branch name', async () => {
    await server.cli(['branch', 'new', 'e2e-closed', 'trunk', '--user', 'admin']);
    await server.cli(['branch', 'close', 'e2e-closed', '--user', 'admin']);
    const payload = example('workflow_dispatch');
    setRepo(payload, 'acme/dj-definitions');
    const run = await runAction({ inputs: inputs({ operation: 'list' }), eventName: 'workflow_dispatch', payload });
    ok(run);
    assert.equal(run.outputs.operation, 'listed');
    const names = JSON.parse(run.outputs.branches ?? 'null') as string[];
    assert.deepEqual(names, await server.branches('all'));
    assert.ok(names.includes('trunk') && names.includes('e2e-closed'));
  });

  test('dry run plans the create and writes nothing', async () => {
    const count = await server.artifactCount();
    const run = await runAction({ inputs: inputs({ 'dry-run': 'true' }), eventName: 'create', payload: branchRefEvent('create', 'e2e-dry') });
    ok(run);
    assert.equal(run.outputs.operation, 'planned');
    assert.equal(await server.artifactCount(), count);
    assert.ok(!(await server.branches('all')).includes('e2e-dry'));
  });

  test('a wrong password fails the step with one clear error', async () => {
    const run = await runAction({ inputs: inputs({ 'fossil-password': 'definitely-wrong' }), eventName: 'create', payload: branchRefEvent('create', 'e2e-denied') });
    assert.equal(run.exitCode, 1);
    assert.equal(run.errors.length, 1, run.stdout);
    assert.match(run.errors[0]!, /Login failed/);
    assert.match(run.errors[0]!, /'fossil-password'/);
    assert.ok(!run.stdout.replace(/^::add-mask::.*$/gm, '').includes('definitely-wrong'), 'the password is never printed');
    assert.ok(!(await server.branches('all')).includes('e2e-denied'));
  });
});
