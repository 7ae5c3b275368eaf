/**
 * The seam between "what should happen" (plan) and "how a server does it" (targets).
 * Every target (DJ, Fossil, PDC) implements {@link BranchTarget}; events, plans, reports
 * and outputs only ever see these types.
 */

/** Which server the action drives. */
export type TargetName = 'dj' | 'fossil' | 'pdc';

/** The `operation` output: what happened. */
export type OperationResult =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'deleted'
  | 'absent'
  | 'listed'
  | 'pruned'
  | 'skipped'
  | 'planned';

/** The `skip-reason` output. */
export type SkipReason =
  | 'tag'
  | 'default-branch'
  | 'ignored-branch'
  | 'fork'
  | 'unsupported-event'
  | 'unsupported-action'
  | 'not-linked';

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
  why: 'linked' | 'kept' | 'deployed' | 'no-changes';
  earlier?: EarlierDeployment;
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
  | (OutcomeBase & CommitFields & { operation: 'planned'; of: 'ensure' | 'deploy' | 'remove' | 'create' })
  | (OutcomeBase & PruneReport & { operation: 'planned'; of: 'prune' });

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

/** Options shared by every target call. */
export interface CallOptions {
  /** Decide and report, but send no request that changes state. */
  dryRun: boolean;
}

/**
 * Whether the commit still needs deploying, from its commit statuses (SPEC §4.1). The caller
 * starts the look-ups before the target's own; the target asks only for a namespace that exists
 * and is linked (a new namespace is always deployed). Never rejects.
 */
export type DeployCheck =
  | { deploy: true }
  | {
      deploy: false;
      why: 'deployed' | 'no-changes';
      /** The commit the namespace holds. */
      sha: string;
      /** One sentence for people: "… was deployed to … by workflow run 4242". */
      note: string;
      earlier?: EarlierDeployment;
    };

/** Asks whether to deploy, given what the target learnt about the root (its `git_path`). */
export type DeployChecker = (facts: { gitPath?: string | null }) => Promise<DeployCheck>;

/** Ensure a target branch exists for a git branch that exists, then deploy it if asked. */
export interface EnsureRequest extends CallOptions {
  gitBranch: string;
  deploy: boolean;
  /** Commit the event points at, for the deployed-vs-expected comparison. */
  expectedSha?: string;
  /** Skips the deployment of a linked namespace that already holds the commit. */
  check?: DeployChecker;
}

/** Deploy a branch again (push, explicit sync). */
export interface DeployRequest extends CallOptions {
  gitBranch: string;
  /** When false, a branch the target does not know is an error instead of `skipped: not-linked`. */
  skipWhenNotLinked: boolean;
  expectedSha?: string;
  /** Skips the deployment when the namespace already holds the commit. */
  check?: DeployChecker;
}

/** Remove the target branch of a git branch. */
export interface RemoveRequest extends CallOptions {
  gitBranch: string;
  /** DJ only: ask the server to delete the git branch too (explicit delete only). */
  dj?: { deleteGitBranch: boolean };
  /** The entry from {@link BranchTarget.list} when known (prune): spares the look-up. */
  known?: TargetBranch;
}

/** Create the git branch and the target branch together (explicit create of a branch git does not have). */
export interface CreateRequest extends CallOptions {
  gitBranch: string;
}

/** What the merge preview needs from GitHub: the pull request's changed files and their texts. */
export interface PreviewRequest {
  /** The pull request's base (commit or branch) and head commit: compared with three dots. */
  base: string;
  head: string;
  /** Files changed from the merge base of `base` and `head` to `head`. */
  changedFiles(base: string, head: string): Promise<import('./dj/preview.js').ChangedFile[]>;
  /** A file's text at a commit, or undefined when it is not there. */
  readFile(ref: string, path: string): Promise<string | undefined>;
}

/** One server that holds branches. */
export interface BranchTarget {
  readonly name: TargetName;
  /**
   * The target-side name of a git branch, computed locally with the server's rule.
   * Throws an {@link InputError} (nothing sent) when the server would mangle or refuse it.
   */
  nameFor(gitBranch: string): string;
  /** Link to a target-side name in the target's UI, where it has one. */
  urlFor?(name: string): string | undefined;
  /** Link or create for an existing git branch, then deploy when asked. created / updated / unchanged / planned. */
  ensure(req: EnsureRequest): Promise<Outcome>;
  /**
   * Deploy an existing target branch: updated / unchanged / skipped(not-linked) / planned.
   * Only targets with a deploy step have it (DJ); for the others a push checks that the branch
   * exists and reports it unchanged.
   */
  deploy?(req: DeployRequest): Promise<Outcome>;
  /** Remove (DJ: delete; Fossil: close; PDC: delete). deleted / absent / planned. */
  remove(req: RemoveRequest): Promise<Outcome>;
  /** Create the git branch through the server too, where the server can (DJ). */
  createWithGitBranch?(req: CreateRequest): Promise<Outcome>;
  /** Every branch the target holds for this root / component / repository. */
  list(): Promise<TargetBranch[]>;
  /**
   * The git repository whose branches this target follows (DJ: the root's `github_repo_path`),
   * checked against the event's repository: a {@link RefusedError} when they differ and
   * `allow-other-repository` is not set. Targets that know no repository leave it out.
   */
  repository?(): Promise<import('../event.js').Repo>;
  /**
   * DJ only: what merging the pull request would do to the default-branch namespace (SPEC §10),
   * or why there is no preview. Never rejects: a server without impact analysis, or an answer
   * that cannot be used, is `{ unavailable }`.
   */
  preview?(req: PreviewRequest): Promise<import('../report/impact.js').ImpactReport>;
}

export { InputError, RefusedError } from '../errors.js';

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
  const counts = new Map<string, number>([['success', 0], ['failed', 0], ['invalid', 0], ['skipped', 0], ['warning', 0]]);
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return Object.fromEntries(counts) as Record<ResultStatus, number> & Record<string, number>;
}

/** What the action gives a target: logging and masking without importing the runner. */
export interface TargetDeps {
  /** A plain log line. */
  log: (message: string) => void;
  /** Masks a secret received from a server (tokens) before anything could print it. */
  mask: (secret: string) => void;
  /** HTTP settings every client uses. */
  http: { timeoutMs: number; retries: number; onRetry?: import('../http.js').RetryListener };
  /**
   * The repository the event came from (null: unknown). A target that follows a repository
   * refuses to act for another one unless `allow-other-repository` is set. Left out by library
   * users, who have no event: then no check.
   */
  repository?: import('../event.js').Repo | null;
}
