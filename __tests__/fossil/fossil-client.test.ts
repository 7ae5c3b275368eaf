/**
 * FossilClient against a real Fossil server: every operation, and every failure the
 * reference documents (wrong password, missing capability, stale token, cross-origin write,
 * the close that reports an error although it worked). State is checked through the fossil
 * command, not through the client under test.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FossilClient, FossilError, type FossilClientOptions } from '../../src/targets/fossil/client.js';
import type { TargetDeps } from '../../src/targets/target.js';
import { fossilSkipReason, startFossilServer, type FossilAccount, type FossilServer } from './fossil-server.js';

interface Recorded {
  deps: TargetDeps;
  masks: string[];
  logs: string[];
}

function recorder(): Recorded {
  const masks: string[] = [];
  const logs: string[] = [];
  return { masks, logs, deps: { log: m => logs.push(m), mask: s => masks.push(s), http: { timeoutMs: 5_000, retries: 0 } } };
}

const TOKEN = /^[0-9A-F]{50}\/[0-9a-f]{16}\/bot$/;

(fossilSkipReason() ? describe.skip : describe)('FossilClient against a real Fossil server', () => {
  let server: FossilServer;
  before(async () => {
    server = await startFossilServer();
  });
  after(async () => {
    await server?.stop();
  });

  const clientFor = (account?: FossilAccount, extra: Partial<FossilClientOptions> = {}) => {
    const rec = recorder();
    const client = new FossilClient({ url: server.url, user: account?.user, password: account?.password, ...extra }, rec.deps);
    return { client, ...rec };
  };

  async function rejection(promise: Promise<unknown>): Promise<FossilError> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof FossilError, `expected a FossilError, got ${String(err)}`);
      return err;
    }
    assert.fail('expected the call to fail');
  }

  test('login returns the session and masks the token before anything logs it', async () => {
    const { client, masks, logs } = clientFor(server.bot);
    const session = await client.login();
    assert.deepEqual(session, { name: 'bot', capabilities: 'oi' });
    assert.equal(masks.length, 1);
    assert.match(masks[0]!, TOKEN);
    assert.ok(
      logs.every(l => !l.includes(masks[0]!)),
      'the token never reaches the log',
    );
    // One login per client: a second call reuses the session.
    await client.login();
    await client.listBranches('open');
    assert.equal(masks.length, 1);
  });

  test('a wrong password is a FossilError naming the credential inputs', async () => {
    const { client, masks } = clientFor({ user: 'bot', password: 'not-the-password' });
    const err = await rejection(client.listBranches('open'));
    assert.equal(err.code, 'FOSSIL-2104');
    assert.equal(err.category, 2100);
    assert.equal(err.method, 'POST');
    assert.equal(err.path, '/json/login');
    assert.match(err.message, /Login failed/);
    assert.match(err.message, /'fossil-user'.*'fossil-password'/);
    assert.ok(!err.message.includes('not-the-password'));
    assert.deepEqual(masks, []);
  });

  test('without a user the client is anonymous: it reads as nobody and cannot write', async () => {
    const { client, masks } = clientFor(undefined);
    assert.equal(await client.login(), undefined);
    assert.ok((await client.listBranches('all')).includes('trunk'));
    const err = await rejection(client.createBranch({ name: 'anon-write', basis: 'trunk' }));
    assert.equal(err.code, 'FOSSIL-2002');
    assert.match(err.message, /'fossil-user'/);
    assert.deepEqual(masks, []);
    assert.ok(!(await server.branches('all')).includes('anon-write'));
  });

  test('reads send the token: on a repository nobody may not read, only the bot lists', async () => {
    await server.cli(['user', 'capabilities', 'nobody', '']);
    try {
      const anonymous = clientFor(undefined).client;
      const err = await rejection(anonymous.listBranches('open'));
      assert.equal(err.category, 2000);
      assert.ok((await clientFor(server.bot).client.listBranches('open')).includes('trunk'));
    } finally {
      await server.cli(['user', 'capabilities', 'nobody', 'gjorz']);
    }
  });

  test('listBranches returns each range', async () => {
    await server.cli(['branch', 'new', 'list-open', 'trunk', '--user', 'admin']);
    await server.cli(['branch', 'new', 'list-closed', 'trunk', '--user', 'admin']);
    await server.cli(['branch', 'close', 'list-closed', '--user', 'admin']);
    const { client } = clientFor(server.bot);
    const [open, closed, all] = await Promise.all([client.listBranches('open'), client.listBranches('closed'), client.listBranches('all')]);
    assert.ok(open.includes('list-open') && open.includes('trunk') && !open.includes('list-closed'));
    assert.ok(closed.includes('list-closed') && !closed.includes('list-open') && !closed.includes('trunk'));
    for (const name of ['list-open', 'list-closed', 'trunk']) assert.ok(all.includes(name), name);
    assert.deepEqual(all, await server.branches('all'));
    const states = await client.branchStates();
    assert.equal(states.get('list-open'), 'open');
    assert.equal(states.get('list-closed'), 'closed');
    assert.equal(states.get('trunk'), 'open');
  });

  test('createBranch makes a branch from the basis, with colour and privacy', async () => {
    const { client } = clientFor(server.bot);
    const coloured = await client.createBranch({ name: 'feature/colour', basis: 'trunk', bgColor: '#ffcc00' });
    assert.equal(coloured.name, 'feature/colour');
    assert.equal(coloured.basis, 'trunk');
    assert.equal(coloured.isPrivate, false);
    assert.equal(coloured.bgColor, '#ffcc00');
    assert.match(coloured.uuid, /^[0-9a-f]{64}$/);
    assert.match(await server.cli(['tag', 'list', '--raw', 'tag:feature/colour']), /^bgcolor=#ffcc00$/m);

    // A branch off another branch: its first check-in's parent is the basis's tip.
    const child = await client.createBranch({ name: 'feature/child', basis: 'feature/colour' });
    const parentLine = /^parent:\s+([0-9a-f]+)/m.exec(await server.cli(['info', 'tag:feature/child']));
    assert.ok(parentLine, 'fossil info shows a parent');
    assert.ok(coloured.uuid.startsWith(parentLine[1]!), `parent ${parentLine[1]} is the tip of feature/colour`);
    assert.equal(child.basis, 'feature/colour');

    const secret = await client.createBranch({ name: 'secret-work', basis: 'trunk', private: true });
    assert.equal(secret.isPrivate, true);
    const privateRows = await server.cli(['sql', `SELECT count(*) FROM private JOIN blob USING(rid) WHERE uuid='${secret.uuid}'`]);
    assert.equal(privateRows.trim(), '1');
    const open = await server.branches('open');
    for (const name of ['feature/colour', 'feature/child', 'secret-work']) assert.ok(open.includes(name), name);
  });

  test('creating an existing (even closed) branch or from an unknown basis is a FossilError', async () => {
    const { client } = clientFor(server.bot);
    await client.createBranch({ name: 'dup', basis: 'trunk' });
    const dup = await rejection(client.createBranch({ name: 'dup', basis: 'trunk' }));
    assert.equal(dup.code, 'FOSSIL-3005');
    assert.equal(dup.category, 3000);
    assert.equal(dup.path, '/json/branch/create');
    assert.match(dup.message, /Branch already exists/);

    await client.closeBranch('dup');
    assert.equal((await rejection(client.createBranch({ name: 'dup', basis: 'trunk' }))).code, 'FOSSIL-3005');

    const noBasis = await rejection(client.createBranch({ name: 'orphan', basis: 'no-such-basis' }));
    assert.equal(noBasis.code, 'FOSSIL-1103');
    assert.match(noBasis.resultText, /cannot resolve name: no-such-basis/);
    assert.ok(!(await server.branches('all')).includes('orphan'));
  });

  test('closeBranch closes the tip despite the error Fossil reports, and verifies it', async () => {
    const { client } = clientFor(server.bot);
    await client.createBranch({ name: 'to-close', basis: 'trunk' });
    const before = await server.artifactCount();
    await client.closeBranch('to-close');
    assert.ok((await server.branches('closed')).includes('to-close'));
    assert.ok(!(await server.branches('open')).includes('to-close'));
    assert.equal(await server.artifactCount(), before + 1, 'one control artifact: the closed tag');

    const missing = await rejection(client.closeBranch('never-existed'));
    assert.equal(missing.code, 'FOSSIL-1103');
    assert.match(missing.resultText, /cannot resolve name: tag:never-existed/);
  });

  test('closing a branch named like a check-in alias closes that branch, not the alias', async () => {
    const { client } = clientFor(server.bot);
    await client.createBranch({ name: 'tip', basis: 'trunk' });
    // Now the newest check-in, which a bare `tip` would name, belongs to another branch.
    await client.createBranch({ name: 'newest', basis: 'trunk' });
    await client.closeBranch('tip');
    const [open, closed] = await Promise.all([server.branches('open'), server.branches('closed')]);
    assert.ok(closed.includes('tip'));
    assert.ok(open.includes('newest') && !closed.includes('newest'), 'the newest check-in was left alone');
  });

  test('reopenBranch moves a closed branch back to the open list', async () => {
    const { client } = clientFor(server.bot);
    await client.createBranch({ name: 'to-reopen', basis: 'trunk' });
    await client.closeBranch('to-reopen');
    await client.reopenBranch('to-reopen');
    assert.ok((await server.branches('open')).includes('to-reopen'));
    assert.ok(!(await server.branches('closed')).includes('to-reopen'));
    const missing = await rejection(client.reopenBranch('never-existed'));
    assert.match(missing.resultText, /cannot resolve name/);
  });

  test('writes carry the same-origin Referer Fossil demands; a mismatch is diagnosed as such', async () => {
    const { client, masks } = clientFor(server.bot);
    await client.login();
    // Control: the same write without a Referer is refused by this server.
    const bare = await fetch(`${server.url}/json/branch/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authToken: masks[0], payload: { name: 'no-referer', basis: 'trunk' } }),
    });
    const bareBody = (await bare.json()) as { resultCode?: string; resultText?: string };
    assert.equal(bareBody.resultCode, 'FOSSIL-1103');
    assert.match(bareBody.resultText ?? '', /^not authorized:/);

    // The client's own write succeeds, so it sent an accepted Referer.
    await client.createBranch({ name: 'with-referer', basis: 'trunk' });

    // localhost is not 127.0.0.1 to Fossil: the hint says Referer, not permissions.
    const other = clientFor(server.bot, { refererBase: `http://localhost:${server.port}` }).client;
    const err = await rejection(other.createBranch({ name: 'wrong-referer', basis: 'trunk' }));
    assert.equal(err.code, 'FOSSIL-1103');
    assert.match(err.message, /Referer\/base-URL mismatch/);
    const all = await server.branches('all');
    assert.ok(all.includes('with-referer'));
    assert.ok(!all.includes('no-referer') && !all.includes('wrong-referer'));
  });

  test('a user without the check-in capability gets a FossilError saying so', async () => {
    const { client } = clientFor(server.reader);
    const err = await rejection(client.createBranch({ name: 'by-reader', basis: 'trunk' }));
    assert.equal(err.code, 'FOSSIL-2002');
    assert.match(err.message, /capabilities 'o'.*'i'/);
    assert.ok(!(await server.branches('all')).includes('by-reader'));
  });

  test('a token logged out by another job is replaced by one new login', async () => {
    const { client, masks } = clientFor(server.bot);
    await client.login();
    const old = masks[0]!;
    // Another job using the same account logs out: that kills the shared token (§3.3).
    const out = await fetch(`${server.url}/json/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authToken: old }) });
    assert.equal(((await out.json()) as { resultCode?: string }).resultCode, undefined);
    await client.createBranch({ name: 'after-logout', basis: 'trunk' });
    assert.equal(masks.length, 2);
    assert.notEqual(masks[1], old);
    assert.match(masks[1]!, TOKEN);
    assert.ok((await server.branches('open')).includes('after-logout'));
  });

  describe('a server that is not Fossil', () => {
    let plain: Server;
    let plainUrl: string;
    before(async () => {
      plain = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome</html>'));
      await new Promise<void>(resolve => plain.listen(0, '127.0.0.1', resolve));
      plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>(resolve => plain.close(() => resolve())));

    test('an answer without the envelope is a clear FossilError', async () => {
      const client = new FossilClient({ url: plainUrl }, recorder().deps);
      const err = await rejection(client.listBranches('all'));
      assert.equal(err.code, 'NOT-FOSSIL');
      assert.match(err.message, /Welcome/);
      assert.match(err.message, /repository's base URL/);
    });
  });
});
