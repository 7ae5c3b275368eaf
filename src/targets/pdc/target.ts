/**
 * PDC semantics behind {@link BranchTarget}: a git branch is a component branch of one
 * global component and type, with the SLAs of `pdc-slas` attached (PDC calls a branch
 * active only while one of its SLAs lasts). Create follows reference/pdc-api.md §8.1,
 * delete §8.2 (by id, SLA links go by cascade), list §8.3. PDC has no deploy step.
 */
import type { PdcSettings, PdcSla, Settings } from '../../settings.js';
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
import { InputError } from '../../errors.js';
import { PDCClient, PDCError, type ComponentBranch } from './client.js';

/** PDC's `BranchNameField` limit. */
export const PDC_NAME_MAX = 300;

/**
 * The PDC branch name of a git branch: the same name, which PDC stores as is (no character
 * restrictions, slashes included). Refuses what PDC would reject: an empty name, or one
 * longer than 300 characters. A server's own blacklist regex cannot be known from here;
 * its 400 answer names the regex.
 */
export function pdcBranchName(gitBranch: string): string {
  if (!gitBranch) throw new InputError('The git branch name is empty; PDC needs a branch name.');
  // Python counts code points, not UTF-16 units.
  const length = [...gitBranch].length;
  if (length > PDC_NAME_MAX) {
    throw new InputError(
      `Branch '${gitBranch.slice(0, 60)}…' has ${length} characters; PDC refuses branch names longer than ${PDC_NAME_MAX}. Add it to 'ignore-branches' or use a shorter name.`,
    );
  }
  return gitBranch;
}

function describeSlas(slas: PdcSla[]): string {
  return slas.map(s => `${s.type} until ${s.eol}`).join(', ');
}

class PdcTarget implements BranchTarget {
  readonly name = 'pdc' as const;

  constructor(
    private readonly client: PDCClient,
    private readonly pdc: PdcSettings,
    private readonly deps: TargetDeps,
  ) {}

  nameFor(gitBranch: string): string {
    return pdcBranchName(gitBranch);
  }

  async ensure(req: EnsureRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    const outcome = await this.explained(async () => {
      const existing = await this.find(name);
      return existing ? this.completeSlas(existing, req.dryRun) : this.create(name, req.dryRun);
    });
    if (req.deploy) outcome.notes.push('PDC has no deploy step: the branch record is all there is.');
    return outcome;
  }

  async deploy(req: DeployRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    const existing = await this.explained(() => this.find(name));
    if (!existing) {
      return notLinked(req, { target: 'pdc', name, gitBranch: req.gitBranch, results: [], notes: [] }, `PDC has no branch '${name}' in ${this.where()}`, 'the PDC branch');
    }
    return this.outcome(
      name,
      req.dryRun ? 'planned' : 'unchanged',
      [`PDC branch '${name}' exists (id ${existing.id}); PDC has no deploy step, so there is nothing to do.`],
      existing,
      'deploy',
    );
  }

  async remove(req: RemoveRequest): Promise<Outcome> {
    const name = this.nameFor(req.gitBranch);
    return this.explained(async () => {
      const known = req.known && isComponentBranch(req.known.raw) && req.known.raw.name === name ? req.known.raw : undefined;
      const existing = known ?? (await this.find(name));
      if (!existing) {
        return this.outcome(name, req.dryRun ? 'planned' : 'absent', [`PDC has no branch '${name}' in ${this.where()}; nothing to delete.`], undefined, 'remove');
      }
      // Deleting the branch deletes its SLA links too (PDC cascades), so they need not go first.
      const links = existing.slas.length ? `; its SLA links (${existing.slas.map(s => s.sla).join(', ')}) go with it` : '';
      if (req.dryRun) {
        return this.outcome(name, 'planned', [`Would DELETE PDC branch '${name}' (id ${existing.id})${links}.`], existing, 'remove');
      }
      const deleted = await this.client.deleteBranch(existing.id, { comment: `git delete ${name}` });
      if (!deleted) return this.outcome(name, 'absent', [`PDC branch '${name}' (id ${existing.id}) was gone already when the delete arrived.`]);
      this.deps.log(`Deleted PDC branch '${name}' (id ${existing.id}).`);
      return this.outcome(name, 'deleted', [`Deleted PDC branch '${name}' (id ${existing.id})${links}.`]);
    });
  }

