/**
 * Fossil semantics behind {@link BranchTarget} (SPEC §8, reference/fossil-api.md §9):
 * a git branch maps to the Fossil branch of the same name; create makes it from the basis
 * (or reopens it when it exists closed), delete closes it (Fossil cannot delete a branch),
 * and there is no deploy. Decisions come from reads; a write follows only when something
 * must change, and never in a dry run.
 */
import type { Settings, FossilSettings } from '../../settings.js';
import {
  type BranchTarget,
  type DeployRequest,
  type EnsureRequest,
  type Outcome,
  type SimpleOperation,
  notLinked,
  simpleOutcome,
  type RemoveRequest,
  type TargetBranch,
  type TargetDeps,
} from '../target.js';
import { InputError, RefusedError } from '../../errors.js';
import { FossilClient, FossilError, type BranchState } from './client.js';

/** Characters git never allows in a branch name: whitespace, controls, `~ ^ : ? * [ \`. */
// eslint-disable-next-line no-control-regex -- control characters are what this rule looks for
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/**
 * The Fossil branch for a git branch: the same name. Fossil itself only refuses an empty
 * name (§6), so the check is git's own rule (`git check-ref-format --branch`): a name git
 * cannot have produced is a mistake in the `branch` input, and names with blanks or control
 * characters would be stored verbatim in Fossil check-ins. Names Fossil would read as
 * something else (`tip`, dates, hex prefixes) are fine: the client always says `tag:<name>`.
 */
export function fossilBranchName(gitBranch: string): string {
  const reason = invalidBecause(gitBranch);
  if (reason) {
    throw new InputError(`Branch '${gitBranch}' cannot be mapped to a Fossil branch: ${reason}. It is not a valid git branch name; check the 'branch' input.`);
  }
  return gitBranch;
}

function invalidBecause(name: string): string | undefined {
  if (!name) return 'the name is empty';
  const bad = FORBIDDEN.exec(name);
  // eslint-disable-next-line no-control-regex -- telling a control character from a punctuation mark
  if (bad) return `it contains ${/[\x00-\x20\x7f]/.test(bad[0]) ? 'a blank or control character' : `'${bad[0]}'`}`;
  if (name.startsWith('-')) return "it starts with '-'";
  if (name === '@' || name.includes('@{')) return "it is '@' or contains '@{'";
  if (name.includes('..')) return "it contains '..'";
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return "it has an empty path component ('/' at an end or '//')";
  if (name.endsWith('.')) return "it ends with '.'";
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `its component '${part}' starts with '.'`;
    if (part.endsWith('.lock')) return `its component '${part}' ends with '.lock'`;
  }
  return undefined;
}

/** Builds the Fossil target from `settings.fossil` (set by settings when `target: fossil`). */
export function createTarget(settings: Settings, deps: TargetDeps): BranchTarget {
  if (!settings.fossil) throw new InputError(`Input 'fossil-url' is required for target 'fossil'.`);
  const { url, user, password } = settings.fossil;
  return new FossilTarget(new FossilClient({ url, user, password }, deps), settings.fossil, deps);
}

/** What a Fossil branch looks like before acting on it. */
type Found = BranchState | 'missing';

class FossilTarget implements BranchTarget {
  readonly name = 'fossil' as const;

  constructor(
    private readonly client: FossilClient,
    private readonly settings: FossilSettings,
    private readonly deps: TargetDeps,
  ) {}

  nameFor(gitBranch: string): string {
    return fossilBranchName(gitBranch);
  }

