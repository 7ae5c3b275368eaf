/**
 * The built action (dist/index.js) with `target: pdc` against the PDC emulator, driven by
 * create / delete payloads derived from @octokit/webhooks-examples, as a runner runs it.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { runAction, type ActionRun } from '../../harness/run-action.js';
import { branchRefEvent, example, setRepo } from '../../harness/payloads.js';
import { PDCEmulator } from '../../emulators/pdc.js';

const TOKEN = '00bf04e8187f6e6d54f510515e8bde88e5bb7904';
const GC = 'dj-definitions';
const REPO = 'acme/dj-definitions';

describe('action with target pdc (dist/index.js)', () => {
  const pdc = new PDCEmulator();
  before(async () => {
    pdc.seedComponent(GC, 'other');
    pdc.seedSlaType('bug_fixes', 'security_fixes');
    pdc.setToken(TOKEN);
    await pdc.start();
  });
  after(() => pdc.stop());

  const run = (eventName: string, payload: unknown, extra: Record<string, string> = {}) =>
    runAction({
      eventName,
      payload,
      inputs: {
        target: 'pdc',
        'pdc-url': pdc.url,
        'pdc-token': TOKEN,
        'pdc-global-component': GC,
        'pdc-slas': 'bug_fixes:2222-01-01, security_fixes:2222-06-01',
        ...extra,
      },
      env: { GITHUB_REPOSITORY: REPO },
    });
  const ok = (r: ActionRun) => assert.equal(r.exitCode, 0, `exit ${r.exitCode}\n${r.stdout}\n${r.stderr}`);

  test('create with SLAs, create again, delete, delete again', async () => {
    const branch = 'feature/pdc-e2e';
    pdc.resetLog();
    const created = await run('create', branchRefEvent('create', branch, REPO));
    ok(created);
    assert.equal(created.outputs.operation, 'created');
    assert.equal(created.outputs.namespace, branch);
    assert.equal(created.outputs['git-branch'], branch);
    const stored = pdc.branch(GC, branch);
    assert.ok(stored, 'the branch exists in PDC');
    assert.equal(stored.active, true);
    assert.deepEqual(
      (stored.slas as { sla: string; eol: string }[]).map(s => `${s.sla}:${s.eol}`),
      ['bug_fixes:2222-01-01', 'security_fixes:2222-06-01'],
    );
    assert.ok(created.masks.includes(TOKEN), 'the token is masked');
    assert.ok(!created.stdout.replace(/^::add-mask::.*$/gm, '').includes(TOKEN), 'the token is never printed');
    assert.ok(pdc.requests.every(r => r.method === 'GET' || r.headers.authorization === `Token ${TOKEN}`));
    assert.ok(created.summary.includes(branch), 'the summary names the branch');

    pdc.resetLog();
    const again = await run('create', branchRefEvent('create', branch, REPO));
    ok(again);
    assert.equal(again.outputs.operation, 'unchanged');
    assert.deepEqual(
      pdc.requests.map(r => r.method),
      ['GET'],
    );

    const deleted = await run('delete', branchRefEvent('delete', branch, REPO));
    ok(deleted);
    assert.equal(deleted.outputs.operation, 'deleted');
    assert.equal(pdc.branch(GC, branch), undefined);
    assert.equal(pdc.links.size, 0, 'the SLA links went with the branch');

    const gone = await run('delete', branchRefEvent('delete', branch, REPO));
    ok(gone);
    assert.equal(gone.outputs.operation, 'absent');
  });

  test('list: the branches output holds the PDC objects of this component and type, every page', async () => {
    for (let i = 0; i < 102; i++) pdc.seedBranch({ global_component: GC, name: `l${String(i).padStart(3, '0')}` });
    pdc.seedBranch({ global_component: GC, name: 'l-mod', type: 'module' });
    pdc.seedBranch({ global_component: 'other', name: 'l-other' });
    const payload = example('workflow_dispatch');
    setRepo(payload, REPO);
    const listed = await run('workflow_dispatch', payload, { operation: 'list' });
    ok(listed);
    assert.equal(listed.outputs.operation, 'listed');
    const branches = JSON.parse(listed.outputs.branches!) as { name: string; global_component: string; type: string; active: boolean }[];
    assert.equal(branches.length, 102);
    assert.ok(branches.every(b => b.global_component === GC && b.type === 'rpm' && b.active === false));
    assert.equal(branches[0]!.name, 'l000');
  });

  test('dry run sends only reads; a refused token fails the step naming the input', async () => {
    const branch = 'feature/pdc-dry';
    pdc.resetLog();
    const dry = await run('create', branchRefEvent('create', branch, REPO), { 'dry-run': 'true' });
    ok(dry);
    assert.equal(dry.outputs.operation, 'planned');
    assert.ok(pdc.requests.length > 0 && pdc.requests.every(r => r.method === 'GET'), pdc.log().join('\n'));
    assert.equal(pdc.branch(GC, branch), undefined);

    const refused = await run('create', branchRefEvent('create', branch, REPO), { 'pdc-token': 'f'.repeat(40) });
    assert.equal(refused.exitCode, 1);
    assert.match(refused.errors.join('\n'), /HTTP 401: Invalid token\..*pdc-token/);
    assert.equal(pdc.branch(GC, branch), undefined);
  });
});
