/**
 * Prune and delete act on what is gone, not on what a listing missed (issue 19, class 2): a
 * branch listing can miss a live branch (a branch deleted while it is paged shifts the next page
 * by one), and a `delete` event can arrive after the branch was pushed again. Before a namespace
 * is deleted, its git branch is asked for by name, one `GET /branches/{branch}` each, a few at a
 * time.
 */
import { mapPool } from '../pool.js';
import type { Repo } from '../event.js';
import type { RunContext } from '../run-context.js';

/** How many branch look-ups run at once. */
export const CONFIRM_CONCURRENCY = 8;

/** What a confirmation found for one git branch. */
export type GoneAnswer = { gone: true } | { gone: false; why: string; /** The look-up failed: not known to exist, not known to be gone. */ unknown?: true };

/** Asks GitHub for each branch by name; a branch that answers is not gone, and a look-up that fails keeps it too. */
export async function confirmGone(run: RunContext, repo: Repo, branches: readonly string[]): Promise<Map<string, GoneAnswer>> {
  const gh = await run.github();
  const unique = [...new Set(branches)];

  const answers = await mapPool(unique, CONFIRM_CONCURRENCY, async (branch): Promise<GoneAnswer> => {
    try {
      return (await gh.branchExists(repo.owner, repo.name, branch)) ? { gone: false, why: 'git branch exists (asked by name)' } : { gone: true };
    } catch (err) {
      return { gone: false, unknown: true, why: `whether the git branch is gone could not be told (${(err as Error).message})` };
    }
  });
  return new Map(unique.map((b, i) => [b, answers[i]!]));
}
