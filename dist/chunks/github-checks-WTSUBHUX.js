import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  path
} from "./chunk-A4UGXOXX.js";
import "./chunk-ULGGNWNB.js";

// src/github-checks.ts
var ANNOTATIONS_PER_REQUEST = 50;
var MAX_OUTPUT_CHARS = 65535;
async function createCheckRun(gh, run) {
  const output = (annotations) => ({
    title: run.title,
    summary: run.summary,
    ...run.text ? { text: run.text } : {},
    ...annotations.length ? { annotations } : {}
  });
  const first = run.annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  const res = await gh.request({
    method: "POST",
    path: path`/repos/${run.owner}/${run.repo}/check-runs`,
    json: {
      name: run.name,
      head_sha: run.headSha,
      external_id: run.externalId,
      status: "completed",
      conclusion: run.conclusion,
      completed_at: (/* @__PURE__ */ new Date()).toISOString(),
      ...run.detailsUrl ? { details_url: run.detailsUrl } : {},
      output: output(first)
    }
  });
  const id = res.data?.id;
  if (typeof id !== "number") throw new Error("GitHub answered the new check run without its id");
  let requests = 1;
  for (let i = ANNOTATIONS_PER_REQUEST; i < run.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await gh.request({
      method: "PATCH",
      path: path`/repos/${run.owner}/${run.repo}/check-runs/${id}`,
      json: { output: output(run.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST)) }
    });
    requests++;
  }
  return { id, url: res.data?.html_url ?? "", requests };
}
async function yamlFilesAt(gh, owner, repo, sha, prefix = "") {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${owner}/${repo}/git/trees/${sha}`,
    query: { recursive: 1 }
  });
  const tree = Array.isArray(res.data?.tree) ? res.data.tree : [];
  const files = tree.filter((e) => e.type === "blob" && typeof e.path === "string").map((e) => e.path).filter((p) => p.startsWith(prefix) && p.endsWith(".yaml") && p.slice(p.lastIndexOf("/") + 1) !== "dj.yaml");
  return { files, truncated: Boolean(res.data?.truncated) };
}
export {
  ANNOTATIONS_PER_REQUEST,
  MAX_OUTPUT_CHARS,
  createCheckRun,
  yamlFilesAt
};
