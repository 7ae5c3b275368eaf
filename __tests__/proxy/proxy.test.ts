/**
 * The bundle behind a real proxy, as on a self-hosted runner in a corporate network: every
 * server (DJ, GitHub, PDC, Fossil) is reachable only under a `.invalid` host name that nothing
 * but the test proxy resolves, so a run that succeeds went through the proxy. Plain HTTP
 * (absolute-URI requests through `HTTP_PROXY`) and CONNECT tunnels (`HTTPS_PROXY` to TLS
 * servers), `NO_PROXY` honoured, proxy credentials sent and never printed.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, prEvent } from '../../harness/payloads.js';
import { runAction } from '../../harness/run-action.js';
import { PDCEmulator } from '../../emulators/pdc.js';
import { fossilSkipReason, startFossilServer, type FossilServer } from '../fossil/fossil-server.js';
import { TestProxy, selfSignedCert, tlsFront } from './test-proxy.js';

/** `http://127.0.0.1:port` → `scheme://name:port` (another port for a TLS front). */
const renamed = (url: string, name: string, scheme = 'http', port?: number) => `${scheme}://${name}:${port ?? new URL(url).port}`;

describe('through a real proxy (dist/index.js)', () => {
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
    w.resetLogs();
  });

  test('plain HTTP proxy: DJ and GitHub (pull request opened: link, deploy, comment)', async () => {
    const branch = 'feature/proxy-http';
    pushBranch(w, branch);
    const r = await w.run(
      'pull_request',
      prEvent('opened', branch, { number: 90 }),
      { 'dj-url': renamed(w.dj.url, 'dj.test.invalid') },
      { GITHUB_API_URL: renamed(w.gh.apiUrl, 'gh.test.invalid'), HTTP_PROXY: proxyUrl },
    );
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(w.dj.namespace(`${ROOT}.feature_proxy_http`)?.git_branch, branch);
    assert.equal(w.gh.comments(90).length, 1);
    assert.deepEqual(proxy.hosts('http'), ['dj.test.invalid', 'gh.test.invalid']);
    // Every request the servers saw came through the proxy.
    assert.equal(proxy.requests.filter(q => q.target.startsWith('dj.')).length, w.djLog().length);
    assert.equal(proxy.requests.filter(q => q.target.startsWith('gh.')).length, w.ghLog().length);
    assert.ok(
      proxy.requests.some(q => q.path === '/graphql'),
      'GraphQL goes through the proxy too',
    );
  });

  test('CONNECT tunnels through HTTPS_PROXY to TLS servers: DJ and GitHub', async () => {
    const tls = selfSignedCert(['dj.test.invalid', 'gh.test.invalid']);
    const [djTls, ghTls] = await Promise.all([tlsFront(Number(new URL(w.dj.url).port), tls), tlsFront(Number(new URL(w.gh.url).port), tls)]);
    try {
      const branch = 'feature/proxy-connect';
      pushBranch(w, branch);
      const r = await w.run(
        'pull_request',
        prEvent('opened', branch, { number: 91 }),
        { 'dj-url': renamed(w.dj.url, 'dj.test.invalid', 'https', djTls.port) },
        { GITHUB_API_URL: renamed(w.gh.url, 'gh.test.invalid', 'https', ghTls.port) + w.gh.pathPrefix, HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: tls.caFile },
      );
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(r.outputs.operation, 'created');
      assert.equal(w.gh.comments(91).length, 1);
      assert.deepEqual(proxy.hosts('connect'), ['dj.test.invalid', 'gh.test.invalid']);
      assert.deepEqual(proxy.hosts('http'), [], 'nothing in clear');
      assert.ok(w.djLog().length > 0 && w.ghLog().length > 0);
    } finally {
      await Promise.all([djTls.stop(), ghTls.stop()]);
    }
  });

  test('NO_PROXY: a listed host goes direct, the others through the proxy', async () => {
    const branch = 'feature/proxy-noproxy';
    pushBranch(w, branch);
    const r = await w.run(
      'pull_request',
      prEvent('opened', branch, { number: 92 }),
      { 'dj-url': w.dj.url },
      { GITHUB_API_URL: renamed(w.gh.apiUrl, 'gh.test.invalid'), HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
    );
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.deepEqual(proxy.hosts('http'), ['gh.test.invalid']);
    assert.ok(w.djLog().length > 0, 'DJ was reached directly');
  });

  test('NO_PROXY naming the DJ host: it is not proxied (and .invalid resolves nowhere else: a clear network error)', async () => {
    const r = await w.run(
      'create',
      branchRefEvent('create', 'feature/proxy-bypass'),
      { 'dj-url': renamed(w.dj.url, 'dj.test.invalid') },
      { HTTP_PROXY: proxyUrl, no_proxy: 'example.org, .test.invalid' },
    );
    assert.equal(r.exitCode, 1);
    assert.deepEqual(proxy.requests, []);
    assert.equal(r.errors.length, 1, r.stdout);
    assert.match(r.errors[0]!, /network error/i);
  });

  test('proxy credentials are sent to the proxy and never printed', async () => {
    const secret = 'proxy-pass-7d1c9e';
    const withAuth = proxyUrl.replace('http://', `http://ci:${secret}@`);
    const branch = 'feature/proxy-auth';
    pushBranch(w, branch);
    const r = await w.run('create', branchRefEvent('create', branch), { 'dj-url': renamed(w.dj.url, 'dj.test.invalid') }, { HTTP_PROXY: withAuth });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.ok(proxy.requests.length > 0);
    assert.ok(proxy.requests.every(q => q.proxyAuth === `Basic ${Buffer.from(`ci:${secret}`).toString('base64')}`));
    assert.ok(!(r.stdout + r.stderr + r.summary + JSON.stringify(r.outputs)).includes(secret));
  });

  test('PDC through the proxy', async () => {
    const pdc = new PDCEmulator();
    const token = '00bf04e8187f6e6d54f510515e8bde88e5bb7904';
    pdc.seedComponent('dj-definitions', 'other');
    pdc.setToken(token);
    await pdc.start();
    try {
      const branch = 'feature/proxy-pdc';
      const r = await runAction({
        eventName: 'create',
        payload: branchRefEvent('create', branch),
        inputs: { target: 'pdc', 'pdc-url': renamed(pdc.url, 'pdc.test.invalid'), 'pdc-token': token, 'pdc-global-component': 'dj-definitions' },
        env: { GITHUB_REPOSITORY: 'acme/dj-definitions', HTTP_PROXY: proxyUrl },
      });
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(r.outputs.operation, 'created');
      assert.ok(pdc.branch('dj-definitions', branch));
      assert.deepEqual(proxy.hosts('http'), ['pdc.test.invalid']);
    } finally {
      await pdc.stop();
    }
  });

  (fossilSkipReason() ? test.skip : test)('Fossil (a real fossil server) through the proxy', async () => {
    const server: FossilServer = await startFossilServer();
    try {
      const branch = 'feature/proxy-fossil';
      const r = await runAction({
        eventName: 'create',
        payload: branchRefEvent('create', branch),
        inputs: { target: 'fossil', 'fossil-url': renamed(server.url, 'fossil.test.invalid'), 'fossil-user': server.bot.user, 'fossil-password': server.bot.password },
        env: { HTTP_PROXY: proxyUrl },
      });
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(r.outputs.operation, 'created');
      assert.ok((await server.branches('open')).includes(branch));
      assert.deepEqual(proxy.hosts('http'), ['fossil.test.invalid']);
    } finally {
      await server.stop();
    }
  });
});
