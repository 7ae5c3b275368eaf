import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  escapeMarkdown,
  renderMarkdown
} from "./chunk-JPRTYU6P.js";
import "./chunk-3AG7QWPI.js";
import {
  info,
  warning
} from "./chunk-TUJZE6O5.js";
import "./chunk-ULGGNWNB.js";

// src/report/check-run.ts
var MAX_OUTPUT = 65535;
var MAX_MESSAGE = 4e3;
var MAX_TITLE = 255;
function checkRunName(root) {
  return `dj / ${root}`;
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

// src/report/check-run-step.ts
var MAX_FILES = 300;
function deploys(plan) {
  return plan.kind === "ensure" && plan.deploy || plan.kind === "deploy" || plan.kind === "create";
}
function serverHost(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
function startCheckRun(run, plan, sha) {
  const { settings, event, env } = run;
  if (!settings.checks || settings.target !== "dj" || !settings.dj || !settings.githubToken || settings.dryRun || !event.repo || !deploys(plan)) return void 0;
  const { owner, name: repo } = event.repo;
  const dj = settings.dj;
  const api = import("./github-checks-WTSUBHUX.js");
  const read = async (at) => {
    const [{ yamlFilesAt }, gh] = await Promise.all([api, run.github()]);
    const { files } = await yamlFilesAt(gh, owner, repo, at);
    const texts = await Promise.all(files.slice(0, MAX_FILES).map(async (f) => [f, await gh.fileAt(owner, repo, at, f) ?? ""]));
    return placesOf(new Map(texts));
  };
  const early = sha ? read(sha) : void 0;
  early?.catch(() => void 0);
  return {
    async write(report) {
      const deployed = report.deployedSha;
      if (!deployed || !report.outcome.name) return;
      try {
        const places = await (early && sha === deployed ? early : read(deployed)).catch(() => /* @__PURE__ */ new Map());
        const content = checkRunContent(report, places);
        const [{ createCheckRun }, gh] = await Promise.all([api, run.github()]);
        const written = await createCheckRun(gh, {
          owner,
          repo,
          name: checkRunName(dj.namespace),
          headSha: deployed,
          externalId: `${serverHost(dj.url)}/${report.outcome.name}`,
          conclusion: content.conclusion,
          ...report.links.namespace ? { detailsUrl: report.links.namespace } : {},
          title: content.title,
          summary: content.summary,
          ...content.text ? { text: content.text } : {},
          annotations: content.annotations
        });
        info(
          `Check run ${checkRunName(dj.namespace)} (${content.conclusion}) on ${deployed.slice(0, 7)}: ${content.annotations.length} annotations in ${written.requests} ${written.requests === 1 ? "request" : "requests"}${content.unplaced.length ? `, ${content.unplaced.length} nodes not placed on a YAML line` : ""}`
        );
      } catch (err) {
        warning(whyNoCheckRun(err, env));
      }
    }
  };
}
function whyNoCheckRun(err, _env) {
  const e = err;
  if (e?.status === 403 && /GitHub App/i.test(e.serverMessage ?? "")) {
    return "The check run was not written: this token cannot write check runs (GitHub's Checks API takes only GitHub App tokens, such as the workflow's GITHUB_TOKEN, not a personal access token). The commit status records the deployment instead; pass an App token, or set `checks: false` to stop this warning.";
  }
  if (e?.status === 403) {
    return "The check run was not written: the github-token lacks the `checks: write` permission: add it under `permissions:` in the workflow (pull requests from forks never get write access), or set `checks: false` to stop this warning.";
  }
  return `The check run was not written: ${err instanceof Error ? err.message : String(err)}`;
}
export {
  serverHost,
  startCheckRun,
  whyNoCheckRun
};
