import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  escapeMarkdown,
  renderMarkdown
} from "./chunk-SL45MLEM.js";
import {
  require_crypto
} from "./chunk-6Y63FKN4.js";
import {
  __toESM
} from "./chunk-ULGGNWNB.js";

// src/server-identity.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var MAX_HOST = 60;
function serverIdentity(serverUrl) {
  if (!serverUrl) return void 0;
  let url;
  try {
    url = new URL(serverUrl);
  } catch {
    return void 0;
  }
  const host = url.host.toLowerCase();
  if (!host) return void 0;
  if (host.length <= MAX_HOST) return host;
  return `${host.slice(0, MAX_HOST - 13)}\u2026${(0, import_node_crypto.createHash)("sha256").update(host).digest("hex").slice(0, 12)}`;
}

// src/report/check-run.ts
var MAX_OUTPUT = 65535;
var MAX_MESSAGE = 4e3;
var MAX_TITLE = 255;
function checkRunName(root) {
  return `dj / ${root}`;
}
function serverHost(url) {
  return serverIdentity(url) ?? url;
}
function nameLineOf(text) {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^name:[ \t]*(.*?)[ \t]*(?:#.*)?$/.exec(lines[i]);
    if (!m) continue;
    const raw = m[1].replace(/^(['"])(.*)\1$/, "$2").trim();
    if (!raw) return void 0;
    return { name: raw.replace(/^\$\{prefix\}/, ""), line: i + 1 };
  }
  return void 0;
}
function placesOf(files) {
  const places = /* @__PURE__ */ new Map();
  for (const [path, text] of files) {
    const found = nameLineOf(text);
    if (found && !places.has(found.name)) places.set(found.name, { path, line: found.line });
  }
  return places;
}
function placeOf(places, short) {
  const exact = places.get(short);
  if (exact) return exact;
  for (const [name, place] of places) if (short.endsWith(`.${name}`) || name.endsWith(`.${short}`)) return place;
  return void 0;
}
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}
function checkRunContent(report, places) {
  const annotations = [];
  const unplaced = [];
  const annotate = (n, at, title) => {
    if (!at) {
      unplaced.push(n.short);
      return;
    }
    annotations.push({ path: at.path, start_line: at.line, end_line: at.line, annotation_level: n.severity, title: clip(title, MAX_TITLE), message: clip(n.message, MAX_MESSAGE) });
  };
  for (const n of report.nodes) annotate(n, placeOf(places, n.short), `DJ ${n.kind === "link" ? "link" : "node"} ${n.short}: ${n.status}`);
  for (const d of report.downstream) {
    const base = report.impact?.base;
    const causes = (d.causedBy ?? []).map((c) => base && c.startsWith(`${base}.`) ? c.slice(base.length + 1) : c);
    const at = causes.map((c) => placeOf(places, c)).find(Boolean);
    annotate(d, at, `Merging would make ${d.short} ${d.status}${causes.length ? ` (caused by ${causes.join(", ")})` : ""}`);
  }
  let summary = renderMarkdown(report);
  if (unplaced.length) {
    const names = unplaced.map(escapeMarkdown).join(", ");
    summary += `

**Not annotated** (no \`name:\` line found in the deployed commit's YAML): ${names}`;
  }
  let text;
  if (summary.length > MAX_OUTPUT) {
    text = clip(summary.slice(MAX_OUTPUT - 200), MAX_OUTPUT);
    summary = `${summary.slice(0, MAX_OUTPUT - 200)}

\u2026 continued in the details below.`;
  } else if (/ results not shown/.test(summary) && report.nodes.length) {
    const lines = report.nodes.map((n) => `- **${escapeMarkdown(n.short)}** (${escapeMarkdown(n.status)}): ${escapeMarkdown(clip(n.message, 1e3))}`);
    text = clip(`Every failed or invalid node (${report.nodes.length}):

${lines.join("\n")}`, MAX_OUTPUT);
  }
  return {
    conclusion: report.verdict.fails ? "failure" : "success",
    title: clip(report.title || "dj-branch-sync", 1e3),
    summary,
    ...text ? { text } : {},
    annotations,
    unplaced
  };
}

export {
  serverIdentity,
  checkRunName,
  serverHost,
  placesOf,
  checkRunContent
};
