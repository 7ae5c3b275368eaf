/**
 * The GitHub REST calls the action makes: issue comments (the sticky comment), branch look-ups
 * (create, prune) and the token's identity. Everything goes through the one HTTP layer, so
 * 429s and 5xx are retried there; this module only turns GitHub's own failure shapes (rate
 * limits, missing permissions, bad credentials) into sentences that say what to do.
 */
import { mapPool } from './pool.js';
import { HttpClient, HttpError, path, type HttpResponse, type RetryListener } from './http.js';
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
 * GitHub REST client bound to one API base and token.
 *
 * Identity rule for "comments we wrote" (used by the sticky comment): `GET /user` names the
 * token's user for a PAT or a user-to-server token. Installation tokens, GITHUB_TOKEN
 * included, get 403 (404 on some GHES versions) there, and their comments are authored by
 * `github-actions[bot]` ({@link GitHubClientOptions.fallbackLogin} for another App). The
 * look-up is lazy and cached: it runs only once a comment carrying our marker was found, so
 * the common first run costs no extra round trip.
 */
export class GitHubClient {
  private readonly http: HttpClient;
  private readonly basePath: string;
  private readonly fallbackLogin: string;
  private loginPromise?: Promise<string>;
  /** An App installation token (GITHUB_TOKEN is one): its comments are the App's bot's. */
  private readonly installationToken: boolean;

  constructor(options: GitHubClientOptions) {
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.fallbackLogin = options.fallbackLogin ?? WORKFLOW_TOKEN_LOGIN;
    this.installationToken = options.token.startsWith('ghs_');
    this.http = new HttpClient({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      onRetry: options.onRetry,
      backoffBaseMs: options.backoffBaseMs,
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
      decodeError: decodeGitHubError,
      json: true,
    });
  }

  /** Every comment of an issue or pull request, oldest first, across all pages. */
  async listIssueComments(owner: string, repo: string, issue: number): Promise<IssueComment[]> {
    const where = path`/repos/${owner}/${repo}/issues/${issue}/comments`;
    const raw = await this.getAllPages<unknown>(where);
    return raw.map(c => toComment(schemas.githubAnswer(schemas.issueComment, c, `GET ${where}`)));
  }

  /**
   * Posts a new comment. Not resent after an ambiguous failure (timeout, reset, 502, 504): the
   * comment may exist already, and a caller that must have exactly one looks for it first (the
   * sticky comment does, see report/comment.ts).
   */
  async createIssueComment(owner: string, repo: string, issue: number, body: string): Promise<IssueComment> {
    const res = await this.http.request<RawComment>({
      method: 'POST',
      path: path`/repos/${owner}/${repo}/issues/${issue}/comments`,
      json: { body },
    });
    return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `POST ${path`/repos/${owner}/${repo}/issues/${issue}/comments`}`));
  }

  /** Deletes a comment; one already gone (404) counts as deleted. */
  async deleteIssueComment(owner: string, repo: string, id: number): Promise<void> {
    await this.http.request({ method: 'DELETE', path: path`/repos/${owner}/${repo}/issues/comments/${id}`, accept: [404] });
  }

  /** Replaces a comment's body. A comment deleted meanwhile is a 404 {@link GitHubError}. */
  async updateIssueComment(owner: string, repo: string, id: number, body: string): Promise<IssueComment> {
    const res = await this.http.request<RawComment>({
      method: 'PATCH',
      path: path`/repos/${owner}/${repo}/issues/comments/${id}`,
      json: { body },
    });
    return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `PATCH ${path`/repos/${owner}/${repo}/issues/comments/${id}`}`));
  }

  /** The login our comments are authored by (see the class comment for the rule); cached. */
  ownLogin(): Promise<string> {
    // Installation tokens (`ghs_`, GITHUB_TOKEN among them) cannot read /user: skip the request.
    if (this.installationToken) return Promise.resolve(this.fallbackLogin);
    this.loginPromise ??= this.http
      .request<{ login?: string }>({ method: 'GET', path: '/user', accept: [401, 403, 404] })
      .then(res => (res.status === 200 ? schemas.githubAnswer(schemas.user, res.data, 'GET /user').login : this.fallbackLogin));
    return this.loginPromise;
  }

  /**
   * Whether `branch` exists. A renamed branch answers 301 (GitHub redirects to the new name):
   * the old name no longer exists as a branch, so that is false.
   */
  async branchExists(owner: string, repo: string, branch: string): Promise<boolean> {
    const res = await this.http.request({
      method: 'GET',
      path: path`/repos/${owner}/${repo}/branches/${branch}`,
      accept: [301, 302, 404],
    });
    return res.status === 200;
  }

  /** Names of every branch of the repository, across all pages. */
  async listBranchNames(owner: string, repo: string): Promise<string[]> {
    const where = path`/repos/${owner}/${repo}/branches`;
    const raw = await this.getAllPages<unknown>(where);
    return raw.map(b => schemas.githubAnswer(schemas.branch, b, `GET ${where}`).name);
  }

  /**
   * GETs `first` with per_page=100 and follows `Link: rel="next"`. Only the link's path and
   * query are used, relative to our base: the token never goes to a host other than the base.
   */
  /**
   * Every item of a paged listing. Page 1 tells how many pages there are (`rel="last"`); the
   * rest are fetched in parallel (a few at a time), so a pull request with 1,000 comments costs
   * two round trips, not eleven. Pages added meanwhile are followed through `rel="next"`.
   */
  private async getAllPages<T>(first: string): Promise<T[]> {
    const fetchPage = async (p: string): Promise<{ items: T[]; link: string | null }> => {
      const res: HttpResponse<T[]> = await this.http.request<T[]>({ method: 'GET', path: p });
      if (!Array.isArray(res.data)) throw new Error(`GitHub answered GET ${p} with something that is not a list`);
      return { items: res.data, link: res.headers.get('link') };
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
    let url: URL;
    try {
      url = new URL(target, 'http://relative.invalid');
    } catch {
      return undefined;
    }
    let p = url.pathname;
    if (this.basePath && (p === this.basePath || p.startsWith(this.basePath + '/'))) p = p.slice(this.basePath.length);
    return p + url.search;
  }
}

/** The URL of `rel="next"` in a Link header, if any. */
export function parseNextLink(link: string | null): string | undefined {
  return parseLink(link, 'next');
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
  if (/\/branches(\/|$)/.test(p)) return 'contents: read';
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
  const make = (message: string, permission?: string, reset?: Date) =>
    new GitHubError(message, status, method, p, serverMessage, permission, reset);

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