  async list(): Promise<TargetBranch[]> {
    const branches = await this.explained(() => this.client.listBranches({ global_component: this.pdc.globalComponent, type: this.pdc.branchType, page_size: 100 }));
    return branches.map(b => ({
      name: b.name,
      gitBranch: b.name,
      isDefault: false,
      state: b.active ? 'active' : 'inactive',
      raw: b,
    }));
  }

  private where(): string {
    return `component '${this.pdc.globalComponent}' (type ${this.pdc.branchType})`;
  }

  private find(name: string): Promise<ComponentBranch | null> {
    return this.client.findBranch({ global_component: this.pdc.globalComponent, name, type: this.pdc.branchType });
  }

  /** The branch exists: attach the configured SLAs it lacks. */
  private async completeSlas(existing: ComponentBranch, dryRun: boolean): Promise<Outcome> {
    const name = existing.name;
    const notes = [`PDC branch '${name}' exists (id ${existing.id}, ${existing.active ? 'active' : 'inactive'}).`];
    for (const want of this.pdc.slas) {
      const have = existing.slas.find(l => l.sla === want.type);
      if (have && have.eol !== want.eol) notes.push(`SLA ${want.type} ends ${have.eol}, not ${want.eol} as configured; left as it is.`);
    }
    const missing = this.pdc.slas.filter(want => !existing.slas.some(l => l.sla === want.type));
    if (!missing.length) return this.outcome(name, dryRun ? 'planned' : 'unchanged', notes, existing);
    if (dryRun) return this.outcome(name, 'planned', [...notes, `Would attach SLA ${describeSlas(missing)}.`], existing);
    await Promise.all(missing.map(sla => this.attach(name, sla)));
    return this.outcome(name, 'updated', [...notes, `Attached SLA ${describeSlas(missing)}.`], existing);
  }

  /** POSTs one SLA link; one that exists already (a concurrent run) counts as done. */
  private async attach(name: string, sla: PdcSla): Promise<ComponentBranch['id'] | undefined> {
    try {
      const link = await this.client.createSlaLink(
        { sla: sla.type, eol: sla.eol, branch: { global_component: this.pdc.globalComponent, name, type: this.pdc.branchType } },
        { comment: `git create ${name}` },
      );
      return link.branch.id;
    } catch (err) {
      if (err instanceof PDCError && err.duplicateSlaLink) return undefined;
      throw err;
    }
  }

