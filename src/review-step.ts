/**
 * The review's place in a run (SPEC §10.1): once the branch namespace is deployed and the merge
 * preview is in, the SQL (and values) DJ gives in both namespaces, the owners asked for review,
 * and the accept label's effect on `fail-on: impact`. Loaded with a dynamic import only when the
 * run has a preview. Never rejects and never fails the step: what cannot be done is a note.
 */
import { readFileSync } from 'node:fs';
import type { ImpactReport, ImpactSummary } from './targets/dj/impact.js';
import type { Review } from './targets/dj/review.js';
import type { RunContext } from './run-context.js';
import type { BranchTarget, Reported } from './targets/target.js';
import type { StickySearch } from './report/comment.js';
import type { ReviewSettings } from './settings.js';
import * as runner from './runner.js';

/** The review stays within the preview's two-minute bound. */
const REVIEW_BOUND_MS = 120_000;

/** What the pull-request payload says that the parsed event does not carry: its labels and author. */
export function prFacts(env: NodeJS.ProcessEnv): { labels: string[]; author?: string } {
  try {
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as { pull_request?: { labels?: { name?: unknown }[]; user?: { login?: unknown } } };
    const pr = payload.pull_request ?? {};
    const labels = (Array.isArray(pr.labels) ? pr.labels : []).map(l => l?.name).filter((n): n is string => typeof n === 'string');
    return { labels, author: typeof pr.user?.login === 'string' ? pr.user.login : undefined };
  } catch {
    return { labels: [] };
  }
}

/** Everything the step needs. */
export interface ReviewStepRequest {
  report: ImpactReport | undefined;
  outcome: Reported;
  target: BranchTarget;
  run: RunContext;
  env: NodeJS.ProcessEnv;
  prNumber: number;
  /** The sticky comment's search (its hidden marker remembers who was asked). */
  found?: Promise<StickySearch>;
  /** GitHub's compare `behind_by` for the pull request, when the preview saw it. */
  behindBy?: number;
}

function timeout<T>(ms: number, value: () => T): { promise: Promise<T>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<T>(resolve => (timer = setTimeout(() => resolve(value()), ms)));
  return { promise, clear: () => clearTimeout(timer) };
}

