/**
 * A recording reverse proxy in front of a real DJ server: the action talks to it, it forwards
 * every request unchanged and answers with the server's status, headers and body. Requests are
 * recorded exactly as received (the same {@link Emulator} log the DJ emulator keeps), so
 * request-sequence assertions read the same for both backends, and scripted faults still work.
 */
import { request } from 'node:http';
import { Emulator, type RecordedRequest, type Reply } from '../emulators/server.js';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** Forwards to `target` (a base URL such as http://127.0.0.1:8000). */
export class RecordingProxy extends Emulator {
  constructor(private readonly target: string) {
    super();
  }

  protected handle(req: RecordedRequest): Promise<Reply> {
    const url = new URL(this.target);
    const query = req.query.toString();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return new Promise((resolve, reject) => {
      const out = request(
        // A fresh connection per request: a kept-alive one can be closed by uvicorn (5 s idle
        // timeout) just as it is reused, which fails the request with "socket hang up".
        { host: url.hostname, port: url.port, method: req.method, path: `${req.rawPath}${query ? `?${query}` : ''}`, headers, agent: false },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c as Buffer));
          res.on('error', reject);
          res.on('end', () => {
            const replyHeaders: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) replyHeaders[k] = v;
            resolve({ status: res.statusCode ?? 502, bytes: Buffer.concat(chunks), headers: replyHeaders });
          });
        },
      );
      out.on('error', reject);
      out.end(req.body);
    });
  }
}
