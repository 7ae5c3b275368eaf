/**
 * Fossil's JSON API for branches (reference/fossil-api.md), over the one HTTP layer.
 *
 * Fossil answers HTTP 200 to everything: success or failure is decided by the envelope's
 * `resultCode` alone (§2). Writes need a same-origin `Referer` (§4), a branch can only be
 * closed, never deleted (§7), and the close reports an error even when it worked (§7.1), so
 * every close is verified against the closed list before it counts.
 */
import { HttpClient, path, type HttpError } from '../../http.js';
import type { TargetDeps } from '../target.js';
import type * as v from 'valibot';
import { checkAnswer, problemText } from '../../schema.js';
import * as schemas from './schemas.js';

/** Which branches `/json/branch/list` returns. */
export type BranchRange = 'open' | 'closed' | 'all';

/** Open or closed, as Fossil sees a branch: closed when its tip carries a `closed` tag. */
export type BranchState = 'open' | 'closed';

/** Where and as whom to talk to Fossil. */
export interface FossilClientOptions {
  /** Repository base URL, e.g. `https://host/cgi-bin/repo`. */
  url: string;
  /** Bot account; without it every request runs as Fossil's `nobody` (reads only, by default). */
  user?: string;
  password?: string;
  /**
   * Base of the `Referer` sent with writes; defaults to `url`. Fossil compares it with the
   * base URL it computes for itself, so behind a TLS-terminating proxy this may need `http://`.
   */
  refererBase?: string;
  /** Prefix of the `requestId` Fossil echoes back, to find a request in the server's logs. */
  requestIdPrefix?: string;
}

/** A new branch. */
export interface CreateBranchOptions {
  name: string;
  /** Check-in (usually a branch name) the branch starts from. */
  basis: string;
  /** `#RRGGBB` background colour in Fossil's timeline. */
  bgColor?: string;
  /** A private branch is never synced to clones. */
  private?: boolean;
}

/** Fossil's answer to a branch create. */
export interface CreatedBranch {
  name: string;
  basis: string;
  rid: number;
  /** Hash of the branch's first check-in (Fossil creates a real check-in). */
  uuid: string;
  isPrivate: boolean;
  bgColor?: string;
}

/** Who the client is logged in as. */
export interface FossilSession {
  name: string;
  /** Fossil capability letters; writes need `i` (or `s`/`a`, which imply it). */
  capabilities: string;
}

/**
 * A failed Fossil call. `code` is Fossil's `FOSSIL-NNNN`, or `HTTP-<status>`, `NETWORK`,
 * `TIMEOUT`, `NOT-FOSSIL` when no envelope came back. Never carries credentials.
 */
export class FossilError extends Error {
  override readonly name = 'FossilError';
  constructor(
    readonly code: string,
    readonly method: string,
    /** Path only; the token travels in the body, never in the URL. */
    readonly path: string,
    /** The server's own text (`resultText`), or a description of the transport failure. */
    readonly resultText: string,
    /** What to do about it, when something useful can be said. */
    readonly hint?: string,
  ) {
    super(sentence(code, method, path, resultText, hint));
  }

  /**
   * The code rounded down to its hundred (2002 → 2000): servers built with `NDEBUG` only send
   * that much (§2.3), so compare categories. NaN for transport failures.
   */
  get category(): number {
    const m = /^FOSSIL-(\d+)$/.exec(this.code);
    return m ? Number(m[1]) - (Number(m[1]) % 100) : Number.NaN;
  }
}

function sentence(code: string, method: string, p: string, resultText: string, hint?: string): string {
  const text = truncate(resultText);
  return `Fossil ${method} ${p} → ${code} ${text}${hint ? `${/[.!?…]$/.test(text) ? '' : '.'} ${hint}` : ''}`;
}

function truncate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** The `tag/add` bug (§7.1): the tag is committed, then the response is this error. */
const CLOSE_APPLIED_TEXT = 'Could not convert name back to artifact hash!';

const PATHS = {
  login: path`/json/login`,
  list: path`/json/branch/list`,
  create: path`/json/branch/create`,
  tagAdd: path`/json/tag/add`,
  tagCancel: path`/json/tag/cancel`,
} as const;

interface CallOptions {
  /** Changes state: needs the Referer, and must not be resent after an ambiguous failure. */
  write: boolean;
}

/** Fossil's JSON API: log in once, list, create, close (verified) and reopen branches. */
export class FossilClient {
  private readonly http: HttpClient;
  private readonly refererBase: string;
  private readonly requestIdPrefix: string;
  private sequence = 0;
  private token: string | undefined;
  private session: Promise<FossilSession | undefined> | undefined;

