/**
 * The Fossil target's semantics against a real Fossil server: ensure / remove are
 * idempotent, a re-created branch is reopened, dry runs write nothing, names git could not
 * have produced are refused before anything is sent. State is checked through the fossil
 * command, not through the target under test.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTarget, fossilBranchName } from '../../src/targets/fossil/target.js';
import { InputError, RefusedError } from '../../src/errors.js';
import { type BranchTarget, type TargetDeps } from '../../src/targets/target.js';
import type { Settings } from '../../src/settings.js';
import { fossilSkipReason, startFossilServer, type FossilServer } from './fossil-server.js';

function settingsFor(url: string, user?: string, password?: string): Settings {
  return {
    target: 'fossil',
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
    timeoutMs: 5_000,
    retries: 0,
    pruneMinAgeHours: 24,
    allowOtherRepository: false,
    keepLabel: 'dj:keep',
    commandPrefix: '/dj',
    acceptImpactLabel: 'dj:accept-impact',
    checks: false,
    deployments: false,
    fossil: { url, user, password, basis: 'trunk' },
  };
}

const deps = (): TargetDeps => ({ log: () => {}, mask: () => {}, http: { timeoutMs: 5_000, retries: 0 } });

const ensure = (t: BranchTarget, gitBranch: string, dryRun = false) => t.ensure({ gitBranch, deploy: true, dryRun });
const remove = (t: BranchTarget, gitBranch: string, dryRun = false) => t.remove({ gitBranch, dryRun });

describe('fossilBranchName: the git name, unless git could not have produced it', () => {
  const accepted = ['feature/login-form', 'fix-1.2', 'tip', '2024-01-01', 'deadbeef', 'ünïcode', 'a/b/c', 'UPPER'];
  for (const name of accepted) {
    test(`keeps '${name}'`, () => assert.equal(fossilBranchName(name), name));
  }
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['has space', /blank or control/],
    ['tab\there', /blank or control/],
    ['line\nbreak', /blank or control/],
    ['a:b', /':'/],
    ['a~1', /'~'/],
    ['a^', /'\^'/],
    ['wild*', /'\*'/],
    ['what?', /'\?'/],
    ['br[ack', /'\['/],
    ['back\\slash', /'\\'/],
    ['-starts-with-dash', /'-'/],
    ['a..b', /'\.\.'/],
    ['at@{1}', /'@\{'/],
    ['@', /'@'/],
    ['/leading', /empty path component/],
    ['trailing/', /empty path component/],
    ['double//slash', /empty path component/],
    ['ends.', /ends with '\.'/],
    ['a/.hidden', /starts with '\.'/],
    ['x.lock', /'\.lock'/],
  ];
  for (const [name, reason] of refused) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      assert.throws(
        () => fossilBranchName(name),
        (err: unknown) => err instanceof InputError && reason.test(err.message) && /'branch' input/.test(err.message),
      );
    });
  }
});

(fossilSkipReason() ? describe.skip : describe)('Fossil target against a real Fossil server', () => {
  let server: FossilServer;
  let target: BranchTarget;
  before(async () => {
    server = await startFossilServer();
    target = createTarget(settingsFor(server.url, server.bot.user, server.bot.password), deps());
  });
  after(async () => {
    await server?.stop();
  });

  test('ensure creates from the basis, then finds it unchanged', async () => {
    const first = await ensure(target, 'feature/login-form');
    assert.equal(first.operation, 'created');
    assert.equal(first.target, 'fossil');
    assert.equal(first.name, 'feature/login-form');
    assert.equal(first.gitBranch, 'feature/login-form');
    assert.deepEqual(first.results, []);
    assert.match(first.notes.join(' '), /Created .*'feature\/login-form' from 'trunk'/);
    assert.equal(first.url, `${server.url}/timeline?r=feature%2Flogin-form`);
    assert.ok((await server.branches('open')).includes('feature/login-form'));

    const count = await server.artifactCount();
    const second = await ensure(target, 'feature/login-form');
    assert.equal(second.operation, 'unchanged');
    assert.deepEqual(second.results, []);
    assert.equal(await server.artifactCount(), count, 'nothing written the second time');
  });

  test('remove closes (verified), then reports absent; ensure afterwards reopens', async () => {
    await ensure(target, 'feature/x');
    const first = await remove(target, 'feature/x');
    assert.equal(first.operation, 'deleted');
    assert.equal(first.name, 'feature/x');
    assert.deepEqual(first.results, []);
    assert.match(first.notes.join(' '), /Closed .*cannot delete/);
    assert.ok((await server.branches('closed')).includes('feature/x'));

    const count = await server.artifactCount();
    const second = await remove(target, 'feature/x');
    assert.equal(second.operation, 'absent');
    assert.match(second.notes.join(' '), /already closed/);
    assert.equal(await server.artifactCount(), count, 'closing twice would add a control artifact');

    const reopened = await ensure(target, 'feature/x');
    assert.equal(reopened.operation, 'updated');
    assert.match(reopened.notes.join(' '), /Reopened/);
    assert.ok((await server.branches('open')).includes('feature/x'));
    assert.ok(!(await server.branches('closed')).includes('feature/x'));
  });

  test('remove of a branch Fossil never had is absent', async () => {
    const outcome = await remove(target, 'never-made');
    assert.equal(outcome.operation, 'absent');
    assert.match(outcome.notes.join(' '), /no Fossil branch 'never-made'/);
  });

  test('remove trusts a state given by list (prune) and spares the look-up', async () => {
    await ensure(target, 'pruned-one');
    const known = (await target.list()).find(b => b.name === 'pruned-one');
    assert.ok(known);
    const outcome = await target.remove({ gitBranch: 'pruned-one', dryRun: false, known });
    assert.equal(outcome.operation, 'deleted');
    assert.ok((await server.branches('closed')).includes('pruned-one'));
  });

  test('the basis is never closed', async () => {
    const count = await server.artifactCount();
    await assert.rejects(remove(target, 'trunk'), (err: unknown) => err instanceof RefusedError && /basis/.test(err.message));
    assert.equal(await server.artifactCount(), count);
    assert.ok((await server.branches('open')).includes('trunk'));
  });

  test('list gives every branch with its state, trunk as the default', async () => {
    await ensure(target, 'list/open');
    await ensure(target, 'list/closed');
    await remove(target, 'list/closed');
    const branches = await target.list();
    assert.deepEqual(
      branches.map(b => b.name),
      await server.branches('all'),
    );
    const byName = new Map(branches.map(b => [b.name, b]));
    assert.equal(byName.get('list/open')?.state, 'open');
    assert.equal(byName.get('list/closed')?.state, 'closed');
    assert.equal(byName.get('trunk')?.isDefault, true);
    assert.equal(byName.get('list/open')?.isDefault, false);
    assert.equal(byName.get('list/open')?.gitBranch, 'list/open');
    assert.equal(byName.get('list/open')?.raw, 'list/open');
    const closed = new Set(await server.branches('closed'));
    for (const b of branches) assert.equal(b.state, closed.has(b.name) ? 'closed' : 'open', b.name);
  });

  test('deploy: Fossil has none; an existing branch is unchanged, a missing one not linked', async () => {
    await ensure(target, 'deployed');
    const count = await server.artifactCount();
    const existing = await target.deploy!({ gitBranch: 'deployed', skipWhenNotLinked: true, dryRun: false });
    assert.equal(existing.operation, 'unchanged');
    assert.match(existing.notes.join(' '), /no deploy step/);
    const missing = await target.deploy!({ gitBranch: 'not-there', skipWhenNotLinked: true, dryRun: false });
    assert.equal(missing.operation, 'skipped');
    assert.equal(missing.skipReason, 'not-linked');
    await assert.rejects(target.deploy!({ gitBranch: 'not-there', skipWhenNotLinked: false, dryRun: false }), RefusedError);
    assert.equal(await server.artifactCount(), count);
    assert.ok(!(await server.branches('all')).includes('not-there'));
  });

  test('dry run reads, plans, and writes nothing', async () => {
    await ensure(target, 'dry/open');
    await ensure(target, 'dry/closed');
    await remove(target, 'dry/closed');
    const [count, open, closed] = await Promise.all([server.artifactCount(), server.branches('open'), server.branches('closed')]);

    const create = await ensure(target, 'dry/new', true);
    assert.equal(create.operation, 'planned');
    assert.match(create.notes.join(' '), /Would create .*'dry\/new' from 'trunk'/);
    const reopen = await ensure(target, 'dry/closed', true);
    assert.equal(reopen.operation, 'planned');
    assert.match(reopen.notes.join(' '), /Would reopen/);
    const close = await remove(target, 'dry/open', true);
    assert.equal(close.operation, 'planned');
    assert.match(close.notes.join(' '), /Would close/);
    // Nothing to do is reported as such, dry run or not.
    assert.equal((await ensure(target, 'dry/open', true)).operation, 'unchanged');
    assert.equal((await remove(target, 'dry/closed', true)).operation, 'absent');

    assert.equal(await server.artifactCount(), count, 'no artifact was written');
    assert.deepEqual(await server.branches('open'), open);
    assert.deepEqual(await server.branches('closed'), closed);
  });

  test('branch names Fossil would read as something else are handled by name', async () => {
    for (const name of ['tip', '2024-01-01']) {
      assert.equal((await ensure(target, name)).operation, 'created', name);
    }
    assert.equal((await remove(target, 'tip')).operation, 'deleted');
    const [open, closed] = await Promise.all([server.branches('open'), server.branches('closed')]);
    assert.ok(closed.includes('tip'));
    assert.ok(open.includes('2024-01-01'), 'the newest check-in (a bare "tip") was not the one closed');
    assert.ok(open.includes('trunk'));
  });

  test('a plain tag holding the name is refused clearly, nothing changed', async () => {
    await server.cli(['tag', 'add', 'v1.0', 'trunk', '--user', 'admin']);
    const count = await server.artifactCount();
    await assert.rejects(ensure(target, 'v1.0'), (err: unknown) => err instanceof RefusedError && /a tag of that name/.test(err.message));
    assert.equal(await server.artifactCount(), count);
  });

  test('invalid names are refused before anything is sent', async () => {
    // Nothing listens on port 9 (discard): a request would fail with a network error instead.
    const offline = createTarget(settingsFor('http://127.0.0.1:9', 'bot', 'pw'), deps());
    for (const op of [() => ensure(offline, 'bad name'), () => remove(offline, 'a..b'), () => offline.deploy!({ gitBranch: 'x:y', skipWhenNotLinked: true, dryRun: false })]) {
      await assert.rejects(op(), InputError);
    }
    assert.throws(() => target.nameFor('has space'), InputError);
    assert.equal(target.nameFor('feature/ok'), 'feature/ok');
  });

  test('wrong credentials fail with the Fossil message and the inputs to check', async () => {
    const wrong = createTarget(settingsFor(server.url, server.bot.user, 'wrong'), deps());
    await assert.rejects(ensure(wrong, 'never-created'), /Login failed.*'fossil-password'/);
    assert.ok(!(await server.branches('all')).includes('never-created'));
  });
});
