/**
 * Pure decision: (event, settings) → what to do. No I/O; table-driven tests cover it.
 */
import type { BranchEvent } from './event.js';
import type { Settings } from './settings.js';
import type { SkipReason } from './outcome.js';
import { InputError } from './errors.js';
import { branchMatchesGlobs } from './naming.js';

/** Pull-request facts a plan carries for the sticky comment. */
export interface PrRef {
  number: number;
  sha?: string;
}

/** What the run will do. */
export type Plan =
  | { kind: 'skip'; reason: SkipReason; branch?: string; why: string }
  | {
      kind: 'ensure';
      branch: string;
      deploy: boolean;
      sha?: string;
      pr?: PrRef;
      /** `/dj deploy`: deploy even if the commit is deployed. */ force?: boolean;
      /** A label event or `/dj preview`: the report brought up to date, nothing created or deployed (SPEC §13). */ refresh?: boolean;
    }
  | { kind: 'deploy'; branch: string; sha?: string; skipWhenNotLinked: boolean }
  | { kind: 'remove'; branch: string; deleteGitBranch: boolean; pr?: PrRef }
  | { kind: 'keep'; branch: string; pr: PrRef; /** Kept because the pull request carries this label (SPEC §13). */ byLabel?: string }
  | { kind: 'create'; branch: string }
  | { kind: 'list' }
  | { kind: 'prune' };

const ENSURE_ACTIONS = new Set(['opened', 'reopened', 'synchronize', 'ready_for_review']);

const skip = (reason: SkipReason, why: string, branch?: string): Plan => ({ kind: 'skip', reason, why, branch });

/** The branch-level guards every branch plan passes through: default and ignored branches. */
function guard(branch: string, event: BranchEvent, settings: Settings, allowDefault: boolean): Plan | undefined {
  if (!allowDefault && event.defaultBranch && branch === event.defaultBranch) {
    return skip('default-branch', `'${branch}' is the default branch; its namespace belongs to the root and is deployed by pushes, never created or deleted here.`, branch);
  }
  if (branchMatchesGlobs(branch, settings.ignoreBranches)) {
    return skip('ignored-branch', `'${branch}' matches 'ignore-branches'.`, branch);
  }
  return undefined;
}

/** Decides what `operation: auto` does for an event (SPEC §4). */
function planAuto(event: BranchEvent, settings: Settings): Plan {
  switch (event.kind) {
    case 'create':
    case 'delete': {
      if (event.refType === 'tag') return skip('tag', `A tag was ${event.kind}d ('${event.branch}'); tags have no namespace.`);
      return (
        guard(event.branch, event, settings, false) ??
        (event.kind === 'create' ? { kind: 'ensure', branch: event.branch, deploy: settings.deploy } : { kind: 'remove', branch: event.branch, deleteGitBranch: false })
      );
    }
    case 'push': {
      if (event.refType === 'tag') return skip('tag', `A tag was pushed ('${event.branch}'); tags have no namespace.`);
      if (event.deleted) {
        return skip('unsupported-action', `This push deleted '${event.branch}'; the delete event removes its namespace.`, event.branch);
      }
      if (!settings.deploy) return skip('unsupported-action', `'deploy: none': pushes deploy nothing.`, event.branch);
      return guard(event.branch, event, settings, true) ?? { kind: 'deploy', branch: event.branch, sha: event.sha, skipWhenNotLinked: true };
    }
    case 'pull_request': {
      const closing = event.action === 'closed';
      const labelEvent = (event.action === 'labeled' || event.action === 'unlabeled') && (event.label === settings.keepLabel || event.label === settings.acceptImpactLabel);
      if (!closing && !labelEvent && !ENSURE_ACTIONS.has(event.action)) {
        return skip('unsupported-action', `Pull request action '${event.action}' changes nothing in the namespace.`, event.branch);
      }
      if (event.fork) {
        return skip(
          'fork',
          `The pull request comes from a fork: its branch is not in this repository and GitHub withholds secrets from fork runs, so there is no namespace to sync. A maintainer can push the branch to this repository to get one.`,
          event.branch,
        );
      }
      const pr: PrRef = { number: event.number, sha: event.sha };
      const guarded = guard(event.branch, event, settings, false);
      if (guarded) return guarded;
      const keepLabel = event.labels?.includes(settings.keepLabel) ? settings.keepLabel : undefined;
      if (labelEvent) return planLabel(event, settings, pr, keepLabel);
      if (!closing) return { kind: 'ensure', branch: event.branch, deploy: settings.deploy, sha: event.sha, pr };
      if (keepLabel) return { kind: 'keep', branch: event.branch, pr, byLabel: keepLabel };
      return settings.onPrClose === 'delete' ? { kind: 'remove', branch: event.branch, deleteGitBranch: false, pr } : { kind: 'keep', branch: event.branch, pr };
    }
    default:
      return skip('unsupported-event', `Event '${event.name}' does nothing with 'operation: auto'; use an explicit 'operation' (create, delete, sync, list, prune).`);
  }
}

