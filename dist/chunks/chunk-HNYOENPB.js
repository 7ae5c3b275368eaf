import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  __toESM,
  countByStatus,
  require_crypto
} from "./chunk-YE6BFIKO.js";

// src/report/markdown.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var MAX_REPORT_CHARS = 6e4;
var TAIL_RESERVE = 1500;
var MAX_PROBLEM_MESSAGE = 1e3;
var MAX_OTHER_MESSAGE = 200;
var MAX_TEXT = 4e3;
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
  const out = flat.replace(
    /[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g,
    (ch) => ch === "@" || ch === "#" ? ch + ZWJ : CHAR_ESCAPES[ch]
  );
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
function link(text, url) {
  const href = safeUrl(url);
  return href ? `[${escapeMarkdown(text)}](${href})` : escapeMarkdown(text);
}
function stickyMarker(target, name) {
  const key = (0, import_node_crypto.createHash)("sha1").update(`${target}
${name}`).digest("hex");
  return `<!-- dj-branch-sync:${key} -->`;
}
function digestMarker(body) {
  const end = body.indexOf(FOOTER_MARK);
  const content = end === -1 ? body : body.slice(0, end);
  const digest = (0, import_node_crypto.createHash)("sha256").update(content).digest("hex").slice(0, 12);
  return `<!-- dj-branch-sync-digest:${digest} -->`;
}
function stepFailure(outcome, failOn) {
  if (outcome.failures?.length) return `${plural(outcome.failures.length, "branch", "branches")} could not be removed`;
  if (failOn === "never") return void 0;
  const counts = countByStatus(outcome.results);
  const failed = counts.failed;
  const invalid = failOn === "invalid" ? counts.invalid : 0;
  if (!failed && !invalid) return void 0;
  const parts = [failed ? `${failed} failed` : "", invalid ? `${invalid} invalid` : ""].filter(Boolean);
  const failing = outcome.results.filter((r) => r.status === "failed" || failOn === "invalid" && r.status === "invalid");
  const kinds = new Set(failing.map((r) => r.deploy_type));
  const noun = kinds.size === 1 && kinds.has("link") ? "link" : kinds.size > 1 ? "result" : "node";
  return `${parts.join(" and ")} ${failed + invalid === 1 ? noun : `${noun}s`} (\`fail-on: ${failOn}\`)`;
}
var STATUS_ICONS = {
  success: "\u2705",
  failed: "\u274C",
  invalid: "\u26A0\uFE0F",
  warning: "\u{1F7E1}",
  skipped: "\u23ED\uFE0F"
};
var OPERATION_ICONS = {
  created: "\u2705",
  updated: "\u2705",
  unchanged: "\u2705",
  deleted: "\u{1F5D1}\uFE0F",
  absent: "\u2705",
  listed: "\u{1F4CB}",
  pruned: "\u{1F9F9}",
  skipped: "\u23ED\uFE0F",
  planned: "\u{1F4DD}"
};
var TARGET_LABELS = {
  dj: { one: "DJ namespace", many: "DJ branch namespaces" },
  fossil: { one: "Fossil branch", many: "Fossil branches" },
  pdc: { one: "PDC branch", many: "PDC branches" }
};
var SKIP_TITLES = {
  tag: "a tag, not a branch",
  "default-branch": "the default branch",
  "ignored-branch": "branch matches `ignore-branches`",
  fork: "pull request from a fork",
  "unsupported-event": "event not handled by `operation: auto`",
  "unsupported-action": "pull request action that changes nothing",
  "not-linked": "branch has no linked namespace"
};
function skipExplanation(reason, outcome, ctx) {
  const branch = outcome.gitBranch ? `The branch ${escapeMarkdown(outcome.gitBranch)}` : "This branch";
  switch (reason) {
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
      return "Only the pull request actions `opened`, `reopened`, `synchronize`, `ready_for_review` and `closed` change namespaces; this one needs nothing.";
    case "not-linked":
      return `No namespace is linked to ${outcome.gitBranch ? escapeMarkdown(outcome.gitBranch) : "this branch"}, so there is nothing to deploy. A namespace is created when the branch is created or a pull request is opened for it (or with \`operation: create\`).`;
  }
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
  const icon = STATUS_ICONS[status] ?? "\u2754";
  return `${icon} ${escapeMarkdown(status)}`;
}
function shortSha(sha) {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 12).toLowerCase()}\`` : escapeMarkdown(sha);
}
function sameCommit(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
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
function headline(outcome, ctx, failing, attention) {
  const icon = failing ? "\u274C" : attention ? "\u26A0\uFE0F" : OPERATION_ICONS[outcome.operation];
  return `### ${icon} ${headlineText(outcome, ctx)}`;
}
function headlineText(outcome, ctx) {
  const label = TARGET_LABELS[outcome.target];
  const name = outcome.name ? ` ${escapeMarkdown(outcome.name)}` : "";
  const branches = (n) => plural(n, label.one.replace("namespace", "branch namespace"), label.many);
  if (ctx.error) return `${label.one}${name}: the run failed`;
  switch (outcome.operation) {
    case "created":
    case "updated":
    case "deleted":
      return `${label.one}${name} ${outcome.operation}`;
    case "unchanged":
      return `${label.one}${name} unchanged`;
    case "absent":
      return `${label.one}${name} already absent`;
    case "listed":
      return branches(outcome.branches?.length ?? 0);
    case "pruned":
      return `Pruned ${branches(outcome.pruned?.length ?? 0)}`;
    case "planned":
      return outcome.pruned ? `Would prune ${branches(outcome.pruned.length)}` : `Dry run for ${label.one}${name}`;
    case "skipped":
      return `Skipped: ${outcome.skipReason ? SKIP_TITLES[outcome.skipReason] : "nothing to do"}`;
  }
}
function pushFacts(doc, outcome, ctx) {
  const facts = [];
  const label = TARGET_LABELS[outcome.target].one.replace(/^\w+ /, "");
  if (outcome.name) facts.push(`- **${label[0].toUpperCase()}${label.slice(1)}:** ${link(outcome.name, outcome.url)}`);
  if (outcome.gitBranch) facts.push(`- **Git branch:** ${escapeMarkdown(outcome.gitBranch)}`);
  const head = ctx.headSha ?? outcome.expectedSha;
  if (outcome.deployedSha) {
    let note = "";
    if (head) {
      note = sameCommit(outcome.deployedSha, head) ? ` (the ${ctx.prNumber ? "pull request" : "event"}'s head)` : ` \u26A0\uFE0F not the ${ctx.prNumber ? "pull request" : "event"}'s head ${shortSha(head)}: the branch moved, or a newer run is still deploying`;
    }
    facts.push(`- **Deployed commit:** ${shortSha(outcome.deployedSha)}${note}`);
  }
  const event = `${eventName(ctx.eventName)}${ctx.prNumber ? ` on pull request #${ctx.prNumber}` : ""}`;
  facts.push(`- **Event:** ${event}`);
  if (ctx.decision) facts.push(`- **Decision:** ${escapeMarkdown(clip(ctx.decision, MAX_TEXT))}`);
  const failure = stepFailure(outcome, ctx.failOn);
  if (ctx.error) facts.push("- **Step:** fails (see the error above)");
  else facts.push(`- **Step:** ${failure ? `fails: ${failure}` : "passes"}`);
  doc.push(...facts, "");
}
function pushCounts(doc, results) {
  const counts = countByStatus(results);
  const statuses = Object.keys(counts);
  doc.push(
    `| ${statuses.map(statusCell).join(" | ")} |`,
    `|${statuses.map(() => "---:").join("|")}|`,
    `| ${statuses.map((s) => String(counts[s])).join(" | ")} |`,
    ""
  );
  const ops = {};
  for (const r of results) ops[r.operation] = (ops[r.operation] ?? 0) + 1;
  const names = { create: "created", update: "updated", noop: "unchanged", delete: "deleted" };
  const parts = Object.entries(ops).map(([op, n]) => `${n} ${names[op] ?? escapeMarkdown(op)}`);
  doc.push(`${plural(results.length, "result", "results")}: ${parts.join(", ")}.`, "");
}
function pushResults(doc, results) {
  const problems = [
    ...results.filter((r) => r.status === "failed"),
    ...results.filter((r) => r.status === "invalid"),
    ...results.filter((r) => r.status === "warning")
  ];
  const rest = results.filter((r) => !isProblem(r));
  const omittedProblems = pushTable(
    doc,
    ["Node", "Status", "Type", "Message"],
    problems,
    (r) => [
      escapeMarkdown(r.name),
      statusCell(r.status),
      `${escapeMarkdown(r.deploy_type)} ${escapeMarkdown(r.operation)}`,
      escapeMarkdown(clip(problemMessage(r.message), MAX_PROBLEM_MESSAGE)) || "\u2014"
    ],
    [`#### Nodes that need attention (${problems.length})`, ""]
  );
  const omittedRest = pushTable(
    doc,
    ["Node", "Status", "Operation", "Message"],
    rest,
    (r) => [escapeMarkdown(r.name), statusCell(r.status), escapeMarkdown(r.operation), escapeMarkdown(clip(r.message, MAX_OTHER_MESSAGE)) || "\u2014"],
    [`<details><summary>${problems.length ? "Other results" : "Results"} (${rest.length})</summary>`, ""],
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
  const branches = outcome.branches ?? [];
  let omitted = 0;
  if (outcome.operation === "pruned" || outcome.pruned) {
    const pruned = outcome.pruned ?? [];
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
    const failures = outcome.failures ?? [];
    if (failures.length) {
      doc.push(`#### \u274C Could not remove (${failures.length})`, "");
      omitted += pushTable(doc, ["Namespace / branch", "Error"], failures, (f) => [escapeMarkdown(f.name), escapeMarkdown(clip(f.message, MAX_PROBLEM_MESSAGE))]);
    }
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow, [`<details><summary>All branches (${branches.length})</summary>`, ""], ["</details>", ""]);
  } else {
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow);
  }
  return omitted;
}
function renderReport(outcome, ctx) {
  const doc = new Doc();
  const counts = countByStatus(outcome.results);
  const failing = Boolean(ctx.error) || stepFailure(outcome, ctx.failOn) !== void 0;
  const head = ctx.headSha ?? outcome.expectedSha;
  const shaMismatch = Boolean(outcome.deployedSha && head && !sameCommit(outcome.deployedSha, head));
  const attention = counts.failed + counts.invalid + counts.warning > 0 || shaMismatch;
  doc.push(headline(outcome, ctx, failing, attention), "");
  if (ctx.dryRun) doc.push("> \u{1F9EA} **Dry run:** nothing was changed; this shows what would happen.", "");
  if (ctx.error) doc.push(`> \u274C ${escapeMarkdown(clip(ctx.error, MAX_TEXT))}`, "");
  if (outcome.operation === "skipped" && outcome.skipReason) doc.push(skipExplanation(outcome.skipReason, outcome, ctx), "");
  pushFacts(doc, outcome, ctx);
  if (outcome.operation === "deleted") {
    const nodes = outcome.nodesDeleted === void 0 ? "" : ` and its ${plural(outcome.nodesDeleted, "node", "nodes")}`;
    doc.push(`${ctx.dryRun ? "Would delete" : "Deleted"} ${link(outcome.name ?? "", outcome.url)}${nodes}.`, "");
  } else if (outcome.operation === "absent") {
    doc.push(`${escapeMarkdown(outcome.name ?? "The branch")} did not exist; nothing to delete.`, "");
  }
  for (const [i, note] of outcome.notes.entries()) {
    const line = `* ${escapeMarkdown(clip(note, MAX_TEXT))}`;
    if (!doc.fits(line.length)) {
      doc.push(`* \u2026 and ${outcome.notes.length - i} more notes (see the log)`);
      break;
    }
    doc.push(line);
  }
  if (outcome.notes.length) doc.push("");
  let omittedResults = 0;
  let omittedProblems = 0;
  if (outcome.results.length) {
    pushCounts(doc, outcome.results);
    ({ omitted: omittedResults, omittedProblems } = pushResults(doc, outcome.results));
  }
  const omittedBranches = outcome.branches || outcome.pruned ? pushBranches(doc, outcome, ctx) : 0;
  if (omittedResults) {
    const problems = omittedProblems ? ` (${omittedProblems} of them failed, invalid or warnings)` : "";
    doc.push(`\u26A0\uFE0F ${omittedResults} results not shown${problems}; the full list is in the \`results\` output.`, "");
  }
  if (omittedBranches) doc.push(`\u26A0\uFE0F ${omittedBranches} rows not shown; the full lists are in the \`branches\` and \`pruned\` outputs.`, "");
  const run = safeUrl(ctx.runUrl);
  const time = `${ctx.now.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  doc.push(FOOTER_MARK, `<sub>${run ? `[Workflow run](${run}) \xB7 ` : ""}${time} \xB7 dj-branch-sync</sub>`);
  return doc.toString();
}

// src/pool.ts
async function mapPool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export {
  stickyMarker,
  digestMarker,
  stepFailure,
  renderReport,
  mapPool
};
