/**
 * DJ as a {@link BranchTarget}: link an existing git branch to its namespace, then let DJ
 * pull it (sync-from-git); refuse collisions instead of repointing; delete idempotently and
 * never the root or the default-branch namespace (dj-api.md §10–§11).
 */
import { path } from '../../http.js';
import { parseTimestamp } from '../../schema.js';
import { namespaceForBranch } from '../../naming.js';
import type { Settings } from '../../settings.js';
import {
  type BranchTarget,
  type CommitFields,
  type CreateRequest,
  type DeployChecker,
  type DeployRequest,
  type DeploymentResult,
  type EnsureRequest,
  type Outcome,
  type OutcomeBase,
  type RemoveRequest,
  type TargetBranch,
  type TargetDeps,
  type PreviewRequest,
  notLinked,
  withKnownOutcome,
} from '../target.js';
import { InputError, RefusedError } from '../../errors.js';
import { DJClient, DJClientError, type DeploymentInfo, type NamespaceGitConfig } from './client.js';
import { checkRoot, GitRootResolver, type GitRoot } from './root.js';
import { PreviewUnavailable, type ImpactReport } from './impact.js';
import type { Repo } from '../../event.js';

/** An outcome being built: where, what was deployed, notes; the operation is decided last. */
type Draft = OutcomeBase & CommitFields;

/** How an existing namespace relates to the git branch we act for. */
type LinkState = 'absent' | 'linked' | 'unlinked' | 'collision';

