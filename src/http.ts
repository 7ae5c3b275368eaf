/**
 * The one HTTP layer every client uses: Node's own node:http/node:https (keep-alive) with a per-request timeout,
 * retries with exponential backoff and full jitter on transient failures (network errors,
 * timeouts, 429, 502, 503, 504), `Retry-After` honoured, and an overall deadline of
 * timeout × (retries + 1) so a run never waits longer than the user allowed.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A value that can stand in a URL path segment. */
export type Segment = string | number;

/**
 * Tagged template that URL-encodes every interpolated value as one path segment:
 * path`/namespaces/${ns}/git` never lets a `/`, `?` or `#` from a name change the route.
 * Throws a RangeError, before anything is sent, for values no encoding can carry as one
 * segment: '', '.' and '..' (URL parsers drop or climb them, even as `%2E`) and text with
 * lone surrogates.
 */
export function path(strings: TemplateStringsArray, ...values: Segment[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = String(value);
    let encoded: string | undefined;
    try {
      encoded = text === '' || text === '.' || text === '..' ? undefined : encodeURIComponent(text);
    } catch {
      encoded = undefined;
    }
    if (encoded === undefined) throw new RangeError(`${JSON.stringify(text)} cannot be sent as a URL path segment.`);
    out += encoded + (strings[i + 1] ?? '');
  });
  return out;
}

/** What went wrong, in terms a caller can branch on. */
export type HttpFailureKind = 'http' | 'network' | 'timeout';

/** A failed request: status 0 for network failures and timeouts. Never carries credentials. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly kind: HttpFailureKind,
    readonly status: number,
    readonly method: string,
    /** Path and query only; never the origin, never credentials. */
    readonly path: string,
    /** The server's own message, or a description of the failure. */
    readonly serverMessage: string,
    /** The decoded body (JSON or text) when there was one. */
    readonly body: unknown,
    readonly attempts: number,
    /** Response headers (rate-limit and retry hints), when there was a response. */
    readonly headers?: ResponseHeaders,
  ) {
    super(
      kind === 'http'
        ? `${method} ${path} → HTTP ${status}: ${serverMessage}`
        : `${method} ${path} → ${kind === 'timeout' ? 'timed out' : 'network error'}: ${serverMessage}`,
    );
  }
}

/** A decoded response. */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON when the body was JSON, otherwise the raw text ('' when empty). */
  data: T;
  text: string;
}

/** One request. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path built with {@link path}; may carry a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Statuses that are answers, not failures (2xx always are), e.g. [404] for look-ups. */
  accept?: number[];
  /**
   * Whether resending after an ambiguous failure (timeout, reset, 502, 504) is safe.
   * Defaults to true for everything but POST; a POST is still retried on 429, 503 and
   * refused connections, where the server did not act on it.
   */
  idempotent?: boolean;
  /** Per-request timeout in ms, overriding the client's. */
  timeoutMs?: number;
}

/** Notified before each retry, so the caller can log it. */
export type RetryListener = (info: { method: string; path: string; attempt: number; of: number; delayMs: number; reason: string }) => void;

/** Options of a client. */
export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  headers?: Record<string, string>;
  /** Base of the exponential backoff (ms). */
  backoffBaseMs?: number;
  /** Cap of one backoff wait (ms). */
  backoffMaxMs?: number;
  onRetry?: RetryListener;
  /** Turns a failed response into the client's error; the default is {@link HttpError}. */
  decodeError?: (err: HttpError) => Error;
  /** Source of randomness for jitter (tests pin it). */
  random?: () => number;
  /**
   * The API answers JSON: a 2xx answer whose body is not JSON (a UI's index.html, a proxy's
   * page, a truncated body) is a failure, not data a caller would misread.
   */
  json?: boolean;
}

const TRANSIENT_ANY = new Set([429, 503]);
const TRANSIENT_IDEMPOTENT = new Set([502, 504]);

/** The server's message from a JSON or text body: DJ `message`, FastAPI `detail`, Django `detail`, else text. */
export function messageFromBody(data: unknown, text: string): string {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const body = data as Record<string, unknown>;
    if (typeof body.message === 'string' && body.message) return body.message;
    if (body.detail !== undefined) return typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
    return JSON.stringify(body).slice(0, 500);
  }
  if (Array.isArray(data)) return JSON.stringify(data).slice(0, 500);
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? plain.slice(0, 300) : '(empty response)';
}

