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

/** What one run did; logs, outputs, comment and summary are all rendered from this. */
export interface Outcome {
  target: TargetName;
  operation: OperationResult;
  skipReason?: SkipReason;
  /** The branch namespace (dj) or branch name (fossil, pdc) acted on. */
  name?: string;
  /** Link to `name` in the target's UI, when there is one. */
  url?: string;
  gitBranch?: string;
  /** Commit the server deployed, when known. */
  deployedSha?: string;
  /** Commit the event pointed at (PR head, push after), to compare with `deployedSha`. */
  expectedSha?: string;
  results: DeploymentResult[];
  /** For list and prune. */
  branches?: TargetBranch[];
  /** For prune: names removed (or that would be, in dry-run). */
  pruned?: string[];
  /** For prune: per-branch failures; any makes the step fail after the others ran. */
  failures?: { name: string; message: string }[];
  nodesDeleted?: number;
  /** Sentences for people, in order: "Linked …", "Kept …", "Would PATCH …". */
  notes: string[];
}

/** Options shared by every target call. */
export interface CallOptions {
  /** Decide and report, but send no request that changes state. */
  dryRun: boolean;
}

/** Ensure a target branch exists for a git branch that exists, then deploy it if asked. */
export interface EnsureRequest extends CallOptions {
  gitBranch: string;
  deploy: boolean;
  /** Commit the event points at, for the deployed-vs-expected comparison. */
  expectedSha?: string;
}

/** Deploy a branch again (push, explicit sync). */
export interface DeployRequest extends CallOptions {
  gitBranch: string;
  /** When false, a branch the target does not know is an error instead of `skipped: not-linked`. */
  skipWhenNotLinked: boolean;
  expectedSha?: string;
}

/** Remove the target branch of a git branch. */
export interface RemoveRequest extends CallOptions {
  gitBranch: string;
  /** Ask the server to delete the git branch too (DJ only, explicit delete only). */
  deleteGitBranch: boolean;
  /** The entry from {@link BranchTarget.list} when known (prune): spares the look-up. */
  known?: TargetBranch;
}

/** Create the git branch and the target branch together (explicit create of a branch git does not have). */
export interface CreateRequest extends CallOptions {
  gitBranch: string;
}

/** One server that holds branches. */
export interface BranchTarget {
  readonly name: TargetName;
  /**
   * The target-side name of a git branch, computed locally with the server's rule.
   * Throws an {@link InputError} (nothing sent) when the server would mangle or refuse it.
   */
  nameFor(gitBranch: string): string;
  /** Link or create for an existing git branch, then deploy when asked. created / updated / unchanged / planned. */
  ensure(req: EnsureRequest): Promise<Outcome>;
  /** Deploy an existing target branch. updated / skipped(not-linked) / planned. */
  deploy(req: DeployRequest): Promise<Outcome>;
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
}

/** A user mistake (bad input, refused branch name): nothing was sent. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A refusal that protects data (collision, default-branch delete): nothing was changed. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
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
