/**
 * The token's identity, the author of "comments we wrote": GraphQL `viewer { login }` names it
 * for every kind of token (see the rule on `GitHubClient`), with a fallback when GitHub refuses.
 */
import { RequestError } from '@octokit/request-error';
import type { GitHubConnection } from './client.js';
import { GitHubError, toGitHubFailure } from './errors.js';

/** Login GitHub shows for comments written with the workflow's GITHUB_TOKEN. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/** The token's login, or `fallbackLogin` (`guessed`) when GitHub refuses the identity query. */
export async function viewerLogin(gh: GitHubConnection, fallbackLogin: string): Promise<{ login: string; guessed: boolean }> {
  let data: unknown;
  try {
    data = await gh.graphql('query { viewer { login __typename } }');
  } catch (err) {
    // A server or token without GraphQL (refused, or answered with GraphQL errors): the
    // fallback. Anything else fails the search, so a stranger's comment is never taken for ours
    // and a new one is not posted beside ours.
    if ((err instanceof RequestError && [401, 403, 404].includes(err.status)) || (err as Error)?.name === 'GraphqlResponseError') {
      return { login: fallbackLogin, guessed: true };
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
