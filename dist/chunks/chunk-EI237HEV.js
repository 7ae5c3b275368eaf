import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);

// src/targets/dj/impact.ts
function isTerminal(status) {
  return status === "success" || status === "failed";
}
function summarizeImpact(base, results, downstream) {
  const changes = { created: [], updated: [], deleted: [] };
  const failed = [];
  const bucket = /* @__PURE__ */ new Map([
    ["create", "created"],
    ["update", "updated"],
    ["delete", "deleted"]
  ]);
  for (const r of results) {
    if (r.status === "failed" || r.status === "invalid") {
      failed.push({ name: r.name, operation: r.operation, message: r.message });
      continue;
    }
    const key = bucket.get(r.operation);
    if (key && r.status === "success" && (r.deploy_type ?? "node") === "node") changes[key].push(r.name);
  }
  for (const list of Object.values(changes)) list.sort();
  failed.sort((a, b) => a.name.localeCompare(b.name));
  const order = (d) => d.predicted_status === "invalid" && d.current_status !== "invalid" ? 0 : 1;
  const sorted = [...downstream].sort((a, b) => order(a) - order(b) || a.depth - b.depth || a.name.localeCompare(b.name));
  return { base, changes, failed, downstream: sorted };
}
function newlyInvalid(summary) {
  return summary.downstream.filter((d) => d.predicted_status === "invalid" && d.current_status !== "invalid");
}
function summaryOf(report) {
  return report && "summary" in report ? report.summary : void 0;
}
var PreviewUnavailable = class extends Error {
  name = "PreviewUnavailable";
};

export {
  isTerminal,
  summarizeImpact,
  newlyInvalid,
  summaryOf,
  PreviewUnavailable
};
