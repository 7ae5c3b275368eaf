/**
 * Base of the stateful emulators: an HTTP server on 127.0.0.1 (random port) that records
 * every request exactly as received, adds optional latency, and plays scripted faults
 * (status, body, headers, delay, connection reset, malformed JSON) before the real handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the emulator saw it. */
export interface RecordedRequest {
  method: string;
  /** The path as sent on the wire (still percent-encoded), without the query. */
  rawPath: string;
  /** The decoded path segments of rawPath. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, or the parsed form for urlencoded bodies. */
  json?: unknown;
  /** The body claimed JSON but did not parse (servers answer 400). */
  malformedJson?: boolean;
  form?: URLSearchParams;
  /** What the emulator answered, as sent (absent while pending, or for a reset connection). */
  answer?: RecordedAnswer;
  /** When it arrived (`performance.now()`, comparable across the emulators of one process). */
  receivedAt: number;
}

/** An answer as sent on the wire. */
export interface RecordedAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  /** The body as sent (binary bodies as latin1). */
  body: string;
  /** When it was sent (`performance.now()`). */
  sentAt: number;
}

/** What a handler answers. */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  /** Binary body (tarballs); sent as is. */
  bytes?: Buffer;
  headers?: Record<string, string | string[]>;
}

/** A scripted misbehaviour for matching requests. */
export interface Fault {
  method?: string;
  /** Matched against rawPath (string: exact or prefix ending in '*'). */
  path: string | RegExp;
  /** How many matching requests it affects (default 1); Infinity for all. */
  times?: number;
  status?: number;
  /** Body: object → JSON, string → sent as is (HTML, malformed JSON…). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (use with the action's timeout). */
  delayMs?: number;
  /** Destroy the socket without an answer. */
  reset?: boolean;
  /** Let the real handler run (its state changes stick) but answer with this fault instead. */
  afterHandler?: boolean;
}

/** Base class: subclasses implement {@link handle}. */
export abstract class Emulator {
  readonly requests: RecordedRequest[] = [];
  /** Added before every answer (benchmarks of round trips). */
  latencyMs = 0;
  private faults: (Fault & { left: number })[] = [];
  private server?: Server;
  private sockets = new Set<Socket>();
  url = '';

  /** Answers one request; may change state. */
  protected abstract handle(req: RecordedRequest): Reply | Promise<Reply>;

  /** Adds a fault; returns it so a test can check how much of it was used. */
  addFault(fault: Fault): Fault & { left: number } {
    const f = { ...fault, left: fault.times ?? 1 };
    this.faults.push(f);
    return f;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests as "METHOD /raw/path?query" lines, the form tests assert on. */
  log(): string[] {
    return this.requests.map(r => `${r.method} ${r.rawPath}${r.query.toString() ? '?' + r.query.toString() : ''}`);
  }

  /** Forgets recorded requests (state is kept). */
  resetLog(): void {
    this.requests.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 1000;
    this.server.on('connection', s => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeFault(req: RecordedRequest): Fault | undefined {
    const f = this.faults.find(
      f =>
        f.left > 0 &&
        (!f.method || f.method === req.method) &&
        (f.path instanceof RegExp ? f.path.test(req.rawPath) : f.path.endsWith('*') ? req.rawPath.startsWith(f.path.slice(0, -1)) : f.path === req.rawPath),
    );
    if (f) f.left--;
    return f;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      rawPath,
      segments: rawPath
        .split('/')
        .filter(Boolean)
        .map(s => {
          try {
            return decodeURIComponent(s);
          } catch {
            return s;
          }
        }),
      query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)),
      headers: req.headers,
      body,
      receivedAt,
    };
    const type = String(req.headers['content-type'] ?? '');
    if (body && type.includes('json')) {
      try {
        recorded.json = JSON.parse(body);
      } catch {
        recorded.malformedJson = true;
      }
    } else if (body && type.includes('urlencoded')) {
      recorded.form = new URLSearchParams(body);
    }
    this.requests.push(recorded);
    if (this.latencyMs) await new Promise(r => setTimeout(r, this.latencyMs));
    const fault = this.takeFault(recorded);
    try {
      if (fault && !fault.afterHandler) return await this.playFault(fault, res, recorded);
      const reply = await this.handle(recorded);
      if (fault) return await this.playFault(fault, res, recorded);
      this.send(res, reply, recorded);
    } catch (err) {
      this.send(res, { status: 500, json: { detail: `emulator error: ${(err as Error).message}` } }, recorded);
    }
  }

  private async playFault(fault: Fault, res: ServerResponse, recorded: RecordedRequest): Promise<void> {
    // unref: a delay longer than the test does not hold the process open after stop().
    if (fault.delayMs) await new Promise(r => setTimeout(r, fault.delayMs).unref());
    if (fault.reset) {
      res.socket?.destroy();
      return;
    }
    const body = fault.body;
    if (res.destroyed) return;
    this.send(
      res,
      {
        status: fault.status ?? 500,
        ...(typeof body === 'string' || body === undefined ? { text: (body as string | undefined) ?? '' } : { json: body }),
        headers: fault.headers,
      },
      recorded,
    );
  }

  private send(res: ServerResponse, reply: Reply, recorded?: RecordedRequest): void {
    if (res.destroyed) return;
    const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
    let payload: string | Buffer = '';
    if (reply.bytes !== undefined) {
      payload = reply.bytes;
      headers['content-type'] ??= 'application/octet-stream';
    } else if (reply.json !== undefined) {
      payload = JSON.stringify(reply.json);
      headers['content-type'] ??= 'application/json';
    } else if (reply.text !== undefined) {
      payload = reply.text;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
    if (recorded) recorded.answer = { status: reply.status, headers, body: typeof payload === 'string' ? payload : payload.toString('latin1'), sentAt: performance.now() };
  }
}
