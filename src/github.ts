/**
 * The GitHub calls the action makes, through Octokit (`@octokit/core` with the retry and
 * throttling plugins): issue comments (the sticky comment), branch look-ups (create, prune) and
 * the token's identity. Requests go through the action's one HTTP layer (http.ts: proxy rules,
 * per-request timeout, bounded answers); retries of transient failures come from plugin-retry,
 * waits on GitHub's rate limits from plugin-throttling. This module adds what the action needs
 * on top: listings whose pages after the first are fetched in parallel, no blind resend of a
 * comment POST, and errors that say what to do.
 */
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import Bottleneck from 'bottleneck/light.js';
import { Response } from 'undici';
import { mapPool } from './pool.js';
import {
  ANSWERED_AT_ONCE_MS,
  backoffBaseFromEnv,
  boundedFetch,
  FetchFailure,
  HttpError,
  messageFromBody,
  parseRetryAfter,
  path,
  type HttpRequest,
  type RetryListener,
} from './http.js';
import type { HeaderLookup } from './errors.js';
import * as schemas from './github-schemas.js';

/** Options of a {@link GitHubClient}. */
export interface GitHubClientOptions {
  /** REST API base (`GITHUB_API_URL`), e.g. `https://api.github.com` or `https://ghe.example/api/v3`. */
  baseUrl: string;
  /** `github-token`: the workflow's GITHUB_TOKEN, a PAT or an App token. */
  token: string;
  timeoutMs: number;
  retries: number;
  onRetry?: RetryListener;
  /** Base of the retry backoff (ms); tests shorten it. */
  backoffBaseMs?: number;
  /**
   * Author of our own comments when the token cannot say who it is (`GET /user` refused, as
   * it is for every installation token). Default `github-actions[bot]`, the author of comments
   * made with the workflow's GITHUB_TOKEN.
   */
  fallbackLogin?: string;
}

/** An issue or pull-request comment, reduced to what the action reads. */
export interface IssueComment {
  id: number;
  body: string;
  /** Link for people (`…/pull/12#issuecomment-…`). */
  url: string;
  /** Author login; '' for a deleted ("ghost") user. */
  login: string;
  /** Slug of the GitHub App that wrote it, when one did (`github-actions` for GITHUB_TOKEN). */
  app?: string;
}

/** A GitHub API failure, with the one sentence a user needs. */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    /** Path and query, never the origin or the token. */
    readonly path: string,
    /** GitHub's own `message`. */
    readonly serverMessage: string,
    /** The permission the token lacks, when GitHub said "Resource not accessible by integration". */
    readonly permission?: string,
    /** When the primary rate limit resets, if this was a rate-limit failure. */
    readonly rateLimitResetAt?: Date,
  ) {
    super(message);
  }
}

/** Login GitHub shows for comments written with the workflow's GITHUB_TOKEN. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/** The most pages any listing follows: 100 per page, so 100,000 items; beyond is a loop. */
const MAX_PAGES = 1000;

/** GitHub lists at most this many files of a comparison. */
export const COMPARE_FILE_CAP = 300;

/** One file of a comparison. */
export interface CompareFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

/** Pages fetched at once after the first. */
const PAGE_CONCURRENCY = 10;

interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

/**
 * A failure that no plugin may resend: plugin-retry resends every status it is not told about
 * (409, 500…) and every transport failure, POSTs included. Not a RequestError, so neither
 * plugin touches it; {@link GitHubClient} unwraps it.
 */