  /**
   * The branch is missing. Without SLAs: POST the branch. With SLAs: the first SLA POST creates
   * the branch and its link in one step (nothing half-made if it fails); the others follow in
   * parallel, and if one fails the new branch is deleted again so no inactive stub remains.
   */
  private async create(name: string, dryRun: boolean): Promise<Outcome> {
    const slas = this.pdc.slas;
    const what = `PDC branch '${name}' in ${this.where()}${slas.length ? ` with SLA ${describeSlas(slas)}` : ''}`;
    if (dryRun) return this.outcome(name, 'planned', [`Would create ${what}.`]);
    const comment = { comment: `git create ${name}` };
    if (!slas.length) {
      try {
        const created = await this.client.createBranch({ global_component: this.pdc.globalComponent, name, type: this.pdc.branchType }, comment);
        return this.outcome(name, 'created', [`Created ${what}. PDC reports a branch without SLAs as inactive; set 'pdc-slas' to make it active.`], created);
      } catch (err) {
        if (!(err instanceof PDCError && err.alreadyExists)) throw err;
        const raced = await this.find(name);
        if (!raced) throw err;
        return this.outcome(name, 'unchanged', [`PDC branch '${name}' was created by someone else a moment ago (id ${raced.id}).`], raced);
      }
    }
    const [first, ...rest] = slas as [PdcSla, ...PdcSla[]];
    const id = await this.attach(name, first);
    if (id === undefined) {
      // The link exists, so the branch does too: a concurrent run got there first.
      const raced = await this.find(name);
      if (!raced) throw new Error(`PDC says SLA ${first.type} of branch '${name}' exists, yet the branch is not listed.`);
      return this.completeSlas(raced, false);
    }
    try {
      await Promise.all(rest.map(sla => this.attach(name, sla)));
    } catch (err) {
      const undone = await this.client.deleteBranch(id, { comment: `undo git create ${name}` }).then(
        () => `the new branch (id ${id}) was deleted again`,
        (undoErr: unknown) => `deleting the new branch (id ${id}) failed too: ${(undoErr as Error).message}`,
      );
      throw err instanceof PDCError ? err.withHint(`Attaching the SLAs failed, so ${undone}.`) : err;
    }
    this.deps.log(`Created PDC branch '${name}' (id ${id}).`);
    return this.outcome(name, 'created', [`Created ${what}.`], id);
  }

  private outcome(name: string, operation: SimpleOperation, notes: string[], branch?: ComponentBranch | number, of?: 'ensure' | 'deploy' | 'remove'): Outcome {
    const id = typeof branch === 'number' ? branch : branch?.id;
    const url = id === undefined ? undefined : this.client.branchUrl(id);
    return simpleOutcome({ target: 'pdc', name, gitBranch: name, ...(url ? { url } : {}), results: [], notes }, operation, of);
  }

  /** Runs `work`, adding to a PDC error the sentence that tells the user which input to fix. */
  private async explained<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw err instanceof PDCError ? this.explain(err) : err;
    }
  }

  private explain(err: PDCError): PDCError {
    const fields = err.errors.join('\n');
    if (err.status === 401) {
      return err.withHint(
        this.pdc.token
          ? `Check input 'pdc-token': PDC did not accept it (it takes a 40-hex key from /rest_api/v1/auth/token/obtain/).`
          : `Set input 'pdc-token': this PDC needs a token (from /rest_api/v1/auth/token/obtain/).`,
      );
    }
    if (err.status === 403) {
      return err.withHint(`The user of 'pdc-token' needs create and delete permission on component-branches and component-branch-slas.`);
    }
    if (err.status !== 400) return err;
    if (/(^|\.)global_component: /m.test(fields)) {
      return err.withHint(`PDC has no global component '${this.pdc.globalComponent}' (input 'pdc-global-component'); create it in PDC first.`);
    }
    if (/(^|\.)type: /m.test(fields)) return err.withHint(`Check input 'pdc-branch-type' ('${this.pdc.branchType}').`);
    if (/^sla: /m.test(fields)) return err.withHint(`Check input 'pdc-slas': every SLA type must exist in PDC (/rest_api/v1/component-sla-types/).`);
    if (/(^|\.)name: The branch name is not allowed/m.test(fields)) {
      return err.withHint(`This PDC refuses the name by its blacklist; add the branch to 'ignore-branches'.`);
    }
    return err;
  }
}

function isComponentBranch(raw: unknown): raw is ComponentBranch {
  const b = raw as Partial<ComponentBranch> | null;
  return !!b && typeof b === 'object' && typeof b.id === 'number' && typeof b.name === 'string' && Array.isArray(b.slas);
}

/** The PDC target for `settings.pdc`. */
export function createTarget(settings: Settings, deps: TargetDeps): BranchTarget {
  if (!settings.pdc) throw new InputError(`Target 'pdc' needs input 'pdc-url' and 'pdc-global-component'.`);
  const client = new PDCClient({ url: settings.pdc.url, token: settings.pdc.token, ...deps.http });
  return new PdcTarget(client, settings.pdc, deps);
}
