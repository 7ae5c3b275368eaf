/**
 * Reliability class 9 of issue 19, "smaller, but seen", through dist/index.js: a proxy that
 * answers 407 (to CONNECT and to a plain request) is named with its variable and the 407, never
 * "check dj-url"; `NO_PROXY` entries in CIDR form send requests for IP addresses inside them
 * direct; `pull_request_target` is handled as `pull_request` and skips forks; the merge preview
 * goes into the namespace of the pull request's base branch (SPEC §10), or the default-branch
 * namespace when that branch has none.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { startDjWorld, type DjWorld } from '../../harness/dj-world.js';
import { branchRefEvent, prEvent } from '../../harness/payloads.js';
import { TestProxy } from '../proxy/test-proxy.js';
import { noProxyCidrs, bypassesProxy } from '../../src/no-proxy.js';
import { count } from './support.js';

const renamed = (url: string, name: string, scheme = 'http') => `${scheme}://${name}:${new URL(url).port}`;

describe('proxies', () => {
  let w: World;
  const proxy = new TestProxy();
  let proxyUrl = '';
  before(async () => {
    w = await startWorld();
    proxyUrl = await proxy.start();
  });
  after(async () => {
    await Promise.all([w.stop(), proxy.stop()]);
  });
  beforeEach(() => {
    proxy.reset();
    proxy.refuse407 = false;
    w.resetLogs();
  });

  test.each([
    ['CONNECT through HTTPS_PROXY', 'https', 'HTTPS_PROXY', / to CONNECT/],
    ['CONNECT through https_proxy', 'https', 'https_proxy', / to CONNECT/],
    ['a plain request through HTTP_PROXY', 'http', 'HTTP_PROXY', /HTTP_PROXY/],
  ])('a proxy answering 407 to %s: one error naming the variable and the 407, not dj-url, not retried', async (_name, scheme, variable, shape) => {
    count('smaller.cases');
    proxy.refuse407 = true;
    const r = await w.run('create', branchRefEvent('create', 'feature/proxy-407'), { 'dj-url': renamed(w.dj.url, 'dj.test.invalid', scheme) }, { [variable]: proxyUrl });
    assert.equal(r.exitCode, 1, r.stdout);
    assert.equal(r.errors.length, 1, r.stdout);
    const error = r.errors[0]!;
    assert.match(error, /407/);
    assert.match(error, new RegExp(`the proxy in ${variable}`));
    assert.match(error, shape);
    assert.doesNotMatch(error, /Check 'dj-url'/);
    // The root's and the namespace's look-ups go out together; neither is sent again.
    assert.ok(proxy.requests.length <= 2, `not resent: a 407 does not go away by itself (${proxy.requests.length} requests)`);
    count('smaller.held');
  });

  test('NO_PROXY with a CIDR range: the DJ server at 127.0.0.1 is reached direct, GitHub by name through the proxy', async () => {
    count('smaller.cases');
    const branch = 'feature/proxy-cidr';
    pushBranch(w, branch);
    const r = await w.run(
      'pull_request',
      prEvent('opened', branch, { number: 93 }),
      { 'dj-url': w.dj.url },
      { GITHUB_API_URL: renamed(w.gh.apiUrl, 'gh.test.invalid') + w.gh.pathPrefix, HTTP_PROXY: proxyUrl, NO_PROXY: 'example.org, 127.0.0.0/8' },
    );
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.deepEqual(proxy.hosts('http'), ['gh.test.invalid']);
    assert.ok(w.djLog().length > 0, 'DJ was reached directly');
    count('smaller.held');
  });

  test('NO_PROXY CIDR rules: IPv4 and IPv6 ranges match addresses, never host names', () => {
    const cidrs = noProxyCidrs('example.org,10.0.0.0/8 [fd00::]/8, 192.168.1.7/32, bad/99, 1.2.3.4/40')!;
    const cases: [string, boolean][] = [
      ['http://10.1.2.3:8000', true],
      ['https://11.0.0.1', false],
      ['http://[fd12::1]:80', true],
      ['http://[fe80::1]', false],
      ['http://192.168.1.7', true],
      ['http://192.168.1.8', false],
      ['http://ten.example.org', false],
      ['http://1.2.3.4', false],
    ];
    for (const [origin, direct] of cases) {
      count('smaller.cases');
      assert.equal(bypassesProxy(origin, cidrs), direct, origin);
      count('smaller.held');
    }
    assert.equal(noProxyCidrs('example.org,.corp'), undefined, 'no CIDR entry: undici alone');
  });
});

describe('pull_request_target', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('handled like pull_request: linked, deployed, one comment', async () => {
    count('smaller.cases');
    pushBranch(w, 'feature/target');
    const r = await w.run('pull_request_target', prEvent('opened', 'feature/target', { number: 94 }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(w.dj.namespace(`${ROOT}.feature_target`)?.git_branch, 'feature/target');
    assert.equal(w.gh.comments(94).length, 1);
    count('smaller.held');
  });

  test("a fork's pull request is skipped under pull_request_target too: nothing of a fork reaches DJ", async () => {
    count('smaller.cases');
    w.resetLogs();
    const r = await w.run('pull_request_target', prEvent('opened', 'feature/forked', { number: 95, fork: true }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs['skip-reason'], 'fork');
    assert.deepEqual(w.djLog(), []);
    count('smaller.held');
  });
});

describe('impact-base: the namespace of the pull request base branch', () => {
  let w: DjWorld | undefined;
  after(async () => {
    await w?.stop();
  });

  /** Opens a pull request from `branch` into `base`; the DJ namespace the preview exported. */
  async function previewBase(dw: DjWorld, branch: string, base: string, number: number): Promise<string | undefined> {
    const payload = prEvent('opened', branch, { number, sha: dw.git.head(branch)! }) as { pull_request: { base: { sha: string; ref: string } } };
    payload.pull_request.base.sha = dw.git.head(base)!;
    payload.pull_request.base.ref = base;
    dw.resetLogs();
    const r = await dw.run('pull_request', payload, { 'fail-on': 'never' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const exported = dw.djLog().find(l => /^GET \/namespaces\/[^/]+\/export\/spec$/.test(l));
    return exported && decodeURIComponent(exported.split('/')[2]!);
  }

  test("a pull request into a branch with a namespace is previewed against that namespace; into one without, against the default branch's", async () => {
    w = await startDjWorld();
    const dw = w;
    const node = 'name: ${prefix}extra\nnode_type: metric\nquery: SELECT 1\n';
    // release has its own namespace; the pull requests branch off it.
    dw.git.commitFiles('release', {}, { from: 'main', message: 'release' });
    assert.equal((await dw.run('create', branchRefEvent('create', 'release'))).exitCode, 0);
    dw.git.commitFiles('into-release', { 'nodes/extra.yaml': node }, { from: 'release', message: 'extra' });
    dw.git.commitFiles('staging', {}, { from: 'main', message: 'staging, never linked' });
    dw.git.commitFiles('into-staging', { 'nodes/extra.yaml': node }, { from: 'staging', message: 'extra' });
    count('smaller.cases');
    assert.equal(await previewBase(dw, 'into-release', 'release', 96), `${dw.root}.release`);
    count('smaller.held');
    count('smaller.cases');
    assert.equal(await previewBase(dw, 'into-staging', 'staging', 97), `${dw.root}.main`);
    count('smaller.held');
    count('smaller.cases');
    dw.git.commitFiles('into-main', { 'nodes/extra.yaml': node }, { from: 'main', message: 'extra' });
    assert.equal(await previewBase(dw, 'into-main', 'main', 98), `${dw.root}.main`);
    count('smaller.held');
  });
});