class Final extends Error {
  override readonly name = 'Final';
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** Statuses worth sending again: the server did not act, or a gateway failed in between. */
const TRANSIENT = new Set([429, 502, 503, 504]);

/** What {@link resendPolicy} needs from the client. */
interface PolicyOptions {
  retries: number;
  backoffBaseMs: number;
  /** timeout × (retries + 1): one request with its retries never takes longer. */
  budgetMs: number;
  onRetry?: RetryListener;
  relative: (url: string) => string;
}

interface AttemptState {
  retries?: number;
  retryCount?: number;
  firstSentAt?: number;
  sentAt?: number;
}

/**
 * The resend policy, as the innermost hooks (they run before plugin-retry and
 * plugin-throttling decide). Goes on to plugin-retry: 429, 502, 503, 504 and transport
 * failures of idempotent requests; for a POST (a comment) only what shows it never started: a
 * refused connection, or a 429 or 503 answered at once. Goes on to plugin-throttling: rate-limit
 * 403s and 429s. Everything else is final. Each resend is logged, waits at least `Retry-After`
 * (plugin-retry's own backoff has no jitter: some is added) and stays within the request's budget.
 */
function resendPolicy(octokit: Octokit, octokitOptions: object): void {
  const policy = (octokitOptions as { resendPolicy: PolicyOptions }).resendPolicy;
  octokit.hook.before('request', options => {
    const state = options.request as AttemptState;
    state.sentAt = Date.now();
    state.firstSentAt ??= state.sentAt;
  });
  // A 2xx whose body is not JSON (a UI's index.html, a proxy's page, a cut-off body) is a
  // failure, not data to misread; Octokit hands such a body over as text.
  octokit.hook.after('request', (response, options) => {
    const data: unknown = response.data;
    // A file's raw content (contents API, raw media type) is text by design.
    if ((options.request as { raw?: boolean } | undefined)?.raw) return;
    if (response.status === 204 || response.status === 205 || (response.status >= 300 && response.status < 400)) return;
    if (!(typeof data === 'string' ? data.trim() : data instanceof ArrayBuffer ? data.byteLength : 0)) return;
    const text = typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
    const type = String(response.headers['content-type'] ?? '') || 'no content-type';
    const what = /json/i.test(type) ? 'the answer is not valid JSON (cut off or garbled)' : `the answer is not JSON (${type})`;
    const method = String(options.method);
    const p = policy.relative(String(options.url));
    throw new Final(
      decodeGitHubError(
        new HttpError('http', response.status, method, p, `${what}: ${messageFromBody(undefined, text)}`, text, 1, lookup(response.headers as Record<string, string>)),
      ),
    );
  });
  octokit.hook.error('request', async (error: unknown, options) => {
    if (!(error instanceof RequestError)) throw error;
    const state = options.request as AttemptState;
    const cause = (error as { cause?: unknown }).cause;
    const post = options.method === 'POST' && !/\/graphql$/.test(String(options.url));
    const atOnce = Date.now() - (state.sentAt ?? 0) <= ANSWERED_AT_ONCE_MS;
    const headers = (error.response?.headers ?? {}) as Record<string, string | undefined>;
    if (!(cause instanceof FetchFailure)) {
      const rateLimited = (error.status === 403 || error.status === 429) && (headers['x-ratelimit-remaining'] === '0' || /\bsecondary rate\b/i.test(error.message));
      if (rateLimited) throw error;
    }
    const transient =
      cause instanceof FetchFailure
        ? cause.kind !== 'too-large' && (!post || cause.refused)
        : TRANSIENT.has(error.status) && (!post || ([429, 503].includes(error.status) && atOnce));
    const attempt = state.retryCount ?? 0;
    const retries = state.retries ?? policy.retries;
    if (!transient || attempt >= retries) throw new Final(error);
    const backoff = policy.backoffBaseMs * (attempt + 1) ** 2;
    const retryAfterMs = parseRetryAfter(headers['retry-after'] ?? null);
    const extra = retryAfterMs !== undefined ? Math.max(0, retryAfterMs - backoff) : Math.round((Math.random() * backoff) / 2);
    if (Date.now() + backoff + extra - (state.firstSentAt ?? Date.now()) >= policy.budgetMs) throw new Final(error);
    policy.onRetry?.({
      method: String(options.method),
      path: policy.relative(String(options.url)),
      attempt: attempt + 2,
      of: retries + 1,
      delayMs: backoff + extra,
      reason: cause instanceof FetchFailure ? cause.kind : `HTTP ${error.status}`,
    });
    if (extra) await new Promise(r => setTimeout(r, extra));
    throw error;
  });
}

const GitHubOctokit = Octokit.plugin(resendPolicy, retry, throttling);

/** A throttling group that neither spaces nor queues its jobs (see the client's `throttle`). */
function unspacedGroup(id: string): Bottleneck.Group {
  return new Bottleneck.Group({ id, maxConcurrent: null, minTime: 0 });
}
type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** One answer, reduced to what the action reads. */
interface Answer<T> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

/**
 * GitHub client bound to one API base and token.
 *
 * Identity rule for "comments we wrote" (used by the sticky comment): GraphQL `viewer { login }`
 * names the token's identity for every kind of token: the user of a classic or fine-grained
 * PAT, `github-actions[bot]` for the workflow's GITHUB_TOKEN, `<app>[bot]` for a GitHub App's
 * installation token (both start with `ghs_`, so the prefix cannot tell them apart). The query
 * starts with the first comment listing and runs beside it, so it adds no round trip on the
 * path; when it fails, {@link GitHubClientOptions.fallbackLogin} stands in.
 */
export class GitHubClient {
  private readonly octokit: GitHubOctokit;
  private readonly basePath: string;
  private readonly fallbackLogin: string;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly onRetry?: RetryListener;
  private loginPromise?: Promise<{ login: string; guessed: boolean }>;

