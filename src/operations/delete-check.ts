/**
 * The `delete` event acts on what is gone (issue 19, class 2): a branch deleted and pushed again
 * before the run starts exists on GitHub, and its namespace now belongs to the new branch.
 */
import type { BranchTarget, Outcome } from '../targets/target.js';
import { followedRepository, type RunContext } from '../run-context.js';
import { askFollowedRepository } from '../repository.js';
import { confirmGone } from './gone.js';
import * as runner from '../runner.js';

/** The outcome that keeps the namespace when `branch` exists again on GitHub; undefined when it is gone (or cannot be asked: no token). */
export async function branchBack(target: BranchTarget, run: RunContext, branch: string): Promise<Outcome | undefined> {
  if (!run.settings.githubToken) {
    runner.info(`No 'github-token': whether '${branch}' was pushed again since its delete event is not checked.`);
    return undefined;
  }
  const { repo, value } = await askFollowedRepository(
    run.event.repo ?? null,
    () => followedRepository(target, run.event),
    run.settings.allowOtherRepository,
    r => confirmGone(run, r, [branch]),
  );
  const answer = value.get(branch);
  if (!answer || answer.gone) return undefined;
  if (answer.unknown) {
    throw new Error(`The namespace of '${branch}' was not deleted: ${answer.why} in ${repo.owner}/${repo.name}. Run again, or delete it with 'operation: delete'.`);
  }
  const name = target.nameFor(branch);
  const url = target.urlFor?.(name);
  return {
    target: target.name,
    operation: 'unchanged',
    why: 'branch-exists',
    name,
    ...(url ? { url } : {}),
    gitBranch: branch,
    results: [],
    notes: [
      `Kept ${name}: git branch '${branch}' exists again in ${repo.owner}/${repo.name} (deleted and pushed again since this delete event), so its namespace belongs to the new branch.`,
    ],
  };
}
