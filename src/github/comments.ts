/**
 * Issue and pull-request comments (the sticky comment's calls): list every page, create without
 * a blind resend, update, delete. Each answer passes its schema (github-schemas.ts).
 */
import { path } from '../url-path.js';
import * as schemas from '../github-schemas.js';
import type { GitHubConnection } from './client.js';
import { getAllPages } from './pages.js';

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

interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

/** Every comment of an issue or pull request, oldest first, across all pages. */
export async function listIssueComments(gh: GitHubConnection, owner: string, repo: string, issue: number): Promise<IssueComment[]> {
  const where = path`/repos/${owner}/${repo}/issues/${issue}/comments`;
  const raw = await getAllPages<unknown>(gh, where);
  return raw.map(c => toComment(schemas.githubAnswer(schemas.issueComment, c, `GET ${where}`)));
}

/**
 * Posts a new comment. Not resent after an ambiguous failure (timeout, reset, 5xx other than
 * a 503 answered at once): the comment may exist already, and a caller that must have exactly
 * one looks for it first (the sticky comment does, see report/comment.ts).
 */
export async function createIssueComment(gh: GitHubConnection, owner: string, repo: string, issue: number, body: string): Promise<IssueComment> {
  const where = path`/repos/${owner}/${repo}/issues/${issue}/comments`;
  const res = await gh.call<unknown>('POST', where, { body });
  return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `POST ${where}`));
}

/** Deletes a comment; one already gone (404) counts as deleted. */
export async function deleteIssueComment(gh: GitHubConnection, owner: string, repo: string, id: number): Promise<void> {
  await gh.call('DELETE', path`/repos/${owner}/${repo}/issues/comments/${id}`, undefined, { accept: [404] });
}

/** Replaces a comment's body. A comment deleted meanwhile is a 404 `GitHubError`. */
export async function updateIssueComment(gh: GitHubConnection, owner: string, repo: string, id: number, body: string): Promise<IssueComment> {
  const where = path`/repos/${owner}/${repo}/issues/comments/${id}`;
  const res = await gh.call<unknown>('PATCH', where, { body });
  return toComment(schemas.githubAnswer(schemas.issueComment, res.data, `PATCH ${where}`));
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
