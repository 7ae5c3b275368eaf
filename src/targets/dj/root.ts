/**
 * Where the DJ target works: the git root. Input 'namespace' names the root, or a branch
 * namespace of it (`demo.main`, as DJ's branch API also takes it); DJ puts new branches beside a
 * branch namespace, under its root, so the action then works against that root. Resolved once
 * per run, apart from what a link means (target.ts).
 */
import type { Repo } from '../../event.js';
import { InputError } from '../../errors.js';
import { djSuffix } from '../../naming.js';
import { checkRepository } from '../../repository.js';
import type { NamespaceGitConfig } from './client.js';

/** The namespace the target works under and its git config (null: it does not exist). */
export interface RootFacts {
  name: string;
  config: NamespaceGitConfig | null;
}

/** A root that passed the git-root check (reference §7.1). */
export interface GitRoot {
  name: string;
  /** The repository it follows, checked against the event's. */
  repo: Repo;
  defaultBranch: string;
  /** `{root}.{slug(default_branch)}`: production, never deleted. */
  defaultNamespace: string;
}

/** The git root `name` hangs under when `config` says it is a branch namespace of its string parent. */
export function branchParent(name: string, config: NamespaceGitConfig | null): string | undefined {
  if (!config?.git_branch || !config.parent_namespace) return undefined;
  const dot = name.lastIndexOf('.');
  return dot !== -1 && config.parent_namespace === name.slice(0, dot) ? config.parent_namespace : undefined;
}

/** Finds the git root from input 'namespace', once: every path needs it, and it does not change during a run. */
export class GitRootResolver {
  private found: Promise<RootFacts> | undefined;
  private resolved: string | undefined;

  constructor(
    private readonly namespace: string,
    private readonly getConfig: (namespace: string) => Promise<NamespaceGitConfig | null>,
    private readonly log: (message: string) => void,
  ) {}

  /** The root as known now: input 'namespace' until {@link resolve} has found the root above it. */
  get name(): string {
    return this.resolved ?? this.namespace;
  }

  /** The root and its config: one look-up, one more when input 'namespace' is a branch namespace. */
  resolve(): Promise<RootFacts> {
    if (!this.found) {
      const found = this.find();
      // A failed look-up is asked again by the next caller, not remembered.
      found.catch(() => {
        if (this.found === found) this.found = undefined;
      });
      this.found = found;
    }
    return this.found;
  }

  private async find(): Promise<RootFacts> {
    let name = this.name;
    let config = await this.getConfig(name);
    for (let parent = branchParent(name, config); parent; parent = branchParent(name, config)) {
      this.log(`input 'namespace' ${name} is a branch namespace (git branch '${config!.git_branch}'); working against its git root ${parent}, where DJ puts its sibling branches`);
      name = parent;
      config = await this.getConfig(name);
    }
    this.resolved = name;
    return { name, config };
  }
}

/** What the root check compares the root's repository with. */
export interface RootCheckContext {
  /** The DJ server, for the message when the root does not exist. */
  djUrl: string;
  /** The event's repository; undefined for library users (no event, no check). */
  repository: Repo | null | undefined;
  allowOtherRepository: boolean;
}

/** The root must own the repository and name a default branch (reference §7.1); an {@link InputError} saying which input to fix otherwise. */
export function checkRoot({ name: root, config }: RootFacts, ctx: RootCheckContext): GitRoot {
  const fix = `Set input 'namespace' to the DJ git root: the namespace that holds the repository link and the default branch.`;
  if (!config) throw new InputError(`DJ namespace '${root}' (input 'namespace') does not exist on ${ctx.djUrl}. ${fix}`);
  if (config.git_branch && config.parent_namespace) {
    throw new InputError(
      `DJ namespace '${root}' (input 'namespace') is a branch namespace of git root '${config.parent_namespace}' (git branch '${config.git_branch}'); set input 'namespace' to '${config.parent_namespace}'.`,
    );
  }
  if (!config.github_repo_path) {
    throw new InputError(`DJ namespace '${root}' (input 'namespace') has no git repository configured. ${fix}`);
  }
  if (config.git_branch) {
    throw new InputError(`DJ namespace '${root}' (input 'namespace') is bound to git branch '${config.git_branch}' itself, so it is not a git root. ${fix}`);
  }
  if (config.git_root_namespace && config.git_root_namespace !== root) {
    throw new InputError(
      `DJ namespace '${root}' (input 'namespace') inherits its repository from git root '${config.git_root_namespace}'; set input 'namespace' to '${config.git_root_namespace}'.`,
    );
  }
  if (!config.default_branch) {
    throw new InputError(`DJ git root '${root}' has no default branch; set default_branch on it in DJ (e.g. 'main').`);
  }
  // Library users pass no event repository: nothing to compare with.
  const repo = checkRepository({
    root,
    repoPath: config.github_repo_path,
    event: ctx.repository ?? null,
    allowOther: ctx.repository === undefined || ctx.allowOtherRepository,
  });
  return { name: root, repo, defaultBranch: config.default_branch, defaultNamespace: `${root}.${djSuffix(config.default_branch)}` };
}