  constructor(options: GitHubClientOptions) {
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.fallbackLogin = options.fallbackLogin ?? WORKFLOW_TOKEN_LOGIN;
    this.retries = options.retries;
    this.backoffBaseMs = options.backoffBaseMs ?? backoffBaseFromEnv() ?? 1000;
    this.onRetry = options.onRetry;
    const timeoutMs = options.timeoutMs;
    const budgetMs = timeoutMs * (options.retries + 1);
    const waitable = (what: string) => (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const ok = retryCount < options.retries && retryAfter * 1000 < budgetMs;
      if (ok) {
        options.onRetry?.({ method: req.method, path: this.relative(req.url), attempt: retryCount + 2, of: options.retries + 1, delayMs: retryAfter * 1000, reason: what });
      }
      return ok;
    };
    this.octokit = new GitHubOctokit({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      auth: options.token,
      userAgent: 'dj-branch-sync',
      request: {
        fetch: async (url: string, init: { method: string; headers: Record<string, string>; body?: string; redirect?: 'manual' | 'follow' }) => {
          const res = await boundedFetch(String(url), { method: init.method, headers: init.headers, body: init.body, redirect: init.redirect ?? 'follow' }, timeoutMs);
          const empty = res.bytes.length === 0 || [101, 103, 204, 205, 304].includes(res.status);
          return new Response(empty ? null : res.bytes, { status: res.status, headers: res.headers });
        },
      },
      retry: { retries: options.retries, retryAfterBaseValue: this.backoffBaseMs },
      resendPolicy: { retries: options.retries, backoffBaseMs: this.backoffBaseMs, budgetMs, onRetry: options.onRetry, relative: (url: string) => this.relative(url) },
      throttle: {
        onRateLimit: waitable('rate limit'),
        onSecondaryRateLimit: waitable('secondary rate limit'),
        // plugin-throttling's own groups space every write (GraphQL queries included) 1 s apart
        // and comments 3 s apart, one at a time: on a run's path (viewer query, comment, commit
        // status) that was 2 s of waiting. A run writes a handful of times, far below GitHub's
        // secondary limits, so writes go out when due; GitHub's rate-limit answers (403/429,
        // Retry-After, x-ratelimit-reset) are still waited out by the plugin's retry limiter.
        write: unspacedGroup('dj-branch-sync-write'),
        notifications: unspacedGroup('dj-branch-sync-notifications'),
        // The plugin's global group lets 10 requests through at once: the 10 comment pages
        // fetched together plus the identity query still in flight made one page wait for a
        // step of its own. Room for the listing's pages and the few requests beside them.
        // (`global` is read like `write` but missing from the plugin's option types.)
        ...({ global: new Bottleneck.Group({ id: 'dj-branch-sync-global', maxConcurrent: PAGE_CONCURRENCY + 10 }) } as object),
      },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
  }

  /**
   * Any other REST call (commit statuses, compare), through the same Octokit, retries and error
   * sentences. `idempotent` is accepted for callers of the HTTP layer's shape; GitHub's resend
   * policy is the one in {@link resendPolicy}.
   */
  async request<T = unknown>(req: Pick<HttpRequest, 'method' | 'path' | 'query' | 'json' | 'accept' | 'idempotent'>): Promise<Answer<T>> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.append(k, String(v));
    const qs = query.toString();
    return this.call<T>(req.method, qs ? `${req.path}?${qs}` : req.path, req.json, { accept: req.accept });
  }

  /**
   * Every comment of an issue or pull request, oldest first, across all pages. Starts the
   * identity look-up beside it: whoever reads comments asks next whose they are.
   */
  async listIssueComments(owner: string, repo: string, issue: number): Promise<IssueComment[]> {
    this.ownLogin().catch(() => undefined);
    const where = path`/repos/${owner}/${repo}/issues/${issue}/comments`;
    const raw = await this.getAllPages<unknown>(where);
    return raw.map(c => toComment(schemas.githubAnswer(schemas.issueComment, c, `GET ${where}`)));
  }

  /**
   * Posts a new comment. Not resent after an ambiguous failure (timeout, reset, 5xx other than
   * a 503 answered at once): the comment may exist already, and a caller that must have exactly
   * one looks for it first (the sticky comment does, see report/comment.ts).
   */
  async createIssueComment(owner: string, repo: string, issue: number, body: string): Promise<IssueComment> {
    const where = path`/repos/${owner}/${repo}/issues/${issue}/comments`;
    const res = await this.call<unknown>('POST', where, { body });
    return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `POST ${where}`));
  }

