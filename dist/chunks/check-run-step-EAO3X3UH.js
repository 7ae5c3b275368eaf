import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
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
import "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/report/check-run-step.ts
var MAX_FILES = 300;
function deploys(plan) {
  return plan.kind === "ensure" && plan.deploy || plan.kind === "deploy" || plan.kind === "create";
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
          summary: content.summary,
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
