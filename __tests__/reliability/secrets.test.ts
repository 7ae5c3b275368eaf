/**
 * Secrets through dist/index.js: every secret input (dj-token, dj-client-secret, dj-password,
 * github-token, pdc-token; fossil-password is covered by the Fossil e2e tests) and every token
 * received (the service account's token, the `__dj` cookie) must be announced with
 * `::add-mask::` before it appears anywhere in the log, and must appear nowhere the runner does
 * not mask: outputs, job summary, the pull-request comment, stderr, error lines, request URLs.
 * The hostile cases: servers that echo the credential back in an error body or a node message,
 * and URLs carrying credentials or keys in a query string.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, DJ_TOKEN, GH_TOKEN, type World } from '../../harness/world.js';
import { branchRefEvent, prEvent } from '../../harness/payloads.js';
import { runAction, type ActionRun } from '../../harness/run-action.js';
import { PDCEmulator } from '../../emulators/pdc.js';
import { count, everythingShown, leaksOf } from './support.js';

const SA_ID = 'ci-bot';
const SA_SECRET = 'sa-secret-4c1d0e7b9a2f';
const USER = 'alice';
const PASSWORD = 'alice-pw-8e2b6d4f1c9a';
const ENV_USER = 'bob';
const ENV_PASSWORD = 'bob-pw-3a7c9e1f5b2d';

/**
 * Checks `secrets` in one run: masked (announced) before any appearance, and absent from every
 * place the runner does not mask, the request URLs of `world` and the comments. Counts the
 * checks and the leaks, then asserts there were none.
 */
function assertNoLeak(r: ActionRun, secrets: string[], opts: { world?: World; comments?: string[]; mustMask?: boolean } = {}): void {
  const extra: Record<string, string> = {};
  (opts.comments ?? []).forEach((body, i) => (extra[`comment ${i + 1}`] = body));
  if (opts.world) extra['request URLs'] = [...opts.world.djLog(), ...opts.world.ghLog()].join('\n');
  const leaks: string[] = [];
  for (const secret of secrets) {
    if (opts.mustMask !== false) assert.ok(r.masks.includes(secret), `${secret.slice(0, 6)}… is announced with ::add-mask::`);
    for (const place of leaksOf(r, secret, extra)) leaks.push(`${secret.slice(0, 6)}… in ${place}`);
    count('secrets.checked', 4 + Object.keys(r.outputs).length + Object.keys(extra).length);
  }
  count('leaks.found', leaks.length);
  assert.deepEqual(leaks, [], 'no secret leaks');
}

function commentsOf(w: World, pr: number): string[] {
  return w.gh.comments(pr).map(c => c.body);
}