  /** Deletes a comment; one already gone (404) counts as deleted. */
  async deleteIssueComment(owner: string, repo: string, id: number): Promise<void> {
    await this.call('DELETE', path`/repos/${owner}/${repo}/issues/comments/${id}`, undefined, { accept: [404] });
  }

  /** Replaces a comment's body. A comment deleted meanwhile is a 404 {@link GitHubError}. */
  async updateIssueComment(owner: string, repo: string, id: number, body: string): Promise<IssueComment> {
    const where = path`/repos/${owner}/${repo}/issues/comments/${id}`;
    const res = await this.call<unknown>('PATCH', where, { body });
    return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `PATCH ${where}`));
  }

  /** The login our comments are authored by (see the class comment for the rule); cached. */
  ownLogin(): Promise<string> {
    return this.ownIdentity().then(i => i.login);
  }

  /** {@link ownLogin}, and whether it is the fallback guessed because GitHub refused the identity query. */
  ownIdentity(): Promise<{ login: string; guessed: boolean }> {
    this.loginPromise ??= this.viewerLogin();
    return this.loginPromise;
  }

  private async viewerLogin(): Promise<{ login: string; guessed: boolean }> {
    let data: unknown;
    try {
      data = await this.octokit.graphql('query { viewer { login __typename } }');
    } catch (caught) {
      const err = caught instanceof Final ? caught.error : caught;
      // A server or token without GraphQL (refused, or answered with GraphQL errors): the
      // fallback. Anything else fails the search, so a stranger's comment is never taken for ours
      // and a new one is not posted beside ours.
      if ((err instanceof RequestError && [401, 403, 404].includes(err.status)) || (err as Error)?.name === 'GraphqlResponseError') {
        return { login: this.fallbackLogin, guessed: true };
      }
      if (err instanceof GitHubError) throw err;
      throw toGitHubFailure(err, 'POST', '/graphql');
    }
    const viewer = (data as { viewer?: { login?: unknown; __typename?: unknown } } | null)?.viewer;
    const login = viewer?.login;
    if (typeof login !== 'string' || !login) throw new Error('GitHub answered POST /graphql without viewer.login (not GraphQL JSON)');
    // GraphQL names a bot without the `[bot]` that REST authors carry.
    return { login: viewer!.__typename === 'Bot' && !login.endsWith('[bot]') ? `${login}[bot]` : login, guessed: false };
  }

  /**
   * Whether `branch` exists. A renamed branch answers 301 (GitHub redirects to the new name):
   * the old name no longer exists as a branch, so that is false.
   */
  async branchExists(owner: string, repo: string, branch: string): Promise<boolean> {
    const res = await this.call('GET', path`/repos/${owner}/${repo}/branches/${branch}`, undefined, { accept: [404], redirect: 'manual' });
    return res.status === 200;
  }

  /**
   * The files changed from the merge base of `base` and `head` to `head` (three dots, as a pull
   * request shows them). GitHub lists at most {@link COMPARE_FILE_CAP} files of a comparison
   * (on the first page; later pages only page commits), so a longer list cannot be complete:
   * `complete` says so, and a caller must not read it as the whole change.
   */
  async compareFiles(owner: string, repo: string, base: string, head: string): Promise<{ files: CompareFile[]; complete: boolean; behindBy?: number }> {
    // One segment `base...head`: the dots stay literal, each side is encoded.
    const where = `${path`/repos/${owner}/${repo}/compare`}/${encodeURIComponent(base)}...${encodeURIComponent(head)}`;
    const res = await this.call<unknown>('GET', `${where}?per_page=1`);
    const answer = schemas.githubAnswer(schemas.comparison, res.data, `GET ${where}`);
    const files = answer.files;
    if (!files) throw new Error(`GitHub answered GET ${where} without the list of changed files, so what the pull request changes cannot be told`);
    return { files, complete: files.length < COMPARE_FILE_CAP, ...(answer.behind_by !== undefined ? { behindBy: answer.behind_by } : {}) };
  }

  /**
   * A file's text at `ref` (`GET /repos/{o}/{r}/contents/{path}?ref=`, raw media type, so files
   * up to GitHub's 100 MB come whole, not as base64 capped at 1 MB), or undefined when the file
   * is not there (404).
   */
  async fileAt(owner: string, repo: string, ref: string, filePath: string): Promise<string | undefined> {
    const segments = filePath
      .split('/')
      .map(s => path`${s}`)
      .join('/');
    const where = `${path`/repos/${owner}/${repo}/contents`}/${segments}`;
    const res = await this.call<unknown>('GET', `${where}?ref=${encodeURIComponent(ref)}`, undefined, { accept: [404], raw: true });
    if (res.status === 404) return undefined;
    const data = res.data;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
    throw new Error(`GitHub answered GET ${where} with something that is not the file's text`);
  }

  /**
   * Requests reviews on a pull request (`POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`):
   * users and team slugs as given. A 422 (not a collaborator, the author, a team the token
   * cannot see) is an answer: `{ ok: false, message }`, so the caller can try the others.
   */
  async requestReviewers(
    owner: string,
    repo: string,
    pull: number,
    who: { reviewers?: string[]; team_reviewers?: string[] },
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    const where = path`/repos/${owner}/${repo}/pulls/${String(pull)}/requested_reviewers`;
    const res = await this.call<{ message?: unknown }>('POST', where, who, { accept: [422] });
    if (res.status === 422) return { ok: false, message: typeof res.data?.message === 'string' ? res.data.message : 'GitHub refused the request (422)' };
    return { ok: true };
  }

  /** Names of every branch of the repository, across all pages. */
  async listBranchNames(owner: string, repo: string): Promise<string[]> {
    const where = path`/repos/${owner}/${repo}/branches`;
    const raw = await this.getAllPages<unknown>(where);
    return raw.map(b => schemas.githubAnswer(schemas.branch, b, `GET ${where}`).name);
  }

  /**
   * One request to `p` (a path below the base, segments encoded by {@link path}). Statuses in
   * `accept` are answers; every failure becomes a {@link GitHubError} that says what to do, or
   * an {@link HttpError} for transport failures (status 0).
   */
  private async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    p: string,
    body?: unknown,
    opts: { accept?: number[]; retries?: number; redirect?: 'manual' | 'follow'; raw?: boolean } = {},
  ): Promise<Answer<T>> {
    try {
      const res = await this.octokit.request({
        method,
        url: p,
        ...(body !== undefined ? { data: body } : {}),
        headers: { accept: opts.raw ? 'application/vnd.github.raw+json' : 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        request: {
          ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
          ...(opts.redirect ? { redirect: opts.redirect } : {}),
          ...(opts.raw ? { raw: true } : {}),
        },
      });
      return { status: res.status, data: res.data as T, headers: res.headers as Answer<T>['headers'] };
    } catch (caught) {
      const err = caught instanceof Final ? caught.error : caught;
      if (err instanceof GitHubError) throw err;
      if (err instanceof RequestError && err.response && opts.accept?.includes(err.status)) {
        return { status: err.status, data: err.response.data as T, headers: err.response.headers as Answer<T>['headers'] };
      }
      throw toGitHubFailure(err, method, p);
    }
  }

  /**
   * Every item of a paged listing. Page 1 tells how many pages there are (`rel="last"`); the
   * rest are fetched in parallel (a few at a time), so a pull request with 1,000 comments costs
   * two round trips, not eleven. Pages added meanwhile are followed through `rel="next"`. Only a
   * link's path and query are used, relative to our base: the token never goes to another host.
   */
  private async getAllPages<T>(first: string): Promise<T[]> {
    const fetchPage = async (p: string): Promise<{ items: T[]; link: string | null }> => {
      const res = await this.call<T[]>('GET', p);
      if (!Array.isArray(res.data)) throw new Error(`GitHub answered GET ${p} with something that is not a list`);
      const link = res.headers.link;
      if (typeof link === 'string') return { items: res.data, link };
      // A full page without any Link header (a proxy that strips it, or exactly 100 items): the
      // next page is asked for by number, so the listing ends only on a page that is not full.
      if (res.data.length < 100) return { items: res.data, link: null };
      const at = Number(new URL(p, 'http://relative.invalid').searchParams.get('page') ?? 1) || 1;
      return { items: res.data, link: `<${first}?per_page=100&page=${at + 1}>; rel="next"` };
    };
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined = `${first}?per_page=100`;
    let page = await fetchPage(next);
    seen.add(next);
    items.push(...page.items);
    const middle = this.pagesBetween(page.link);
    if (middle.length) {
      const pages = await mapPool(middle, PAGE_CONCURRENCY, fetchPage);
      middle.forEach(p => seen.add(p));
      for (const p of pages) items.push(...p.items);
      page = pages[pages.length - 1]!;
    }
    for (next = this.nextPath(page.link); next !== undefined; next = this.nextPath(page.link)) {
      if (seen.size >= MAX_PAGES || seen.has(next)) throw new Error(`GitHub pagination of ${first} did not end after ${seen.size} pages`);
      seen.add(next);
      page = await fetchPage(next);
      items.push(...page.items);
    }
    return items;
  }

  /**
   * Paths of pages 2…last from page 1's Link header, when `next` and `last` differ only in
   * their `page` parameter (GitHub's form); otherwise none, and the pages are followed one by one.
   */
  private pagesBetween(link: string | null): string[] {
    const next = this.nextPath(link);
    const last = this.relPath(link, 'last');
    if (!next || !last) return [];
    const n = new URL(next, 'http://relative.invalid');
    const l = new URL(last, 'http://relative.invalid');
    const from = Number(n.searchParams.get('page'));
    const to = Number(l.searchParams.get('page'));
    n.searchParams.delete('page');
    l.searchParams.delete('page');
    if (n.pathname !== l.pathname || n.search !== l.search || from !== 2 || !Number.isInteger(to) || to < from || to > MAX_PAGES) return [];
    const out: string[] = [];
    for (let i = from; i <= to; i++) {
      const u = new URL(next, 'http://relative.invalid');
      u.searchParams.set('page', String(i));
      out.push(u.pathname + u.search);
    }
    return out;
  }

  private nextPath(link: string | null): string | undefined {
    return this.relPath(link, 'next');
  }

  /** The path (below the API base) of a Link header's `rel`, if any. */
  private relPath(link: string | null, rel: string): string | undefined {
    const target = parseLink(link, rel);
    if (!target) return undefined;
    return this.relative(target);
  }

  /** A URL's path and query below the API base. */
  private relative(target: string): string {
    let url: URL;
    try {
      url = new URL(target, 'http://relative.invalid');
    } catch {
      return '';
    }
    let p = url.pathname;
    if (this.basePath && (p === this.basePath || p.startsWith(this.basePath + '/'))) p = p.slice(this.basePath.length);
    return p + url.search;
  }
}

