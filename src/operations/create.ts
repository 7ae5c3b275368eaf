/**
 * Explicit create (`operation: create`): a namespace for a git branch that exists, or, for a
 * target that can make one, the git branch too.
 */
import { followedRepository, type RunContext } from '../run-context.js';
import type { BranchTarget, Outcome } from '../targets/target.js';
import { InputError } from '../errors.js';
import { askFollowedRepository } from '../repository.js';

export async function createBranch(branch: string, target: BranchTarget, run: RunContext): Promise<Outcome> {
  const { settings, event } = run;
  // A name the target refuses is refused before anything is sent, GitHub included.
  target.nameFor(branch);
  const gh = await run.github();
  const { repo, value: exists } = await askFollowedRepository(
    event.repo ?? null,
    () => followedRepository(target, event),
    settings.allowOtherRepository,
    r => gh.branchExists(r.owner, r.name, branch),
  );
  if (exists) return target.ensure({ gitBranch: branch, deploy: settings.deploy, dryRun: settings.dryRun });
  if (!target.createWithGitBranch) {
    throw new InputError(`Git branch '${branch}' does not exist in ${repo.owner}/${repo.name}, and target '${target.name}' cannot create it. Push the branch first.`);
  }
  return target.createWithGitBranch({ gitBranch: branch, dryRun: settings.dryRun });
}