  async ensure(req: EnsureRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    const basis = this.settings.basis;
    const found = await this.find(name);
    if (found !== 'missing') return this.keep(name, req, found);
    if (req.dryRun) return this.outcome(name, req.gitBranch, 'planned', `Would create the Fossil branch '${name}' from '${basis}' (POST /json/branch/create).`);
    try {
      const created = await this.client.createBranch({ name, basis });
      return this.outcome(name, req.gitBranch, 'created', `Created the Fossil branch '${name}' from '${basis}' (first check-in ${created.uuid.slice(0, 10)}).`);
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 3000 && /exists/i.test(err.resultText))) throw err;
      // Another run may have made it since the look-up; otherwise a plain tag holds the name.
      const now = await this.find(name);
      if (now !== 'missing') return this.keep(name, req, now);
      throw new RefusedError(
        `Fossil refused to create branch '${name}': "${err.resultText}" Yet it is not in Fossil's branch list, so a tag of that name exists (Fossil tags and branches share one namespace). Nothing was changed.`,
      );
    }
  }

  /** An existing branch: open stays as it is, closed is reopened (git re-created the branch). */
  private async keep(name: string, req: EnsureRequest, state: BranchState): Promise<Outcome> {
    if (state === 'open') return this.outcome(name, req.gitBranch, 'unchanged', `The Fossil branch '${name}' already exists and is open.`);
    if (req.dryRun) return this.outcome(name, req.gitBranch, 'planned', `Would reopen the closed Fossil branch '${name}' (POST /json/tag/cancel).`);
    await this.client.reopenBranch(name);
    // `updated`, not `created`: the branch and its history were there all along.
    return this.outcome(name, req.gitBranch, 'updated', `Reopened the closed Fossil branch '${name}'.`);
  }

  async deploy(req: DeployRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    const found = await this.find(name);
    if (found === 'missing') {
      return notLinked(
        req,
        { target: 'fossil', name, url: this.urlFor(name), gitBranch: req.gitBranch, results: [], notes: [] },
        `There is no Fossil branch '${name}'`,
        'the Fossil branch',
      );
    }
    const state = found === 'open' ? 'is open' : "is closed (a create event or 'operation: create' reopens it)";
    return this.outcome(name, req.gitBranch, 'unchanged', `Fossil has no deploy step: the branch '${name}' ${state}; the action keeps branches in step, not commits.`);
  }

  async remove(req: RemoveRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    if (this.isProtected(name)) {
      throw new RefusedError(`The Fossil branch '${name}' is trunk or the basis of new branches ('fossil-basis'); the action never closes it. Nothing was changed.`);
    }
    const found: Found = req.known?.name === name && (req.known.state === 'open' || req.known.state === 'closed') ? req.known.state : await this.find(name);
    if (found === 'missing') return this.outcome(name, req.gitBranch, 'absent', `There is no Fossil branch '${name}'.`);
    // Closing again would only pile up control artifacts (§9.3).
    if (found === 'closed') return this.outcome(name, req.gitBranch, 'absent', `The Fossil branch '${name}' is already closed.`);
    if (req.dryRun)
      return this.outcome(name, req.gitBranch, 'planned', `Would close the Fossil branch '${name}' (POST /json/tag/add 'closed'); Fossil cannot delete a branch.`, 'remove');
    await this.client.closeBranch(name);
    return this.outcome(
      name,
      req.gitBranch,
      'deleted',
      `Closed the Fossil branch '${name}' (Fossil cannot delete a branch; closing is its reversible equivalent), confirmed in Fossil's closed list.`,
    );
  }

  async list(): Promise<TargetBranch[]> {
    const states = await this.client.branchStates();
    return [...states].map(([name, state]) => ({
      name,
      gitBranch: name,
      isDefault: this.isProtected(name),
      state,
      // SPEC §3: the `branches` output holds names for fossil.
      raw: name,
    }));
  }

  /** Fossil's main branch and the basis: the equivalent of DJ's default-branch namespace. */
  private isProtected(name: string): boolean {
    return name === this.settings.basis || name === 'trunk';
  }

  private async find(name: string): Promise<Found> {
    const state = (await this.client.branchStates()).get(name) ?? 'missing';
    this.deps.log(`Fossil branch '${name}': ${state}.`);
    return state;
  }

  private outcome(name: string, gitBranch: string, operation: SimpleOperation, note: string, of?: 'ensure' | 'deploy' | 'remove'): Outcome {
    return simpleOutcome({ target: 'fossil', name, url: this.urlFor(name), gitBranch, results: [], notes: [note] }, operation, of);
  }

  urlFor(name: string): string {
    return `${this.settings.url}/timeline?r=${encodeURIComponent(name)}`;
  }
}
