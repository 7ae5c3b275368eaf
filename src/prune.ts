/**
 * Prune: which target branches lost their git branch, and a bounded worker pool to remove
 * them. Pure selection, so the rules are tested without a server.
 */
import type { TargetBranch } from './outcome.js';
import { RefusedError } from './errors.js';
import { branchMatchesGlobs } from './naming.js';
import { parseTimestamp } from './schema.js';

/** Why a branch is kept or removed by prune. */
export interface PruneVerdict {
  branch: TargetBranch;
  remove: boolean;
  why: string;
}

/** Options of {@link selectForPrune}. */
export interface PruneRules {
  /** Branch names that exist in the repository. */
  gitBranches: ReadonlySet<string>;
  /** The repository they were listed from (`owner/name`), for the refusal. */
  repository?: string;
  minAgeHours: number;
  ignore: string[];
  now: Date;
}

/**
 * Decides for each target branch: never the default branch, never one whose git branch still
 * exists, nor an ignored one, nor one updated within `minAgeHours` (it may be in use, or its
 * git branch may be about to come back).
 */
export function selectForPrune(branches: TargetBranch[], rules: PruneRules): PruneVerdict[] {
  checkListing(branches, rules);
  const cutoff = rules.now.getTime() - rules.minAgeHours * 3_600_000;
  return branches.map(branch => {
    if (branch.isDefault) return { branch, remove: false, why: 'default branch' };
    if (!branch.gitBranch) return { branch, remove: false, why: 'follows no git branch' };
    if (rules.gitBranches.has(branch.gitBranch)) return { branch, remove: false, why: 'git branch exists' };
    if (branchMatchesGlobs(branch.gitBranch, rules.ignore)) return { branch, remove: false, why: 'ignored' };
    const updated = parseTimestamp(branch.lastUpdatedAt);
    if (updated !== undefined && updated > cutoff) {
      return { branch, remove: false, why: `updated within ${rules.minAgeHours} h` };
    }
    return { branch, remove: true, why: 'git branch is gone' };
  });
}

/**
 * A repository always has its default branch. A listing without it (an empty answer, a
 * listing of another repository, a token that sees nothing) would make every namespace look
 * orphaned: the whole prune is refused before anything is deleted.
 */
function checkListing(branches: TargetBranch[], rules: PruneRules): void {
  const from = rules.repository ? ` of ${rules.repository}` : '';
  const fix = `Nothing was pruned: check that 'github-token' can read the repository's branches.`;
  if (rules.gitBranches.size === 0) {
    if (branches.every(b => b.isDefault || !b.gitBranch)) return;
    throw new RefusedError(`GitHub listed no branches${from}, not even the default branch. ${fix}`);
  }
  const missing = branches.find(b => b.isDefault && b.gitBranch && !rules.gitBranches.has(b.gitBranch));
  if (missing) {
    throw new RefusedError(`GitHub's listing${from} (${rules.gitBranches.size} branches) lacks the default branch '${missing.gitBranch}', so it is not the root's repository or not complete. ${fix}`);
  }
}
