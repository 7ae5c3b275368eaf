/**
 * The seam between "what should happen" (plan) and "how a server does it" (targets).
 * Every target (DJ, Fossil, PDC) implements {@link BranchTarget}; what it returns is the
 * vocabulary of `src/outcome.ts`, which events, plans, reports and outputs speak.
 */
import type { EarlierDeployment, Outcome, OutcomeBase, SkippedOutcome, TargetBranch, TargetName } from '../outcome.js';
import { InputError, RefusedError } from '../errors.js';
import type { Repo } from '../event.js';
import type { RetryListener } from '../http.js';

// Re-exported so a target (and the report above it) needs one import for its vocabulary.
export * from '../outcome.js';

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
  /** A label event or `/dj preview` (SPEC §13): a namespace that does not exist is not created (`skipped: not-linked`). */
  refresh?: boolean;
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
  /**
   * DJ only: started by the caller beside the target's own look-ups (a delete event's branch
   * pushed again since; its pull request carrying the keep label, SPEC §13), awaited just before
   * the DELETE: when it gives an outcome, that is the answer and nothing is deleted.
   */
  keep?: Promise<Outcome | undefined>;
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
  /** The pull request's base branch: its namespace is what the preview merges into (SPEC §10), when it has one. */
  baseBranch?: string;
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
  repository?(): Promise<Repo>;
  /**
   * DJ only: what merging the pull request would do to the default-branch namespace (SPEC §10),
   * or why there is no preview. Never rejects: a server without impact analysis, or an answer
   * that cannot be used, is `{ unavailable }`.
   */
  preview?(req: PreviewRequest): Promise<import('./dj/impact.js').ImpactReport>;
  /** DJ only: the requests of the merge preview's review (SPEC §10.1). */
  reviewIO?(): import('./dj/review.js').ReviewIO;
}

/** What the action gives a target: logging and masking without importing the runner. */
export interface TargetDeps {
  /** A plain log line. */
  log: (message: string) => void;
  /** Masks a secret received from a server (tokens) before anything could print it. */
  mask: (secret: string) => void;
  /** HTTP settings every client uses. */
  http: { timeoutMs: number; retries: number; onRetry?: RetryListener };
  /**
   * The repository the event came from (null: unknown). A target that follows a repository
   * refuses to act for another one unless `allow-other-repository` is set. Left out by library
   * users, who have no event: then no check.
   */
  repository?: Repo | null;
  /** Called as the target asks its server to deploy a namespace (the GitHub deployment starts beside it). */
  onDeploying?: (namespace: string) => void;
}

/**
 * "Not linked", decided here for every target: the branch has nothing on the target to deploy
 * into. A push (`skipWhenNotLinked`) skips it, because a branch is linked by its create event, not
 * by every push; an explicit sync refuses. `why` says what is missing, `what` what to create.
 */
export function notLinked(req: DeployRequest, base: OutcomeBase, why: string, what: string): SkippedOutcome {
  if (!req.skipWhenNotLinked) throw new RefusedError(`${why}. Nothing was deployed; create ${what} first (operation 'create').`);
  return { ...base, operation: 'skipped', skipReason: 'not-linked', notes: [...base.notes, `${why}; nothing was deployed`] };
}

/**
 * The deploy step of a run (push, explicit sync) for any target. A push to a branch that can
 * never have a target-side name (release/1.2 under DJ) is not linked, not an error on every
 * push; creating it is what fails. A target without a deploy step has nothing to do.
 */
export async function deployBranch(target: BranchTarget, req: DeployRequest): Promise<Outcome> {
  let name: string;
  try {
    name = target.nameFor(req.gitBranch);
  } catch (err) {
    if (!(err instanceof InputError) || !req.skipWhenNotLinked) throw err;
    return { target: target.name, operation: 'skipped', skipReason: 'not-linked', gitBranch: req.gitBranch, results: [], notes: [err.message] };
  }
  if (target.deploy) return target.deploy(req);
  return {
    target: target.name,
    operation: 'unchanged',
    why: 'linked',
    name,
    gitBranch: req.gitBranch,
    results: [],
    notes: [`${target.name} has no deploy step: nothing to do for ${name}.`],
  };
}