/** The ISO 8601 (UTC) form the `branches` output and the list table show. */
function isoTime(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "12 nodes and 1 link" and, when there are any, "(2 created, 9 unchanged, 1 deleted)". */
function describeResults(results: readonly DeploymentResult[]): { what: string; counts: string } {
  const nodes = results.filter(r => r.deploy_type === 'node').length;
  const links = results.filter(r => r.deploy_type === 'link').length;
  const others = results.length - nodes - links;
  const parts = [plural(nodes, 'node'), links ? plural(links, 'link') : '', others ? plural(others, 'other result') : ''].filter(Boolean);
  const ops: [string, string][] = [
    ['create', 'created'],
    ['update', 'updated'],
    ['noop', 'unchanged'],
    ['delete', 'deleted'],
  ];
  const counts = ops
    .map(([op, word]) => [results.filter(r => r.operation === op).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`);
  return { what: parts.join(' and '), counts: counts.length ? ` (${counts.join(', ')})` : '' };
}

/** Who owns a namespace, for refusals: "git branch 'feature-x'" or "no git branch". */
function owner(config: NamespaceGitConfig): string {
  const branch = config.git_branch ? `git branch '${config.git_branch}'` : 'no git branch';
  return config.parent_namespace ? `${branch} under '${config.parent_namespace}'` : `${branch} and no parent namespace`;
}

/** "Already linked" means parent == root AND git_branch == B; anything else that exists is not ours. */
function linkState(config: NamespaceGitConfig | null, branch: string, root: string): LinkState {
  if (!config) return 'absent';
  if (config.parent_namespace === root && config.git_branch === branch) return 'linked';
  if (!config.parent_namespace && !config.git_branch) return 'unlinked';
  return 'collision';
}

/** What links a namespace to a git branch under the root (PATCH /namespaces/{ns}/git). */
function linkBody(root: string, branch: string): { parent_namespace: string; git_branch: string } {
  return { parent_namespace: root, git_branch: branch };
}

/** DJ branch namespaces under one git root. */
export class DJTarget implements BranchTarget {
  readonly name = 'dj' as const;
  /** The git root: input 'namespace', or the root above it (found on the first look-up). */
  private readonly roots: GitRootResolver;

  constructor(
    private readonly settings: Settings & { dj: NonNullable<Settings['dj']> },
    private readonly client: DJClient,
    private readonly deps: TargetDeps,
  ) {
    this.roots = new GitRootResolver(
      settings.dj.namespace,
      ns => client.getGitConfig(ns),
      message => this.log(message),
    );
  }

  async repository(): Promise<Repo> {
    return (await this.root()).repo;
  }

  /**
   * The merge preview (SPEC §10): the pull request's node files applied to the base namespace's
   * spec, sent to DJ's impact analysis. Reads only the root's git config (the deployment's
   * look-up shares it), GitHub and the base namespace, so it runs beside the deployment.
   */
  async preview(req: PreviewRequest): Promise<ImpactReport> {
    const facts = this.roots.resolve();
    const root = facts.then(f => checkRoot(f, this.rootCheck()));
    // Settled here too, so an early failure is not an unhandled rejection while compare runs.
    root.catch(() => undefined);
    const timeoutMs = Math.min(this.settings.timeoutMs, 120_000);
    try {
      // Loaded here: only pull-request runs with a preview parse YAML.
      const { mergePreview } = await import('./merge-preview.js');
      const summary = await mergePreview(
        {
          baseSha: req.base,
          headSha: req.head,
          gitPath: root.then(async () => (await facts).config?.git_path ?? null),
          baseNamespace: root.then(r => this.settings.dj.impactBase || this.baseBranchNamespace(req.baseBranch, r)),
          timeoutMs,
        },
        {
          changedFiles: (base, head) => req.changedFiles(base, head),
          readFile: (ref, file) => req.readFile(ref, file),
          exportSpec: (ns, deadline) => this.client.exportSpec(ns, deadline),
          submitImpact: (spec, deadline) => this.client.submitImpact(spec, deadline),
          deployment: (uuid, deadline) => this.client.deployment(uuid, deadline),
          sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
          now: () => Date.now(),
        },
      );
      return { summary };
    } catch (err) {
      return { unavailable: previewProblem(err) };
    }
  }

  /** The review's requests (SPEC §10.1); its module loads only on the preview's path. */
  reviewIO(): import('./review.js').ReviewIO {
    const load = import('./review.js');
    // Every query within timeout-seconds, and within the review's two minutes.
    const timeoutMs = Math.min(this.settings.timeoutMs, 120_000);
    return {
      exportSpec: ns => this.client.exportSpec(ns),
      metricSql: async metric => this.client.metricSql(metric, this.settings.dj.review.dialect, (await load).metricSqlAnswer, timeoutMs),
      metricData: async (metric, dimensions) => this.client.metricData(metric, dimensions, (await load).dataAnswer, timeoutMs),
    };
  }

  nameFor(gitBranch: string): string {
    return namespaceForBranch(this.roots.name, gitBranch);
  }

  /**
   * The namespace a pull request merges into (SPEC §10, `impact-base` left empty): its base
   * branch's namespace when that branch has one linked to it, else the default-branch namespace.
   * A pull request into the default branch asks nothing.
   */
  private async baseBranchNamespace(baseBranch: string | undefined, root: GitRoot): Promise<string> {
    if (!baseBranch || baseBranch === root.defaultBranch) return root.defaultNamespace;
    let ns: string;
    try {
      ns = this.nameFor(baseBranch);
    } catch {
      return root.defaultNamespace;
    }
    const config = await this.client.getGitConfig(ns);
    return config && config.git_branch === baseBranch ? ns : root.defaultNamespace;
  }

  urlFor(ns: string): string {
    return `${this.settings.dj.uiUrl}/namespaces/${encodeURIComponent(ns)}`;
  }

  async ensure(req: EnsureRequest): Promise<Outcome> {
    const branch = req.gitBranch;
    const { ns, root, config: nsConfig } = await this.lookUp(branch);
    const isDefault = branch === root.defaultBranch;
    let state = linkState(nsConfig, branch, root.name);
    if (state === 'unlinked') state = await this.reusableOrCollision(ns);
    if (state === 'collision') throw new RefusedError(this.collisionMessage(ns, nsConfig!, branch));
    const link = state !== 'linked';
    const what = isDefault ? 'the default-branch namespace' : 'namespace';
    const outcome = this.outcome(ns, branch, req.expectedSha);
    // A label event or `/dj preview` brings a report up to date: without a namespace there is none, and nothing is created.
    if (link && req.refresh) {
      const why = state === 'absent' ? `No DJ namespace ${ns} exists for git branch ${branch} yet` : `${ns} is empty and not linked to git branch ${branch}`;
      this.log(`${why}: nothing to preview`);
      outcome.notes.push(`${why}: nothing to preview, and nothing was created. The next commit pushed to the pull request (or the deploy command) creates and deploys it.`);
      return { ...outcome, operation: 'skipped', skipReason: 'not-linked' };
    }
    const linking = req.dryRun ? 'it would be linked (dry run)' : 'linking it';
    this.log(link ? `${what} ${ns} ${state === 'absent' ? 'does not exist' : 'is empty and unlinked'}: ${linking}` : `${what} ${ns} is already linked to ${branch}`);

    if (req.dryRun) {
      outcome.notes.push(
        link
          ? `Would link ${ns} to git branch ${branch}: PATCH ${path`/namespaces/${ns}/git`} ${JSON.stringify(linkBody(root.name, branch))}`
          : `${ns} is already linked to git branch ${branch}`,
      );
      if (req.deploy) outcome.notes.push(`Would deploy git branch ${branch}: POST ${path`/namespaces/${ns}/sync-from-git`}`);
      return { ...outcome, operation: 'planned', of: 'ensure' };
    }

    if (link) {
      await this.link(root.name, ns, branch);
      outcome.notes.push(state === 'absent' ? `Linked ${ns} to git branch ${branch}` : `Linked ${ns} (an empty namespace left by an earlier failed link) to git branch ${branch}`);
    } else {
      outcome.notes.push(`${ns} is already linked to git branch ${branch}`);
      // Only a namespace that already exists can already hold this commit.
      const held = req.deploy ? await this.alreadyDeployed(req.check, nsConfig, outcome) : undefined;
      if (held) return held;
    }
    if (req.deploy) {
      try {
        await this.sync(ns, branch, outcome, link ? 'created' : 'updated');
      } catch (err) {
        if (link && err instanceof DJClientError && err.field === undefined) {
          throw err.withNote(`${ns} is linked to git branch ${branch}; run the action again to deploy it.`);
        }
        throw err;
      }
    }
    if (link) return { ...outcome, operation: 'created' };
    return req.deploy ? { ...outcome, operation: 'updated' } : { ...outcome, operation: 'unchanged', why: 'linked' };
  }

  /** The unchanged outcome when the commit statuses say the namespace already holds the commit. */
  private async alreadyDeployed(check: DeployChecker | undefined, config: NamespaceGitConfig | null, outcome: Draft): Promise<Outcome | undefined> {
    const answer = check ? await check({ gitPath: config?.git_path }) : undefined;
    if (!answer || answer.deploy) return undefined;
    this.log(`${answer.note}: not deploying it again`);
    outcome.notes.push(answer.note);
    return { ...outcome, deployedSha: answer.sha, operation: 'unchanged', why: answer.why, ...(answer.earlier ? { earlier: answer.earlier } : {}) };
  }

  async deploy(req: DeployRequest): Promise<Outcome> {
    const branch = req.gitBranch;
    // The root's config is asked in parallel: it names the repository the run must be for.
    const { ns, root, config } = await this.lookUp(branch);
    const outcome = this.outcome(ns, branch, req.expectedSha);
    if (linkState(config, branch, root.name) !== 'linked') {
      const why = config ? `${ns} is not linked to git branch ${branch}: it has ${owner(config)}` : `No DJ namespace ${ns} exists for git branch ${branch}`;
      this.log(`${why}: nothing to deploy`);
      return notLinked(req, outcome, why, 'the branch namespace');
    }
    const held = await this.alreadyDeployed(req.check, config, outcome);
    if (held) return held;
    if (req.dryRun) {
      outcome.notes.push(`Would deploy git branch ${branch}: POST ${path`/namespaces/${ns}/sync-from-git`}`);
      return { ...outcome, operation: 'planned', of: 'deploy' };
    }
    await this.sync(ns, branch, outcome, 'updated');
    return { ...outcome, operation: 'updated' };
  }

  async remove(req: RemoveRequest): Promise<Outcome> {
    const branch = req.gitBranch;
    let ns: string;
    if (req.known) {
      // An entry of list() from this run: listed by the root, so a direct child of it, with
      // isDefault computed from the root's default branch. Both guards hold without a look-up;
      // a namespace that vanished since is still caught by the DELETE's 404.
      ns = req.known.name;
      if (ns === this.roots.name) throw new RefusedError(`Refusing to delete ${ns}: it is the git root.`);
      if (req.known.isDefault) {
        throw new RefusedError(`Refusing to delete ${ns}: it is the default-branch namespace (production), and the action never deletes it.`);
      }
      if (req.known.gitBranch !== branch) {
        throw new RefusedError(`Refusing to delete ${ns}: it belongs to git branch '${req.known.gitBranch}', not '${branch}'. Nothing was changed.`);
      }
    } else {
      const found = await this.lookUp(branch);
      ns = found.ns;
      const { root, config } = found;
      if (branch === root.defaultBranch || ns === root.defaultNamespace || (config && config.git_branch === root.defaultBranch)) {
        throw new RefusedError(
          `Refusing to delete ${ns}: it is the default-branch namespace of ${root.name} (git branch '${root.defaultBranch}'), and the action never deletes it.`,
        );
      }
      if (!config) return this.absent(ns, branch);
      if (config.git_branch !== branch || config.parent_namespace !== root.name) {
        throw new RefusedError(`Refusing to delete ${ns}: it has ${owner(config)}, not git branch '${branch}' under '${root.name}'. Nothing was changed.`);
      }
    }

    const kept = await req.keep;
    if (kept) return kept;
    const outcome = this.outcome(ns, branch);
    const rootName = this.roots.name;
    const deleteGitBranch = req.dj?.deleteGitBranch ?? false;
    const request = `DELETE ${path`/namespaces/${rootName}/branches/${ns}`}?delete_git_branch=${deleteGitBranch}`;
    if (req.dryRun) {
      outcome.notes.push(`Would delete ${ns}${deleteGitBranch ? ` and git branch ${branch}` : ''}: ${request}`);
      return { ...outcome, operation: 'planned', of: 'remove' };
    }
    this.log(`deleting ${ns}${deleteGitBranch ? ` and git branch ${branch}` : ' (git branch kept)'}`);
    let result;
    try {
      result = await this.client.deleteBranch(rootName, ns, deleteGitBranch);
    } catch (err) {
      if (err instanceof DJClientError && err.status === 404) return this.absent(ns, branch);
      throw this.actedButAnswerUnusable(err, outcome, 'deleted', `DJ deleted ${ns}, but what it answered cannot be used, so the number of nodes deleted is unknown`);
    }
    outcome.notes.push(`Deleted ${ns} (${plural(result.nodes_deleted, 'node')})`);
    if (deleteGitBranch) {
      outcome.notes.push(result.git_branch_deleted ? `DJ deleted git branch ${branch}` : `DJ could not delete git branch ${branch}; delete it on GitHub`);
    }
    if (result.materialization_failures?.length) {
      outcome.notes.push(`DJ could not stop the materializations of ${result.materialization_failures.join(', ')}`);
    }
    return {
      target: 'dj',
      name: outcome.name,
      url: outcome.url,
      gitBranch: branch,
      results: [],
      notes: outcome.notes,
      operation: 'deleted',
      dj: { nodesDeleted: result.nodes_deleted },
    };
  }

  async createWithGitBranch(req: CreateRequest): Promise<Outcome> {
    const branch = req.gitBranch;
    // The root's repository is where DJ would create the git branch: it must be the run's.
    const { name: rootName } = await this.root();
    const ns = this.nameFor(branch);
    const outcome = this.outcome(ns, branch);
    if (req.dryRun) {
      const { root, config, ns: resolved } = await this.lookUp(branch);
      outcome.name = resolved;
      outcome.url = this.outcome(resolved, branch).url;
      const state = linkState(config, branch, root.name);
      if (state === 'collision' || state === 'unlinked') throw new RefusedError(this.collisionMessage(ns, config!, branch));
      outcome.notes.push(
        state === 'linked'
          ? `${ns} already exists and is linked to git branch ${branch}`
          : `Would create git branch ${branch} from ${root.defaultBranch} and namespace ${ns}: POST ${path`/namespaces/${root.name}/branches`} ${JSON.stringify({ branch_name: branch })}`,
      );
      return { ...outcome, operation: 'planned', of: 'create' };
    }

    this.log(`creating git branch ${branch} and namespace ${ns} through DJ`);
    try {
      const created = await this.client.createBranch(rootName, branch);
      // DJ names it (a sibling when input 'namespace' is a branch namespace): report its name.
      if (created.branch?.namespace && created.branch.namespace !== ns) {
        outcome.name = created.branch.namespace;
        outcome.url = this.outcome(created.branch.namespace, branch).url;
      }
      outcome.results = created.deployment_results;
      const copied = describeResults(created.deployment_results);
      outcome.notes.push(`Created git branch ${branch} and namespace ${ns}; DJ copied ${copied.what}${copied.counts}`);
      return { ...outcome, operation: 'created' };
    } catch (err) {
      if (!(err instanceof DJClientError)) throw err;
      if (err.field !== undefined) {
        throw this.actedButAnswerUnusable(
          err,
          outcome,
          'created',
          `DJ created git branch ${branch} and ${ns}, but what it answered cannot be used, so what it copied is unknown; look at the namespace in DJ`,
        );
      }
      if (err.status === 409) {
        const config = await this.client.getGitConfig(ns);
        const state = linkState(config, branch, rootName);
        if (state === 'absent') throw err;
        if (state !== 'linked') throw new RefusedError(this.collisionMessage(ns, config!, branch));
        outcome.notes.push(`${ns} already exists and is linked to git branch ${branch}`);
        return { ...outcome, operation: 'unchanged', why: 'linked' };
      }
      if (err.status === 422 && /reference already exists/i.test(err.serverMessage)) {
        // The git branch exists after all (created since the look-up): link it instead;
        // DJ has already removed the namespace it made for the failed attempt.
        this.log(`git branch ${branch} already exists: linking it instead`);
        const linked = await this.ensure({ gitBranch: branch, deploy: this.settings.deploy, dryRun: false });
        linked.notes.unshift(`Git branch ${branch} already exists, so it was linked rather than created`);
        return linked;
      }
      if (err.status === 0 || err.status === 502 || err.status === 504) {
        // Not resent: a POST that did act would fail the second time. Say what may exist now.
        throw err.withNote(`DJ may have created git branch ${branch} and ${ns} before the answer was lost; running the action again links them if so, or creates them if not.`);
      }
      throw err;
    }
  }

  async list(): Promise<TargetBranch[]> {
    const guess = this.roots.name;
    this.log(`listing branch namespaces of ${guess}`);
    // The root's config decides isDefault; a failed listing is reported after the root check,
    // whose message is the clearer one.
    const [facts, listed] = await Promise.all([this.roots.resolve(), this.listBranches(guess)]);
    const root = checkRoot(facts, this.rootCheck());
    if ('error' in listed) throw listed.error;
    if (root.name === guess) return this.branchesOf(listed.branches, root);
    // Input 'namespace' was a branch namespace: list its root's branches instead.
    this.log(`listing branch namespaces of ${root.name}`);
    const again = await this.listBranches(root.name);
    if ('error' in again) throw again.error;
    return this.branchesOf(again.branches, root);
  }

  private listBranches(root: string) {
    return this.client.listBranches(root).then(
      branches => ({ branches }),
      (error: unknown) => ({ error }),
    );
  }

  private branchesOf(branches: Awaited<ReturnType<DJClient['listBranches']>>, root: GitRoot): TargetBranch[] {
    return branches.map(b => ({
      name: b.namespace,
      gitBranch: b.git_branch ?? '',
      isDefault: b.git_branch === root.defaultBranch || b.namespace === root.defaultNamespace,
      lastUpdatedAt: isoTime(parseTimestamp(b.last_updated_at)),
      nodes: b.num_nodes,
      invalidNodes: b.invalid_node_count,
      raw: b,
    }));
  }

  private log(message: string): void {
    this.deps.log(`DJ: ${message}`);
  }

  private outcome(ns: string, gitBranch: string, expectedSha?: string): Draft {
    return {
      target: 'dj',
      name: ns,
      url: this.urlFor(ns),
      gitBranch,
      ...(expectedSha ? { expectedSha } : {}),
      results: [],
      notes: [],
    };
  }

  /**
   * DJ acted but its answer failed validation: the error carries what is known (the operation
   * that happened, the notes so far), so the outputs and summary still say it.
   */
  private actedButAnswerUnusable(err: unknown, draft: Draft, operation: 'created' | 'updated' | 'deleted', note: string): unknown {
    if (!(err instanceof DJClientError) || err.field === undefined) return err;
    draft.notes.push(note);
    const known: Outcome = operation === 'deleted' ? { ...draft, results: [], operation } : { ...draft, operation };
    return withKnownOutcome(err, known);
  }

  private absent(ns: string, gitBranch: string): Outcome {
    const outcome = this.outcome(ns, gitBranch);
    outcome.notes.push(`${ns} does not exist; nothing to delete`);
    this.log(`${ns} does not exist: nothing to delete`);
    return { target: 'dj', name: ns, url: outcome.url, gitBranch, results: [], notes: outcome.notes, operation: 'absent' };
  }

  /** The git root, resolved once and checked (reference §7.1). */
  private async root(): Promise<GitRoot> {
    return checkRoot(await this.roots.resolve(), this.rootCheck());
  }

  private rootCheck() {
    return { djUrl: this.settings.dj.url, repository: this.deps.repository, allowOtherRepository: this.settings.allowOtherRepository };
  }

  /**
   * The checked root and the branch namespace's git config, asked in parallel. When input
   * 'namespace' turns out to be a branch namespace, the namespace is asked again under the root
   * found above it: one extra round trip that only this configuration pays.
   */
  private async lookUp(branch: string): Promise<{ ns: string; root: GitRoot; config: NamespaceGitConfig | null }> {
    const guess = this.nameFor(branch);
    this.log(`checking git root ${this.roots.name} and namespace ${guess}`);
    const [facts, guessed] = await Promise.all([this.roots.resolve(), this.client.getGitConfig(guess)]);
    const ns = this.nameFor(branch);
    const config = ns === guess ? guessed : await this.client.getGitConfig(ns);
    return { ns, root: checkRoot(facts, this.rootCheck()), config };
  }

  /**
   * A namespace with neither parent nor git branch is what a failed link leaves behind
   * (DJ creates it before validating, §7.2): reuse it when it holds no nodes.
   */
  private async reusableOrCollision(ns: string): Promise<LinkState> {
    const nodes = await this.client.listNamespaceNodes(ns);
    return nodes.length === 0 ? 'unlinked' : 'collision';
  }

  private collisionMessage(ns: string, config: NamespaceGitConfig, branch: string): string {
    return (
      `DJ namespace ${ns} already exists with ${owner(config)}, so it cannot be used for git branch '${branch}' ` +
      `(git branch names that differ only in '-', '/' and '_' share one namespace). Nothing was changed. ` +
      `Rename one of the branches, or delete the other namespace if it is stale.`
    );
  }

  /** PATCH the link; when it fails, say honestly what DJ left behind (it creates the namespace first). */
  private async link(root: string, ns: string, branch: string): Promise<void> {
    try {
      await this.client.patchGitConfig(ns, linkBody(root, branch));
    } catch (err) {
      // 401/403 are raised before DJ creates anything. Only absent or empty unlinked
      // namespaces get here, so whatever the PATCH left is ours to account for.
      if (!(err instanceof DJClientError) || err.status === 401 || err.status === 403) throw err;
      const after = await this.afterFailedLink(root, ns, branch, err);
      if (after === 'linked') {
        this.log(`the link request failed (${err.message}), but ${ns} is linked to ${branch}: continuing`);
        return;
      }
      throw after;
    }
  }

  /** Looks at what a failed link left: linked after all, nothing, or a namespace to remove. */
  private async afterFailedLink(root: string, ns: string, branch: string, err: DJClientError): Promise<'linked' | DJClientError> {
    const mayRemain = `DJ creates the namespace before validating a link, and its API cannot delete a namespace that is not a branch: an empty namespace ${ns} may remain (the next run reuses it).`;
    let config: NamespaceGitConfig | null;
    try {
      config = await this.client.getGitConfig(ns);
    } catch {
      return err.withNote(mayRemain);
    }
    const state = linkState(config, branch, root);
    if (state === 'absent') return err;
    if (state === 'linked') return 'linked';
    if (config?.parent_namespace === root) {
      try {
        await this.client.deleteBranch(root, ns, false);
        return err.withNote(`The namespace ${ns} that DJ had created was deleted again.`);
      } catch {
        return err.withNote(mayRemain);
      }
    }
    return err.withNote(mayRemain);
  }

  /** `acted`: what the known outcome says when DJ deployed but its answer is unusable. */
  private async sync(ns: string, branch: string, outcome: Draft, acted: 'created' | 'updated'): Promise<DeploymentInfo> {
    this.log(`deploying git branch ${branch} into ${ns} (sync-from-git runs the whole deployment; this can take a while)`);
    this.deps.onDeploying?.(ns);
    let info: DeploymentInfo;
    try {
      info = await this.client.syncFromGit(ns);
    } catch (err) {
      throw this.actedButAnswerUnusable(
        err,
        outcome,
        acted,
        `DJ ran the deployment of ${branch} into ${ns}, but what it answered cannot be used, so its results are unknown; look at the namespace in DJ`,
      );
    }
    outcome.results = info.results;
    const sha = info.source?.commit_sha ?? undefined;
    if (sha) outcome.deployedSha = sha;
    const deployed = describeResults(info.results);
    outcome.notes.push(`Deployed ${deployed.what}${sha ? ` from ${shortSha(sha)}` : ''}${deployed.counts}`);
    if (sha && outcome.expectedSha && sha !== outcome.expectedSha) {
      outcome.notes.push(
        `DJ deployed ${shortSha(sha)}, the head of ${branch} when it looked, not ${shortSha(outcome.expectedSha)}; the branch moved, and a later run deploys the newer commit`,
      );
    }
    return info;
  }
}

/** Why there is no merge preview, in one sentence for the note and the warning. */
export function previewProblem(err: unknown): string {
  if (err instanceof PreviewUnavailable) return err.message;
  if (err instanceof DJClientError) {
    const where = `${err.method} ${err.path}`;
    const body = err.body && typeof err.body === 'object' ? (err.body as Record<string, unknown>) : {};
    // FastAPI's own 404/405 (no such route), as opposed to DJ's "namespace does not exist".
    const noRoute = (err.status === 404 && body.detail === 'Not Found') || err.status === 405;
    if (noRoute)
      return `this DJ server has no ${err.path.includes('/deployments') ? 'impact analysis' : 'spec export'} (${where} answered HTTP ${err.status}); DataJunction servers with \`POST /deployments/impact\` show what merging would do.`;
    if (err.status === 426) return `this DJ server's impact analysis speaks another protocol than the action (${where} answered HTTP 426: ${err.serverMessage}).`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The DJ target for `settings` (which must carry `settings.dj`). */
export function createTarget(settings: Settings, deps: TargetDeps): BranchTarget {
  const dj = settings.dj;
  if (!dj) throw new InputError(`Target 'dj' needs inputs 'dj-url' and 'namespace'.`);
  const client = new DJClient({ url: dj.url, token: dj.token, clientId: dj.clientId, clientSecret: dj.clientSecret, username: dj.username, password: dj.password }, deps);
  return new DJTarget({ ...settings, dj }, client, deps);
}