/**
 * `labeled` / `unlabeled` with the keep or the accept label (SPEC §13): nothing is deployed. An
 * open pull request's report is brought up to date (the namespace ensured without deploying, the
 * preview again); a closed one keeps its namespace while it carries the keep label, and removing
 * that label deletes it then, as `on-pr-close` says. The open pull request's plan is a `refresh`:
 * a namespace that does not exist is not created, and the check run of the refreshed verdict is
 * written on a commit already deployed (report/refresh-check-run.ts).
 */
function planLabel(event: Extract<BranchEvent, { kind: 'pull_request' }>, settings: Settings, pr: PrRef, keepLabel: string | undefined): Plan {
  if (event.state !== 'closed') return { kind: 'ensure', branch: event.branch, deploy: false, sha: event.sha, pr, refresh: true };
  if (event.label !== settings.keepLabel) {
    return skip('unsupported-action', `The pull request is closed: the label '${event.label ?? ''}' changes nothing in its namespace.`, event.branch);
  }
  if (keepLabel) return { kind: 'keep', branch: event.branch, pr, byLabel: keepLabel };
  return settings.onPrClose === 'delete' ? { kind: 'remove', branch: event.branch, deleteGitBranch: false, pr } : { kind: 'keep', branch: event.branch, pr };
}

/** The branch an explicit operation acts on: input `branch`, else the event's own branch. */
function explicitBranch(event: BranchEvent, settings: Settings): string {
  if (settings.branch) return settings.branch;
  const fromEvent = event.kind === 'other' ? undefined : event.branch;
  if (fromEvent && !(event.kind !== 'other' && 'refType' in event && event.refType === 'tag')) return fromEvent;
  throw new InputError(`Input 'branch' is required for 'operation: ${settings.operation}' on a '${event.kind === 'other' ? event.name : event.kind}' event.`);
}

/** Decides what the run does. Throws {@link InputError} when the inputs cannot make a plan. */
export function decide(event: BranchEvent, settings: Settings): Plan {
  switch (settings.operation) {
    case 'auto':
      return planAuto(event, settings);
    case 'list':
      return { kind: 'list' };
    case 'prune':
      return { kind: 'prune' };
    case 'create': {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, false) ?? { kind: 'create', branch };
    }
    case 'delete': {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, false) ?? { kind: 'remove', branch, deleteGitBranch: settings.deleteGitBranch };
    }
    case 'sync': {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, true) ?? { kind: 'deploy', branch, skipWhenNotLinked: false };
    }
  }
}

/** The git branch a plan acts on, if it acts on one. */
export function branchOf(plan: Plan): string | undefined {
  return 'branch' in plan ? plan.branch : undefined;
}

/** The pull request a plan reports to, if any. */
export function prOf(plan: Plan): PrRef | undefined {
  return 'pr' in plan ? plan.pr : undefined;
}
