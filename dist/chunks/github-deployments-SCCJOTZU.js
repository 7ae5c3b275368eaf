import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  path
} from "./chunk-A4UGXOXX.js";
import "./chunk-ULGGNWNB.js";

// src/github-deployments.ts
async function createDeployment(gh, d) {
  const res = await gh.request({
    method: "POST",
    path: path`/repos/${d.owner}/${d.repo}/deployments`,
    json: {
      ref: d.sha,
      task: d.task,
      environment: d.environment,
      transient_environment: !d.production,
      production_environment: d.production,
      required_contexts: [],
      auto_merge: false,
      payload: d.payload,
      description: d.description
    }
  });
  if (typeof res.data?.id !== "number") throw new Error(`GitHub did not create the deployment${res.data?.message ? `: ${res.data.message}` : ""}`);
  return res.data.id;
}
async function setDeploymentStatus(gh, owner, repo, id, status) {
  await gh.request({
    method: "POST",
    path: path`/repos/${owner}/${repo}/deployments/${id}/statuses`,
    json: {
      state: status.state,
      ...status.environmentUrl ? { environment_url: status.environmentUrl } : {},
      ...status.logUrl ? { log_url: status.logUrl } : {},
      ...status.description ? { description: status.description.slice(0, 140) } : {},
      // GitHub marks earlier deployments of a non-transient environment inactive on success itself.
      auto_inactive: false
    },
    idempotent: true
  });
}
async function deploymentsOf(gh, owner, repo, task, environment) {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${owner}/${repo}/deployments`,
    query: { task, ...environment ? { environment } : {}, per_page: 100 }
  });
  return (Array.isArray(res.data) ? res.data : []).map((d) => d?.id).filter((id) => typeof id === "number");
}
export {
  createDeployment,
  deploymentsOf,
  setDeploymentStatus
};
