/**
 * The vocabulary of a run's result, below every layer that speaks it: what happened
 * ({@link Outcome}, one variant per `operation`), why nothing did ({@link SkipReason}), and the
 * branches a target lists. Plans, targets, reports and outputs all use these; this module
 * imports nothing, so none of them has to import another for a type.
 */

/** Which server the action drives. */
export type TargetName = 'dj' | 'fossil' | 'pdc';

/** The `operation` output: what happened. */
export type OperationResult = 'created' | 'updated' | 'unchanged' | 'deleted' | 'absent' | 'listed' | 'pruned' | 'skipped' | 'planned';

/** The `skip-reason` output. */
export type SkipReason =
  'tag' | 'default-branch' | 'ignored-branch' | 'fork' | 'unsupported-event' | 'unsupported-action' | 'not-linked' | 'not-a-command' | 'not-permitted' | 'help';

/** Status of one DJ deployment result. */
export type ResultStatus = 'success' | 'failed' | 'skipped' | 'invalid' | 'warning';

/** One deployed node or link, as DJ reports it (the `results` output). */
export interface DeploymentResult {
  name: string;
  deploy_type: string;
  status: ResultStatus | string;
  operation: string;
  message: string;
}

/** A branch as a target lists it: the row of the `list` table and the input of `prune`. */
export interface TargetBranch {
  /** The target-side name: DJ namespace, Fossil or PDC branch name. */
  name: string;
  /** The git branch it follows ('' when the target does not know). */
  gitBranch: string;
  /** The default-branch (or otherwise protected) entry: never pruned. */
  isDefault: boolean;
  /** Newest change the target knows of (ISO 8601), if any. */
  lastUpdatedAt?: string | null;
  nodes?: number;
  invalidNodes?: number;
  /** Free-form state where the target has one (Fossil: open/closed, PDC: active). */
  state?: string;
  /** The server's own object, for the `branches` output. */
  raw: unknown;
}

/** What every outcome carries: where it happened and the sentences for people. */
export interface OutcomeBase {
  target: TargetName;
  /** The branch namespace (dj) or branch name (fossil, pdc) acted on. */
  name?: string;
  /** Link to `name` in the target's UI, when there is one. */
  url?: string;
  gitBranch?: string;
  /** The `results` output: what a deployment reported, per node ([] when nothing was deployed). */
  results: DeploymentResult[];
  /** Sentences for people, in order: "Linked …", "Kept …", "Would PATCH …". */
  notes: string[];
}

/** Which commit a deployment is about. */
export interface CommitFields {
  /** Commit the server deployed (or that the namespace already held), when known. */
  deployedSha?: string;
  /** Commit the event pointed at (PR head, push after), to compare with `deployedSha`. */
  expectedSha?: string;
}

/** A commit deployed earlier, found in the commit's statuses (SPEC §4.1). */
export interface EarlierDeployment {
  /** The commit status's description: the counts of that deployment. */
  description: string;
  /** The workflow run that deployed it, when the status names it. */
  runUrl?: string;
}

/** Linked (and deployed, when `results` or `deployedSha` say so). */
export interface ChangedOutcome extends OutcomeBase, CommitFields {
  operation: 'created' | 'updated';
}

/** Nothing changed, and why. */
export interface UnchangedOutcome extends OutcomeBase, CommitFields {
  operation: 'unchanged';
  /**
   * `linked`: it exists and is in step (no deploy asked or possible); `kept`: `on-pr-close: keep`;
   * `deployed`: this commit is already deployed (commit status); `no-changes`: `deploy: changed`
   * and the commit changes nothing under `git_path`.
   */
  why: 'linked' | 'kept' | 'deployed' | 'no-changes' | 'branch-exists';
  earlier?: EarlierDeployment;
  /** `kept` because the pull request carries this label (SPEC §13). */
  keptByLabel?: string;
}

/** Removed (DJ: deleted; Fossil: closed; PDC: deleted). */
export interface DeletedOutcome extends OutcomeBase {
  operation: 'deleted';
  /** DJ only: how many nodes the namespace held. */
  dj?: { nodesDeleted: number };
}

/** Nothing to remove. */
export interface AbsentOutcome extends OutcomeBase {
  operation: 'absent';
}

/** `list`. */
export interface ListedOutcome extends OutcomeBase {
  operation: 'listed';
  branches: TargetBranch[];
}