  constructor(
    private readonly options: FossilClientOptions,
    private readonly deps: TargetDeps,
  ) {
    this.refererBase = (options.refererBase ?? options.url).replace(/\/+$/, '');
    this.requestIdPrefix = options.requestIdPrefix ?? 'dj-branch-sync';
    this.http = new HttpClient({
      baseUrl: options.url,
      timeoutMs: deps.http.timeoutMs,
      retries: deps.http.retries,
      onRetry: deps.http.onRetry,
      decodeError: transportError,
    });
  }

  /**
   * Logs in (once; later calls reuse the session) and masks the token the moment it
   * arrives. Without a user the client stays anonymous and this resolves to undefined.
   * There is deliberately no logout: Fossil hands every login of an account the same token
   * and a logout kills it for all of them, i.e. for every other job using the bot (§3.3).
   */
  login(): Promise<FossilSession | undefined> {
    this.session ??= this.freshLogin();
    return this.session;
  }

  /** Branch names in `range`, as Fossil sorts them (case-insensitively). Names only (§5). */
  async listBranches(range: BranchRange): Promise<string[]> {
    const payload = await this.call(PATHS.list, { range }, { write: false });
    return checked(PATHS.list, schemas.branchList, payload, 'payload').branches;
  }

  /**
   * Every branch with its state, in Fossil's order. The list carries no per-name flag, so
   * this is `all` and `closed` fetched together; open = all − closed (§5).
   */
  async branchStates(): Promise<Map<string, BranchState>> {
    const [all, closed] = await Promise.all([this.listBranches('all'), this.listBranches('closed')]);
    const closedSet = new Set(closed);
    return new Map(all.map((name): [string, BranchState] => [name, closedSet.has(name) ? 'closed' : 'open']));
  }

  /**
   * Creates `name` from `basis`. Fossil counts closed branches (and plain tags of the same
   * name) as existing: that is `FOSSIL-3005`, and a closed branch wants {@link reopenBranch}.
   */
  async createBranch(options: CreateBranchOptions): Promise<CreatedBranch> {
    const payload: Record<string, unknown> = { name: options.name, basis: options.basis };
    if (options.bgColor !== undefined) payload.bgColor = options.bgColor;
    if (options.private !== undefined) payload.private = options.private;
    const created = await this.call(PATHS.create, payload, { write: true });
    return checked(PATHS.create, schemas.createdBranch, created, 'payload');
  }

