/**
 * The connection to GitHub every API area goes through: Octokit (`@octokit/core` with the
 * retry and throttling plugins, behind the action's resend policy), its requests sent by the
 * action's one HTTP layer (http.ts: proxy rules, per-request timeout, bounded answers), and
 * every failure turned into an error that says what to do.
 */
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import Bottleneck from 'bottleneck/light.js';
import { Response } from 'undici';
import { backoffBaseFromEnv, boundedFetch, type HttpRequest, type RetryListener } from '../http.js';
import { GitHubError, toGitHubFailure } from './errors.js';
import { Final, resendPolicy } from './resend-policy.js';

/** Options of a GitHub client. */
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

/** Pages fetched at once after the first (see pages.ts); the global throttling group makes room for them. */
export const PAGE_CONCURRENCY = 10;

const GitHubOctokit = Octokit.plugin(resendPolicy, retry, throttling);

/** A throttling group that neither spaces nor queues its jobs (see the connection's `throttle`). */
function unspacedGroup(id: string): Bottleneck.Group {
  return new Bottleneck.Group({ id, maxConcurrent: null, minTime: 0 });
}
type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** One answer, reduced to what the action reads. */
export interface Answer<T> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

/** How {@link GitHubConnection.call} treats one request. */
export interface CallOptions {
  /** Statuses that are answers, not failures. */
  accept?: number[];
  retries?: number;
  redirect?: 'manual' | 'follow';
  /** The raw media type: a file's content as text. */
  raw?: boolean;
}

/** Octokit bound to one API base and token, with the action's resend policy and error sentences. */
export class GitHubConnection {
  private readonly octokit: GitHubOctokit;
  private readonly basePath: string;
  private readonly backoffBaseMs: number;

  constructor(options: GitHubClientOptions) {
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.backoffBaseMs = options.backoffBaseMs ?? backoffBaseFromEnv() ?? 1000;
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
   * Any REST call in the HTTP layer's request shape, through the same Octokit, retries and error
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
   * One request to `p` (a path below the base, segments encoded by `path`). Statuses in
   * `accept` are answers; every failure becomes a {@link GitHubError} that says what to do, or
   * an `HttpError` for transport failures (status 0).
   */
  async call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', p: string, body?: unknown, opts: CallOptions = {}): Promise<Answer<T>> {
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
   * A GraphQL query's `data`. A failure is thrown as Octokit raised it (unwrapped from the
   * resend policy), for the caller to read its status before {@link toGitHubFailure}.
   */
  async graphql(query: string): Promise<unknown> {
    try {
      return await this.octokit.graphql(query);
    } catch (caught) {
      throw caught instanceof Final ? caught.error : caught;
    }
  }

  /** A URL's path and query below the API base. */
  relative(target: string): string {
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
