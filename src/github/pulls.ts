/** Pull requests: review requests (the review's owners as reviewers). */
import { path } from '../url-path.js';
import type { GitHubConnection } from './client.js';

/** Who to ask for a review: users and team slugs, as GitHub takes them. */
export interface ReviewRequest {
  reviewers?: string[];
  team_reviewers?: string[];
}

/**
 * Requests reviews on a pull request (`POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`):
 * users and team slugs as given. A 422 (not a collaborator, the author, a team the token
 * cannot see) is an answer: `{ ok: false, message }`, so the caller can try the others.
 */
export async function requestReviewers(
  gh: GitHubConnection,
  owner: string,
  repo: string,
  pull: number,
  who: ReviewRequest,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const where = path`/repos/${owner}/${repo}/pulls/${String(pull)}/requested_reviewers`;
  const res = await gh.call<{ message?: unknown }>('POST', where, who, { accept: [422] });
  if (res.status === 422) return { ok: false, message: typeof res.data?.message === 'string' ? res.data.message : 'GitHub refused the request (422)' };
  return { ok: true };
}
