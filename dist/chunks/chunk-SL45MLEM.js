import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  failsStep,
  stepVerdict
} from "./chunk-JB2JY66C.js";
import {
  branchesOf,
  commitOf,
  countByStatus,
  pruneOf
} from "./chunk-AEQUHH6R.js";
import {
  require_crypto
} from "./chunk-6Y63FKN4.js";
import {
  newlyInvalid,
  summaryOf
} from "./chunk-EI237HEV.js";
import {
  __toESM
} from "./chunk-ULGGNWNB.js";

// src/report/escape.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var FOOTER_MARK = "<!-- dj-branch-sync-footer -->";
var ZWJ = "\u200D";
var CHAR_ESCAPES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\\": "\\\\",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "|": "\\|",
  "~": "\\~",
  $: "\\$",
  "\n": "<br>"
};
function escapeMarkdown(text) {
  const flat = text.replace(/\r\n?/g, "\n").replace(/^[ \t\n]+/, "");
  const out = flat.replace(/[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g, (ch) => ch === "@" || ch === "#" ? ch + ZWJ : CHAR_ESCAPES[ch]);
  return out.replace(/^([#+=-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}
function safeUrl(raw) {
  if (!raw) return void 0;
  let url;
  try {
    url = new URL(raw);
  } catch {
    return void 0;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return void 0;
  return url.href.replace(/[()[\]<>"'`|\\ ]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}
function stickyMarker(target, name, server) {
  const key = (0, import_node_crypto.createHash)("sha1").update(`${target}
${name}${server ? `
${server}` : ""}`).digest("hex");
  return `<!-- dj-branch-sync:${key} -->`;
}
function digestMarker(body) {
  const end = body.indexOf(FOOTER_MARK);
  const content = end === -1 ? body : body.slice(0, end);
  const digest = (0, import_node_crypto.createHash)("sha256").update(content).digest("hex").slice(0, 12);
  return `<!-- dj-branch-sync-digest:${digest} -->`;
}
function eventName(name) {
  return /^[a-z_]+$/.test(name) ? `\`${name}\`` : escapeMarkdown(name);
}
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}

// src/report/counts.ts
var TALLY_WORDS = ["created", "updated", "unchanged", "deleted", "failed", "invalid", "skipped"];
var OPERATION_WORDS = /* @__PURE__ */ new Map([
  ["create", "created"],
  ["update", "updated"],
  ["noop", "unchanged"],
  ["delete", "deleted"]
]);
function tallyWord(r) {
  if (r.status === "failed" || r.status === "invalid") return r.status;
  if (r.status === "skipped") return r.operation === "noop" ? "unchanged" : "skipped";
  return OPERATION_WORDS.get(r.operation) ?? "other";
}
function tally(results) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of results) {
    const w = tallyWord(r);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...TALLY_WORDS, "other"].filter((w) => counts.has(w)).map((w) => [w, counts.get(w)]);
}
function resultNoun(results, n) {
  const nodes = results.every((r) => r.deploy_type === "node");
  return nodes ? n === 1 ? "node" : "nodes" : n === 1 ? "result" : "results";
}
function countsPhrase(results) {
  const head = `${results.length} ${resultNoun(results, results.length)}`;
  const parts = tally(results).map(([w, n]) => `${n} ${w}`);
  return parts.length ? `${head}: ${parts.join(", ")}` : head;
}

// src/report/headline.ts
var STATUS_ICONS = /* @__PURE__ */ new Map([
  ["success", "\u2705"],
  ["failed", "\u274C"],
  ["invalid", "\u26A0\uFE0F"],
  ["warning", "\u{1F7E1}"],
  ["skipped", "\u23ED\uFE0F"]
]);
var TARGET_LABELS = {
  dj: { one: "DJ branch namespace", many: "DJ branch namespaces", ui: "Open in DJ" },
  fossil: { one: "Fossil branch", many: "Fossil branches", ui: "Open in Fossil" },
  pdc: { one: "PDC branch", many: "PDC branches", ui: "Open in PDC" }
};
var SKIP_TITLES = {
  tag: "a tag, not a branch",
  "default-branch": "the default branch",
  "ignored-branch": "branch matches `ignore-branches`",
  fork: "pull request from a fork",
  "unsupported-event": "event not handled by `operation: auto`",
  "unsupported-action": "nothing to do for this event",
  "not-linked": "no namespace is linked to this branch",
  "not-a-command": "not a command",
  "not-permitted": "commenter may not push to this repository",
  help: "the commands"
};
function problemMessage(message) {
  const kept = message.split(/\r?\n/).filter((line) => {
    const t = line.trim();
    return t && !t.startsWith("\u2514\u2500") && !/^Updated\b/.test(t);
  });
  return kept.length ? kept.join("\n") : message.trim();
}
function isProblem(r) {
  return r.status === "failed" || r.status === "invalid" || r.status === "warning";
}
function statusCell(status) {
  const icon = STATUS_ICONS.get(status) ?? "\u2754";
  return `${icon} ${escapeMarkdown(status)}`;
}
function isSha(sha) {
  return /^[0-9a-f]{7,64}$/i.test(sha);
}
function shortSha(sha) {
  return isSha(sha) ? `\`${sha.slice(0, 7).toLowerCase()}\`` : escapeMarkdown(sha);
}
function sameCommit(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}
function branchText(branch) {
  return /^[A-Za-z0-9._/-]{1,200}$/.test(branch) ? `\`${branch}\`` : escapeMarkdown(branch);
}
function shortNodeName(name, namespace) {
  return namespace && name.startsWith(`${namespace}.`) && name.length > namespace.length + 1 ? name.slice(namespace.length + 1) : name;
}
function reportSha(outcome, ctx) {
  const c = commitOf(outcome);
  if (outcome.operation === "unchanged" && outcome.why === "no-changes") return ctx.headSha ?? c.expectedSha ?? c.deployedSha;
  return c.deployedSha ?? ctx.headSha ?? c.expectedSha;
}
function shaMismatch(outcome, ctx) {
  if (outcome.operation === "unchanged" && outcome.why === "no-changes") return void 0;
  const c = commitOf(outcome);
  const head = ctx.headSha ?? c.expectedSha;
  return c.deployedSha && head && !sameCommit(c.deployedSha, head) ? { deployed: c.deployedSha, head } : void 0;
}
function exists(outcome, ctx) {
  if (ctx.error) return false;
  switch (outcome.operation) {
    case "created":
    case "updated":
    case "unchanged":
      return true;
    case "planned":
      return outcome.of === "deploy" || outcome.of === "remove";
    default:
      return false;
  }
}
function deployText(outcome, results) {
  if (!results.length) return void 0;
  const counts = countByStatus(results);
  const n = results.length;
  const noun = resultNoun(results, n);
  if (counts.failed) return `${counts.failed} of ${n} ${noun} failed${counts.invalid ? `, ${counts.invalid} invalid` : ""}`;
  if (counts.invalid) return `${counts.invalid} of ${n} ${noun} invalid`;
  if (outcome.operation === "unchanged") return void 0;
  return `${n} ${noun} deployed${outcome.operation === "created" ? " to a new namespace" : ""}`;
}
function headlineOf(outcome, ctx, verdict = stepVerdict(outcome, ctx.failOn)) {
  const label = TARGET_LABELS[outcome.target];
  const where = {
    branch: outcome.gitBranch,
    name: outcome.name,
    ui: label.ui,
    ...exists(outcome, ctx) && outcome.url ? { url: outcome.url } : {}
  };
  const withSha = { ...where, sha: reportSha(outcome, ctx) };
  if (ctx.error) return { icon: "\u274C", text: "Failed", detail: firstSentence(ctx.error), ...where };
  const mismatch = shaMismatch(outcome, ctx) !== void 0;
  const good = (icon) => verdict.fails ? "\u274C" : mismatch ? "\u26A0\uFE0F" : icon;
  switch (outcome.operation) {
    case "created":
    case "updated":
    case "unchanged": {
      const text = deployText(outcome, outcome.results);
      const attention = outcome.results.some((r) => r.status === "failed" || r.status === "invalid");
      if (text) return { icon: good(attention ? "\u26A0\uFE0F" : "\u2705"), text, ...withSha };
      if (outcome.operation !== "unchanged") {
        const deployed = Boolean(outcome.deployedSha);
        const word = outcome.operation === "created" ? deployed ? "Created and deployed, no nodes" : "Created" : deployed ? "Deployed, no nodes" : "Updated";
        return { icon: good("\u2705"), text: word, ...withSha };
      }
      switch (outcome.why) {
        case "kept":
          if (outcome.keptByLabel) return { icon: "\u{1F4CC}", text: `Kept because of the label ${escapeMarkdown(outcome.keptByLabel)}`, ...where };
          return { icon: "\u{1F4CC}", text: "Kept after the pull request closed (`on-pr-close: keep`)", ...where };
        case "branch-exists":
          return { icon: "\u{1F4CC}", text: "Kept: the git branch exists again", ...where };
        case "deployed":
          return { icon: good("\u2705"), text: "Already deployed, nothing sent again", ...withSha };
        case "no-changes":
          return { icon: good("\u2705"), text: "No changes under `git_path`, nothing deployed (`deploy: changed`)", ...withSha };
        case "linked":
          return { icon: good("\u2705"), text: "Already in step, nothing to do", ...where };
      }
    }
    // falls through: every variant returned above
    // eslint-disable-next-line no-fallthrough
    default:
      return { icon: "\u2705", text: "Done", ...where };
    case "deleted": {
      const nodes = outcome.dj ? ` with its ${plural(outcome.dj.nodesDeleted, "node", "nodes")}` : "";
      return { icon: "\u{1F5D1}\uFE0F", text: `${outcome.target === "fossil" ? "Closed" : "Deleted"}${nodes}`, ...where };
    }
    case "absent":
      return { icon: "\u2705", text: "Nothing to delete: it was already gone", ...where };
    case "listed":
      return { icon: "\u{1F4CB}", text: plural(outcome.branches.length, label.one, label.many), ui: label.ui };
    case "pruned": {
      const failed = outcome.failures.length ? `, ${outcome.failures.length} could not be removed` : "";
      return { icon: verdict.fails ? "\u274C" : "\u{1F9F9}", text: `Pruned ${outcome.pruned.length} of ${plural(outcome.branches.length, label.one, label.many)}${failed}`, ui: label.ui };
    }
    case "planned":
      if (outcome.of === "prune") {
        return { icon: "\u{1F4DD}", text: `Dry run: would prune ${outcome.pruned.length} of ${plural(outcome.branches.length, label.one, label.many)}`, ui: label.ui };
      }
      return { icon: "\u{1F4DD}", text: "Dry run, nothing changed", ...withSha };
    case "skipped":
      return { icon: "\u23ED\uFE0F", text: `Skipped: ${SKIP_TITLES[outcome.skipReason]}`, ...where };
  }
}
function firstSentence(text) {
  const line = text.split("\n")[0];
  const end = line.search(/\.(?:\s|$)/);
  return clip(end > 20 ? line.slice(0, end) : line, 160);
}
function headlineMarkdown(h, ctx) {
  const parts = [`${h.icon} ${h.text}${h.detail ? `: ${escapeMarkdown(h.detail)}` : ""}`];
  if (h.branch || h.name) {
    let where = h.branch ? branchText(h.branch) : "";
    if (h.sha) {
      const commit = ctx.repoUrl && isSha(h.sha) ? safeUrl(`${ctx.repoUrl}/commit/${h.sha}`) : void 0;
      where += ` @ ${commit ? `[${shortSha(h.sha)}](${commit})` : shortSha(h.sha)}`;
    }
    if (h.name) where += `${where ? " \u2192 " : ""}${escapeMarkdown(h.name)}`;
    parts.push(where);
  }
  const href = safeUrl(h.url);
  if (href) parts.push(`[${h.ui}](${href})`);
  return `### ${parts.join(" \xB7 ")}`;
}
function headlinePlain(h) {
  let where = h.branch ?? "";
  if (h.sha) where += ` @ ${isSha(h.sha) ? h.sha.slice(0, 7) : h.sha}`;
  if (h.name) where += `${where ? " \u2192 " : ""}${h.name}`;
  return [`${h.text.replace(/`/g, "")}${h.detail ? `: ${h.detail}` : ""}`, where].filter(Boolean).join(" \xB7 ");
}

// src/report/model.ts
function buildReport(outcome, ctx) {
  const impact = summaryOf(ctx.impact);
  const verdict = stepVerdict(outcome, ctx.failOn, impact);
  const headline = headlineOf(outcome, ctx, verdict);
  const attention = outcome.results.filter((r) => r.status === "failed" || r.status === "invalid");
  const nodes = attention.map((r) => ({
    name: r.name,
    short: shortNodeName(r.name, outcome.name),
    status: r.status,
    kind: r.deploy_type,
    message: problemMessage(r.message) || `DJ reported ${r.status} without a message`,
    severity: failsStep(r.status, ctx.failOn) ? "failure" : "warning"
  }));
  nodes.sort((a, b) => a.severity === b.severity ? 0 : a.severity === "failure" ? -1 : 1);
  const downstream = (impact ? newlyInvalid(impact) : []).map((d) => ({
    name: d.name,
    short: shortNodeName(d.name, impact?.base),
    status: d.predicted_status,
    kind: "downstream",
    message: d.impact_reason || `merging would make ${d.name} ${d.predicted_status}`,
    severity: ctx.failOn === "impact" ? "failure" : "warning",
    causedBy: d.caused_by
  }));
  const c = commitOf(outcome);
  const deployed = (outcome.operation === "created" || outcome.operation === "updated") && !pruneOf(outcome) ? c.deployedSha : void 0;
  return {
    outcome,
    ctx,
    verdict,
    headline,
    title: headlinePlain(headline),
    counts: outcome.results.length ? countsPhrase(outcome.results) : "",
    nodes,
    downstream,
    ...impact ? { impact } : {},
    ...deployed ? { deployedSha: deployed } : {},
    links: {
      ...headline.url ? { namespace: headline.url } : {},
      ...ctx.runUrl ? { run: ctx.runUrl } : {},
      ...ctx.repoUrl && deployed ? { commit: `${ctx.repoUrl}/commit/${deployed}` } : {}
    }
  };
}

// src/report/doc.ts
var MAX_REPORT_CHARS = 6e4;
var TAIL_RESERVE = 1500;
var MAX_PROBLEM_MESSAGE = 1e3;
var MAX_OTHER_MESSAGE = 200;
var MAX_TEXT = 4e3;
function alert(kind, body) {
  return [`> [!${kind}]`, ...body.split("\n").map((l) => `> ${l}`), ""];
}
var Doc = class {
  lines = [];
  length = 0;
  push(...lines) {
    for (const line of lines) {
      this.lines.push(line);
      this.length += line.length + 1;
    }
  }
  /** Whether `extra` more characters fit before the tail reserve. */
  fits(extra) {
    return this.length + extra + TAIL_RESERVE <= MAX_REPORT_CHARS;
  }
  toString() {
    return this.lines.join("\n");
  }
};
function pushTable(doc, header, items, row, opener, closer) {
  if (!items.length) return 0;
  const head = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  const frame = head.join("\n").length + (opener?.join("\n").length ?? 0) + (closer?.join("\n").length ?? 0) + 8;
  const first = `| ${row(items[0]).join(" | ")} |`;
  if (!doc.fits(frame + first.length)) return items.length;
  doc.push(...opener ?? [], ...head, first);
  let shown = 1;
  const closing = (closer?.join("\n").length ?? 0) + 4;
  for (; shown < items.length; shown++) {
    const line = `| ${row(items[shown]).join(" | ")} |`;
    if (!doc.fits(line.length + closing)) break;
    doc.push(line);
  }
  doc.push("", ...closer ?? []);
  return items.length - shown;
}

// src/report/impact.ts
var DEFAULT_ROWS = 50;
var MAX_REASON = 300;
var plural2 = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
function impactHeadline(summary) {
  const { created, updated, deleted } = summary.changes;
  const broken = newlyInvalid(summary).length;
  const parts = [`Merging would update ${plural2(updated.length, "node")}, add ${created.length}, remove ${deleted.length}`];
  if (summary.failed.length) parts[0] += `, and fail on ${summary.failed.length}`;
  parts.push(summary.downstream.length ? `${plural2(summary.downstream.length, "downstream node")} affected, ${broken} would become invalid` : "no downstream node affected");
  return `${parts.join("; ")}.`;
}
function shortName(name, base) {
  return escapeMarkdown(name.startsWith(`${base}.`) ? name.slice(base.length + 1) : name);
}
function reason(text) {
  const flat = text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}\u2026` : text;
  return escapeMarkdown(flat);
}
function downstreamRows(rows, base, maxRows) {
  const shown = rows.slice(0, maxRows);
  if (!shown.length) return [`${plural2(rows.length, "node")} (the \`impact\` output has them all).`];
  const lines = [
    "| node | status | why | caused by | owners |",
    "|---|---|---|---|---|",
    ...shown.map((d) => {
      const status = d.current_status === d.predicted_status ? escapeMarkdown(d.predicted_status) : `${escapeMarkdown(d.current_status)} \u2192 **${escapeMarkdown(d.predicted_status)}**`;
      const name = `${shortName(d.name, base)}${d.is_external ? " (other namespace)" : ""}`;
      const owners = d.owners.length ? d.owners.map(escapeMarkdown).join(", ") : "\u2014";
      return `| ${name} | ${status} | ${reason(d.impact_reason)} | ${d.caused_by.map((c) => shortName(c, base)).join(", ")} | ${owners} |`;
    })
  ];
  if (rows.length > shown.length) lines.push("", `\u2026and ${rows.length - shown.length} more (the \`impact\` output has them all).`);
  return lines;
}
function renderImpact(summary, options = {}) {
  const MAX_ROWS = options.maxRows ?? DEFAULT_ROWS;
  const base = summary.base;
  const { created: c, updated: u, deleted: d } = summary.changes;
  if (!c.length && !u.length && !d.length && !summary.failed.length && !summary.downstream.length) {
    return `**Merging would change no node** in ${escapeMarkdown(base)}.`;
  }
  const out = [`**${escapeMarkdown(impactHeadline(summary))}** (into ${escapeMarkdown(base)})`];
  if (summary.failed.length) {
    out.push("", "> [!CAUTION]", "> Merging would fail on these changes:");
    for (const f of summary.failed.slice(0, MAX_ROWS)) out.push(`> - ${shortName(f.name, base)} (${escapeMarkdown(f.operation)}): ${reason(f.message)}`);
    if (summary.failed.length > MAX_ROWS) out.push(`> - \u2026and ${summary.failed.length - MAX_ROWS} more`);
  }
  const broken = newlyInvalid(summary);
  const rest = summary.downstream.filter((d2) => !broken.includes(d2));
  if (broken.length) out.push("", "Would become invalid:", "", ...downstreamRows(broken, base, MAX_ROWS));
  const { created, updated, deleted } = summary.changes;
  const changed = [
    ...updated.map((n) => `- updated: ${shortName(n, base)}`),
    ...created.map((n) => `- added: ${shortName(n, base)}`),
    ...deleted.map((n) => `- removed: ${shortName(n, base)}`)
  ];
  if (changed.length || rest.length) {
    out.push("", "<details><summary>Changed nodes and other downstream effects</summary>", "");
    out.push(...changed.slice(0, MAX_ROWS));
    if (changed.length > MAX_ROWS) out.push(`- \u2026and ${changed.length - MAX_ROWS} more`);
    if (rest.length) out.push("", ...downstreamRows(rest, base, MAX_ROWS));
    out.push("", "</details>");
  }
  return out.join("\n");
}
function renderImpactUnavailable(why) {
  return ["> [!NOTE]", `> No merge preview: ${escapeMarkdown(why)}`].join("\n");
}

// src/report/sections.ts
function skipExplanation(reason2, outcome, ctx) {
  const branch = outcome.gitBranch ? `The branch ${escapeMarkdown(outcome.gitBranch)}` : "This branch";
  switch (reason2) {
    case "tag":
      return "The event is about a tag. Branch namespaces follow branches only, so nothing was done.";
    case "default-branch":
      return `${branch} is the default branch. Its namespace is the root's default-branch namespace, which this action deploys on push but never creates or deletes.`;
    case "ignored-branch":
      return `${branch} matches a pattern in \`ignore-branches\`, so it gets no namespace. Remove the pattern to include it.`;
    case "fork":
      return [
        "This pull request comes from a fork. GitHub runs `pull_request` workflows from forks without secrets and with a read-only token,",
        "so the action could neither reach the server nor write a comment, and it changed nothing.",
        "To get a namespace, a maintainer can push the branch to this repository (the next event creates it); don't switch to `pull_request_target` with untrusted code."
      ].join(" ");
    case "unsupported-event":
      return `${eventName(ctx.eventName)} events do nothing with \`operation: auto\`. For scheduled or manual runs set \`operation\` to \`create\`, \`delete\`, \`sync\`, \`list\` or \`prune\`.`;
    case "unsupported-action":
      return "Only the pull request actions `opened`, `reopened`, `synchronize`, `ready_for_review` and `closed` change namespaces (and pushes, unless `deploy: none`); this one needs nothing.";
    case "not-linked":
      return `No namespace is linked to ${outcome.gitBranch ? escapeMarkdown(outcome.gitBranch) : "this branch"}, so there is nothing to deploy. A namespace is created when the branch is created or a pull request is opened for it (or with \`operation: create\`).`;
    case "not-a-command":
    case "not-permitted":
    case "help":
      return escapeMarkdown(outcome.notes[0] ?? "");
  }
}
function pushResults(doc, results, namespace) {
  const problems = [...results.filter((r) => r.status === "failed"), ...results.filter((r) => r.status === "invalid"), ...results.filter((r) => r.status === "warning")];
  const rest = results.filter((r) => !isProblem(r));
  const node = (r) => escapeMarkdown(shortNodeName(r.name, namespace));
  const omittedProblems = pushTable(doc, ["Node", "Status", "Message"], problems, (r) => [
    node(r),
    statusCell(r.status),
    escapeMarkdown(clip(problemMessage(r.message), MAX_PROBLEM_MESSAGE)) || "\u2014"
  ]);
  const omittedRest = pushTable(
    doc,
    ["Node", "Status", "Operation", "Message"],
    rest,
    (r) => [node(r), statusCell(r.status), escapeMarkdown(r.operation), escapeMarkdown(clip(r.message, MAX_OTHER_MESSAGE)) || "\u2014"],
    [`<details><summary>${problems.length ? "Other nodes" : "Nodes"} (${rest.length})</summary>`, ""],
    ["</details>", ""]
  );
  return { omitted: omittedProblems + omittedRest, omittedProblems };
}
function branchRow(b) {
  const when = b.lastUpdatedAt ? escapeMarkdown(b.lastUpdatedAt.replace("T", " ").replace(/\.\d+/, "")) : "\u2014";
  return [
    `${escapeMarkdown(b.name)}${b.isDefault ? " (default)" : ""}`,
    b.gitBranch ? escapeMarkdown(b.gitBranch) : "\u2014",
    b.nodes === void 0 ? "\u2014" : String(b.nodes),
    b.invalidNodes === void 0 ? "\u2014" : String(b.invalidNodes),
    b.state ? `${when === "\u2014" ? "" : `${when} \xB7 `}${escapeMarkdown(b.state)}` : when
  ];
}
var BRANCH_HEADER = ["Namespace / branch", "Git branch", "Nodes", "Invalid nodes", "Last updated / state"];
function pushBranches(doc, outcome, ctx) {
  const branches = branchesOf(outcome) ?? [];
  const prune = pruneOf(outcome);
  let omitted = 0;
  if (prune) {
    const pruned = prune.pruned;
    const failures = prune.failures;
    if (failures.length) {
      doc.push(`#### \u274C Could not remove (${failures.length})`, "");
      omitted += pushTable(doc, ["Namespace / branch", "Error"], failures, (f) => [escapeMarkdown(f.name), escapeMarkdown(clip(f.message, MAX_PROBLEM_MESSAGE))]);
    }
    doc.push(`#### ${ctx.dryRun ? "Would delete" : "Deleted"} (${pruned.length})`, "");
    if (!pruned.length) doc.push("Nothing to prune: every branch namespace still has its git branch, or is too recent.", "");
    for (let i = 0; i < pruned.length; i++) {
      const line = `- ${escapeMarkdown(pruned[i])}`;
      if (!doc.fits(line.length)) {
        omitted += pruned.length - i;
        break;
      }
      doc.push(line);
    }
    doc.push("");
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow, [`<details><summary>All branches (${branches.length})</summary>`, ""], ["</details>", ""]);
  } else {
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow);
  }
  return omitted;
}
function pushAlerts(doc, outcome, ctx, verdict) {
  if (ctx.error) doc.push(...alert("CAUTION", escapeMarkdown(clip(ctx.error, MAX_TEXT))));
  else if (verdict.fails && !pruneOf(outcome) && !outcome.results.some((r) => failsStep(r.status, ctx.failOn))) {
    doc.push(...alert("CAUTION", `This fails the step: ${verdict.reason}; the merge preview above says which nodes and why.`));
  } else if (verdict.fails) {
    const what = pruneOf(outcome) ? "the others were handled; the failures are listed below." : "the other nodes are deployed. Fix the YAML of the nodes below and push again.";
    doc.push(...alert("CAUTION", `This fails the step: ${verdict.reason}; ${what}`));
  }
  const mismatch = shaMismatch(outcome, ctx);
  if (mismatch) {
    const head = ctx.prNumber ? "the pull request's head" : "the event's commit";
    doc.push(
      ...alert("WARNING", `DJ deployed ${shortSha(mismatch.deployed)}, not ${head} ${shortSha(mismatch.head)}: the branch moved, and the run for the newer commit deploys it.`)
    );
  }
  if (ctx.dryRun) doc.push(...alert("NOTE", "**Dry run:** nothing was changed; this shows what would happen."));
  if (outcome.operation === "skipped") doc.push(...alert("NOTE", skipExplanation(outcome.skipReason, outcome, ctx)));
  if (outcome.operation === "unchanged" && (outcome.why === "deployed" || outcome.why === "no-changes")) {
    const sha = outcome.deployedSha ? `${shortSha(outcome.deployedSha)} ` : "";
    const run = safeUrl(outcome.earlier?.runUrl);
    const by = run ? ` by [an earlier workflow run](${run})` : "";
    const counts = outcome.earlier?.description ? ` (${escapeMarkdown(clip(outcome.earlier.description, 200))})` : "";
    const text = outcome.why === "deployed" ? `This commit was deployed to ${escapeMarkdown(outcome.name ?? "the namespace")}${by}${counts}, so it was not sent to DJ again.` : `This commit changes nothing under the root's \`git_path\` since ${sha}was deployed${by}${counts}, so it was not sent to DJ (\`deploy: changed\`).`;
    doc.push(...alert("NOTE", text));
  }
}
var MAX_IMPACT_CHARS = 24e3;
function pushImpact(doc, ctx) {
  const impact = ctx.impact;
  if (!impact) return;
  if ("unavailable" in impact) {
    doc.push(renderImpactUnavailable(clip(impact.unavailable, MAX_TEXT)), "");
    return;
  }
  let text = "";
  for (const rows of [50, 20, 5, 0]) {
    text = renderImpact(impact.summary, { maxRows: rows });
    if (text.length <= MAX_IMPACT_CHARS) break;
  }
  doc.push(text, "");
  if (impact.reviewMarkdown) doc.push(impact.reviewMarkdown, "");
}
function pushDetails(doc, outcome, ctx, verdict, notesShown) {
  const lines = [];
  const event = `${eventName(ctx.eventName || "none")}${ctx.prNumber ? ` on pull request #${ctx.prNumber}` : ""}`;
  lines.push(`- Event: ${event}`);
  if (ctx.decision) lines.push(`- Decision: ${escapeMarkdown(clip(ctx.decision, MAX_TEXT))}`);
  lines.push(`- Step: ${ctx.error ? "fails (see above)" : verdict.fails ? `fails: ${verdict.reason}` : `passes (\`fail-on: ${ctx.failOn}\`)`}`);
  const c = commitOf(outcome);
  if (c.deployedSha) lines.push(`- Deployed commit: ${shortSha(c.deployedSha)}`);
  if (!notesShown) {
    for (const [i, note] of outcome.notes.entries()) {
      const line = `- ${escapeMarkdown(clip(note, MAX_TEXT))}`;
      if (!doc.fits(lines.join("\n").length + line.length + 200)) {
        lines.push(`- \u2026 and ${outcome.notes.length - i} more notes (see the log)`);
        break;
      }
      lines.push(line);
    }
  }
  doc.push("<details><summary>Details</summary>", "", ...lines, "", "</details>", "");
}

// src/report/markdown.ts
function renderReport(outcome, ctx) {
  return renderMarkdown(buildReport(outcome, ctx));
}
function renderMarkdown(report) {
  const { outcome, ctx, verdict } = report;
  const doc = new Doc();
  doc.push(headlineMarkdown(report.headline, ctx), "");
  pushImpact(doc, ctx);
  if (ctx.command) doc.push(`Last command: **${escapeMarkdown(ctx.command.text)}** by ${escapeMarkdown(ctx.command.by)}`, "");
  pushAlerts(doc, outcome, ctx, verdict);
  if (ctx.outputNotes?.length) doc.push("> [!NOTE]", ...ctx.outputNotes.map((n) => `> ${escapeMarkdown(clip(n, MAX_TEXT))}`), "");
  let omittedResults = 0;
  let omittedProblems = 0;
  if (outcome.results.length) {
    doc.push(`**${escapeMarkdown(report.counts)}**`, "");
    ({ omitted: omittedResults, omittedProblems } = pushResults(doc, outcome.results, outcome.name));
  }
  const notesShown = outcome.operation === "planned" && outcome.notes.length > 0;
  if (notesShown) {
    for (const [i, note] of outcome.notes.entries()) {
      const line = `- ${escapeMarkdown(clip(note, MAX_TEXT))}`;
      if (!doc.fits(line.length)) {
        doc.push(`- \u2026 and ${outcome.notes.length - i} more notes (see the log)`);
        break;
      }
      doc.push(line);
    }
    doc.push("");
  }
  const omittedBranches = branchesOf(outcome) ? pushBranches(doc, outcome, ctx) : 0;
  if (omittedResults) {
    const problems = omittedProblems ? ` (${omittedProblems} of them failed, invalid or warnings)` : "";
    doc.push(
      `\u26A0\uFE0F ${omittedResults} results not shown${problems}; the full list is in the \`results\` output, or in the file named by \`results-file\` when the output had to be cut.`,
      ""
    );
  }
  if (omittedBranches) doc.push(`\u26A0\uFE0F ${omittedBranches} rows not shown; the full lists are in the \`branches\` and \`pruned\` outputs.`, "");
  pushDetails(doc, outcome, ctx, verdict, notesShown);
  const run = safeUrl(ctx.runUrl);
  const time = `${ctx.now.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  doc.push(FOOTER_MARK, `<sub>${run ? `[Workflow run](${run}) \xB7 ` : ""}${time} \xB7 dj-branch-sync</sub>`);
  return doc.toString();
}

export {
  countsPhrase,
  escapeMarkdown,
  stickyMarker,
  digestMarker,
  headlinePlain,
  buildReport,
  renderReport,
  renderMarkdown
};