describe('secrets through dist/index.js', () => {
  let w: World;
  let saToken: string;
  let cookieToken: string;
  let envToken: string;
  let pr = 300;
  before(async () => {
    w = await startWorld();
    saToken = w.dj.addServiceAccount(SA_ID, SA_SECRET);
    cookieToken = w.dj.addUser(USER, PASSWORD);
    envToken = w.dj.addUser(ENV_USER, ENV_PASSWORD);
  });
  after(async () => {
    await w.stop();
  });

  const branch = (name: string) => {
    pushBranch(w, name);
    return name;
  };

  test('dj-token and github-token on a pull request: masked first, nowhere else', async () => {
    const n = ++pr;
    const r = await w.run('pull_request', prEvent('opened', branch('sec/token'), { number: n }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(commentsOf(w, n).length, 1);
    assert.ok(r.stdout.indexOf(`::add-mask::${DJ_TOKEN}`) < r.stdout.indexOf('Decision:'), 'masked before the first log line');
    assertNoLeak(r, [DJ_TOKEN, GH_TOKEN], { world: w, comments: commentsOf(w, n) });
  });

  test('service account: the client secret and the token received are masked before use', async () => {
    const n = ++pr;
    const r = await w.run('pull_request', prEvent('opened', branch('sec/sa'), { number: n }), { 'dj-token': '', 'dj-client-id': SA_ID, 'dj-client-secret': SA_SECRET });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.ok(
      w.dj.requests.some(q => q.headers.authorization === `Bearer ${saToken}`),
      'the received token was used',
    );
    assert.ok(r.stdout.includes(`::add-mask::${saToken}`), 'the received token is announced');
    assertNoLeak(r, [SA_SECRET, saToken, GH_TOKEN], { world: w, comments: commentsOf(w, n) });
  });

  test('basic login: the password and the __dj cookie token are masked', async () => {
    const n = ++pr;
    const r = await w.run('pull_request', prEvent('opened', branch('sec/basic'), { number: n }), { 'dj-token': '', 'dj-username': USER, 'dj-password': PASSWORD });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.ok(
      w.dj.requests.some(q => q.headers.authorization === `Bearer ${cookieToken}`),
      'the cookie token was used',
    );
    assertNoLeak(r, [PASSWORD, cookieToken, GH_TOKEN], { world: w, comments: commentsOf(w, n) });
  });

  test('credentials from env DJ_TOKEN, DJ_USER / DJ_PWD are masked too', async () => {
    const viaToken = await w.run('create', branchRefEvent('create', branch('sec/env-token')), { 'dj-token': '' }, { DJ_TOKEN });
    assert.equal(viaToken.exitCode, 0, viaToken.stdout);
    assertNoLeak(viaToken, [DJ_TOKEN], { world: w });
    const viaLogin = await w.run('create', branchRefEvent('create', branch('sec/env-login')), { 'dj-token': '' }, { DJ_USER: ENV_USER, DJ_PWD: ENV_PASSWORD });
    assert.equal(viaLogin.exitCode, 0, viaLogin.stdout);
    assertNoLeak(viaLogin, [ENV_PASSWORD, envToken], { world: w });
  });

  test('DJ answers 401 echoing the Authorization header: the failure names the status, not the token', async () => {
    w.dj.addFault({ method: 'GET', path: `/namespaces/${ROOT}/git`, status: 401, body: { message: `Invalid token 'Bearer ${DJ_TOKEN}'`, errors: [], warnings: [] } });
    const r = await w.run('create', branchRefEvent('create', branch('sec/echo-401')));
    assert.equal(r.exitCode, 1);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /HTTP 401: Invalid token 'Bearer \*\*\*'/);
    assertNoLeak(r, [DJ_TOKEN, GH_TOKEN], { world: w });
  });

  test('DJ answers 500 echoing the service-account token on sync, 403 echoing the cookie on the link', async () => {
    w.dj.addFault({ method: 'POST', path: `/namespaces/${ROOT}.sec_echo_500/sync-from-git`, status: 500, body: { detail: `token ${saToken} rejected` } });
    const r1 = await w.run('create', branchRefEvent('create', branch('sec/echo-500')), { 'dj-token': '', 'dj-client-id': SA_ID, 'dj-client-secret': SA_SECRET });
    assert.equal(r1.exitCode, 1);
    assert.match(r1.errors[0]!, /HTTP 500: token \*\*\* rejected/);
    assertNoLeak(r1, [SA_SECRET, saToken], { world: w });

    w.dj.addFault({
      method: 'PATCH',
      path: `/namespaces/${ROOT}.sec_echo_403/git`,
      status: 403,
      body: { message: `Access denied for session __dj=${cookieToken}`, errors: [], warnings: [] },
    });
    const r2 = await w.run('create', branchRefEvent('create', branch('sec/echo-403')), { 'dj-token': '', 'dj-username': USER, 'dj-password': PASSWORD });
    assert.equal(r2.exitCode, 1);
    assert.match(r2.errors[0]!, /HTTP 403/);
    assertNoLeak(r2, [PASSWORD, cookieToken], { world: w });
  });

  test('the token exchange and the login answer 401 echoing the secret and the password', async () => {
    w.dj.addFault({ method: 'POST', path: '/service-accounts/token', status: 401, body: { message: `bad client_secret=${SA_SECRET}`, errors: [], warnings: [] } });
    const r1 = await w.run('create', branchRefEvent('create', branch('sec/echo-sa')), { 'dj-token': '', 'dj-client-id': SA_ID, 'dj-client-secret': SA_SECRET });
    assert.equal(r1.exitCode, 1);
    assert.match(r1.errors[0]!, /HTTP 401: bad client_secret=\*\*\*.*dj-client-secret/);
    assertNoLeak(r1, [SA_SECRET, GH_TOKEN], { world: w });

    w.dj.addFault({ method: 'POST', path: '/basic/login/', status: 401, body: { message: `wrong password ${PASSWORD}`, errors: [], warnings: [] } });
    const r2 = await w.run('create', branchRefEvent('create', branch('sec/echo-login')), { 'dj-token': '', 'dj-username': USER, 'dj-password': PASSWORD });
    assert.equal(r2.exitCode, 1);
    assertNoLeak(r2, [PASSWORD], { world: w });
  });

  test('GitHub answers 401 echoing the github-token: a warning without it; the comment is not written', async () => {
    const n = ++pr;
    w.gh.addFault({ method: 'GET', path: `/repos/acme/dj-definitions/issues/${n}/comments`, status: 401, body: { message: `Bad credentials: ${GH_TOKEN}` } });
    const r = await w.run('pull_request', prEvent('opened', branch('sec/gh-echo'), { number: n }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.ok(
      r.warnings.some(m => /HTTP 401: Bad credentials: \*\*\*/.test(m)),
      r.warnings.join('\n'),
    );
    assertNoLeak(r, [GH_TOKEN, DJ_TOKEN], { world: w });
  });

  test('a node message that echoes the token: redacted in results, summary and the pull-request comment', async () => {
    const n = ++pr;
    const name = branch('sec/node-echo');
    w.dj.setYaml(name, [
      { name: '${prefix}orders', query: 'orders' },
      { name: '${prefix}leaky', query: 'x', status: 'failed', message: `could not auth with Bearer ${DJ_TOKEN} and ${GH_TOKEN}` },
    ]);
    const r = await w.run('pull_request', prEvent('opened', name, { number: n }), { 'fail-on': 'never' });
    assert.equal(r.exitCode, 0, r.stdout);
    const results = JSON.parse(r.outputs.results!) as { message: string }[];
    assert.ok(
      results.some(x => x.message === 'could not auth with Bearer *** and ***'),
      r.outputs.results,
    );
    assert.match(commentsOf(w, n)[0]!, /could not auth with Bearer \\\*\\\*\\\* and \\\*\\\*\\\*/);
    assertNoLeak(r, [DJ_TOKEN, GH_TOKEN], { world: w, comments: commentsOf(w, n) });
  });

  test('dj-url with credentials or a query string is refused without echoing them', async () => {
    const port = new URL(w.dj.url).port;
    const cases: [string, string][] = [
      [`http://ci:hunter2-url-pw@127.0.0.1:${port}`, 'hunter2-url-pw'],
      [`http://127.0.0.1:${port}/?api_key=KEY-9f8e7d6c`, 'KEY-9f8e7d6c'],
      [`http://127.0.0.1:${port}/#token=FRAG-1a2b3c4d`, 'FRAG-1a2b3c4d'],
    ];
    for (const [url, secret] of cases) {
      const before = w.dj.requests.length;
      const r = await w.run('create', branchRefEvent('create', branch('sec/url')), { 'dj-url': url });
      assert.equal(r.exitCode, 1, r.stdout);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!, /Input 'dj-url' must/);
      assert.equal(w.dj.requests.length, before, 'nothing sent');
      const shown = everythingShown(r);
      count('secrets.checked', 4 + Object.keys(r.outputs).length);
      const leaked = shown.includes(secret) ? 1 : 0;
      count('leaks.found', leaked);
      assert.equal(leaked, 0, `${secret} appears nowhere`);
    }
  });
});

describe('pdc-token through dist/index.js', () => {
  const TOKEN = '5e0c2b9a7d4f1e3c8b6a0d2f4e6c8a0b2d4f6e8c';
  const pdc = new PDCEmulator();
  before(async () => {
    pdc.seedComponent('dj-definitions');
    pdc.seedSlaType('bug_fixes');
    pdc.setToken(TOKEN);
    await pdc.start();
  });
  after(() => pdc.stop());

  const run = (inputs: Record<string, string> = {}) =>
    runAction({
      eventName: 'create',
      payload: branchRefEvent('create', 'feature/pdc-secret'),
      inputs: { target: 'pdc', 'pdc-url': pdc.url, 'pdc-token': TOKEN, 'pdc-global-component': 'dj-definitions', 'pdc-slas': 'bug_fixes:2222-01-01', ...inputs },
      env: { GITHUB_REPOSITORY: 'acme/dj-definitions' },
    });

  test('create succeeds; the token is masked and nowhere else', async () => {
    const r = await run();
    assert.equal(r.exitCode, 0, r.stdout);
    assertNoLeak(r, [TOKEN]);
    assert.ok(!pdc.log().some(l => l.includes(TOKEN)), 'never in a URL');
  });

  test('PDC answers 401 echoing the token: the failure carries the status, not the token', async () => {
    pdc.addFault({ path: /.*/, status: 401, body: { detail: `Invalid token ${TOKEN}.` } });
    const r = await run();
    assert.equal(r.exitCode, 1, r.stdout);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /401/);
    assertNoLeak(r, [TOKEN]);
  });
});
