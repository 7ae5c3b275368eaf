import { test, describe, beforeAll as before, afterAll as after, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { DJEmulator } from '../../emulators/dj.js';
import { DJClient, DJClientError, type DJClientOptions } from '../../src/targets/dj/client.js';
import type { TargetDeps } from '../../src/targets/target.js';

const ROOT = 'demo.metrics';
const REPO = 'acme/dj-definitions';

function deps(): TargetDeps & { masks: string[]; logs: string[] } {
  const masks: string[] = [];
  const logs: string[] = [];
  return { masks, logs, log: m => logs.push(m), mask: s => masks.push(s), http: { timeoutMs: 5000, retries: 0 } };
}

async function failure(promise: Promise<unknown>): Promise<DJClientError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DJClientError, `a DJClientError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('DJClient: the three branch methods', () => {
  let server: DJEmulator;
  let client: DJClient;
  beforeEach(async () => {
    server = new DJEmulator();
    await server.start();
    server.seedRoot(ROOT, { repo: REPO, nodes: [{ name: 'orders', type: 'source' }, { name: 'revenue' }] });
    client = new DJClient({ url: server.url }, deps());
  });
  afterEach(() => server.stop());

  test('createBranch → {branch, deployment_results}, 201, child of the root', async () => {
    const res = await client.createBranch(ROOT, 'feature/x-y');
    assert.equal(res.branch.namespace, 'demo.metrics.feature_x_y');
    assert.equal(res.branch.git_branch, 'feature/x-y');
    assert.equal(res.branch.parent_namespace, ROOT);
    assert.deepEqual(
      res.deployment_results.map(r => [r.name, r.operation, r.status]),
      [
        ['demo.metrics.feature_x_y.orders', 'create', 'success'],
        ['demo.metrics.feature_x_y.revenue', 'create', 'success'],
      ],
    );
    assert.deepEqual(server.log(), ['POST /namespaces/demo.metrics/branches']);
    assert.deepEqual(server.requests[0]!.json, { branch_name: 'feature/x-y' });
    assert.ok(server.gitBranches().includes('feature/x-y'));
  });

  test('listBranches → BranchInfo[], default branch first, then alphabetical', async () => {
    await client.createBranch(ROOT, 'zeta');
    await client.createBranch(ROOT, 'alpha');
    const branches = await client.listBranches(ROOT);
    assert.deepEqual(
      branches.map(b => [b.namespace, b.git_branch, b.num_nodes]),
      [
        ['demo.metrics.main', 'main', 2],
        ['demo.metrics.alpha', 'alpha', 2],
        ['demo.metrics.zeta', 'zeta', 2],
      ],
    );
    assert.equal(branches[0]!.github_repo_path, REPO);
    assert.match(branches[0]!.last_updated_at ?? '', /Z$/);
  });

  test('deleteBranch defaults to deleting the git branch, and says so explicitly on the wire', async () => {
    await client.createBranch(ROOT, 'feature/x-y');
    server.resetLog();
    const res = await client.deleteBranch(ROOT, 'demo.metrics.feature_x_y');
    assert.deepEqual(res, { message: "Branch namespace 'demo.metrics.feature_x_y' deleted", nodes_deleted: 2, git_branch_deleted: true });
    assert.deepEqual(server.log(), ['DELETE /namespaces/demo.metrics/branches/demo.metrics.feature_x_y?delete_git_branch=true']);
    assert.ok(!server.gitBranches().includes('feature/x-y'));
    assert.equal(server.namespace('demo.metrics.feature_x_y'), undefined);
  });

  test('deleteBranch(…, false) keeps the git branch; 404 raises like the Python client', async () => {
    await client.createBranch(ROOT, 'keep-me');
    const res = await client.deleteBranch(ROOT, 'demo.metrics.keep_me', false);
    assert.equal(res.git_branch_deleted, false);
    assert.ok(server.gitBranches().includes('keep-me'));
    const err = await failure(client.deleteBranch(ROOT, 'demo.metrics.keep_me', false));
    assert.equal(err.status, 404);
    assert.equal(err.method, 'DELETE');
    assert.equal(err.path, '/namespaces/demo.metrics/branches/demo.metrics.keep_me?delete_git_branch=false');
    assert.equal(err.serverMessage, 'node namespace `demo.metrics.keep_me` does not exist.');
    assert.deepEqual(err.errors, []);
  });

  test('materialization_failures is passed through when DJ reports it', async () => {
    await client.createBranch(ROOT, 'cube');
    server.setMaterializationFailures('demo.metrics.cube', ['demo.metrics.cube.revenue_cube']);
    const res = await client.deleteBranch(ROOT, 'demo.metrics.cube', false);
    assert.deepEqual(res.materialization_failures, ['demo.metrics.cube.revenue_cube']);
  });
});

describe('DJClient: git config and sync', () => {
  test('getGitConfig is null on 404; patchGitConfig links; syncFromGit deploys the head', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO });
      server.addGitBranch('feature/x-y');
      server.setHead('feature/x-y', '3f9c1e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6');
      server.setYaml('feature/x-y', [
        { name: '${prefix}orders', type: 'source' },
        { name: 'aov', status: 'invalid', message: "[invalid] Column 'amount' not found" },
      ]);
      const client = new DJClient({ url: server.url }, deps());
      assert.equal(await client.getGitConfig('demo.metrics.feature_x_y'), null);
      const root = await client.getGitConfig(ROOT);
      assert.deepEqual(root, {
        github_repo_path: REPO,
        git_branch: null,
        git_path: 'nodes/',
        default_branch: 'main',
        parent_namespace: null,
        git_only: false,
        branch_namespace: null,
        git_root_namespace: ROOT,
      });
      const patched = await client.patchGitConfig('demo.metrics.feature_x_y', { parent_namespace: ROOT, git_branch: 'feature/x-y' });
      assert.equal(patched.git_branch, 'feature/x-y');
      assert.equal(patched.git_root_namespace, null, 'PATCH answers never fill the response-only fields');
      const info = await client.syncFromGit('demo.metrics.feature_x_y');
      assert.equal(info.status, 'success');
      assert.equal(info.source?.commit_sha, '3f9c1e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6');
      assert.deepEqual(
        info.results.map(r => [r.name, r.status, r.operation]),
        [
          ['demo.metrics.feature_x_y.orders', 'success', 'create'],
          ['demo.metrics.feature_x_y.aov', 'invalid', 'create'],
        ],
      );
      assert.deepEqual(server.log(), [
        'GET /namespaces/demo.metrics.feature_x_y/git',
        'GET /namespaces/demo.metrics/git',
        'PATCH /namespaces/demo.metrics.feature_x_y/git',
        'POST /namespaces/demo.metrics.feature_x_y/sync-from-git',
      ]);
      assert.equal(server.requests[3]!.body, '', 'sync-from-git takes no body');
    } finally {
      await server.stop();
    }
  });

  test('syncFromGit (SPEC §7): resent after a 503 answered at once; not after a 502, and the error says what to do', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO, nodes: [{ name: 'orders' }] });
      const d = deps();
      const client = new DJClient({ url: server.url }, { ...d, http: { timeoutMs: 5000, retries: 1 } });
      process.env.DJ_BRANCH_SYNC_BACKOFF_MS = '1';
      server.addFault({ method: 'POST', path: '/namespaces/demo.metrics.main/sync-from-git', status: 503, body: { message: 'busy' } });
      const info = await client.syncFromGit('demo.metrics.main');
      assert.deepEqual(
        info.results.map(r => r.operation),
        ['noop'],
      );
      assert.deepEqual(server.log(), ['POST /namespaces/demo.metrics.main/sync-from-git', 'POST /namespaces/demo.metrics.main/sync-from-git']);
      server.resetLog();
      server.addFault({ method: 'POST', path: '/namespaces/demo.metrics.main/sync-from-git', status: 502, body: '<html>Bad Gateway</html>' });
      await assert.rejects(client.syncFromGit('demo.metrics.main'), (err: Error) => {
        assert.match(err.message, /HTTP 502/);
        assert.match(err.message, /not resent|not sent again/);
        assert.match(err.message, /Look at the namespace in DJ.*timeout-seconds/);
        return true;
      });
      assert.deepEqual(server.log(), ['POST /namespaces/demo.metrics.main/sync-from-git'], 'not resent');
    } finally {
      delete process.env.DJ_BRANCH_SYNC_BACKOFF_MS;
      await server.stop();
    }
  });
});

describe('DJClient: every path segment is URL-encoded', () => {
  test('namespaces with /, #, ?, space and % arrive as one segment each', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      const client = new DJClient({ url: server.url }, deps());
      const odd = 'a/b#c?d e%f';
      assert.equal(await client.getGitConfig(odd), null);
      const err = await failure(client.deleteBranch('demo/x', odd, false));
      assert.equal(err.status, 404);
      await failure(client.createBranch(odd, 'x'));
      assert.deepEqual(server.log(), [
        'GET /namespaces/a%2Fb%23c%3Fd%20e%25f/git',
        'DELETE /namespaces/demo%2Fx/branches/a%2Fb%23c%3Fd%20e%25f?delete_git_branch=false',
        'POST /namespaces/a%2Fb%23c%3Fd%20e%25f/branches',
      ]);
      assert.deepEqual(server.requests[0]!.segments, ['namespaces', odd, 'git']);
      assert.equal(err.serverMessage, 'node namespace `demo/x` does not exist.');
    } finally {
      await server.stop();
    }
  });
});

describe('DJClient: authentication', () => {
  test('a bearer token is sent as is, on every request', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO });
      server.addToken('tok-123');
      const d = deps();
      const client = new DJClient({ url: server.url, token: 'tok-123' }, d);
      await Promise.all([client.getGitConfig(ROOT), client.listBranches(ROOT)]);
      assert.deepEqual(
        server.requests.map(r => r.headers.authorization),
        ['Bearer tok-123', 'Bearer tok-123'],
      );
      assert.deepEqual(d.masks, ['tok-123']);
    } finally {
      await server.stop();
    }
  });

  test('service account: exchanged once for parallel requests, token masked before use', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO });
      const token = server.addServiceAccount('4b0f6c2e-9a51-4d7e-8c3b-2f1e0d9c8b7a', 's3cret');
      const d = deps();
      const client = new DJClient({ url: server.url, clientId: '4b0f6c2e-9a51-4d7e-8c3b-2f1e0d9c8b7a', clientSecret: 's3cret' }, d);
      const [root, branches, me] = await Promise.all([client.getGitConfig(ROOT), client.listBranches(ROOT), client.whoami()]);
      assert.equal(root?.default_branch, 'main');
      assert.equal(branches.length, 1);
      assert.equal(me.username, '4b0f6c2e-9a51-4d7e-8c3b-2f1e0d9c8b7a');
      const log = server.log();
      assert.equal(log[0], 'POST /service-accounts/token');
      assert.deepEqual(log.slice(1).sort(), ['GET /namespaces/demo.metrics/branches', 'GET /namespaces/demo.metrics/git', 'GET /whoami/']);
      assert.equal(server.requests[0]!.form?.get('client_id'), '4b0f6c2e-9a51-4d7e-8c3b-2f1e0d9c8b7a');
      assert.equal(server.requests[0]!.form?.get('client_secret'), 's3cret');
      assert.deepEqual(d.masks, [token]);
      for (const r of server.requests.slice(1)) assert.equal(r.headers.authorization, `Bearer ${token}`);
    } finally {
      await server.stop();
    }
  });

  test('basic login: the __dj cookie becomes the Bearer token, masked', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO });
      const token = server.addUser('ci', 'pw');
      const d = deps();
      const client = new DJClient({ url: server.url, username: 'ci', password: 'pw' }, d);
      const branches = await client.listBranches(ROOT);
      assert.equal(branches[0]!.namespace, 'demo.metrics.main');
      assert.deepEqual(server.log(), ['POST /basic/login/', 'GET /namespaces/demo.metrics/branches']);
      assert.deepEqual(d.masks, [token]);
      assert.equal(server.requests[1]!.headers.authorization, `Bearer ${token}`);
    } finally {
      await server.stop();
    }
  });

  test('wrong service-account or login credentials name the inputs to check, never the secret', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.addServiceAccount('id', 'right');
      server.addUser('ci', 'right');
      const sa = await failure(new DJClient({ url: server.url, clientId: 'id', clientSecret: 'wrong-secret' }, deps()).listBranches(ROOT));
      assert.equal(sa.status, 401);
      assert.equal(sa.path, '/service-accounts/token');
      assert.equal(sa.serverMessage, 'Invalid service account credentials');
      assert.deepEqual(
        sa.errors.map(e => e.code),
        ['INVALID_LOGIN_CREDENTIALS'],
      );
      assert.match(sa.message, /dj-client-id/);
      assert.ok(!sa.message.includes('wrong-secret'));
      const basic = await failure(new DJClient({ url: server.url, username: 'ci', password: 'wrong-pw' }, deps()).listBranches(ROOT));
      assert.equal(basic.status, 401);
      assert.equal(basic.serverMessage, 'Invalid password for user ci');
      assert.match(basic.message, /dj-username/);
      assert.ok(!basic.message.includes('wrong-pw'));
    } finally {
      await server.stop();
    }
  });

  test('no credentials → 403 "Not authenticated" with the credential inputs named', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.addToken('t');
      const err = await failure(new DJClient({ url: server.url }, deps()).listBranches(ROOT));
      assert.equal(err.status, 403);
      assert.equal(err.serverMessage, 'Not authenticated');
      assert.deepEqual(err.errors, [{ code: 'AUTHENTICATION_ERROR', message: 'Not authenticated', debug: null, context: '' }]);
      assert.match(err.message, /dj-token/);
      assert.match(err.message, /dj-client-id/);
      assert.match(err.message, /dj-username/);
    } finally {
      await server.stop();
    }
  });

  test('a malformed token → 500 with the token hint, never the token', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.addToken('good');
      const err = await failure(new DJClient({ url: server.url, token: 'garbage-token' }, deps()).getGitConfig(ROOT));
      assert.equal(err.status, 500);
      assert.equal(err.serverMessage, 'Internal Server Error');
      assert.match(err.message, /check the DJ token \(malformed or expired\)/);
      assert.ok(!err.message.includes('garbage-token'));
    } finally {
      await server.stop();
    }
  });

  test('RBAC denial names the permission: MANAGE for PATCH /git, WRITE for sync', async () => {
    const server = new DJEmulator();
    await server.start();
    try {
      server.seedRoot(ROOT, { repo: REPO });
      server.deny('MANAGE');
      server.deny('WRITE', 'demo.metrics.main');
      const client = new DJClient({ url: server.url }, deps());
      const patch = await failure(client.patchGitConfig('demo.metrics.x', { parent_namespace: ROOT, git_branch: 'x' }));
      assert.equal(patch.status, 403);
      assert.equal(patch.serverMessage, 'Access denied to 1 resource(s): demo.metrics.x');
      assert.match(patch.message, /MANAGE/);
      assert.equal(server.namespace('demo.metrics.x'), undefined, 'MANAGE is checked before the auto-create');
      const sync = await failure(client.syncFromGit('demo.metrics.main'));
      assert.match(sync.message, /lacks WRITE/);
    } finally {
      await server.stop();
    }
  });
});

describe('DJClient: error shapes → DJClientError', () => {
  let server: DJEmulator;
  let client: DJClient;
  before(async () => {
    server = new DJEmulator();
    await server.start();
    server.seedRoot(ROOT, { repo: REPO });
    client = new DJClient({ url: server.url } satisfies DJClientOptions, deps());
  });
  after(() => server.stop());

  test('DJ shape 422 from the emulator: message and (empty) errors', async () => {
    server.addGitBranch('taken');
    const err = await failure(client.createBranch(ROOT, 'taken'));
    assert.equal(err.status, 422);
    assert.equal(err.method, 'POST');
    assert.equal(err.path, '/namespaces/demo.metrics/branches');
    assert.equal(err.serverMessage, "Failed to create git branch 'taken': GitHub create branch taken failed: Reference already exists");
    assert.deepEqual(err.errors, []);
    assert.match(err.message, /^DJ POST \/namespaces\/demo\.metrics\/branches failed with HTTP 422: Failed to create git branch/);
    assert.equal(server.namespace('demo.metrics.taken'), undefined, 'DJ removed the namespace it had copied');
  });

  test('DJ shape with a filled errors list', async () => {
    server.addFault({
      path: '/namespaces/demo.metrics.main/sync-from-git',
      status: 422,
      body: {
        message: 'Invalid deployment configuration',
        errors: [{ code: 'ALREADY_EXISTS', message: 'Duplicate nodes in deployment spec: demo.metrics.main.orders', debug: null, context: '' }],
        warnings: [],
      },
    });
    const err = await failure(client.syncFromGit('demo.metrics.main'));
    assert.equal(err.serverMessage, 'Invalid deployment configuration');
    assert.deepEqual(err.errors, [{ code: 'ALREADY_EXISTS', message: 'Duplicate nodes in deployment spec: demo.metrics.main.orders', debug: null, context: '' }]);
  });

  test('FastAPI validation shape: detail entries become errors with their location', async () => {
    server.addFault({
      path: '/namespaces/demo.metrics/branches',
      status: 422,
      body: { detail: [{ type: 'missing', loc: ['body', 'branch_name'], msg: 'Field required', input: {} }] },
    });
    const err = await failure(client.createBranch(ROOT, 'x'));
    assert.equal(err.status, 422);
    assert.equal(err.serverMessage, 'body.branch_name: Field required');
    assert.deepEqual(err.errors, [{ code: 'missing', message: 'body.branch_name: Field required' }]);
  });

  test('bare 409 {message}, 500 {detail}, and HTML', async () => {
    server.addFault({ path: '/namespaces/demo.metrics/branches', status: 409, body: { message: 'Node namespace `demo` already exists' } });
    const conflict = await failure(client.createBranch(ROOT, 'y'));
    assert.equal(conflict.status, 409);
    assert.equal(conflict.serverMessage, 'Node namespace `demo` already exists');
    assert.deepEqual(conflict.errors, []);

    server.addFault({ path: '/namespaces/demo.metrics/git', status: 500, body: { detail: 'Internal Server Error' } });
    const crash = await failure(client.getGitConfig(ROOT));
    assert.equal(crash.serverMessage, 'Internal Server Error');
    assert.ok(!/check the DJ token/.test(crash.message), 'no token hint without a token');

    server.addFault({ path: '/namespaces/demo.metrics/git', status: 418, body: '<html><body><h1>I am a teapot</h1></body></html>' });
    const html = await failure(client.getGitConfig(ROOT));
    assert.equal(html.status, 418);
    assert.equal(html.serverMessage, 'I am a teapot');
  });

  test('the exact-spelling auth route: the emulator redirects a missing slash like FastAPI', async () => {
    const res = await fetch(`${server.url}/basic/login`, { method: 'POST', redirect: 'manual' });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/basic/login/');
  });

  test('a refused connection says to check dj-url', async () => {
    const dead = new DJClient({ url: 'http://127.0.0.1:9' }, deps());
    const err = await failure(dead.listBranches(ROOT));
    assert.equal(err.status, 0);
    assert.match(err.message, /dj-url/);
  });
});

describe('DJEmulator follows dj-api.md §7 and §13 (what the client tests stand on)', () => {
  let server: DJEmulator;
  beforeEach(async () => {
    server = new DJEmulator();
    await server.start();
    server.seedRoot(ROOT, { repo: REPO });
  });
  afterEach(() => server.stop());

  const call = async (method: string, p: string, json?: unknown) => {
    const res = await fetch(server.url + p, {
      method,
      redirect: 'manual',
      ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } }),
    });
    // Parsed here, not by fetch's res.json(): jest runs tests in their own realm, and strict deep
    // equality compares prototypes, so the body's objects must come from this realm's JSON.
    return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) as Record<string, unknown> };
  };

  test('PATCH /git creates the namespace before validating, and leaves it on a 422', async () => {
    const res = await call('PATCH', '/namespaces/demo.metrics.x/git', { parent_namespace: 'demo.nope', git_branch: 'main' });
    assert.equal(res.status, 422);
    assert.equal(res.body.message, "Parent namespace 'demo.nope' does not exist.");
    assert.equal(res.headers.get('x-dj-error'), 'true');
    assert.ok(server.namespace('demo.metrics.x'), 'the empty namespace remains');
  });

  test('PATCH /git: the default-branch pin, and silent repointing of anything else', async () => {
    const pinned = await call('PATCH', '/namespaces/demo.metrics.main/git', { git_branch: 'other' });
    assert.equal(pinned.status, 422);
    assert.match(String(pinned.body.message), /^'demo\.metrics\.main' is pinned to the default branch 'main'/);
    server.seedNamespace('demo.metrics.a', { git_branch: 'a', parent_namespace: ROOT });
    server.addGitBranch('b');
    const repointed = await call('PATCH', '/namespaces/demo.metrics.a/git', { git_branch: 'b' });
    assert.equal(repointed.status, 200);
    assert.equal(server.namespace('demo.metrics.a')!.git_branch, 'b');
  });

  test('POST /branches: FastAPI 422 without branch_name, empty name, 409 when the namespace exists', async () => {
    const missing = await call('POST', '/namespaces/demo.metrics/branches', {});
    assert.deepEqual(missing.body, { detail: [{ type: 'missing', loc: ['body', 'branch_name'], msg: 'Field required', input: {} }] });
    const empty = await call('POST', '/namespaces/demo.metrics/branches', { branch_name: '  ' });
    assert.equal(empty.body.message, 'Branch name cannot be empty.');
    const exists = await call('POST', '/namespaces/demo.metrics/branches', { branch_name: 'main' });
    assert.equal(exists.status, 409);
    assert.equal(exists.body.message, "Namespace 'demo.metrics.main' already exists.");
  });

  test('DELETE: not a branch → 422; the default is delete_git_branch=true; trailing slash tolerated', async () => {
    server.seedNamespace('other_ns');
    const notBranch = await call('DELETE', '/namespaces/demo.metrics/branches/other_ns');
    assert.equal(notBranch.body.message, "Namespace 'other_ns' is not a branch of 'demo.metrics'.");
    server.seedNamespace('demo.metrics.f', { git_branch: 'f', parent_namespace: ROOT });
    server.addGitBranch('f');
    const deleted = await call('DELETE', '/namespaces/demo.metrics/branches/demo.metrics.f/');
    assert.deepEqual(deleted.body, { message: "Branch namespace 'demo.metrics.f' deleted", nodes_deleted: 0, git_branch_deleted: true });
    assert.ok(!server.gitBranches().includes('f'));
  });

  test('sync-from-git on the root is a 422; without GitHub credentials a 503', async () => {
    const root = await call('POST', '/namespaces/demo.metrics/sync-from-git');
    assert.equal(root.body.message, "Namespace 'demo.metrics' does not have git_branch configured. Cannot sync from git without a branch to track.");
    server.githubConfigured = false;
    const noGithub = await call('POST', '/namespaces/demo.metrics.main/sync-from-git');
    assert.equal(noGithub.status, 503);
  });

  test('the service-account route must be spelled exactly', async () => {
    const res = await fetch(`${server.url}/service-accounts/token/`, { method: 'POST', redirect: 'manual' });
    assert.equal(res.status, 307);
  });
});
