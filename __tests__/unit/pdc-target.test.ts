import { test, describe } from '@jest/globals';
import { cleanup, type Cleanup } from '../cleanup.js';
import assert from 'node:assert/strict';
import { createTarget, pdcBranchName } from '../../src/targets/pdc/target.js';
import { PDCError } from '../../src/targets/pdc/client.js';
import { InputError, RefusedError } from '../../src/errors.js';
import { type BranchTarget } from '../../src/targets/target.js';
import type { PdcSla, Settings } from '../../src/settings.js';
import { PDCEmulator } from '../../emulators/pdc.js';

const TOKEN = '00bf04e8187f6e6d54f510515e8bde88e5bb7904';
const GC = 'python-requests';
const FUTURE = '2222-01-01';
const SLAS: PdcSla[] = [
  { type: 'bug_fixes', eol: FUTURE },
  { type: 'security_fixes', eol: FUTURE },
];
const API = '/rest_api/v1';
const FIND = (name: string) => `GET ${API}/component-branches/?${new URLSearchParams({ global_component: GC, name, type: 'rpm', page_size: '100' })}`;

function settingsFor(url: string, pdc: Partial<NonNullable<Settings['pdc']>> = {}): Settings {
  return {
    target: 'pdc',
    operation: 'auto',
    branch: '',
    deploy: true,
    deployChanged: false,
    onPrClose: 'delete',
    deleteGitBranch: false,
    ignoreBranches: [],
    failOn: 'failed',
    comment: false,
    githubToken: '',
    dryRun: false,
    timeoutMs: 5000,
    retries: 0,
    pruneMinAgeHours: 24,
    allowOtherRepository: false,
    keepLabel: 'dj:keep',
    commandPrefix: '/dj',
    acceptImpactLabel: 'dj:accept-impact',
    checks: false,
    deployments: false,
    pdc: { url, token: TOKEN, globalComponent: GC, branchType: 'rpm', slas: SLAS, ...pdc },
  };
}

async function setup(t: Cleanup, pdcSettings: Partial<NonNullable<Settings['pdc']>> = {}) {
  const pdc = new PDCEmulator();
  pdc.seedComponent(GC, 'python');
  pdc.seedSlaType('bug_fixes', 'security_fixes');
  pdc.setToken(TOKEN);
  await pdc.start();
  t.after(() => pdc.stop());
  const logs: string[] = [];
  const target = createTarget(settingsFor(pdc.url, pdcSettings), { log: m => logs.push(m), mask: () => {}, http: { timeoutMs: 5000, retries: 0 } });
  return { pdc, target, logs };
}

const ensure = (target: BranchTarget, gitBranch: string, dryRun = false) => target.ensure({ gitBranch, deploy: true, dryRun });
const remove = (target: BranchTarget, gitBranch: string, dryRun = false) => target.remove({ gitBranch, dryRun });

