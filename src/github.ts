/**
 * The GitHub client a run holds: one method per call the action makes, each done in the module
 * of its API area under github/ — client.ts (Octokit with the retry and throttling plugins behind
 * the action's resend policy, resend-policy.ts; errors.ts: errors that say what to do),
 * pages.ts (listings whose pages after the first are fetched in parallel), comments.ts (the
 * sticky comment's calls), identity.ts (the token's login), repo.ts (branches, compare,
 * contents), pulls.ts (review requests). Check runs and deployments are github-checks.ts and
 * github-deployments.ts, through {@link GitHubClient.request}.
 */
import { GitHubConnection, type Answer, type GitHubClientOptions } from './github/client.js';
import * as comments from './github/comments.js';
import type { IssueComment } from './github/comments.js';
import { viewerLogin, WORKFLOW_TOKEN_LOGIN } from './github/identity.js';
import * as pulls from './github/pulls.js';
import * as repos from './github/repo.js';
import type { CompareFile } from './github/repo.js';
import type { HttpRequest } from './http.js';

export type { GitHubClientOptions } from './github/client.js';
export type { IssueComment } from './github/comments.js';
export { GitHubError } from './github/errors.js';
export type { CompareFile } from './github/repo.js';

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
  private readonly gh: GitHubConnection;
  private readonly fallbackLogin: string;
  private loginPromise?: Promise<{ login: string; guessed: boolean }>;

  constructor(options: GitHubClientOptions) {
    this.fallbackLogin = options.fallbackLogin ?? WORKFLOW_TOKEN_LOGIN;
    this.gh = new GitHubConnection(options);
  }

  /**
   * Any other REST call (commit statuses, check runs, deployments), through the same Octokit,
   * retries and error sentences. `idempotent` is accepted for callers of the HTTP layer's
   * shape; GitHub's resend policy is the one in github/resend-policy.ts.
   */
  request<T = unknown>(req: Pick<HttpRequest, 'method' | 'path' | 'query' | 'json' | 'accept' | 'idempotent'>): Promise<Answer<T>> {
    return this.gh.request<T>(req);
  }

  /**
   * Every comment of an issue or pull request, oldest first, across all pages. Starts the
   * identity look-up beside it: whoever reads comments asks next whose they are.
   */
  listIssueComments(owner: string, repo: string, issue: number): Promise<IssueComment[]> {
    this.ownLogin().catch(() => undefined);
    return comments.listIssueComments(this.gh, owner, repo, issue);
  }

  /** Posts a new comment, never resent blindly (see github/comments.ts). */
  createIssueComment(owner: string, repo: string, issue: number, body: string): Promise<IssueComment> {
    return comments.createIssueComment(this.gh, owner, repo, issue, body);
  }

  /** Deletes a comment; one already gone (404) counts as deleted. */
  deleteIssueComment(owner: string, repo: string, id: number): Promise<void> {
    return comments.deleteIssueComment(this.gh, owner, repo, id);
  }

  /** Replaces a comment's body. A comment deleted meanwhile is a 404 {@link GitHubError}. */
  updateIssueComment(owner: string, repo: string, id: number, body: string): Promise<IssueComment> {
    return comments.updateIssueComment(this.gh, owner, repo, id, body);
  }

  /** The login our comments are authored by (see the class comment for the rule); cached. */
  ownLogin(): Promise<string> {
    return this.ownIdentity().then(i => i.login);
  }

  /** {@link ownLogin}, and whether it is the fallback guessed because GitHub refused the identity query. */
  ownIdentity(): Promise<{ login: string; guessed: boolean }> {
    this.loginPromise ??= viewerLogin(this.gh, this.fallbackLogin);
    return this.loginPromise;
  }

  /** Whether `branch` exists; a renamed branch (301) does not. */
  branchExists(owner: string, repo: string, branch: string): Promise<boolean> {
    return repos.branchExists(this.gh, owner, repo, branch);
  }

  /** The files changed from the merge base of `base` and `head` to `head`, and whether that list is complete. */
  compareFiles(owner: string, repo: string, base: string, head: string): Promise<{ files: CompareFile[]; complete: boolean; behindBy?: number }> {
    return repos.compareFiles(this.gh, owner, repo, base, head);
  }

  /** A file's text at `ref`, or undefined when the file is not there. */
  fileAt(owner: string, repo: string, ref: string, filePath: string): Promise<string | undefined> {
    return repos.fileAt(this.gh, owner, repo, ref, filePath);
  }

  /** Requests reviews on a pull request; a 422 is `{ ok: false, message }`. */
  requestReviewers(owner: string, repo: string, pull: number, who: pulls.ReviewRequest): Promise<{ ok: true } | { ok: false; message: string }> {
    return pulls.requestReviewers(this.gh, owner, repo, pull, who);
  }

  /** Names of every branch of the repository, across all pages. */
  listBranchNames(owner: string, repo: string): Promise<string[]> {
    return repos.listBranchNames(this.gh, owner, repo);
  }
}
