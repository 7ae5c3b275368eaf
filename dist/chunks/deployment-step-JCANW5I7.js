import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  serverHost
} from "./chunk-P73NMFY7.js";
import {
  branchOf
} from "./chunk-PR4REYBJ.js";
import "./chunk-SL45MLEM.js";
import "./chunk-JB2JY66C.js";
import {
  mapPool
} from "./chunk-GZKCK2HS.js";
import "./chunk-7A62AZVV.js";
import "./chunk-AEQUHH6R.js";
import "./chunk-LDTTVLFA.js";
import {
  info,
  warning
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/report/deployment-step.ts
var MARK_AT_MOST = 10;
var PRUNE_CONCURRENCY = 4;
function environmentOf(root, production) {
  return production ? `DJ (${root})` : `DJ preview (${root})`;
}
function taskOf(namespace) {
  return `dj:${namespace}`;
}
function whyNot(err) {
  const e = err;
  if (e?.status === 403 || e?.status === 404) {
    return "The GitHub deployment was not written: the github-token lacks the `deployments: write` permission: add it under `permissions:` in the workflow, or set `deployments: false` to stop this warning.";
  }
  return `The GitHub deployment was not written: ${err instanceof Error ? err.message : String(err)}`;
}
function startDeployment(run, plan, name) {
  const { settings, event, env } = run;
  if (!settings.deployments || settings.target !== "dj" || !settings.dj || !settings.githubToken || settings.dryRun || !event.repo) return void 0;
  if (plan.kind === "prune") return pruned(run, event.repo);
  if (!name) return void 0;
  const deploys = plan.kind === "ensure" && plan.deploy || plan.kind === "deploy" || plan.kind === "create";
  if (!deploys && plan.kind !== "remove") return void 0;
  const { owner, name: repo } = event.repo;
  const root = settings.dj.namespace;
  const task = taskOf(name);
  const api = import("./github-deployments-SCCJOTZU.js");
  const gh = () => Promise.all([api, run.github()]);
  const logUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  let warned = false;
  const warn = (err) => {
    if (!warned) warning(whyNot(err));
    warned = true;
  };
  if (plan.kind === "remove") {
    const listed = gh().then(([{ deploymentsOf }, client]) => deploymentsOf(client, owner, repo, task));
    listed.catch(() => void 0);
    return {
      deploying: () => void 0,
      abandon: async () => void 0,
      async finish(report) {
        if (report.outcome.operation !== "deleted" && report.outcome.operation !== "absent") return;
        try {
          const [{ setDeploymentStatus }, client] = await gh();
          const ids = await listed;
          await Promise.all(ids.map((id) => setDeploymentStatus(client, owner, repo, id, { state: "inactive", description: `${name} deleted` })));
          if (ids.length) info(`GitHub deployments of ${name}: ${ids.length} marked inactive`);
        } catch (err) {
          warn(err);
        }
      }
    };
  }
  const branch = branchOf(plan);
  const production = Boolean(branch && event.defaultBranch && branch === event.defaultBranch);
  const environment = environmentOf(root, production);
  const create = async (sha2, inProgress) => {
    const [{ createDeployment, setDeploymentStatus }, client] = await gh();
    const id = await createDeployment(client, {
      owner,
      repo,
      sha: sha2,
      task,
      environment,
      production,
      payload: { namespace: name, server: serverHost(settings.dj.url) },
      description: name
    });
    if (inProgress) await setDeploymentStatus(client, owner, repo, id, { state: "in_progress", ...logUrl ? { logUrl } : {} });
    return id;
  };
  const sha = plan.kind === "ensure" || plan.kind === "deploy" ? plan.sha : void 0;
  let early;
  const listEarlier = () => gh().then(([{ deploymentsOf }, client]) => deploymentsOf(client, owner, repo, task, environment));
  const earlier = sha ? listEarlier() : void 0;
  earlier?.catch(() => void 0);
  return {
    deploying() {
      if (!sha || early) return;
      early = create(sha, true);
      early.catch(() => void 0);
    },
    async abandon() {
      const id = await early?.catch(() => void 0);
      if (id === void 0) return;
      const [{ setDeploymentStatus }, client] = await gh();
      await setDeploymentStatus(client, owner, repo, id, { state: "error", description: "the run failed", ...logUrl ? { logUrl } : {} }).catch(() => void 0);
    },
    async finish(report) {
      const deployed = report.deployedSha;
      try {
        const [{ setDeploymentStatus }, client] = await gh();
        let id = early ? await early : void 0;
        if (!deployed) {
          if (id !== void 0) await setDeploymentStatus(client, owner, repo, id, { state: "inactive", description: "nothing deployed" });
          return;
        }
        id ??= await create(deployed, false);
        const previous = (await (earlier ?? listEarlier()).catch(() => [])).filter((x) => x !== id).slice(0, MARK_AT_MOST);
        const state = report.verdict.fails ? "failure" : "success";
        await Promise.all([
          setDeploymentStatus(client, owner, repo, id, {
            state,
            ...report.outcome.url ? { environmentUrl: report.outcome.url } : {},
            ...logUrl ? { logUrl } : {},
            description: report.counts || name
          }),
          ...previous.map((p) => setDeploymentStatus(client, owner, repo, p, { state: "inactive", description: "superseded" }))
        ]);
        info(`GitHub deployment ${id} (${environment}) ${state} on ${deployed.slice(0, 7)}${previous.length ? `; ${previous.length} earlier marked inactive` : ""}`);
      } catch (err) {
        warning(whyNot(err));
      }
    }
  };
}
function pruned(run, where) {
  const { owner, name: repo } = where;
  const gh = () => Promise.all([import("./github-deployments-SCCJOTZU.js"), run.github()]);
  return {
    deploying: () => void 0,
    abandon: async () => void 0,
    async finish(report) {
      const names = report.outcome.operation === "pruned" ? report.outcome.pruned : [];
      if (!names.length) return;
      try {
        const [{ deploymentsOf, setDeploymentStatus }, client] = await gh();
        const marked = await mapPool(names, PRUNE_CONCURRENCY, async (ns) => {
          const ids = await deploymentsOf(client, owner, repo, taskOf(ns));
          await Promise.all(ids.map((id) => setDeploymentStatus(client, owner, repo, id, { state: "inactive", description: `${ns} deleted` })));
          return ids.length;
        });
        const total = marked.reduce((a, b) => a + b, 0);
        if (total) info(`GitHub deployments of ${names.length} pruned ${names.length === 1 ? "namespace" : "namespaces"}: ${total} marked inactive`);
      } catch (err) {
        warning(whyNot(err));
      }
    }
  };
}
export {
  environmentOf,
  startDeployment,
  taskOf
};
