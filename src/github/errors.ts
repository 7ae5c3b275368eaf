/**
 * GitHub's failures as the action's errors: a {@link GitHubError} whose message says what to do
 * (rate limits, a missing `permissions:` entry, a rejected token), transport failures kept as
 * {@link HttpError}s.
 */
import { RequestError } from '@octokit/request-error';
import { FetchFailure, HttpError } from '../http.js';
import type { HeaderLookup } from '../errors.js';

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

/** Headers of an Octokit answer as a look-up. */
export function lookup(headers: Record<string, string | number | undefined> | undefined): HeaderLookup {
  return {
    get: name => {
      const v = headers?.[name.toLowerCase()];
      return v === undefined ? null : String(v);
    },
    getSetCookie: () => [],
  };
}

/** An Octokit failure as the action's error: transport failures stay {@link HttpError}s. */
export function toGitHubFailure(err: unknown, method: string, p: string): Error {
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
