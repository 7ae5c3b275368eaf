/**
 * A plan, carried out against the target. Most plans are one call of the target; explicit
 * create and prune also ask GitHub about the repository, in their own modules.
 */
import type { Plan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import { deployBranch, type BranchTarget, type DeployChecker, type TargetDeps } from '../targets/target.js';
import type { Outcome, TargetName } from '../outcome.js';
import { createBranch } from './create.js';
import { prune } from './prune.js';

/** Loads only the target the run uses (start-up: no other target's code is parsed). */
export async function loadTarget(run: RunContext, deps: TargetDeps): Promise<BranchTarget> {
  const modules: Record<TargetName, () => Promise<{ createTarget: (s: RunContext['settings'], d: TargetDeps) => BranchTarget }>> = {
    dj: () => import('../targets/dj/target.js'),
    fossil: () => import('../targets/fossil/target.js'),
    pdc: () => import('../targets/pdc/target.js'),
  };
  const mod = await modules[run.settings.target]();
  return mod.createTarget(run.settings, deps);
}

export async function execute(plan: Exclude<Plan, { kind: 'skip' }>, target: BranchTarget, run: RunContext, check?: DeployChecker): Promise<Outcome> {
  const dryRun = run.settings.dryRun;
  switch (plan.kind) {
    case 'ensure':
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check });
    case 'deploy':
      return deployBranch(target, { gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    case 'remove': {
      // A delete event whose branch was pushed again since: the new branch's namespace stays.
      // DJ asks GitHub beside its own look-ups; the other targets ask first.
      const back = run.event.kind === 'delete' ? import('./delete-check.js').then(m => m.branchBack(target, run, plan.branch)) : undefined;
      back?.catch(() => undefined);
      if (back && target.name !== 'dj') {
        const kept = await back;
        if (kept) return kept;
      }
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun, ...(back && target.name === 'dj' ? { keep: back } : {}) });
    }
    case 'keep':
      return kept(target, plan.branch);
    case 'create':
      return createBranch(plan.branch, target, run);
    case 'list': {
      const branches = await target.list();
      return { target: target.name, operation: 'listed', branches, results: [], notes: [`${branches.length} branch${branches.length === 1 ? '' : 'es'}.`] };
    }
    case 'prune':
      return prune(target, run);
  }
}

function kept(target: BranchTarget, branch: string): Outcome {
  const name = target.nameFor(branch);
  const url = target.urlFor?.(name);
  return {
    target: target.name,
    operation: 'unchanged',
    why: 'kept',
    name,
    ...(url ? { url } : {}),
    gitBranch: branch,
    results: [],
    notes: [`Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`],
  };
}
