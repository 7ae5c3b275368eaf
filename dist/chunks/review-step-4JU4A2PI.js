import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  info,
  redactAll,
  require_fs
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import {
  __toESM
} from "./chunk-ULGGNWNB.js";

// src/review-step.ts
var import_node_fs = __toESM(require_fs(), 1);
var REVIEW_BOUND_MS = 12e4;
function prFacts(env) {
  try {
    const payload = JSON.parse((0, import_node_fs.readFileSync)(env.GITHUB_EVENT_PATH ?? "", "utf8"));
    const pr = payload.pull_request ?? {};
    const labels = (Array.isArray(pr.labels) ? pr.labels : []).map((l) => l?.name).filter((n) => typeof n === "string");
    return { labels, author: typeof pr.user?.login === "string" ? pr.user.login : void 0 };
  } catch {
    return { labels: [] };
  }
}
function timeout(ms, value) {
  let timer;
  const promise = new Promise((resolve) => timer = setTimeout(() => resolve(value()), ms));
  return { promise, clear: () => clearTimeout(timer) };
}
async function addReview(req) {
  const { report, outcome, target, run, env } = req;
  if (!report || !("summary" in report) || !run.settings.dj) return report;
  const settings = run.settings.dj.review;
  const facts = prFacts(env);
  const accepted = settings.acceptLabel && facts.labels.includes(settings.acceptLabel) ? settings.acceptLabel : void 0;
  const summary = accepted ? { ...report.summary, accepted } : report.summary;
  const { created, updated, deleted } = summary.changes;
  if (!created.length && !updated.length && !deleted.length && !summary.downstream.length) return { ...report, summary };
  const deployed = outcome.operation !== "skipped" && outcome.name && outcome.results.every((r) => r.status !== "failed");
  const wantsSql = settings.limit > 0 || settings.values;
  if (!target.reviewIO || !wantsSql && !settings.requestReviews && !accepted) return { ...report, summary };
  const [{ review }, { renderReview, reviewersIn }] = await Promise.all([import("./review-OK4NQSXP.js"), import("./review-RE2PC6R6.js")]);
  let made = { sql: [], dimensions: settings.dimensions, reviewers: [], notes: [], behindBy: req.behindBy ?? 0, omitted: 0, ...accepted ? { accepted } : {} };
  const earlier = req.found ? reviewersIn(await req.found.then((s) => s.ok ? s.existing?.body : void 0).catch(() => void 0)) : [];
  let asked = { requested: [], notes: [] };
  const onOwners = async (owners) => {
    if (settings.requestReviews) asked = await requestOwners(run, req.prNumber, settings, owners, earlier, facts.author);
  };
  if (deployed) {
    const bound = timeout(REVIEW_BOUND_MS, () => void 0);
    try {
      const answer = await Promise.race([
        review({ summary, branchNs: outcome.name, settings: wantsSql ? settings : { ...settings, values: false }, behindBy: req.behindBy ?? 0, onOwners }, target.reviewIO()),
        bound.promise
      ]);
      if (answer) made = { ...answer.review, ...wantsSql ? {} : { sql: [] }, ...accepted ? { accepted } : {} };
      else made.notes.push(`The review did not finish within ${REVIEW_BOUND_MS / 1e3} s.`);
    } catch (err) {
      made.notes.push(`No SQL review: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      bound.clear();
    }
  } else if (wantsSql) {
    made.notes.push("No SQL review: the branch namespace was not deployed in this run.");
  }
  made.reviewers = [.../* @__PURE__ */ new Set([...earlier, ...asked.requested])].sort();
  made.notes.push(...asked.notes);
  const shown = redactAll(made);
  return { ...report, summary: { ...summary, ...outputFields(shown) }, review: shown, reviewMarkdown: renderReview(shown) };
}
function outputFields(review) {
  const sql = review.sql.map((s) => ({ metric: s.metric, changed: s.change === "unknown" ? null : s.change !== "unchanged" }));
  const values = review.values?.flatMap(
    (v) => v.note ? [{ metric: v.metric, base: null, branch: null, delta: null, relative: null, note: v.note }] : v.rows.map((r) => ({ metric: v.metric, ...r.key.length ? { dimensions: r.key } : {}, base: r.base, branch: r.branch, delta: r.delta, relative: r.relative }))
  );
  return { sql, ...values ? { values } : {}, reviewers: review.reviewers };
}
function reviewersFor(owners, map, earlier, author) {
  const users = /* @__PURE__ */ new Set();
  const teams = /* @__PURE__ */ new Set();
  const unmapped = [];
  const before = new Set(earlier.map((e) => e.toLowerCase()));
  for (const o of owners) {
    const to = map.get(o);
    if (!to) {
      unmapped.push(o);
      continue;
    }
    if (before.has(to.toLowerCase()) || author && to.toLowerCase() === author.toLowerCase()) continue;
    (to.includes("/") ? teams : users).add(to);
  }
  return { users: [...users], teams: [...teams], unmapped };
}
async function requestOwners(run, pull, settings, owners, earlier, author) {
  const { users, teams } = reviewersFor(owners, settings.owners, earlier, author);
  const notes = [];
  const requested = [];
  if (!users.length && !teams.length) return { requested, notes };
  const repo = run.event.repo;
  if (!repo) return { requested, notes: ["Reviews were not requested: the repository is unknown."] };
  const gh = await run.github();
  const ask = async (kind, names) => {
    const slug = (n) => kind === "team_reviewers" ? n.slice(n.indexOf("/") + 1) : n;
    const send = (batch) => gh.requestReviewers(repo.owner, repo.name, pull, { [kind]: batch.map(slug) });
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
      notes.push(`Reviews were not requested from ${names.join(", ")}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await Promise.all([users.length ? ask("reviewers", users) : void 0, teams.length ? ask("team_reviewers", teams) : void 0]);
  if (requested.length) info(`Reviews requested from ${requested.join(", ")}`);
  return { requested, notes };
}
export {
  addReview,
  outputFields,
  prFacts,
  requestOwners,
  reviewersFor
};
