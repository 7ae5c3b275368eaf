/**
 * The HTTP layer's own guarantees: bounded answers (SPEC §11), a timeout that covers the whole
 * answer, the time bound of a request with its retries (SPEC §7), no resend of a POST that may
 * have acted, no credential from a URL in any error, and one debug line per request.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, HttpError, MAX_BODY_BYTES, safeUrl } from '../../src/http.js';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;

describe('HttpClient', () => {
  let server: Server;
  let base = '';
  let handler: Handler = (_q, r) => r.end('{}');
  let hits = 0;
  before(async () => {
    server = createServer((q, r) => {
      hits++;
      handler(q, r);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  });
  const client = (timeoutMs = 2000, retries = 0, url = base) => new HttpClient({ baseUrl: url, timeoutMs, retries, backoffBaseMs: 10, json: true });

  test('an answer larger than 64 MiB fails that request clearly, without reading it all', async () => {
    hits = 0;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (sent < 200 * chunk.length) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    };
    const err = await client(30_000)
      .request({ method: 'GET', path: '/big' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.kind, 'too-large');
    assert.match(err.message, /GET \/big → answer too large/);
    assert.ok(sent < 200 * chunk.length, 'the server was cut off before it sent everything');
    assert.equal(hits, 1, 'not resent');
    assert.equal(MAX_BODY_BYTES, 64 * 1024 * 1024);
  });

  test('a declared Content-Length over the limit fails before the body is read', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      res.write('{');
    };
    await assert.rejects(client().request({ method: 'GET', path: '/declared' }), (e: unknown) => e instanceof HttpError && e.kind === 'too-large');
  });

  test('an answer that never ends times out (the timeout covers the body), retried within timeout × (retries + 1)', async () => {
    hits = 0;
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const t = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(t));
    };
    const started = Date.now();
    const err = await client(300, 2)
      .request({ method: 'GET', path: '/endless' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const elapsed = Date.now() - started;
    assert.ok(err instanceof HttpError && err.kind === 'timeout', String(err));
    assert.equal(hits, 3, 'idempotent: retried');
    assert.ok(elapsed <= 300 * 3 + 200, `within the bound (${elapsed} ms)`);
  });

  test('a POST that timed out is not resent, and says so', async () => {
    let posts = 0;
    handler = q => void (q.url === '/act-slow' && posts++);
    await assert.rejects(client(300, 3).request({ method: 'POST', path: '/act-slow', json: {} }), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.equal(e.kind, 'timeout');
      assert.equal(e.mayHaveActed, true);
      assert.match(e.message, /not resent/);
      return true;
    });
    assert.equal(posts, 1);
  });

  test('a POST answered 503 at once is resent; 502 is not', async () => {
    hits = 0;
    handler = (_q, res) => (hits === 1 ? res.writeHead(503).end('{"message":"busy"}') : res.end('{"ok":true}'));
    const res = await client(2000, 2).request<{ ok: boolean }>({ method: 'POST', path: '/act', json: {} });
    assert.equal(res.data.ok, true);
    assert.equal(hits, 2);
    hits = 0;
    handler = (_q, res) => res.writeHead(502).end('<html>bad gateway</html>');
    await assert.rejects(client(2000, 2).request({ method: 'POST', path: '/act', json: {} }), (e: unknown) => e instanceof HttpError && e.status === 502 && e.mayHaveActed);
    assert.equal(hits, 1);
  });

  test('user info in a base URL is sent as Basic auth and never appears in an error', async () => {
    let auth = '';
    handler = (q, res) => {
      auth = String(q.headers.authorization ?? '');
      res.writeHead(500).end('{"message":"boom"}');
    };
    const url = base.replace('http://', 'http://ci:s3cr3t-pw@');
    const err = await client(2000, 0, url)
      .request({ method: 'GET', path: '/x' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.equal(auth, `Basic ${Buffer.from('ci:s3cr3t-pw').toString('base64')}`);
    assert.ok(err instanceof HttpError);
    assert.ok(!JSON.stringify({ m: err.message, p: err.path, s: err.serverMessage }).includes('s3cr3t-pw'));
    // Unreachable host with credentials: the network error names neither.
    const down = await client(500, 0, 'http://ci:s3cr3t-pw@127.0.0.1:1')
      .request({ method: 'GET', path: '/x' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(down instanceof HttpError && down.kind === 'network');
    assert.ok(!down.message.includes('s3cr3t-pw'), down.message);
    assert.throws(
      () => client(500, 0, 'http://ci:s3cr3t-pw@[bad'),
      (e: Error) => !e.message.includes('s3cr3t-pw'),
    );
    assert.equal(safeUrl('https://u:p@h/x?token=abc&a=1'), 'https://***@h/x?token=***&a=1');
  });
});
