/**
 * What every step of a run shares: its settings, its event, the environment, and the one GitHub
 * client. The client is made on first use, behind a dynamic import, so a run that never talks
 * to GitHub (a skip, a push without statuses) never loads Octokit.
 */
import type { Settings } from './settings.js';
import type { BranchEvent, Repo } from './event.js';
import type { BranchTarget } from './targets/target.js';
import type { GitHubClient } from './github-lazy.js';
import { InputError } from './errors.js';
import { namespaceForBranch } from './naming.js';
import * as runner from './runner.js';

export interface RunContext {
  readonly settings: Settings;
  readonly event: BranchEvent;
  readonly env: NodeJS.ProcessEnv;
  /** The run's one GitHub client; fails with an {@link InputError} when `github-token` is empty. */
  github(): Promise<GitHubClient>;
}

export function runContext(settings: Settings, event: BranchEvent, env: NodeJS.ProcessEnv): RunContext {
  let client: Promise<GitHubClient> | undefined;
  return {
    settings,
    event,
    env,
    github: () => (client ??= makeGitHub(settings, env)),
  };
}

async function makeGitHub(settings: Settings, env: NodeJS.ProcessEnv): Promise<GitHubClient> {
  const { GitHubClient } = await import('./github-lazy.js');
  if (!settings.githubToken) throw new InputError(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
  return new GitHubClient({
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    token: settings.githubToken,
    timeoutMs: Math.min(settings.timeoutMs, 60_000),
    retries: settings.retries,
    onRetry: logRetry,
  });
}

/** Every resend, DJ's or GitHub's, is one warning line: a slow run says why it was slow. */
export function logRetry(info: { method: string; path: string; attempt: number; of: number; delayMs: number; reason: string }): void {
  runner.warning(`${info.method} ${info.path}: ${info.reason}; retry ${info.attempt}/${info.of} in ${(info.delayMs / 1000).toFixed(1)} s`);
}

export function requireRepo(event: BranchEvent): Repo {
  if (!event.repo) throw new InputError('The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.');
  return event.repo;
}

/** The repository whose branches the target follows; the event's for targets that know none. */
export function followedRepository(target: BranchTarget, event: BranchEvent): Promise<Repo> {
  return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}

/**
 * The target-side name of a branch (the DJ namespace, or the branch itself for the other
 * targets), computed once per run for the decision line, the outputs of skips, the comment's
 * marker and the commit status; undefined when the target cannot name it.
 */
export function targetNameOf(settings: Settings, branch: string | undefined): string | undefined {
  if (!branch) return undefined;
  if (settings.target !== 'dj' || !settings.dj) return branch;
  try {
    return namespaceForBranch(settings.dj.namespace, branch);
  } catch {
    return undefined;
  }
}
