/**
 * The keep label where the event does not carry the pull request (SPEC §13): the branch's
 * `delete` event and `prune` find the branch's pull request (one `GET pulls?head=owner:branch`
 * each, prune's in parallel) and leave a namespace whose pull request carries the label.
 * Loaded only by those runs.
 */
import type { RunContext } from '../run-context.js';
import type { Repo } from '../event.js';
import { mapPool } from '../pool.js';
import { pullsOfBranch } from './github-answers.js';
import * as runner from '../runner.js';

/** How many look-ups prune runs at once. */
const LOOKUP_CONCURRENCY = 8;

/**
 * The keep label when the newest pull request of `branch` carries it, else undefined. Without a
 * token nothing can be asked (undefined: the run goes on as before). A look-up that fails keeps
 * the namespace with a warning: a namespace kept by mistake is collected later, one deleted by
 * mistake is gone.
 */
export async function keepLabelOfBranch(run: RunContext, branch: string): Promise<string | undefined> {
  const { settings, event } = run;
  if (!settings.githubToken || !event.repo) return undefined;
  return lookUp(run, event.repo, branch);
}

async function lookUp(run: RunContext, repo: Repo, branch: string): Promise<string | undefined> {
  const label = run.settings.keepLabel;
  try {
    const pulls = await pullsOfBranch(await run.github(), repo, branch);
    const newest = pulls.filter(p => !p.fork)[0];
    return newest?.labels.includes(label) ? label : undefined;
  } catch (err) {
    runner.warning(`Could not tell whether the pull request of '${branch}' carries the label '${label}', so its namespace is left in place: ${(err as Error).message}`);
    return label;
  }
}

/** Of `branches` (of `repo`), those whose newest pull request carries the keep label (looked up in parallel). */
export async function branchesKeptByLabel(run: RunContext, repo: Repo, branches: string[]): Promise<Set<string>> {
  const kept = new Set<string>();
  if (!run.settings.githubToken || !branches.length) return kept;
  await mapPool(branches, LOOKUP_CONCURRENCY, async branch => {
    if (await lookUp(run, repo, branch)) kept.add(branch);
  });
  return kept;
}
