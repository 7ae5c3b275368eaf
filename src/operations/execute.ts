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
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check, ...(plan.refresh ? { refresh: true } : {}) });
    case 'deploy':
      return deployBranch(target, { gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    case 'remove': {
      // A delete event leaves the namespace when its branch was pushed again since (the new
      // branch's namespace), or when the branch's pull request carries the keep label (SPEC §13).
      // DJ asks GitHub beside its own look-ups; the other targets ask first.
      const keep =
        run.event.kind === 'delete'
          ? firstReason([import('./delete-check.js').then(m => m.branchBack(target, run, plan.branch)), keptByLabel(run, target, plan.branch)])
          : undefined;
      keep?.catch(() => undefined);
      if (keep && target.name !== 'dj') {
        const kept = await keep;
        if (kept) return kept;
      }
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun, ...(keep && target.name === 'dj' ? { keep } : {}) });
    }
    case 'keep':
      return kept(target, plan.branch, plan.byLabel);
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

/** The first of `reasons` (in order) that gives an outcome: the namespace is left for it. */
async function firstReason(reasons: Promise<Outcome | undefined>[]): Promise<Outcome | undefined> {
  return (await Promise.all(reasons)).find(Boolean);
}

/** The kept outcome when the newest pull request of `branch` carries the keep label; undefined otherwise. Never rejects. */
async function keptByLabel(run: RunContext, target: BranchTarget, branch: string): Promise<Outcome | undefined> {
  const label = await (await import('../commands/keep-label.js')).keepLabelOfBranch(run, branch);
  return label ? kept(target, branch, label) : undefined;
}

function kept(target: BranchTarget, branch: string, byLabel?: string): Outcome {
  const name = target.nameFor(branch);
  const url = target.urlFor?.(name);
  return {
    target: target.name,
    operation: 'unchanged',
    why: 'kept',
    ...(byLabel ? { keptByLabel: byLabel } : {}),
    name,
    ...(url ? { url } : {}),
    gitBranch: branch,
    results: [],
    notes: [
      byLabel
        ? `Kept ${name} because the pull request has the label '${byLabel}'. Remove the label to delete it.`
        : `Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`,
    ],
  };
}
