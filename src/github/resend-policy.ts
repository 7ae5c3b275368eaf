/**
 * The action's resend policy for GitHub requests, as an Octokit plugin whose hooks run before
 * plugin-retry's and plugin-throttling's: which failures are worth sending again (never a blind
 * resend of a comment POST), how long to wait, and the check that a 2xx answer is JSON.
 */
import type { Octokit } from '@octokit/core';
import { RequestError } from '@octokit/request-error';
import { ANSWERED_AT_ONCE_MS, FetchFailure, HttpError, messageFromBody, parseRetryAfter, type RetryListener } from '../http.js';
import { decodeGitHubError, lookup } from './errors.js';

/**
 * A failure that no plugin may resend: plugin-retry resends every status it is not told about
 * (409, 500…) and every transport failure, POSTs included. Not a RequestError, so neither
 * plugin touches it; the client unwraps it.
 */
export class Final extends Error {
  override readonly name = 'Final';
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** Statuses worth sending again: the server did not act, or a gateway failed in between. */
const TRANSIENT = new Set([429, 502, 503, 504]);

/** What {@link resendPolicy} needs from the client. */
export interface PolicyOptions {
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
export function resendPolicy(octokit: Octokit, octokitOptions: object): void {
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
