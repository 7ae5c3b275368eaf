/**
 * Prune (`operation: prune`): the target branches whose git branch is gone, removed by a
 * bounded pool. The selection ({@link selectForPrune}) is pure, so its rules are tested
 * without a server; {@link prune} asks the target and GitHub in parallel, then removes.
 */
import type { BranchTarget } from '../targets/target.js';
import type { Outcome, TargetBranch } from '../outcome.js';
import { RefusedError } from '../errors.js';
import { branchMatchesGlobs } from '../naming.js';
import { parseTimestamp } from '../schema.js';
import { mapPool } from '../pool.js';
import { repoText, askFollowedRepository } from '../repository.js';
import { followedRepository, type RunContext } from '../run-context.js';
import * as runner from '../runner.js';

/** How many deletions prune runs at once. */
const PRUNE_CONCURRENCY = 8;

/** Removes every branch {@link selectForPrune} selects; one failure does not stop the others. */
export async function prune(target: BranchTarget, run: RunContext): Promise<Outcome> {
  const { settings, event } = run;
  const gh = await run.github();
  const [branches, { repo, value: gitBranches }] = await Promise.all([
    target.list(),
    askFollowedRepository(
      event.repo ?? null,
      () => followedRepository(target, event),
      settings.allowOtherRepository,
      r => gh.listBranchNames(r.owner, r.name),
    ),
  ]);
  const verdicts = selectForPrune(branches, {
    gitBranches: new Set(gitBranches),
    repository: repoText(repo),
    minAgeHours: settings.pruneMinAgeHours,
    ignore: settings.ignoreBranches,
    now: new Date(),
  });
  // The listing may have missed a live branch: each candidate's git branch is asked for by name;
  // and a namespace whose pull request carries the keep label stays (SPEC §13). Both look-ups
  // run per candidate, in parallel.
  const { confirmGone } = await import('./gone.js');
  const candidates = verdicts.filter(v => v.remove);
  const unknown: { name: string; message: string }[] = [];
  const byLabel: string[] = [];
  const names = candidates.map(v => v.branch.gitBranch);
  const [confirmed, labelled] = candidates.length
    ? await Promise.all([confirmGone(run, repo, names), import('../commands/keep-label.js').then(m => m.branchesKeptByLabel(run, repo, names))])
    : [new Map<string, never>(), new Set<string>()];
  for (const v of candidates) {
    const answer = confirmed.get(v.branch.gitBranch);
    if (answer && !answer.gone) {
      v.remove = false;
      v.why = answer.why;
      if (answer.unknown) unknown.push({ name: v.branch.name, message: `kept: ${answer.why}` });
      runner.info(`${v.branch.name}: kept, ${answer.why}`);
    } else if (labelled.has(v.branch.gitBranch)) {
      v.remove = false;
      v.why = `its pull request carries the label '${settings.keepLabel}'`;
      byLabel.push(v.branch.gitBranch);
    }
  }
  if (byLabel.length) runner.info(`Kept by the label '${settings.keepLabel}': ${byLabel.join(', ')}`);
  const doomed = verdicts.filter(v => v.remove).map(v => v.branch);
  runner.info(`${branches.length} branches, ${gitBranches.length} git branches of ${repoText(repo)}; ${doomed.length} to prune.`);
  const failures: { name: string; message: string }[] = [...unknown];
  for (const u of unknown) runner.warning(`Prune of ${u.name}: ${u.message}`);
  const pruned: string[] = [];
  await mapPool(doomed, PRUNE_CONCURRENCY, async branch => {
    try {
      const out = await target.remove({ gitBranch: branch.gitBranch, dryRun: settings.dryRun, known: branch });
      if (out.operation === 'deleted' || out.operation === 'planned') pruned.push(branch.name);
      runner.info(`${branch.name}: ${out.operation}`);
    } catch (err) {
      failures.push({ name: branch.name, message: (err as Error).message });
      runner.warning(`Prune of ${branch.name} failed: ${(err as Error).message}`);
    }
  });
  pruned.sort();
  const kept = verdicts.filter(v => !v.remove).length;
  const report = { target: target.name, branches, pruned, failures, results: [] };
  const notes = [`${settings.dryRun ? 'Would prune' : 'Pruned'} ${pruned.length}, kept ${kept}${failures.length ? `, ${failures.length} failed` : ''}.`];
  return settings.dryRun ? { ...report, operation: 'planned', of: 'prune', notes } : { ...report, operation: 'pruned', notes };
}

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
    throw new RefusedError(
      `GitHub's listing${from} (${rules.gitBranches.size} branches) lacks the default branch '${missing.gitBranch}', so it is not the root's repository or not complete. ${fix}`,
    );
  }
}