  /**
   * Closes `name`: the honest equivalent of a delete, which Fossil does not have (§7). Adds
   * a raw, non-propagating `closed` tag to the branch tip, as `fossil branch close` does,
   * then confirms in the closed list, because Fossil answers this call with an error even
   * when the tag was committed (§7.1). Throws when the branch is not closed afterwards.
   */
  async closeBranch(name: string): Promise<void> {
    let reported: FossilError | undefined;
    try {
      await this.call(PATHS.tagAdd, closedTag(name), { write: true });
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 1100 && err.resultText === CLOSE_APPLIED_TEXT)) throw err;
      reported = err;
    }
    if ((await this.listBranches('closed')).includes(name)) return;
    throw new FossilError(
      reported?.code ?? 'NOT-CLOSED',
      'POST',
      PATHS.tagAdd,
      reported?.resultText ?? 'the close was accepted',
      `Branch '${name}' is still not in Fossil's closed list after the close.`,
    );
  }

  /** Reopens a closed branch by cancelling its `closed` tag (§8). Fossil answers with no payload. */
  async reopenBranch(name: string): Promise<void> {
    await this.call(PATHS.tagCancel, closedTag(name), { write: true });
  }

  private async freshLogin(): Promise<FossilSession | undefined> {
    const { user, password } = this.options;
    if (!user) return undefined;
    const payload = await this.send(PATHS.login, { name: user, password: password ?? '' }, { write: false }, false).catch((err: unknown) => {
      if (err instanceof FossilError && err.category >= 2000 && err.category < 3000) {
        throw new FossilError(
          err.code,
          err.method,
          err.path,
          err.resultText,
          `Fossil refused the login of user '${user}': check the user name and password (inputs 'fossil-user', 'fossil-password').`,
        );
      }
      throw err;
    });
    const login = checked(PATHS.login, schemas.login, payload, 'payload');
    this.deps.mask(login.authToken);
    this.token = login.authToken;
    const session = { name: login.name || user, capabilities: login.capabilities };
    this.deps.log(`Logged in to Fossil as '${session.name}' (capabilities '${session.capabilities}').`);
    return session;
  }

  /**
   * One authenticated call. An invalid or expired token is not an error in Fossil: the
   * request silently runs as `nobody` and fails with 2002 (§3.3), e.g. after another job
   * logged the shared account out. So a 2002 gets one fresh login and one retry; the
   * refused request changed nothing, which makes resending a write safe.
   */
  private async call(p: string, payload: Record<string, unknown>, opts: CallOptions): Promise<unknown> {
    const stale = this.login();
    const session = await stale;
    try {
      return await this.send(p, payload, opts, true);
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 2000)) throw err;
      if (!session)
        throw withHint(
          err,
          `No Fossil user is configured, so the request ran as 'nobody'; set inputs 'fossil-user' and 'fossil-password' for a user with ${opts.write ? "the 'i' (check-in)" : "the 'o' (read)"} capability.`,
        );
      // Parallel calls that all hit the stale token share one new login.
      if (this.session === stale) this.session = this.freshLogin();
      const renewed = await this.session;
      try {
        return await this.send(p, payload, opts, true);
      } catch (retryErr) {
        if (!(retryErr instanceof FossilError && retryErr.category === 2000)) throw retryErr;
        throw withHint(
          retryErr,
          `User '${renewed?.name ?? ''}' has capabilities '${renewed?.capabilities ?? ''}'; ${opts.write ? "writes need 'i' (check-in)" : "reading branches needs 'o'"}.`,
        );
      }
    }
  }

  private async send(p: string, payload: Record<string, unknown>, opts: CallOptions, withToken: boolean): Promise<unknown> {
    const body: Record<string, unknown> = { requestId: `${this.requestIdPrefix}-${++this.sequence}`, payload };
    if (withToken && this.token) body.authToken = this.token;
    const res = await this.http.request<unknown>({
      method: 'POST',
      path: p,
      json: body,
      // Fossil makes a request read-only unless the Referer starts with its own base URL (§4).
      headers: opts.write ? { referer: this.refererBase + p } : undefined,
      // Reads and the login are safe to resend after a timeout; a write is not.
      idempotent: !opts.write,
    });
    const found = checkAnswer(schemas.envelope, res.data);
    if (!found.ok) {
      const what =
        res.data && typeof res.data === 'object' && 'fossil' in res.data
          ? problemText(found.problem)
          : `no Fossil JSON envelope in the answer (${res.text ? truncate(res.text.replace(/\s+/g, ' ')) : 'empty body'})`;
      throw new FossilError('NOT-FOSSIL', 'POST', p, what, `Check that the URL is the repository's base URL and that the server's Fossil has the JSON API.`);
    }
    const envelope = found.value;
    const { resultCode, resultText } = envelope;
    if (resultCode !== undefined) {
      const text = String(resultText ?? '');
      const hint =
        opts.write && text.startsWith('not authorized:')
          ? `Fossil treated the write as cross-origin: the Referer '${this.refererBase}${p}' must start with the base URL the server computes for itself (same scheme and host, e.g. 127.0.0.1 is not localhost). This is a Referer/base-URL mismatch, not a permissions problem.`
          : undefined;
      throw new FossilError(String(resultCode), 'POST', p, text, hint);
    }
    return envelope.payload;
  }
}

/** A payload as `schema` reads it, or a NOT-FOSSIL {@link FossilError} naming the request and the field. */
function checked<T>(p: string, schema: v.GenericSchema<unknown, T>, data: unknown, prefix: string): T {
  const found = checkAnswer(schema, data);
  if (found.ok) return found.value;
  const field = found.problem.field ? `${prefix}.${found.problem.field}` : prefix;
  throw new FossilError('NOT-FOSSIL', 'POST', p, `the answer cannot be used: ${problemText({ ...found.problem, field })}`);
}

function closedTag(branch: string): Record<string, unknown> {
  // `tag:` pins the lookup to the branch tip: a bare name such as `tip`, a date or a hex
  // prefix would resolve to some other check-in (§6). `raw` keeps Fossil from adding `sym-`.
  return { name: 'closed', checkin: `tag:${branch}`, raw: true };
}

function withHint(err: FossilError, hint: string): FossilError {
  return new FossilError(err.code, err.method, err.path, err.resultText, hint);
}

function transportError(err: HttpError): Error {
  const code = err.kind === 'http' ? `HTTP-${err.status}` : err.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK';
  // Fossil answers every JSON call with 200; anything else came from something in between.
  const hint = err.kind === 'http' ? 'Fossil itself always answers 200; check the URL and any proxy in front of the server.' : undefined;
  return new FossilError(code, err.method, err.path, err.serverMessage, hint);
}
