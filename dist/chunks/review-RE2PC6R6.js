import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  escapeMarkdown
} from "./chunk-SL45MLEM.js";
import "./chunk-JB2JY66C.js";
import "./chunk-AEQUHH6R.js";
import "./chunk-LDTTVLFA.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/report/review.ts
var REVIEWERS_MARK = "dj-branch-sync-reviewers:";
function reviewersMarker(reviewers) {
  const safe = reviewers.filter((r) => /^[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/.test(r));
  return `<!-- ${REVIEWERS_MARK} ${safe.join(",")} -->`;
}
function reviewersIn(body) {
  const m = new RegExp(`<!-- ${REVIEWERS_MARK} ([^>]*?) -->`).exec(body ?? "");
  return m ? m[1].split(",").filter((r) => /^[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/.test(r)) : [];
}
function fenced(lang, text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text}
${fence}`;
}
function sqlBlock(s, maxChars) {
  const name = escapeMarkdown(s.metric);
  const clip = (t) => t.length > maxChars ? `${t.slice(0, maxChars)}
\u2026 (cut)` : t;
  if (s.change === "removed") return `- **${name}**: removed by this pull request.`;
  if (s.change === "unknown") return `- **${name}**: ${escapeMarkdown(s.note ?? "not compared")}`;
  const what = s.change === "added" ? "new metric" : "SQL changes";
  const body = s.change === "added" ? (s.diff ?? "").trimEnd().split("\n").map((l) => `+${l}`).join("\n") : s.diff ?? "";
  return [`<details><summary>${name}: ${what}</summary>`, "", fenced("diff", clip(body)), "", "</details>"].join("\n");
}
var fmt = (n) => {
  if (n === null || n === void 0) return "\u2014";
  if (typeof n === "number") return Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, "");
  return escapeMarkdown(String(n).slice(0, 100));
};
function valueTable(values, dimensions, maxRows) {
  const dims = dimensions.map((d) => escapeMarkdown(d));
  const head = ["metric", ...dims, "base", "branch", "change", "relative"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const notes = [];
  let shown = 0;
  for (const v of values) {
    if (v.note) {
      notes.push(`- ${escapeMarkdown(v.metric)}: ${escapeMarkdown(v.note.slice(0, 500))}`);
      continue;
    }
    for (const r of v.rows) {
      if (shown++ >= maxRows) break;
      const rel = r.relative === null ? "\u2014" : `${r.relative >= 0 ? "+" : ""}${(r.relative * 100).toFixed(1)}%`;
      const delta = r.delta === null ? "\u2014" : `${r.delta >= 0 ? "+" : ""}${fmt(r.delta)}`;
      lines.push(`| ${escapeMarkdown(v.metric)} | ${[...r.key.map((k) => escapeMarkdown(k.slice(0, 100))), fmt(r.base), fmt(r.branch), delta, rel].join(" | ")} |`);
    }
    if (v.more) notes.push(`- ${escapeMarkdown(v.metric)}: ${v.more} more rows (\`values-rows\`)`);
  }
  const total = values.reduce((n, v) => n + v.rows.length, 0);
  if (shown > maxRows) notes.push(`- ${total - maxRows} rows not shown here (the \`impact\` output has them)`);
  return [...lines.length > 2 ? lines : [], ...notes.length ? ["", ...notes] : []];
}
function renderReview(review, budget = 2e4) {
  for (const [diffChars, valueRows, diffs] of [
    [4e3, 200, Infinity],
    [1500, 50, Infinity],
    [600, 10, 20],
    [300, 0, 5],
    [0, 0, 0]
  ]) {
    const text = renderAt(review, diffChars, valueRows, diffs);
    if (text.length <= budget) return text;
  }
  return renderAt(review, 0, 0, 0).slice(0, budget);
}
function renderAt(review, diffChars, valueRows, maxDiffs) {
  const out = [];
  if (review.accepted) {
    out.push(
      "> [!NOTE]",
      `> The impact was accepted with the label ${escapeMarkdown(review.accepted)}: \`fail-on: impact\` does not fail this pull request. What merging would break is still listed.`,
      ""
    );
  }
  const listed = review.sql.filter((s) => s.change !== "unchanged");
  if (review.sql.length) {
    out.push(
      `**SQL review**: ${listed.length ? `${listed.length} of ${review.sql.length} metrics change` : `the SQL of ${review.sql.length === 1 ? "the 1 metric" : `all ${review.sql.length} metrics`} reviewed stays the same`}.`
    );
    if (review.behindBy > 0) {
      out.push(
        "",
        `> [!WARNING]`,
        `> The base branch has ${review.behindBy} commit${review.behindBy === 1 ? "" : "s"} this pull request lacks, so the branch namespace also differs by what the base gained; merge or rebase to see only this change.`
      );
    }
    const shown = listed.slice(0, maxDiffs);
    if (shown.length) out.push("", ...shown.map((s) => sqlBlock(s, diffChars)));
    if (listed.length > shown.length) out.push("", `\u2026and ${listed.length - shown.length} more metrics whose SQL changes (the \`impact\` output names them).`);
    out.push("");
  }
  if (review.values) {
    out.push("**Values** (base \u2192 branch)", "", ...valueTable(review.values, review.dimensions, valueRows), "");
  }
  if (review.reviewers.length) out.push(`Reviews requested from: ${review.reviewers.map((r) => escapeMarkdown(r)).join(", ")}.`, "");
  for (const n of review.notes) out.push(`- ${escapeMarkdown(n.slice(0, 1e3))}`);
  if (review.notes.length) out.push("");
  out.push(reviewersMarker(review.reviewers));
  return out.join("\n").trim();
}
export {
  REVIEWERS_MARK,
  renderReview,
  reviewersIn,
  reviewersMarker
};
