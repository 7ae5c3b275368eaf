import { test, describe } from '@jest/globals';
import { cleanup, type Cleanup } from '../cleanup.js';
import assert from 'node:assert/strict';
import { PDCClient, PDCError, pdcApiRoot, pdcErrorMessages, type ComponentBranch } from '../../src/targets/pdc/client.js';
import { InputError } from '../../src/errors.js';
import { PDCEmulator } from '../../emulators/pdc.js';

const TOKEN = '00bf04e8187f6e6d54f510515e8bde88e5bb7904';
const GC = 'python-requests';
const FUTURE = '2222-01-01';
const PAST = '2001-01-01';
const API = '/rest_api/v1';

async function setup(t: Cleanup, opts: { prefix?: string; token?: string | null } = {}) {
  const pdc = new PDCEmulator();
  pdc.prefix = opts.prefix ?? '';
  pdc.seedComponent(GC, 'python');
  pdc.seedSlaType('bug_fixes', 'security_fixes');
  pdc.setToken(TOKEN);
  await pdc.start();
  t.after(() => pdc.stop());
  const token = opts.token === null ? undefined : (opts.token ?? TOKEN);
  const client = new PDCClient({ url: pdc.url + pdc.prefix, token, timeoutMs: 5000, retries: 0 });
  return { pdc, client };
}

