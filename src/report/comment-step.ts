/**
 * The pull request's sticky comment as a step of the run: the search starts beside the run's
 * first requests, the write comes at the end with the report. The comment code (comment.ts)
 * and Octokit load behind a dynamic import, so runs without a comment never parse them.
 * Nothing here fails the step: a comment that cannot be written is a warning.
 */
import type { PrRef } from '../plan.js';
import { requireRepo, type RunContext } from '../run-context.js';
import type { Reported, TargetName } from '../targets/target.js';
import type { StickySearch } from './comment.js';
import { stickyMarker } from './markdown.js';
import * as runner from '../runner.js';
import { serverIdentity } from '../server-identity.js';

/** Where the comment of a target branch lives on a pull request. */
function where(run: RunContext, pr: PrRef, target: TargetName, name: string) {
  const repo = requireRepo(run.event);
  // DJ's comments tell servers apart; the marker without the server (earlier versions) still finds one.
  const server = target === 'dj' ? serverIdentity(run.settings.dj?.url) : undefined;
  const marker = stickyMarker(target, name, server);
  return { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker, ...(server ? { legacyMarkers: [stickyMarker(target, name)] } : {}) };
}

/** Starts looking for the sticky comment; never rejects (failures are values). */
export async function startCommentSearch(run: RunContext, pr: PrRef, name: string): Promise<StickySearch> {
  try {
    const [{ findStickyComment }, gh] = await Promise.all([import('../github-lazy.js'), run.github()]);
    return await findStickyComment(gh, where(run, pr, run.settings.target, name));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}

/** Writes the report as the sticky comment, with the search started earlier when there is one. */
export async function writeComment(run: RunContext, pr: PrRef, outcome: Reported, body: string, found?: Promise<StickySearch>): Promise<void> {
  const [{ findStickyComment, writeStickyComment }, gh] = await Promise.all([import('../github-lazy.js'), run.github()]);
  const location = where(run, pr, outcome.target, outcome.name ?? String(pr.number));
  const search = found ? await found : await findStickyComment(gh, location);
  const res = await writeStickyComment(gh, search, { ...location, body });
  if (!res.ok) {
    runner.warning(`The pull-request comment was not written: ${res.error.message}`);
    return;
  }
  runner.setOutput('comment-id', String(res.id));
  runner.setOutput('comment-url', runner.redact(res.url));
  runner.info(`Comment ${res.action}: ${res.url}`);
}
