/**
 * Which git repository a run acts on. A DJ git root follows one repository
 * (`github_repo_path`); the action compares that repository's branches with the root's
 * namespaces, so a run for another repository (an "ops" repository's scheduled janitor, a
 * copied workflow) would judge every namespace by the wrong branches. Pure rules, tested
 * without a server.
 */
import type { Repo } from './event.js';
import { RefusedError } from './errors.js';

/** `owner/name` as people read it. */
export function repoText(repo: Repo): string {
  return `${repo.owner}/${repo.name}`;
}

/**
 * The repository of a DJ `github_repo_path` (stored as `owner/repo`), or undefined when the
 * value is not exactly one owner and one name: such a root follows no repository the action
 * could compare with.
 */
export function parseRepoPath(value: string | null | undefined): Repo | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec((value ?? '').trim());
  return m ? { owner: m[1]!, name: m[2]!.replace(/\.git$/i, '') } : undefined;
}

/** GitHub owner and repository names are case-insensitive. */
export function sameRepo(a: Repo, b: Repo): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}

/** What {@link checkRepository} compares. */
export interface RepositoryCheck {
  /** The DJ git root, for the message. */
  root: string;
  /** The root's `github_repo_path`, as DJ stores it. */
  repoPath: string | null | undefined;
  /** The repository the event came from; null when the run cannot tell. */
  event: Repo | null;
  /** Input `allow-other-repository`. */
  allowOther: boolean;
}

/**
 * The repository whose branches the run acts on: the root's. Throws a {@link RefusedError}
 * (nothing has been changed yet) when the root follows another repository than the event's,
 * or either is unknown, unless `allow-other-repository: true` says that is intended.
 */
export function checkRepository(check: RepositoryCheck): Repo {
  const followed = parseRepoPath(check.repoPath);
  if (!followed) {
    throw new RefusedError(
      `DJ git root '${check.root}' has github_repo_path ${JSON.stringify(check.repoPath ?? null)}, which is not an 'owner/repository' name, so the action cannot tell which repository's branches it follows. Set github_repo_path on the root in DJ.`,
    );
  }
  if (check.event && sameRepo(followed, check.event)) return followed;
  if (check.allowOther) return followed;
  const from = check.event ? `this run is for ${repoText(check.event)}` : 'the repository of this run is unknown (no repository in the event payload, no GITHUB_REPOSITORY)';
  throw new RefusedError(
    `DJ git root '${check.root}' follows repository ${repoText(followed)}, but ${from}. ` +
      `The action acts only on the branches of the root's repository. To run it from another repository on purpose ` +
      `(e.g. a scheduled prune from an ops repository), set 'allow-other-repository: true' and a 'github-token' that can read ${repoText(followed)}.`,
  );
}

/**
 * Asks GitHub something about the repository the target follows. Without
 * `allow-other-repository` the followed repository is the event's (anything else is refused),
 * so the question goes to the event's repository at once, in parallel with learning the
 * followed one; with it, the question waits for the followed repository.
 */
export async function askFollowedRepository<T>(
  event: Repo | null,
  followed: () => Promise<Repo>,
  allowOther: boolean,
  ask: (repo: Repo) => Promise<T>,
): Promise<{ repo: Repo; value: T }> {
  if (allowOther || !event) {
    const repo = await followed();
    return { repo, value: await ask(repo) };
  }
  const early = ask(event).then(
    value => ({ value }),
    (error: unknown) => ({ error }),
  );
  // A refusal of the repository is the clearer message: it wins over a failed question.
  const repo = await followed();
  const answer = await early;
  if (!sameRepo(repo, event)) return { repo, value: await ask(repo) };
  if ('error' in answer) throw answer.error;
  return { repo, value: answer.value };
}