async function rejection(promise: Promise<unknown>): Promise<PDCError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PDCError, `expected a PDCError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('PDCClient: list', () => {
  test('filters go in the query, names URL-encoded and never in the path, booleans lowercase', async () => {
    const { pdc, client } = await setup(cleanup);
    const odd = 'feat/a&b=c#d+e%f?g h';
    pdc.seedBranch({ global_component: GC, name: odd, slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    pdc.seedBranch({ global_component: GC, name: 'feat/a' });
    const found = await client.listBranches({ global_component: GC, name: odd, type: 'rpm', active: true, critical_path: false });
    assert.deepEqual(
      found.map(b => b.name),
      [odd],
    );
    const [req] = pdc.requests;
    assert.equal(req!.rawPath, `${API}/component-branches/`);
    assert.equal(req!.query.get('name'), odd);
    assert.equal(req!.query.get('active'), 'true');
    assert.equal(req!.query.get('critical_path'), 'false');
    assert.deepEqual([...req!.query.keys()].sort(), ['active', 'critical_path', 'global_component', 'name', 'page_size', 'type']);
  });

  test('active is computed from SLA end-of-life dates', async () => {
    const { pdc, client } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'live', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    pdc.seedBranch({ global_component: GC, name: 'ended', slas: [{ sla: 'bug_fixes', eol: PAST }] });
    pdc.seedBranch({ global_component: GC, name: 'bare' });
    assert.deepEqual(
      (await client.listBranches({ global_component: GC, active: true })).map(b => b.name),
      ['live'],
    );
    assert.deepEqual(
      (await client.listBranches({ global_component: GC, active: false })).map(b => b.name),
      ['bare', 'ended'],
    );
  });

  test('follows next across pages, relative to the configured base whatever host the server reports', async () => {
    const { pdc, client } = await setup(cleanup, { prefix: '/pdc' });
    pdc.linkBase = 'http://pdc.internal:8000';
    for (let i = 0; i < 205; i++) pdc.seedBranch({ global_component: GC, name: `b${String(i).padStart(3, '0')}` });
    pdc.seedBranch({ global_component: 'python', name: 'other' });
    const all = await client.listBranches({ global_component: GC });
    assert.equal(all.length, 205);
    assert.deepEqual(
      all.map(b => b.name),
      [...all.map(b => b.name)].sort(),
    );
    assert.equal(new Set(all.map(b => b.id)).size, 205);
    assert.deepEqual(pdc.log(), [
      'GET /pdc/rest_api/v1/component-branches/?global_component=python-requests&page_size=100',
      'GET /pdc/rest_api/v1/component-branches/?global_component=python-requests&page=2&page_size=100',
      'GET /pdc/rest_api/v1/component-branches/?global_component=python-requests&page=3&page_size=100',
    ]);
  });

  test('one page: count/next/previous as the server sends them; page_size 0 gives a bare array', async () => {
    const { pdc, client } = await setup(cleanup);
    for (const name of ['a', 'b', 'c']) pdc.seedBranch({ global_component: GC, name });
    const page = await client.listBranchesPage({ global_component: GC, page_size: 1, page: 2 });
    assert.equal(page.count, 3);
    assert.deepEqual(
      page.results.map(b => b.name),
      ['b'],
    );
    assert.match(page.next!, /^http:\/\/127\.0\.0\.1:\d+\/rest_api\/v1\/component-branches\/\?global_component=python-requests&page=3&page_size=1$/);
    assert.match(page.previous!, /\/component-branches\/\?global_component=python-requests&page_size=1$/);
    const flat = await client.listBranchesPage({ global_component: GC, page_size: 0 });
    assert.deepEqual(
      flat.results.map(b => b.name),
      ['a', 'b', 'c'],
    );
    assert.equal(flat.next, null);
    assert.equal(pdc.requests[1]!.query.get('page_size'), '0');
  });

  test('ordering is comma-joined; an unknown key is a 400 with the server detail', async () => {
    const { pdc, client } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'a', critical_path: true });
    pdc.seedBranch({ global_component: GC, name: 'b' });
    pdc.seedBranch({ global_component: GC, name: 'c', critical_path: true });
    const ordered = await client.listBranches({ global_component: GC, ordering: ['-critical_path', '-name'] });
    assert.deepEqual(
      ordered.map(b => b.name),
      ['c', 'a', 'b'],
    );
    assert.equal(pdc.requests[0]!.query.get('ordering'), '-critical_path,-name');
    const critical = await client.listBranches({ global_component: GC, critical_path: true });
    assert.deepEqual(
      critical.map(b => b.name),
      ['a', 'c'],
    );
    const err = await rejection(client.listBranches({ ordering: ['colour'] }));
    assert.equal(err.status, 400);
    assert.match(err.errors[0]!, /^Unknown query key: \['colour'\] not in fields: /);
    assert.equal(err.method, 'GET');
    assert.match(err.path, /^\/rest_api\/v1\/component-branches\/\?ordering=colour/);
  });

  test('fields and exclude_fields go in the repeated form, which old servers understand too', async () => {
    const { pdc, client } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'a', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    const slim = await client.listBranches({ global_component: GC, fields: ['name', 'active'] });
    assert.deepEqual(slim, [{ name: 'a', active: true }]);
    assert.deepEqual([...pdc.requests[0]!.query.getAll('fields')], ['name', 'active']); // spread: an array of this realm
    pdc.legacyFields = true;
    assert.deepEqual(await client.listBranches({ global_component: GC, fields: ['name', 'active'] }), [{ name: 'a', active: true }]);
    const without = await client.listBranches({ global_component: GC, exclude_fields: ['slas', 'id', 'critical_path'] });
    assert.deepEqual(without, [{ global_component: GC, name: 'a', type: 'rpm', active: true }]);
    assert.deepEqual([...pdc.requests[2]!.query.getAll('exclude_fields')], ['slas', 'id', 'critical_path']);
  });

  test('findBranch matches (component, name, type) exactly', async () => {
    const { pdc, client } = await setup(cleanup);
    pdc.seedBranch({ global_component: GC, name: 'x', type: 'module' });
    const rpm = pdc.seedBranch({ global_component: GC, name: 'x' });
    assert.equal((await client.findBranch({ global_component: GC, name: 'x', type: 'rpm' }))?.id, rpm.id);
    assert.equal(await client.findBranch({ global_component: GC, name: 'y', type: 'rpm' }), null);
  });
});

describe('PDCClient: read, create, update', () => {
  test('getBranch by id; a missing one is a 404 PDCError naming method and path', async () => {
    const { pdc, client } = await setup(cleanup);
    const seeded = pdc.seedBranch({ global_component: GC, name: 'x' });
    assert.deepEqual(await client.getBranch(seeded.id as number), seeded);
    const err = await rejection(client.getBranch(999));
    assert.equal(err.status, 404);
    assert.deepEqual(err.errors, ['Not found.']);
    assert.equal(err.message, 'PDC GET /rest_api/v1/component-branches/999/ → HTTP 404: Not found.');
    assert.ok(pdc.requests.every(r => r.rawPath.endsWith('/')));
  });

  test('create: 201 inactive branch, token and change comment sent; duplicate is "already exists"', async () => {
    const { pdc, client } = await setup(cleanup);
    const created = await client.createBranch({ global_component: GC, name: 'feature/login', type: 'rpm' }, { comment: 'git create feature/login ✓' });
    assert.deepEqual({ ...created, id: 0 }, { id: 0, global_component: GC, name: 'feature/login', slas: [], type: 'rpm', active: false, critical_path: false });
    const [req] = pdc.requests;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.rawPath, `${API}/component-branches/`);
    assert.equal(req!.headers.authorization, `Token ${TOKEN}`);
    assert.equal(req!.headers['pdc-change-comment'], 'git create feature/login ?');
    assert.match(String(req!.headers['content-type']), /application\/json/);
    const err = await rejection(client.createBranch({ global_component: GC, name: 'feature/login', type: 'rpm' }));
    assert.equal(err.status, 400);
    assert.ok(err.alreadyExists);
    assert.deepEqual(err.body, { detail: ['The fields global_component, name, type must make a unique set.'] });
    assert.deepEqual(err.errors, ['The fields global_component, name, type must make a unique set.']);
  });

  test('create: field errors for every bad field, including the blacklist and the 300 limit', async () => {
    const { pdc, client } = await setup(cleanup);
    const err = await rejection(client.createBranch({ global_component: 'nosuch', name: 'x', type: 'nosuch' }));
    assert.deepEqual(err.errors, [
      'global_component: Object with name=nosuch does not exist.',
      "type: 'nosuch' is not allowed value. Use one of 'composite', 'container', 'iso', 'rpm', 'zip'.",
    ]);
    assert.equal(err.alreadyExists, false);
    pdc.blacklist = 'epel\\d+$';
    const refused = await rejection(client.createBranch({ global_component: GC, name: 'epel8', type: 'rpm' }));
    assert.deepEqual(refused.errors, ['name: The branch name is not allowed based on the regex "epel\\d+$"']);
    const long = await rejection(client.createBranch({ global_component: GC, name: 'x'.repeat(301), type: 'rpm' }));
    assert.deepEqual(long.errors, ['name: The string must be less than 300 characters']);
    assert.equal((await client.createBranch({ global_component: GC, name: 'x'.repeat(300), type: 'rpm' })).name.length, 300);
  });

  test('bulk create is atomic and names the invalid item', async () => {
    const { pdc, client } = await setup(cleanup);
    const made = await client.createBranches([
      { global_component: GC, name: 'a', type: 'rpm' },
      { global_component: GC, name: 'b', type: 'rpm', critical_path: true },
    ]);
    assert.deepEqual(
      made.map(b => [b.name, b.critical_path]),
      [
        ['a', false],
        ['b', true],
      ],
    );
    const err = await rejection(
      client.createBranches([
        { global_component: GC, name: 'c', type: 'rpm' },
        { global_component: GC, name: 'a', type: 'rpm' },
      ]),
    );
    assert.deepEqual(err.errors, ['item 1: The fields global_component, name, type must make a unique set.']);
    assert.equal((err.body as { id_of_invalid_data: number }).id_of_invalid_data, 1);
    assert.equal(pdc.branch(GC, 'c'), undefined, 'nothing of a failed batch is saved');
    assert.equal(pdc.branches.size, 2);
  });

  test('PUT and PATCH change writable fields; a rename is refused before anything is sent', async () => {
    const { pdc, client } = await setup(cleanup);
    const b = (await client.createBranch({ global_component: GC, name: 'x', type: 'rpm' })) as ComponentBranch;
    const patched = await client.patchBranch(b, { critical_path: true });
    assert.equal(patched.critical_path, true);
    assert.equal(pdc.requests.at(-1)!.rawPath, `${API}/component-branches/${b.id}/`);
    assert.deepEqual(pdc.requests.at(-1)!.json, { critical_path: true });
    const put = await client.putBranch(b, { global_component: 'python', type: 'container' });
    assert.deepEqual([put.global_component, put.type, put.name], ['python', 'container', 'x']);
    assert.deepEqual(pdc.requests.at(-1)!.json, { global_component: 'python', type: 'container', name: 'x' });
    assert.equal(pdc.requests.at(-1)!.method, 'PUT');
    const sent = pdc.requests.length;
    await assert.rejects(client.patchBranch(b, { name: 'y' }), (err: unknown) => err instanceof InputError && /immutable/.test(err.message));
    await assert.rejects(client.putBranch(b, { name: 'y', global_component: GC, type: 'rpm' }), InputError);
    assert.equal(pdc.requests.length, sent, 'nothing sent for a rename');
    // A caller with a stale idea of the name gets the server's own refusal.
    const err = await rejection(client.patchBranch({ id: b.id, name: 'z' }, { name: 'z' }));
    assert.deepEqual(err.errors, ["name: You may not modify the branch's name due to policy"]);
    const empty = await rejection(client.patchBranch(b, {}));
    assert.deepEqual(empty.errors, ['Partial update with no changes does not make much sense.']);
  });
});

describe('PDCClient: delete and SLA links', () => {
  test('delete by id cascades SLA links; deleting again reports false', async () => {
    const { pdc, client } = await setup(cleanup);
    const b = pdc.seedBranch({ global_component: GC, name: 'x', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    assert.equal(pdc.links.size, 1);
    assert.equal(await client.deleteBranch(b.id as number), true);
    assert.equal(pdc.branches.size, 0);
    assert.equal(pdc.links.size, 0);
    assert.equal(await client.deleteBranch(b.id as number), false);
    assert.deepEqual(pdc.log(), [`DELETE ${API}/component-branches/${b.id}/`, `DELETE ${API}/component-branches/${b.id}/`]);
  });

  test('bulk delete is atomic and names the unknown id', async () => {
    const { pdc, client } = await setup(cleanup);
    const a = pdc.seedBranch({ global_component: GC, name: 'a' });
    const b = pdc.seedBranch({ global_component: GC, name: 'b' });
    const err = await rejection(client.deleteBranches([a.id as number, 999]));
    assert.equal(err.status, 404);
    assert.deepEqual(err.errors, ['id 999: Not found.']);
    assert.equal(pdc.branches.size, 2);
    await client.deleteBranches([a.id as number, b.id as number]);
    assert.equal(pdc.branches.size, 0);
    assert.deepEqual(pdc.requests.at(-1)!.json, [a.id, b.id]);
    assert.equal(pdc.requests.at(-1)!.rawPath, `${API}/component-branches/`);
  });

  test('an SLA link creates its branch; duplicates, unknown SLAs and critical_path mismatches are field errors', async () => {
    const { pdc, client } = await setup(cleanup);
    const branch = { global_component: GC, name: 'feature/login', type: 'rpm' };
    const link = await client.createSlaLink({ sla: 'bug_fixes', eol: FUTURE, branch });
    assert.equal(link.sla, 'bug_fixes');
    assert.equal(link.branch.name, 'feature/login');
    assert.equal(link.branch.active, true);
    assert.equal(pdc.branch(GC, 'feature/login')?.active, true);
    const dup = await rejection(client.createSlaLink({ sla: 'bug_fixes', eol: FUTURE, branch }));
    assert.ok(dup.duplicateSlaLink);
    assert.deepEqual(dup.errors, ['branch: The SLA "bug_fixes" tied to the component "python-requests" and branch "feature/login" already exists']);
    const unknown = await rejection(client.createSlaLink({ sla: 'nosuch', eol: FUTURE, branch }));
    assert.match(unknown.errors[0]!, /^sla: 'nosuch' is not allowed value/);
    assert.equal(unknown.duplicateSlaLink, false);
    const cp = await rejection(client.createSlaLink({ sla: 'security_fixes', eol: FUTURE, branch: { ...branch, critical_path: true } }));
    assert.deepEqual(cp.errors, ["branch.critical_path: The found branch's critical_path field did not match the supplied value"]);
    const nested = await rejection(client.createSlaLink({ sla: 'security_fixes', eol: 'soon', branch: { ...branch, type: 'nosuch' } }));
    assert.deepEqual(
      nested.errors.map(e => e.split(':')[0]),
      ['eol', 'branch.type'],
    );
  });

  test('listSlaLinks filters by branch name and component, all pages', async () => {
    const { pdc, client } = await setup(cleanup);
    for (let i = 0; i < 3; i++) pdc.seedBranch({ global_component: GC, name: 'feature/x', type: ['rpm', 'module', 'container'][i], slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    pdc.seedBranch({ global_component: 'python', name: 'feature/x', slas: [{ sla: 'bug_fixes', eol: FUTURE }] });
    const links = await client.listSlaLinks({ branch: 'feature/x', global_component: GC, page_size: 2 });
    assert.equal(links.length, 3);
    assert.ok(links.every(l => l.branch.global_component === GC && l.branch.name === 'feature/x'));
    assert.equal(pdc.requests.length, 2);
    assert.equal(pdc.requests[0]!.rawPath, `${API}/component-branch-slas/`);
    assert.equal(pdc.requests[0]!.query.get('branch'), 'feature/x');
  });
});

describe('PDCClient: auth and failures', () => {
  test('no token: reads work, writes get 401 "not provided"', async () => {
    const { pdc, client } = await setup(cleanup, { token: null });
    assert.deepEqual(await client.listBranches({ global_component: GC }), []);
    const err = await rejection(client.createBranch({ global_component: GC, name: 'x', type: 'rpm' }));
    assert.equal(err.status, 401);
    assert.deepEqual(err.errors, ['Authentication credentials were not provided.']);
    assert.equal(pdc.requests[0]!.headers.authorization, undefined);
  });

  test('a wrong token fails even on reads (401), a token without rights gets 403; the token never shows in errors', async () => {
    const { pdc, client } = await setup(cleanup, { token: 'f'.repeat(40) });
    const err = await rejection(client.listBranches());
    assert.equal(err.status, 401);
    assert.deepEqual(err.errors, ['Invalid token.']);
    assert.ok(!err.message.includes('f'.repeat(40)));
    pdc.setToken('a'.repeat(40), { canWrite: false });
    const reader = new PDCClient({ url: pdc.url, token: 'a'.repeat(40), timeoutMs: 5000, retries: 0 });
    assert.deepEqual(await reader.listBranches(), []);
    const denied = await rejection(reader.createBranch({ global_component: GC, name: 'x', type: 'rpm' }));
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.errors, ['You do not have permission to perform this action.']);
    assert.equal(pdc.branches.size, 0);
  });

  test('a URL given with /rest_api/v1 works the same; the server insists on trailing slashes', async () => {
    const { pdc } = await setup(cleanup);
    assert.equal(pdcApiRoot('https://pdc.example.com/'), 'https://pdc.example.com/rest_api/v1');
    assert.equal(pdcApiRoot('https://pdc.example.com/rest_api/v1/'), 'https://pdc.example.com/rest_api/v1');
    const client = new PDCClient({ url: `${pdc.url}/rest_api/v1/`, token: TOKEN, timeoutMs: 5000, retries: 0 });
    await client.createBranch({ global_component: GC, name: 'x', type: 'rpm' });
    assert.equal(pdc.requests[0]!.rawPath, `${API}/component-branches/`);
    const noSlash = await fetch(`${pdc.url}${API}/component-branches`, { redirect: 'manual' });
    assert.equal(noSlash.status, 301);
    assert.equal(noSlash.headers.get('location'), `${API}/component-branches/`);
  });

  test('HTML and 5xx answers become PDCErrors; transient ones are retried', async () => {
    const { pdc } = await setup(cleanup);
    process.env.DJ_BRANCH_SYNC_BACKOFF_MS = '5';
    cleanup.after(() => delete process.env.DJ_BRANCH_SYNC_BACKOFF_MS);
    const client = new PDCClient({ url: pdc.url, token: TOKEN, timeoutMs: 5000, retries: 1 });
    pdc.addFault({ path: `${API}/component-branches/`, status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    assert.deepEqual(await client.listBranches(), []);
    assert.equal(pdc.requests.length, 2);
    const db = 'The database encountered an internal error or misconfiguration and was unable to complete your request.';
    pdc.addFault({ method: 'POST', path: `${API}/component-branches/`, status: 500, body: { detail: db } });
    const err = await rejection(client.createBranch({ global_component: GC, name: 'x', type: 'rpm' }));
    assert.equal(err.status, 500);
    assert.deepEqual(err.errors, [db]);
    pdc.addFault({ path: `${API}/component-branches/1/`, status: 404, body: '<h1>Not Found</h1>', headers: { 'content-type': 'text/html' } });
    const html = await rejection(client.getBranch(1));
    assert.deepEqual(html.errors, ['Not Found']);
  });
});

describe('pdcErrorMessages', () => {
  const cases: [string, unknown, string, string[]][] = [
    ['detail string', { detail: 'Not found.' }, 'GET', ['Not found.']],
    ['detail list', { detail: ['a', 'b'] }, 'POST', ['a', 'b']],
    ['field errors', { name: ['bad'], type: ['worse'] }, 'POST', ['name: bad', 'type: worse']],
    ['non_field_errors', { non_field_errors: ['both'] }, 'POST', ['both']],
    ['nested', { branch: { type: ['no'] } }, 'POST', ['branch.type: no']],
    ['bare list', ['x', 'y'], 'POST', ['x', 'y']],
    [
      'bulk create',
      { detail: { name: ['A string was not supplied. The type was "int".'] }, id_of_invalid_data: 1, invalid_data: { name: 7 } },
      'POST',
      ['item 1: name: A string was not supplied. The type was "int".'],
    ],
    ['bulk delete', { detail: 'Not found.', id_of_invalid_data: 3 }, 'DELETE', ['id 3: Not found.']],
    ['token endpoint', { 'Obtain Token Error': 'Failed to authenticate.' }, 'GET', ['Obtain Token Error: Failed to authenticate.']],
  ];
  for (const [name, body, method, expected] of cases) {
    test(name, () => assert.deepEqual(pdcErrorMessages(body, method), expected));
  }
});