describe('PDC target: ensure', () => {
  test('creates the branch with its SLAs (active), then a second create is unchanged', async () => {
    const { pdc, target } = await setup(cleanup);
    const outcome = await ensure(target, 'feature/login');
    assert.equal(outcome.operation, 'created');
    assert.equal(outcome.target, 'pdc');
    assert.equal(outcome.name, 'feature/login');
    assert.equal(outcome.gitBranch, 'feature/login');
    const branch = pdc.branch(GC, 'feature/login')!;
    assert.equal(branch.active, true);
    assert.deepEqual(
      (branch.slas as { sla: string; eol: string }[]).map(s => [s.sla, s.eol]),
      SLAS.map(s => [s.type, s.eol]),
    );
    assert.equal(outcome.url, `${pdc.url}${API}/component-branches/${branch.id}/`);
    assert.match(outcome.notes.join('\n'), /Created PDC branch 'feature\/login' .* with SLA bug_fixes until 2222-01-01, security_fixes until 2222-01-01/);
    assert.match(outcome.notes.join('\n'), /no deploy step/);
    assert.deepEqual(pdc.log(), [FIND('feature/login'), `POST ${API}/component-branch-slas/`, `POST ${API}/component-branch-slas/`]);
    assert.deepEqual(pdc.requests[1]!.json, { sla: 'bug_fixes', eol: FUTURE, branch: { global_component: GC, name: 'feature/login', type: 'rpm' } });
    assert.match(String(pdc.requests[1]!.headers['pdc-change-comment']), /git create feature\/login/);

    pdc.resetLog();
    const again = await ensure(target, 'feature/login');
    assert.equal(again.operation, 'unchanged');
    assert.deepEqual(pdc.log(), [FIND('feature/login')]);
    assert.equal(pdc.branches.size, 1);
    assert.equal(pdc.links.size, 2);
  });

  test('without SLAs: POST the branch, and say it is inactive', async () => {
    const { pdc, target } = await setup(cleanup, { slas: [] });
    const outcome = await ensure(target, 'feature/x');
    assert.equal(outcome.operation, 'created');
    assert.deepEqual(pdc.log(), [FIND('feature/x'), `POST ${API}/component-branches/`]);
    assert.deepEqual(pdc.requests[1]!.json, { global_component: GC, name: 'feature/x', type: 'rpm' });
    assert.equal(pdc.branch(GC, 'feature/x')?.active, false);
    assert.match(outcome.notes.join('\n'), /inactive/);
  });

  test('an existing branch gets only the SLAs it lacks (updated); a different EOL is reported, not changed', async () => {
    const { pdc, target } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'f', slas: [{ sla: 'bug_fixes', eol: '2030-06-01' }] });
    const outcome = await ensure(target, 'f');
    assert.equal(outcome.operation, 'updated');
    assert.deepEqual(pdc.log(), [FIND('f'), `POST ${API}/component-branch-slas/`]);
    assert.equal((pdc.requests[1]!.json as { sla: string }).sla, 'security_fixes');
    assert.match(outcome.notes.join('\n'), /SLA bug_fixes ends 2030-06-01, not 2222-01-01/);
    const slas = pdc.branch(GC, 'f')!.slas as { sla: string; eol: string }[];
    assert.deepEqual(
      slas.map(s => [s.sla, s.eol]),
      [
        ['bug_fixes', '2030-06-01'],
        ['security_fixes', FUTURE],
      ],
    );
  });

  test('a branch created between look-up and create counts as existing', async () => {
    const { pdc, target } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'r', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    pdc.addFault({ method: 'GET', path: `${API}/component-branches/`, status: 200, body: { count: 0, next: null, previous: null, results: [] } });
    const outcome = await ensure(target, 'r');
    assert.equal(outcome.operation, 'updated');
    assert.equal(pdc.branches.size, 1);
    assert.deepEqual(
      (pdc.branch(GC, 'r')!.slas as { sla: string }[]).map(s => s.sla),
      ['bug_fixes', 'security_fixes'],
    );

    const bare = await setup(cleanup, { slas: [] });
    bare.pdc.seedBranch({ global_component: GC, name: 'r' });
    bare.pdc.addFault({ method: 'GET', path: `${API}/component-branches/`, status: 200, body: { count: 0, next: null, previous: null, results: [] } });
    const raced = await ensure(bare.target, 'r');
    assert.equal(raced.operation, 'unchanged');
    assert.match(raced.notes.join('\n'), /created by someone else/);
  });

  test('an SLA that fails after the branch was made undoes the branch; the error names the input', async () => {
    const { pdc, target } = await setup(cleanup, {
      slas: [
        { type: 'bug_fixes', eol: FUTURE },
        { type: 'nosuch', eol: FUTURE },
      ],
    });
    await assert.rejects(ensure(target, 'feature/y'), (err: unknown) => {
      assert.ok(err instanceof PDCError);
      assert.match(err.message, /^PDC POST \/rest_api\/v1\/component-branch-slas\/ → HTTP 400: sla: 'nosuch' is not allowed value/);
      assert.match(err.message, /deleted again/);
      return true;
    });
    assert.equal(pdc.branches.size, 0);
    assert.equal(pdc.links.size, 0);
    assert.equal(pdc.log().at(-1), `DELETE ${API}/component-branches/1/`);
  });

  test('a missing global component or a bad token fails with the input to fix', async () => {
    const { pdc, target } = await setup(cleanup, { globalComponent: 'nosuch' });
    await assert.rejects(ensure(target, 'x'), /branch\.global_component: Object with name=nosuch does not exist\..*input 'pdc-global-component'/);
    assert.equal(pdc.branches.size, 0);
    const bad = await setup(cleanup, { token: 'f'.repeat(40) });
    await assert.rejects(ensure(bad.target, 'x'), (err: unknown) => err instanceof PDCError && err.status === 401 && /input 'pdc-token'/.test(err.message));
  });
});