/** Seconds or an HTTP date → milliseconds to wait, or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoffBaseFromEnv(): number | undefined {
  const raw = process.env.DJ_BRANCH_SYNC_BACKOFF_MS;
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** A small JSON-over-HTTP client bound to one base URL. */
export class HttpClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: HttpClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.headers = { 'user-agent': 'dj-branch-sync', accept: 'application/json', ...(options.headers ?? {}) };
  }

  /** Replaces or adds a default header (e.g. after a login). */
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  /** Sends `req`, retrying transient failures; throws the decoded error for any other failure. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const { timeoutMs, retries } = this.options;
    const perTry = req.timeoutMs ?? timeoutMs;
    const deadline = Date.now() + perTry * (retries + 1);
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const baseDelay = this.options.backoffBaseMs ?? backoffBaseFromEnv() ?? 1000;
    const maxDelay = this.options.backoffMaxMs ?? 30_000;
    const random = this.options.random ?? Math.random;
    const fullPath = this.pathWithQuery(req);
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      let failure!: HttpError;
      let retryAfterMs: number | undefined;
      let res: HttpResponse<T> | undefined;
      try {
        res = await this.once<T>(req, fullPath, Math.max(1, Math.min(perTry, remaining)));
      } catch (err) {
        if (!(err instanceof FetchFailure)) throw err;
        failure = new HttpError(err.timedOut ? 'timeout' : 'network', 0, req.method, fullPath, err.message, undefined, attempt);
        if (!(idempotent || err.refused)) throw this.decode(failure);
      }
      if (res) {
        const ok = res.status >= 200 && res.status < 300;
        if (ok && this.options.json && typeof res.data === 'string' && res.text.trim()) {
          const type = res.headers.get('content-type') || 'no content-type';
          const what = /json/i.test(type) ? 'the answer is not valid JSON (cut off or garbled)' : `the answer is not JSON (${type})`;
          throw this.decode(new HttpError('http', res.status, req.method, fullPath, `${what}: ${messageFromBody(undefined, res.text)}`, res.text, attempt, res.headers));
        }
        if (ok || req.accept?.includes(res.status)) return res;
        failure = new HttpError('http', res.status, req.method, fullPath, messageFromBody(res.data, res.text), res.data, attempt, res.headers);
        const transient = TRANSIENT_ANY.has(res.status) || (idempotent && TRANSIENT_IDEMPOTENT.has(res.status));
        if (!transient) throw this.decode(failure);
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      }
      if (attempt > retries) throw this.decode(failure);
      const exp = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
      let delay = retryAfterMs ?? Math.round(exp / 2 + (random() * exp) / 2);
      const left = deadline - Date.now();
      if (delay >= left) throw this.decode(failure);
      delay = Math.max(0, delay);
      this.options.onRetry?.({
        method: req.method,
        path: fullPath,
        attempt: attempt + 1,
        of: retries + 1,
        delayMs: delay,
        reason: failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind,
      });
      await sleep(delay);
    }
  }

  private decode(err: HttpError): Error {
    return this.options.decodeError ? this.options.decodeError(err) : err;
  }

  private pathWithQuery(req: HttpRequest): string {
    const entries = Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined) as [string, string | number | boolean][];
    if (!entries.length) return req.path;
    const qs = new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `${req.path}${req.path.includes('?') ? '&' : '?'}${qs}`;
  }

  private once<T>(req: HttpRequest, fullPath: string, timeoutMs: number): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...this.headers, ...(req.headers ?? {}) };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const url = new URL(this.base + fullPath);
    const secure = url.protocol === 'https:';
    return new Promise<HttpResponse<T>>((resolve, reject) => {
      let timedOut = false;
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(toFetchFailure(err, timedOut, timeoutMs));
      };
      const send = secure ? httpsRequest : httpRequest;
      const request = send(url, { method: req.method, headers, agent: secure ? httpsAgent : httpAgent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new ResponseHeaders(res.headers);
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, data: parseBody(text, responseHeaders) as T, text });
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(new Error('timeout'));
      }, timeoutMs);
      request.on('error', fail);
      request.end(body);
    });
  }
}

/** JSON when the body is JSON (by type or by shape), otherwise the text. */
function parseBody(text: string, headers: ResponseHeaders): unknown {
  if (!text || !(/json/i.test(headers.get('content-type') ?? '') || /^\s*[[{]/.test(text))) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Node's own HTTP client with keep-alive, not fetch: fetch loads its HTTP stack (undici) on
 * first use, about 35 ms before the first request of every run, and keeps the process alive
 * while V8 optimises it. Idle sockets do not hold the process open.
 */
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** Response headers: a case-insensitive look-up and every Set-Cookie. */
export class ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  /** One header (repeated ones joined with ", "), or null. */
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** Every Set-Cookie header, one string each. */
  getSetCookie(): string[] {
    return [...(this.raw['set-cookie'] ?? [])];
  }
}

/** A network-level failure of one attempt. */
class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  constructor(message: string, readonly timedOut: boolean, readonly refused: boolean) {
    super(message);
  }
}

function toFetchFailure(err: unknown, aborted: boolean, timeoutMs: number): FetchFailure {
  if (aborted) return new FetchFailure(`no answer within ${Math.round(timeoutMs / 1000)} s`, true, false);
  const direct = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = direct?.code ?? direct?.cause?.code ?? '';
  const message = direct?.cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new FetchFailure(code ? `${code}: ${message}` : message, false, code === 'ECONNREFUSED' || code === 'ENOTFOUND');
}
