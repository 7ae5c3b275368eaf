/**
 * A DJ server outside the supported range: recognised from its own `/openapi.json` when a
 * request fails as a server without the route fails, and told which releases work. The server
 * here is a plain HTTP server answering as an old datajunction-server does (FastAPI's bare 404 for
 * a route it lacks); the range is the one the real-server suite runs (scripts/dj-server.mjs).
 */
import { test, describe, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DJClient, DJClientError } from '../../src/targets/dj/client.js';
import { compareVersions, NEWEST_TESTED, OLDEST_SUPPORTED, routeMissing, unsupportedNote, versionOf } from '../../src/targets/dj/server-version.js';
import { ROOT } from '../../harness/run-action.js';

let server: Server | undefined;
afterEach(() => new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve())));

/** A server answering `routes` ("METHOD /path" → [status, body]) and 404 Not Found otherwise; the request log. */
async function oldServer(routes: Record<string, [number, unknown]>): Promise<{ url: string; log: string[] }> {
  const log: string[] = [];
  server = createServer((req, res) => {
    const key = `${req.method} ${req.url?.split('?')[0]}`;
    log.push(key);
    const [status, body] = routes[key] ?? [404, { detail: 'Not Found' }];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}

function client(url: string): DJClient {
  return new DJClient({ url, token: 't' }, { log: () => {}, mask: () => {}, http: { timeoutMs: 5000, retries: 0 } });
}

async function failure(promise: Promise<unknown>): Promise<DJClientError> {
  const err = await promise.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DJClientError, String(err));
  return err;
}

describe('the supported range', () => {
  test('is the range the real-server suite runs: its oldest and newest pinned releases', async () => {
    const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'dj-server.mjs')).href)) as { supportedReleases(): string[] };
    const releases = script.supportedReleases();
    assert.ok(releases.length >= 2, `at least two releases pinned, got ${releases.join(', ')}`);
    assert.equal(releases[0], OLDEST_SUPPORTED);
    assert.equal(releases[releases.length - 1], NEWEST_TESTED);
  });

  test('compares releases by number, not by text', () => {
    assert.ok(compareVersions('0.0.99', '0.0.116') < 0);
    assert.ok(compareVersions('0.0.116', '0.0.116') === 0);
    assert.ok(compareVersions('0.1.0', '0.0.272') > 0);
    assert.equal(unsupportedNote('0.0.116'), undefined);
    assert.equal(unsupportedNote('0.0.300'), undefined);
    assert.match(unsupportedNote('0.0.115') ?? '', /datajunction-server 0\.0\.115, older than .* 0\.0\.116 and newer \(tested 0\.0\.116 to 0\.0\.272\)/);
  });

  test("reads only a version-shaped info.version, and only FastAPI's missing-route answers", () => {
    assert.equal(versionOf({ info: { version: '0.0.116' } }), '0.0.116');
    assert.equal(versionOf({ info: { version: 'dev <b>' } }), undefined);
    assert.equal(versionOf({ info: {} }), undefined);
    assert.equal(versionOf('<html>'), undefined);
    assert.ok(routeMissing(404, { detail: 'Not Found' }));
    assert.ok(routeMissing(405, { detail: 'Method Not Allowed' }));
    assert.ok(!routeMissing(404, { message: 'Namespace `x` does not exist.' }));
    assert.ok(!routeMissing(500, { detail: 'Not Found' }));
  });
});

describe('a server older than the range', () => {
  test('a missing sync-from-git: one GET /openapi.json, and the error names the server release and the releases that work', async () => {
    const { url, log } = await oldServer({ 'GET /openapi.json': [200, { info: { title: 'DJ server', version: '0.0.110' } }] });
    const err = await failure(client(url).syncFromGit('demo.metrics.main'));
    assert.equal(err.status, 404);
    assert.match(err.message, /^DJ POST \/namespaces\/demo\.metrics\.main\/sync-from-git failed with HTTP 404: Not Found/);
    assert.match(err.message, /The DJ server is datajunction-server 0\.0\.110, older than dj-branch-sync supports: it works with datajunction-server 0\.0\.116 and newer/);
    assert.deepEqual(log, ['POST /namespaces/demo.metrics.main/sync-from-git', 'GET /openapi.json']);
  });

  test('a missing method (405) on the git config is recognised the same way', async () => {
    const { url } = await oldServer({
      'PATCH /namespaces/demo.metrics/git': [405, { detail: 'Method Not Allowed' }],
      'GET /openapi.json': [200, { info: { version: '0.0.90' } }],
    });
    const err = await failure(client(url).patchGitConfig('demo.metrics', { git_branch: 'main' }));
    assert.match(err.message, /datajunction-server 0\.0\.90, older than/);
  });

  test('a supported server, a DJ 404 with its own message, or an unreadable /openapi.json: the error as it was', async () => {
    const supported = await oldServer({ 'GET /openapi.json': [200, { info: { version: '0.0.200' } }] });
    const a = await failure(client(supported.url).syncFromGit('x'));
    assert.doesNotMatch(a.message, /older than/);
    await new Promise<void>(resolve => server!.close(() => resolve()));

    const djOwn = await oldServer({ 'POST /namespaces/x/sync-from-git': [404, { message: 'Namespace `x` does not exist.' }] });
    const b = await failure(client(djOwn.url).syncFromGit('x'));
    assert.match(b.message, /Namespace `x` does not exist/);
    assert.deepEqual(djOwn.log, ['POST /namespaces/x/sync-from-git'], 'no /openapi.json asked for a 404 DJ explained');
    await new Promise<void>(resolve => server!.close(() => resolve()));

    const broken = await oldServer({ 'GET /openapi.json': [500, { detail: 'boom' }] });
    const c = await failure(client(broken.url).syncFromGit('x'));
    assert.equal(c.status, 404);
    assert.doesNotMatch(c.message, /older than/);
  });
});