describe('PDC target: remove, deploy, list', () => {
  test('delete by id (SLA links go by cascade), then delete again is absent', async () => {
    const { pdc, target } = await setup(cleanup);
    const seeded = pdc.seedBranch({ global_component: GC, name: 'feature/z', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    const other = pdc.seedBranch({ global_component: GC, name: 'feature/z', type: 'module' });
    const outcome = await remove(target, 'feature/z');
    assert.equal(outcome.operation, 'deleted');
    assert.equal(outcome.name, 'feature/z');
    assert.match(outcome.notes.join('\n'), /SLA links \(bug_fixes\) go with it/);
    assert.deepEqual(pdc.log(), [FIND('feature/z'), `DELETE ${API}/component-branches/${seeded.id}/`]);
    assert.equal(pdc.branch(GC, 'feature/z'), undefined);
    assert.ok(pdc.branch(GC, 'feature/z', 'module'), 'the other type is left alone');
    assert.equal(pdc.links.size, 0);

    pdc.resetLog();
    const again = await remove(target, 'feature/z');
    assert.equal(again.operation, 'absent');
    assert.deepEqual(pdc.log(), [FIND('feature/z')]);
    assert.equal(pdc.branches.size, 1);
    assert.equal(pdc.branches.has(other.id as number), true);
  });

  test('a known entry from list spares the look-up; one gone meanwhile is absent', async () => {
    const { pdc, target } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'k' });
    const [known] = await target.list();
    pdc.resetLog();
    pdc.branches.clear();
    const outcome = await target.remove({ gitBranch: 'k', dryRun: false, known });
    assert.equal(outcome.operation, 'absent');
    assert.deepEqual(pdc.log(), [`DELETE ${API}/component-branches/${(known!.raw as { id: number }).id}/`]);
  });

  test('deploy: nothing to do for an existing branch; a missing one is skipped or refused', async () => {
    const { pdc, target } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'd' });
    const there = await target.deploy!({ gitBranch: 'd', skipWhenNotLinked: true, dryRun: false });
    assert.equal(there.operation, 'unchanged');
    assert.match(there.notes.join('\n'), /no deploy step/);
    const missing = await target.deploy!({ gitBranch: 'e', skipWhenNotLinked: true, dryRun: false });
    assert.equal(missing.operation, 'skipped');
    assert.equal(missing.skipReason, 'not-linked');
    await assert.rejects(target.deploy!({ gitBranch: 'e', skipWhenNotLinked: false, dryRun: false }), RefusedError);
    assert.ok(pdc.requests.every(r => r.method === 'GET'));
  });

  test('list: every page of this component and type, with active state', async () => {
    const { pdc, target } = await setup(cleanup);
    for (let i = 0; i < 130; i++) {
      pdc.seedBranch({ global_component: GC, name: `b${String(i).padStart(3, '0')}`, slas: i % 2 ? [{ sla: 'bug_fixes', eol: FUTURE }] : [] });
    }
    pdc.seedBranch({ global_component: GC, name: 'mod', type: 'module' });
    pdc.seedBranch({ global_component: 'python', name: 'py' });
    const branches = await target.list();
    assert.equal(branches.length, 130);
    assert.deepEqual(branches[0], {
      name: 'b000',
      gitBranch: 'b000',
      isDefault: false,
      state: 'inactive',
      raw: pdc.branch(GC, 'b000'),
    });
    assert.equal(branches[1]!.state, 'active');
    assert.equal(branches.filter(b => b.state === 'active').length, 65);
    assert.deepEqual(pdc.log(), [
      `GET ${API}/component-branches/?global_component=${GC}&type=rpm&page_size=100`,
      `GET ${API}/component-branches/?global_component=${GC}&page=2&page_size=100&type=rpm`,
    ]);
  });
});

describe('PDC target: dry run and names', () => {
  test('dry run reads only and reports what it would do', async () => {
    const { pdc, target } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'half', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    pdc.seedBranch({ global_component: GC, name: 'gone-soon' });
    const before = JSON.stringify([...pdc.branches.values(), ...pdc.links.values()]);
    const create = await ensure(target, 'new', true);
    assert.equal(create.operation, 'planned');
    assert.match(create.notes.join('\n'), /Would create PDC branch 'new'.*bug_fixes until 2222-01-01/);
    const complete = await ensure(target, 'half', true);
    assert.equal(complete.operation, 'planned');
    assert.match(complete.notes.join('\n'), /Would attach SLA security_fixes until 2222-01-01/);
    const del = await remove(target, 'gone-soon', true);
    assert.equal(del.operation, 'planned');
    assert.match(del.notes.join('\n'), /Would DELETE PDC branch 'gone-soon'/);
    const absent = await remove(target, 'never', true);
    assert.equal(absent.operation, 'planned');
    assert.equal(pdc.requests.length, 4);
    assert.ok(
      pdc.requests.every(r => r.method === 'GET'),
      pdc.log().join('\n'),
    );
    assert.equal(JSON.stringify([...pdc.branches.values(), ...pdc.links.values()]), before);
  });

  test('names PDC would refuse are refused before anything is sent', async () => {
    const { pdc, target } = await setup(cleanup);
    const tooLong = 'x'.repeat(301);
    for (const name of ['', tooLong, '🌿'.repeat(301)]) {
      assert.throws(() => target.nameFor(name), InputError);
      await assert.rejects(ensure(target, name), InputError);
      await assert.rejects(remove(target, name), InputError);
      await assert.rejects(target.deploy!({ gitBranch: name, skipWhenNotLinked: true, dryRun: false }), InputError);
    }
    assert.throws(() => target.nameFor(tooLong), /301 characters; PDC refuses branch names longer than 300/);
    assert.equal(pdc.requests.length, 0);
    // PDC accepts any characters (git's slashes included) up to 300 code points.
    assert.equal(pdcBranchName('feature/ünïcode'), 'feature/ünïcode');
    assert.equal(target.nameFor('🌿'.repeat(300)), '🌿'.repeat(300));
  });
});
