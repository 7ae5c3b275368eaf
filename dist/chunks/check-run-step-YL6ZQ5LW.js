import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  deploymentMark
} from "./chunk-VLV3XLLD.js";
import {
  checkRunContent,
  checkRunName,
  placesOf,
  serverHost
} from "./chunk-P73NMFY7.js";
import "./chunk-SL45MLEM.js";
import "./chunk-JB2JY66C.js";
import "./chunk-AEQUHH6R.js";
import "./chunk-LDTTVLFA.js";
import {
  info,
  warning
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-A4UGXOXX.js";
import "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/report/check-run-step.ts
var MAX_FILES = 300;
function deploys(plan) {
  return plan.kind === "ensure" && plan.deploy || plan.kind === "deploy" || plan.kind === "create";
}
function startCheckRun(run, plan, sha) {
  const { settings, event, env } = run;
  const refresh = plan.kind === "ensure" && plan.refresh === true;
  if (!settings.checks || settings.target !== "dj" || !settings.dj || !settings.githubToken || settings.dryRun || !event.repo || !(deploys(plan) || refresh)) return void 0;
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
  if (refresh) return sha ? refreshed(run, sha, early) : void 0;
  return {
    async write(report) {
      const deployed = report.deployedSha;
      if (!deployed || !report.outcome.name) return false;
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
          // The hidden line a later label event reads the deployment's node verdict from (refresh-check-run.ts).
          summary: content.summary + deploymentMark(report),
          ...content.text ? { text: content.text } : {},
          annotations: content.annotations
        });
        info(
          `Check run ${checkRunName(dj.namespace)} (${content.conclusion}) on ${deployed.slice(0, 7)}: ${content.annotations.length} annotations in ${written.requests} ${written.requests === 1 ? "request" : "requests"}${content.unplaced.length ? `, ${content.unplaced.length} nodes not placed on a YAML line` : ""}`
        );
        return true;
      } catch (err) {
        warning(whyNoCheckRun(err, env));
        return false;
      }
    }
  };
}
function refreshed(run, sha, places) {
  const { settings, event, env } = run;
  const dj = settings.dj;
  const { owner, name: repo } = event.repo;
  const name = checkRunName(dj.namespace);
  const load = Promise.all([import("./refresh-check-run-PRUU6WZE.js"), import("./github-checks-WTSUBHUX.js"), run.github()]);
  return {
    async write(report) {
      const ns = report.outcome.name;
      if (!ns || report.outcome.operation !== "unchanged") return false;
      const externalId = `${serverHost(dj.url)}/${ns}`;
      try {
        const [{ deploymentCheckRun, REFRESH_SUFFIX }, { createCheckRun, MAX_OUTPUT_CHARS }, gh] = await load;
        const deployment = await deploymentCheckRun(gh, owner, repo, sha, name, externalId);
        if (!deployment) {
          info(`No check run: ${sha.slice(0, 7)} carries no check run ${name} of a deployment of ${ns}, so a refresh has no verdict of its deployment to bring up to date.`);
          return false;
        }
        if (deployment.nodesFailing === void 0) {
          info(`No check run: the check run ${name} of ${sha.slice(0, 7)} was written by an older version and does not say which of its nodes failed.`);
          return false;
        }
        const content = checkRunContent(report, await places.catch(() => /* @__PURE__ */ new Map()));
        const n = deployment.nodesFailing;
        const fails = n > 0 || content.conclusion === "failure";
        const nodesLine = n ? `The deployment of ${sha.slice(0, 7)} has ${n} ${n === 1 ? "node that fails" : "nodes that fail"} the step: see its check run${deployment.url ? ` (${deployment.url})` : ""}.` : "";
        await createCheckRun(gh, {
          owner,
          repo,
          name,
          headSha: sha,
          externalId: externalId + REFRESH_SUFFIX,
          conclusion: fails ? "failure" : "success",
          ...report.links.namespace ? { detailsUrl: report.links.namespace } : {},
          title: n ? nodesLine.slice(0, 1e3) : content.title,
          summary: (nodesLine ? `${nodesLine}

${content.summary}` : content.summary).slice(0, MAX_OUTPUT_CHARS),
          ...content.text ? { text: content.text } : {},
          annotations: content.annotations
        });
        info(`Check run ${name} (${fails ? "failure" : "success"}) on ${sha.slice(0, 7)}: the verdict brought up to date, nothing deployed`);
        return false;
      } catch (err) {
        warning(whyNoCheckRun(err, env));
        return false;
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
  startCheckRun,
  whyNoCheckRun
};
