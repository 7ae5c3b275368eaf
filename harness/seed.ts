/**
 * Seeds a git root on a real DJ server the way a team sets one up: a git repository holding
 * the fixture project on its default branch, the root namespace linked to it, the
 * default-branch namespace linked under it and deployed with sync-from-git.
 */
import { join } from 'node:path';
import { fixture, GitRepo } from '../emulators/git-repo.js';
import { djApi } from './dj-api.js';

/** What {@link seedGitRoot} made. */
export interface SeededRoot {
  root: string;
  /** `owner/repo` as the root's github_repo_path. */
  repo: string;
  gitDir: string;
  defaultBranch: string;
  defaultNamespace: string;
  /** Head of the default branch, deployed into the default-branch namespace. */
  sha: string;
  /** Node names sync-from-git reported for the default-branch namespace. */
  nodes: string[];
}

/** Where the shared GitHub emulator looks for `owner/repo` under `gitRoot`. */
export function repoDir(gitRoot: string, owner: string, repo: string): string {
  return join(gitRoot, owner, `${repo}.git`);
}

/** Creates the repository and the git root; fails loudly on any DJ error. */
export async function seedGitRoot(options: {
  djUrl: string;
  token: string;
  gitRoot: string;
  root: string;
  owner: string;
  repo: string;
  defaultBranch?: string;
  gitPath?: string;
}): Promise<SeededRoot> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const gitDir = repoDir(options.gitRoot, options.owner, options.repo);
  const git = GitRepo.init(gitDir);
  const sha = git.commitFiles(defaultBranch, fixture('main'), { message: 'Shop model: sources, customer dimension, completed orders, three metrics', replace: true });
  const api = djApi(options.djUrl, options.token);
  const repo = `${options.owner}/${options.repo}`;
  const defaultNamespace = `${options.root}.${defaultBranch.replace(/[-/]/g, '_')}`;
  await api.json('PATCH', `/namespaces/${encodeURIComponent(options.root)}/git`, { github_repo_path: repo, git_path: options.gitPath ?? 'nodes/', default_branch: defaultBranch });
  await api.json('PATCH', `/namespaces/${encodeURIComponent(defaultNamespace)}/git`, { parent_namespace: options.root, git_branch: defaultBranch });
  const deployed = (await api.json('POST', `/namespaces/${encodeURIComponent(defaultNamespace)}/sync-from-git`)) as {
    results: { name: string; deploy_type: string; status: string }[];
  };
  const failed = deployed.results.filter(r => r.status === 'failed');
  if (failed.length) throw new Error(`seeding ${defaultNamespace}: ${failed.length} nodes failed: ${JSON.stringify(failed)}`);
  return { root: options.root, repo, gitDir, defaultBranch, defaultNamespace, sha, nodes: deployed.results.filter(r => r.deploy_type === 'node').map(r => r.name) };
}
