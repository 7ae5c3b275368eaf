/**
 * The one HTTP layer every client uses (DJ, Fossil, PDC, and GitHub through Octokit's fetch):
 * undici's fetch through an `EnvHttpProxyAgent`, so `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`
 * apply to every request. On top of it: a per-request timeout that covers the whole answer,
 * answers bounded to 64 MiB, retries with exponential backoff and full jitter on transient
 * failures (network errors, timeouts, 429, 502, 503, 504), `Retry-After` honoured, an overall
 * deadline of timeout × (retries + 1), and no resend of a request that is not idempotent unless
 * its failure shows it never started.
 */
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher, type Headers } from 'undici';
import { bypassesProxy, noProxyCidrs, noProxyValue, proxyVariableFor } from './no-proxy.js';
import { HttpError } from './errors.js';
import { debug, isDebug } from './runner.js';

// The path helper lives apart so the skip path can build URLs without loading undici.
export { path, type Segment } from './url-path.js';

export { HttpError, type HttpFailureKind } from './errors.js';

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
  /** Epoch ms by which the request, its retries and their waits included, must be over (a caller's own bound). */
  deadline?: number;
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
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/** The first retry's wait from env DJ_BRANCH_SYNC_BACKOFF_MS (tests shorten it), for every client. */
export function backoffBaseFromEnv(): number | undefined {
  const raw = process.env.DJ_BRANCH_SYNC_BACKOFF_MS;
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** SPEC §11: no answer is read beyond this size. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A 429 or 503 that comes back within this time shows the server refused the request before
 * doing anything; later, it may come from a gateway that gave up while the server worked.
 */
export const ANSWERED_AT_ONCE_MS = 5_000;

let sharedDispatcher: Dispatcher | undefined;

/**
 * The run's one connection pool: keep-alive, and the proxy rules of the environment
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, lower-case too). Plain `http://` URLs go to an
 * HTTP proxy as absolute-URI requests, `https://` ones through a CONNECT tunnel.
 */
export function dispatcher(): Dispatcher {
  sharedDispatcher ??= withCidrBypass(new EnvHttpProxyAgent({ proxyTunnel: false }));
  return sharedDispatcher;
}

/** `NO_PROXY` entries in CIDR form (no-proxy.ts): requests to an IP address inside one go direct. */
function withCidrBypass(proxied: EnvHttpProxyAgent): Dispatcher {
  const cidrs = noProxyCidrs(noProxyValue());
  if (!cidrs) return proxied;
  const direct = new Agent();
  return proxied.compose(dispatch => (opts, handler) => (bypassesProxy(String(opts.origin ?? ''), cidrs) ? direct.dispatch(opts, handler) : dispatch(opts, handler)));
}

/** `url` without user info (and with any `token`-like query value hidden), for messages. */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@').replace(/([?&](?:access_token|token|key|api_key|apikey|password|secret|sig|signature)=)[^&#]*/gi, '$1***');
}