/** Headers of an Octokit answer as a look-up. */
function lookup(headers: Record<string, string | number | undefined> | undefined): HeaderLookup {
  return {
    get: name => {
      const v = headers?.[name.toLowerCase()];
      return v === undefined ? null : String(v);
    },
    getSetCookie: () => [],
  };
}

/** An Octokit failure as the action's error: transport failures stay {@link HttpError}s. */
function toGitHubFailure(err: unknown, method: string, p: string): Error {
  const cause = (err as { cause?: unknown })?.cause;
  const transport = err instanceof FetchFailure ? err : cause instanceof FetchFailure ? cause : undefined;
  if (transport) return new HttpError(transport.kind, 0, method, p, transport.message, undefined, 1, undefined, method === 'POST' && !transport.refused);
  if (err instanceof RequestError) {
    const data = err.response?.data as { message?: unknown } | string | undefined;
    const serverMessage =
      data && typeof data === 'object' && typeof data.message === 'string' ? data.message : typeof data === 'string' && data.trim() ? data.trim().slice(0, 300) : err.message;
    if (err.status === 500 && !err.response) return new HttpError('network', 0, method, p, err.message, undefined, 1);
    return decodeGitHubError(new HttpError('http', err.status, method, p, serverMessage, err.response?.data, 1, lookup(err.response?.headers as Record<string, string>)));
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The URL of relation `rel` in a Link header, if any. */
export function parseLink(link: string | null, rel: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /^<([^>]*)>(.*)$/.exec(part.trim());
    const found = m && /;\s*rel="?([^";]*)"?/.exec(m[2]!);
    if (found && found[1]!.split(/\s+/).includes(rel)) return m[1];
  }
  return undefined;
}

