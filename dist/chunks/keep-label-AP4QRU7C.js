import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  pullsOfBranch
} from "./chunk-QXV6URAZ.js";
import "./chunk-BRVOGNQO.js";
import "./chunk-5HPOUJ4U.js";
import {
  mapPool
} from "./chunk-GZKCK2HS.js";
import {
  warning
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-A4UGXOXX.js";
import "./chunk-HQS6BK2T.js";
import "./chunk-V3S35252.js";
import "./chunk-ULGGNWNB.js";

// src/commands/keep-label.ts
var LOOKUP_CONCURRENCY = 8;
async function keepLabelOfBranch(run, branch) {
  const { settings, event } = run;
  if (!settings.githubToken || !event.repo) return void 0;
  return lookUp(run, event.repo, branch);
}
async function lookUp(run, repo, branch) {
  const label = run.settings.keepLabel;
  try {
    const pulls = await pullsOfBranch(await run.github(), repo, branch);
    const newest = pulls.filter((p) => !p.fork)[0];
    return newest?.labels.includes(label) ? label : void 0;
  } catch (err) {
    warning(`Could not tell whether the pull request of '${branch}' carries the label '${label}', so its namespace is left in place: ${err.message}`);
    return label;
  }
}
async function branchesKeptByLabel(run, repo, branches) {
  const kept = /* @__PURE__ */ new Set();
  if (!run.settings.githubToken || !branches.length) return kept;
  await mapPool(branches, LOOKUP_CONCURRENCY, async (branch) => {
    if (await lookUp(run, repo, branch)) kept.add(branch);
  });
  return kept;
}
export {
  branchesKeptByLabel,
  keepLabelOfBranch
};