/** What `prune` found and did. */
export interface PruneReport {
  branches: TargetBranch[];
  /** Names removed (or that would be, in dry-run). */
  pruned: string[];
  /** Per-branch failures; any makes the step fail after the others ran. */
  failures: { name: string; message: string }[];
}

/** `prune`. */
export interface PrunedOutcome extends OutcomeBase, PruneReport {
  operation: 'pruned';
}

/** Dry-run: what would happen (in `notes`); `prune` also carries what it found. */
export type PlannedOutcome =
  (OutcomeBase & CommitFields & { operation: 'planned'; of: 'ensure' | 'deploy' | 'remove' | 'create' }) | (OutcomeBase & PruneReport & { operation: 'planned'; of: 'prune' });

/** Nothing done, and why (`skip-reason`). */
export interface SkippedOutcome extends OutcomeBase {
  operation: 'skipped';
  skipReason: SkipReason;
}

/**
 * What one run did, one variant per `operation`; logs, outputs, comment and summary are all
 * rendered from this and know what ran from `operation` alone.
 */
export type Outcome = ChangedOutcome | UnchangedOutcome | DeletedOutcome | AbsentOutcome | ListedOutcome | PrunedOutcome | PlannedOutcome | SkippedOutcome;

/** A run that failed before it had an outcome (bad input, a server error): what the report shows. */
export interface FailedOutcome extends OutcomeBase {
  operation: 'failed';
}

/** What a report renders: an outcome, or the failure that prevented one. */
export type Reported = Outcome | FailedOutcome;

/** The operations a target without deployments reports. */
export type SimpleOperation = 'created' | 'updated' | 'unchanged' | 'deleted' | 'absent' | 'planned';

/**
 * The outcome of a target without deployments (Fossil, PDC): `unchanged` means "exists and is
 * in step"; `planned` is for the request named by `of`.
 */
export function simpleOutcome(base: OutcomeBase, operation: SimpleOperation, of: 'ensure' | 'deploy' | 'remove' | 'create' = 'ensure'): Outcome {
  switch (operation) {
    case 'unchanged':
      return { ...base, operation, why: 'linked' };
    case 'planned':
      return { ...base, operation, of };
    default:
      return { ...base, operation };
  }
}

/** The commit fields of an outcome that has them. */
export function commitOf(outcome: Reported): CommitFields {
  switch (outcome.operation) {
    case 'created':
    case 'updated':
    case 'unchanged':
      return outcome;
    case 'planned':
      return outcome.of === 'prune' ? {} : outcome;
    default:
      return {};
  }
}

/** The prune report of an outcome that has one. */
export function pruneOf(outcome: Reported): PruneReport | undefined {
  return outcome.operation === 'pruned' || (outcome.operation === 'planned' && outcome.of === 'prune') ? outcome : undefined;
}

/** The branches of `list` and `prune`. */
export function branchesOf(outcome: Reported): TargetBranch[] | undefined {
  return outcome.operation === 'listed' ? outcome.branches : pruneOf(outcome)?.branches;
}

/** An error raised after the server acted, carrying what is known of what it did. */
export type ErrorWithOutcome = Error & { knownOutcome: Outcome };

/**
 * Attaches to `err` the outcome known so far (the server acted, only its answer was unusable),
 * so the outputs and the summary still say what happened while the step fails.
 */
export function withKnownOutcome<E extends Error>(err: E, outcome: Outcome): E & { knownOutcome: Outcome } {
  return Object.assign(err, { knownOutcome: outcome });
}

/** The outcome attached by {@link withKnownOutcome}, if any. */
export function knownOutcomeOf(err: unknown): Outcome | undefined {
  const known = err instanceof Error ? (err as Partial<ErrorWithOutcome>).knownOutcome : undefined;
  return known && typeof known === 'object' ? known : undefined;
}

/** Counts of results by status, with every status present. */
export function countByStatus(results: DeploymentResult[]): Record<ResultStatus, number> & Record<string, number> {
  // A Map, not an object: a status such as `constructor` or `__proto__` from a server must
  // count as itself, not read or replace what every object inherits.
  const counts = new Map<string, number>([
    ['success', 0],
    ['failed', 0],
    ['invalid', 0],
    ['skipped', 0],
    ['warning', 0],
  ]);
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return Object.fromEntries(counts) as Record<ResultStatus, number> & Record<string, number>;
}