function toComment(raw: RawComment): IssueComment {
  const app = raw.performed_via_github_app?.slug;
  return {
    id: raw.id,
    body: raw.body ?? '',
    url: raw.html_url,
    login: raw.user?.login ?? '',
    ...(app ? { app } : {}),
  };
}

/** Which `permissions:` entry a refused request needs. */
function permissionFor(requestPath: string): string | undefined {
  const p = requestPath.split('?')[0]!;
  if (/\/issues\//.test(p)) return 'pull-requests: write';
  if (/\/(branches|compare|contents)(\/|$)/.test(p)) return 'contents: read';
  if (/\/(statuses|status)(\/|$)/.test(p)) return 'statuses: write';
  return undefined;
}

/** Turns an {@link HttpError} from the GitHub API into a {@link GitHubError} that says what to do. */
export function decodeGitHubError(err: HttpError): Error {
  if (err.kind !== 'http') return err;
  const { status, method, path: p, serverMessage } = err;
  const where = `${method} ${p}`;
  const headers = err.headers;
  const remaining = headers?.get('x-ratelimit-remaining');
  const resetRaw = headers?.get('x-ratelimit-reset');
  const resetAt = resetRaw && /^\d+$/.test(resetRaw) ? new Date(Number(resetRaw) * 1000) : undefined;
  const make = (message: string, permission?: string, reset?: Date) => new GitHubError(message, status, method, p, serverMessage, permission, reset);

  if ((status === 403 || status === 429) && remaining === '0') {
    const when = resetAt ? `it resets at ${resetAt.toISOString()}` : 'it resets within the hour';
    return make(
      `GitHub API rate limit exhausted (${where} → HTTP ${status}: ${serverMessage}); ${when}. Run again after that, or use a github-token with its own limit.`,
      undefined,
      resetAt,
    );
  }
  if ((status === 403 || status === 429) && /secondary rate limit|abuse/i.test(serverMessage)) {
    const retryAfter = headers?.get('retry-after');
    const wait = retryAfter ? `GitHub asks to wait ${retryAfter} s` : 'wait a minute';
    return make(`GitHub secondary rate limit hit (${where} → HTTP ${status}: ${serverMessage}); ${wait} before running again, and avoid many parallel runs.`);
  }
  if (status === 403 && /not accessible by integration/i.test(serverMessage)) {
    const permission = permissionFor(p);
    const need = permission
      ? `the github-token lacks the \`${permission}\` permission: add it under \`permissions:\` in the workflow (pull requests from forks never get write access)`
      : 'the github-token lacks a permission this request needs';
    return make(`GitHub refused ${where} (HTTP 403: ${serverMessage}): ${need}.`, permission);
  }
  if (status === 401) {
    return make(`GitHub rejected the token for ${where} (HTTP 401: ${serverMessage}): check the github-token input.`);
  }
  return make(`GitHub API ${where} → HTTP ${status}: ${serverMessage}`);
}