/** A small JSON-over-HTTP client bound to one base URL. */
export class HttpClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: HttpClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`not a valid URL: ${safeUrl(options.baseUrl)}`);
    }
    // User info in a base URL is never sent in the URL (fetch refuses it and echoes it in its
    // message); it becomes Basic authentication unless the client authenticates otherwise.
    const basic = base.username || base.password ? Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64') : undefined;
    base.username = '';
    base.password = '';
    this.base = base.href.replace(/\/+$/, '');
    this.headers = { 'user-agent': 'dj-branch-sync', accept: 'application/json', ...(basic ? { authorization: `Basic ${basic}` } : {}), ...lower(options.headers ?? {}) };
  }

  /** Replaces or adds a default header (e.g. after a login). */
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  /** Sends `req`, retrying transient failures; throws the decoded error for any other failure. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const { timeoutMs, retries } = this.options;
    const perTry = req.timeoutMs ?? timeoutMs;
    const deadline = Math.min(Date.now() + perTry * (retries + 1), req.deadline ?? Infinity);
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
      const started = Date.now();
      try {
        res = await this.once<T>(req, fullPath, Math.max(1, Math.min(perTry, remaining)));
      } catch (err) {
        if (!(err instanceof FetchFailure)) throw err;
        const acted = !(idempotent || err.refused) && err.kind !== 'too-large';
        failure = new HttpError(err.kind, 0, req.method, fullPath, err.message, undefined, attempt, undefined, acted);
        if (acted || err.kind === 'too-large' || err.final) throw this.decode(failure);
      }
      if (res) {
        const ok = res.status >= 200 && res.status < 300;
        if (ok && this.options.json && typeof res.data === 'string' && res.text.trim()) {
          const type = res.headers.get('content-type') || 'no content-type';
          const what = /json/i.test(type) ? 'the answer is not valid JSON (cut off or garbled)' : `the answer is not JSON (${type})`;
          throw this.decode(new HttpError('http', res.status, req.method, fullPath, `${what}: ${messageFromBody(undefined, res.text)}`, res.text, attempt, res.headers));
        }
        if (ok || req.accept?.includes(res.status)) return res;
        const atOnce = Date.now() - started <= ANSWERED_AT_ONCE_MS;
        const neverStarted = TRANSIENT_ANY.has(res.status) && atOnce;
        const transient = idempotent ? TRANSIENT_ANY.has(res.status) || TRANSIENT_IDEMPOTENT.has(res.status) : neverStarted;
        const acted = !idempotent && !neverStarted && (TRANSIENT_ANY.has(res.status) || TRANSIENT_IDEMPOTENT.has(res.status));
        failure = new HttpError('http', res.status, req.method, fullPath, messageFromBody(res.data, res.text), res.data, attempt, res.headers, acted);
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

  private async once<T>(req: HttpRequest, fullPath: string, timeoutMs: number): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...this.headers, ...lower(req.headers ?? {}) };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const { status, headers: raw, bytes } = await boundedFetch(this.base + fullPath, { method: req.method, headers, body, redirect: 'manual' }, timeoutMs);
    const responseHeaders = new ResponseHeaders(raw);
    const text = bytes.toString('utf8');
    return { status, headers: responseHeaders, data: parseBody(text, responseHeaders) as T, text };
  }
}

/** One debug line per request when step debugging is on: method, path, result, time; never a header. */
function trace(method: string, url: string, result: string, started: number): void {
  if (!isDebug()) return;
  let where = url;
  try {
    const u = new URL(url);
    where = u.pathname + u.search;
  } catch {
    /* keep it as given */
  }
  debug(`${method} ${safeUrl(where)} → ${result} in ${Date.now() - started} ms`);
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
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

/** The options {@link boundedFetch} passes to fetch. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect?: 'manual' | 'follow' | 'error';
}

/**
 * One request through the shared dispatcher, its whole answer read within `timeoutMs` and at
 * most {@link MAX_BODY_BYTES}. Fails with a {@link FetchFailure} for every transport problem.
 */
export async function boundedFetch(url: string, init: FetchInit, timeoutMs: number): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const controller = new AbortController();
  const started = Date.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const res = await undiciFetch(url, { ...init, signal: controller.signal, dispatcher: dispatcher() });
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      controller.abort();
      throw new FetchFailure(`the answer is ${declared} bytes; at most ${MAX_BODY_BYTES} are read`, 'too-large', false);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) {
          controller.abort();
          throw new FetchFailure(`the answer is larger than ${MAX_BODY_BYTES} bytes; reading stopped there`, 'too-large', false);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    trace(init.method, url, String(res.status), started);
    return { status: res.status, headers: res.headers, bytes: Buffer.concat(chunks) };
  } catch (err) {
    const failure = err instanceof FetchFailure ? err : toFetchFailure(err, timedOut, timeoutMs, url);
    trace(init.method, url, failure.kind, started);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}

/** Response headers: a case-insensitive look-up and every Set-Cookie. */
export class ResponseHeaders {
  constructor(private readonly raw: { get(name: string): string | null; getSetCookie(): string[] }) {}

  /** One header (repeated ones joined with ", "), or null. */
  get(name: string): string | null {
    return this.raw.get(name);
  }

  /** Every Set-Cookie header, one string each. */
  getSetCookie(): string[] {
    return [...this.raw.getSetCookie()];
  }
}

/** A transport-level failure of one attempt. */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  constructor(
    message: string,
    readonly kind: 'network' | 'timeout' | 'too-large',
    /** The request never reached the server (connection refused, unknown host). */
    readonly refused: boolean,
    /** Sending it again cannot help (a proxy that wants credentials): not retried. */
    readonly final = false,
  ) {
    super(message);
  }
}

function toFetchFailure(err: unknown, timedOut: boolean, timeoutMs: number, url: string): FetchFailure {
  if (timedOut) return new FetchFailure(`no answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout', false);
  const direct = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = direct?.cause?.code ?? direct?.code ?? '';
  const raw = direct?.cause?.message ?? (err instanceof Error ? err.message : String(err));
  // undici's words for a proxy that wants credentials: "Proxy response (407) !== 200 when HTTP
  // Tunneling" (CONNECT) and "Proxy Authentication Required (407)" (plain HTTP).
  // undici nests them (fetch failed → Request was cancelled → the proxy's answer): every cause is read.
  const causes: string[] = [];
  for (let c: unknown = err, depth = 0; c && depth < 8; c = (c as { cause?: unknown }).cause, depth++) causes.push(String((c as { message?: unknown }).message ?? ''));
  const proxyStatus = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(causes.join('\n'));
  if (proxyStatus) {
    const status = proxyStatus[1] ?? proxyStatus[2];
    const variable = proxyVariableFor(url) ?? 'the proxy variable';
    const connect = proxyStatus[1] ? ' to CONNECT' : '';
    const what =
      status === '407'
        ? `the proxy in ${variable} answered 407 Proxy Authentication Required${connect}: put the proxy's credentials in ${variable} (http://user:password@proxy:port), or list this host in NO_PROXY`
        : `the proxy in ${variable} answered ${status}${connect} instead of letting the request through: check ${variable} and NO_PROXY`;
    return new FetchFailure(what, 'network', true, true);
  }
  const message = safeUrl(raw).replace(/https?:\/\/[^\s'"]*/g, m => safeUrl(m));
  return new FetchFailure(code && !message.includes(code) ? `${code}: ${message}` : message, 'network', code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN');
}
