/**
 * A real HTTP proxy for the proxy e2e tests: absolute-URI requests (plain HTTP) and CONNECT
 * tunnels (HTTPS). Only host names under `.invalid` are served, each mapped to 127.0.0.1 with
 * its port, so a request that reaches a test server can only have come through this proxy
 * (nothing else resolves `.invalid`), and the toolkit's "always direct to localhost" rule
 * cannot hide a request that bypassed it. Anything else is refused with 502.
 *
 * Also a TLS front for CONNECT tests: a self-signed certificate for the `.invalid` names
 * (made with openssl), terminating TLS in front of a plain-HTTP emulator.
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request the proxy handled. */
export interface ProxiedRequest {
  kind: 'http' | 'connect';
  /** Host and port as the client asked for them. */
  target: string;
  method: string;
  /** Path (plain HTTP only; a tunnel's content is opaque). */
  path?: string;
  /** The client sent Proxy-Authorization. */
  proxyAuth?: string;
}

/** Maps `name.invalid:port` to 127.0.0.1:port; undefined for any other host. */
function local(hostPort: string, defaultPort: number): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hostPort);
  if (!m || !m[1]!.toLowerCase().endsWith('.invalid')) return undefined;
  return { host: '127.0.0.1', port: m[2] ? Number(m[2]) : defaultPort };
}

/** The proxy. */
export class TestProxy {
  readonly requests: ProxiedRequest[] = [];
  /** Answer every request and CONNECT with 407 Proxy Authentication Required. */
  refuse407 = false;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  async start(): Promise<string> {
    const server = createHttpServer((req, res) => {
      let target: URL;
      try {
        target = new URL(req.url ?? '');
      } catch {
        res.writeHead(400).end('not a proxy request');
        return;
      }
      const proxyAuth = req.headers['proxy-authorization'];
      if (this.refuse407) {
        this.requests.push({ kind: 'http', target: target.host, method: req.method ?? '', path: target.pathname + target.search });
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"', 'content-type': 'text/plain' }).end('proxy authentication required');
        return;
      }
      this.requests.push({
        kind: 'http',
        target: target.host,
        method: req.method ?? '',
        path: target.pathname + target.search,
        ...(proxyAuth ? { proxyAuth: String(proxyAuth) } : {}),
      });
      const to = local(target.host, 80);
      if (target.protocol !== 'http:' || !to) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`test proxy: ${target.host} is not a test host`);
        return;
      }
      const headers = { ...req.headers };
      delete headers['proxy-authorization'];
      delete headers['proxy-connection'];
      const upstream = httpRequest({ host: to.host, port: to.port, method: req.method, path: target.pathname + target.search, headers }, up => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    server.on('connect', (req, client: Socket) => {
      const proxyAuth = req.headers['proxy-authorization'];
      this.requests.push({ kind: 'connect', target: req.url ?? '', method: 'CONNECT', ...(proxyAuth ? { proxyAuth: String(proxyAuth) } : {}) });
      if (this.refuse407) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const to = local(req.url ?? '', 443);
      if (!to) {
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
        return;
      }
      const upstream = netConnect(to.port, to.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const close = () => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', close);
      client.on('error', close);
    });
    server.on('connection', s => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Hosts (without port) the proxy was asked for, by kind. */
  hosts(kind: 'http' | 'connect'): string[] {
    return [...new Set(this.requests.filter(r => r.kind === kind).map(r => r.target.replace(/:\d+$/, '')))].sort();
  }

  reset(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A self-signed certificate for `names`, from openssl; `caFile` is what NODE_EXTRA_CA_CERTS takes. */
export function selfSignedCert(names: string[]): { key: Buffer; cert: Buffer; caFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'djbs-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${names.map(n => `DNS:${n}`).join(',')}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile), cert: readFileSync(caFile), caFile };
}

/** TLS in front of a plain-HTTP server on 127.0.0.1:`port`. */
export async function tlsFront(port: number, tls: { key: Buffer; cert: Buffer }): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TlsServer = createTlsServer({ key: tls.key, cert: tls.cert }, secure => {
    const upstream = netConnect(port, '127.0.0.1');
    secure.pipe(upstream);
    upstream.pipe(secure);
    const close = () => {
      upstream.destroy();
      secure.destroy();
    };
    upstream.on('error', close);
    secure.on('error', close);
    sockets.add(secure);
    secure.on('close', () => sockets.delete(secure));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
