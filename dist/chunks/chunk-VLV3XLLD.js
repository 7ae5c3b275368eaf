import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  path
} from "./chunk-A4UGXOXX.js";

// src/report/refresh-check-run.ts
var REFRESH_SUFFIX = "#refresh";
var MARK = /<!-- dj-branch-sync deployment: (\d+) nodes? fail the step -->/;
function deploymentMark(report) {
  const n = report.nodes.filter((x) => x.severity === "failure").length;
  return `

<!-- dj-branch-sync deployment: ${n} ${n === 1 ? "node" : "nodes"} fail the step -->`;
}
async function deploymentCheckRun(gh, owner, repo, sha, name, externalId) {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${owner}/${repo}/commits/${sha}/check-runs`,
    query: { check_name: name, filter: "all", per_page: 100 }
  });
  const runs = (Array.isArray(res.data?.check_runs) ? res.data.check_runs : []).filter((r) => r?.external_id === externalId && r.status === "completed");
  const newest = runs.sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
  if (!newest) return void 0;
  const m = MARK.exec(newest.output?.summary ?? "");
  const nodesFailing = m ? Number(m[1]) : newest.conclusion === "success" ? 0 : void 0;
  return { ...nodesFailing !== void 0 ? { nodesFailing } : {}, ...newest.html_url ? { url: newest.html_url } : {} };
}

export {
  REFRESH_SUFFIX,
  deploymentMark,
  deploymentCheckRun
};