/** The preview report with the review and the accept label added. */
export async function addReview(req: ReviewStepRequest): Promise<ImpactReport | undefined> {
  const { report, outcome, target, run, env } = req;
  if (!report || !('summary' in report) || !run.settings.dj) return report;
  const settings = run.settings.dj.review;
  const facts = prFacts(env);
  const accepted = settings.acceptLabel && facts.labels.includes(settings.acceptLabel) ? settings.acceptLabel : undefined;
  const summary = accepted ? { ...report.summary, accepted } : report.summary;
  const { created, updated, deleted } = summary.changes;
  // Merging changes no node: nothing to review, nobody to ask.
  if (!created.length && !updated.length && !deleted.length && !summary.downstream.length) return { ...report, summary };
  const deployed = outcome.operation !== 'skipped' && outcome.name && outcome.results.every(r => r.status !== 'failed');
  const wantsSql = settings.limit > 0 || settings.values;
  if (!target.reviewIO || (!wantsSql && !settings.requestReviews && !accepted)) return { ...report, summary };
  const [{ review }, { renderReview, reviewersIn }] = await Promise.all([import('./targets/dj/review.js'), import('./report/review.js')]);
  let made: Review = { sql: [], dimensions: settings.dimensions, reviewers: [], notes: [], behindBy: req.behindBy ?? 0, omitted: 0, ...(accepted ? { accepted } : {}) };
  const earlier = req.found ? reviewersIn(await req.found.then(s => (s.ok ? s.existing?.body : undefined)).catch(() => undefined)) : [];
  let asked: { requested: string[]; notes: string[] } = { requested: [], notes: [] };
  // The review requests go out as soon as the specs name the owners, beside the SQL and values.
  const onOwners = async (owners: string[]) => {
    if (settings.requestReviews) asked = await requestOwners(run, req.prNumber, settings, owners, earlier, facts.author);
  };
  if (deployed) {
    const bound = timeout(REVIEW_BOUND_MS, () => undefined);
    try {
      const answer = await Promise.race([
        review({ summary, branchNs: outcome.name!, settings: wantsSql ? settings : { ...settings, values: false }, behindBy: req.behindBy ?? 0, onOwners }, target.reviewIO()),
        bound.promise,
      ]);
      if (answer) made = { ...answer.review, ...(wantsSql ? {} : { sql: [] }), ...(accepted ? { accepted } : {}) };
      else made.notes.push(`The review did not finish within ${REVIEW_BOUND_MS / 1000} s.`);
    } catch (err) {
      made.notes.push(`No SQL review: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      bound.clear();
    }
  } else if (wantsSql) {
    made.notes.push('No SQL review: the branch namespace was not deployed in this run.');
  }
  made.reviewers = [...new Set([...earlier, ...asked.requested])].sort();
  made.notes.push(...asked.notes);
  const shown = runner.redactAll(made);
  return { ...report, summary: { ...summary, ...outputFields(shown) }, review: shown, reviewMarkdown: renderReview(shown) };
}

/** The `impact` output's review fields (SPEC §10.1). */
export function outputFields(review: Review): Pick<ImpactSummary, 'sql' | 'values' | 'reviewers'> {
  const sql = review.sql.map(s => ({ metric: s.metric, changed: s.change === 'unknown' ? null : s.change !== 'unchanged' }));
  const values = review.values?.flatMap(v =>
    v.note
      ? [{ metric: v.metric, base: null, branch: null, delta: null, relative: null, note: v.note }]
      : v.rows.map(r => ({ metric: v.metric, ...(r.key.length ? { dimensions: r.key } : {}), base: r.base, branch: r.branch, delta: r.delta, relative: r.relative })),
  );
  return { sql, ...(values ? { values } : {}), reviewers: review.reviewers };
}

/** The GitHub logins and teams for `owners`, without the author and without anyone asked before. */
export function reviewersFor(owners: string[], map: ReviewSettings['owners'], earlier: string[], author?: string): { users: string[]; teams: string[]; unmapped: string[] } {
  const users = new Set<string>();
  const teams = new Set<string>();
  const unmapped: string[] = [];
  const before = new Set(earlier.map(e => e.toLowerCase()));
  for (const o of owners) {
    const to = map.get(o);
    if (!to) {
      unmapped.push(o);
      continue;
    }
    if (before.has(to.toLowerCase()) || (author && to.toLowerCase() === author.toLowerCase())) continue;
    (to.includes('/') ? teams : users).add(to);
  }
  return { users: [...users], teams: [...teams], unmapped };
}

/**
 * Requests the reviews: users and teams apart (a workflow's token cannot resolve teams, and one
 * refusal must not lose the other kind); a 422 for a batch is retried one by one, so one login
 * GitHub refuses does not lose the others. Each refusal is a note.
 */
export async function requestOwners(
  run: RunContext,
  pull: number,
  settings: ReviewSettings,
  owners: string[],
  earlier: string[],
  author?: string,
): Promise<{ requested: string[]; notes: string[] }> {
  const { users, teams } = reviewersFor(owners, settings.owners, earlier, author);
  const notes: string[] = [];
  const requested: string[] = [];
  if (!users.length && !teams.length) return { requested, notes };
  const repo = run.event.repo;
  if (!repo) return { requested, notes: ['Reviews were not requested: the repository is unknown.'] };
  const gh = await run.github();
  const ask = async (kind: 'reviewers' | 'team_reviewers', names: string[]) => {
    const slug = (n: string) => (kind === 'team_reviewers' ? n.slice(n.indexOf('/') + 1) : n);
    const send = (batch: string[]) => gh.requestReviewers(repo.owner, repo.name, pull, { [kind]: batch.map(slug) });
    try {
      const all = await send(names);
      if (all.ok) return void requested.push(...names);
      if (names.length === 1) return void notes.push(`GitHub refused the review request for ${names[0]}: ${all.message}`);
      for (const n of names) {
        const one = await send([n]);
        if (one.ok) requested.push(n);
        else notes.push(`GitHub refused the review request for ${n}: ${one.message}`);
      }
    } catch (err) {
      notes.push(`Reviews were not requested from ${names.join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await Promise.all([users.length ? ask('reviewers', users) : undefined, teams.length ? ask('team_reviewers', teams) : undefined]);
  if (requested.length) runner.info(`Reviews requested from ${requested.join(', ')}`);
  return { requested, notes };
}
