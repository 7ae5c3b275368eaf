import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  branchMatchesGlobs
} from "./chunk-7A62AZVV.js";
import {
  InputError
} from "./chunk-LDTTVLFA.js";

// src/plan.ts
var ENSURE_ACTIONS = /* @__PURE__ */ new Set(["opened", "reopened", "synchronize", "ready_for_review"]);
var skip = (reason, why, branch) => ({ kind: "skip", reason, why, branch });
function guard(branch, event, settings, allowDefault) {
  if (!allowDefault && event.defaultBranch && branch === event.defaultBranch) {
    return skip("default-branch", `'${branch}' is the default branch; its namespace belongs to the root and is deployed by pushes, never created or deleted here.`, branch);
  }
  if (branchMatchesGlobs(branch, settings.ignoreBranches)) {
    return skip("ignored-branch", `'${branch}' matches 'ignore-branches'.`, branch);
  }
  return void 0;
}
function planAuto(event, settings) {
  switch (event.kind) {
    case "create":
    case "delete": {
      if (event.refType === "tag") return skip("tag", `A tag was ${event.kind}d ('${event.branch}'); tags have no namespace.`);
      return guard(event.branch, event, settings, false) ?? (event.kind === "create" ? { kind: "ensure", branch: event.branch, deploy: settings.deploy } : { kind: "remove", branch: event.branch, deleteGitBranch: false });
    }
    case "push": {
      if (event.refType === "tag") return skip("tag", `A tag was pushed ('${event.branch}'); tags have no namespace.`);
      if (event.deleted) {
        return skip("unsupported-action", `This push deleted '${event.branch}'; the delete event removes its namespace.`, event.branch);
      }
      if (!settings.deploy) return skip("unsupported-action", `'deploy: none': pushes deploy nothing.`, event.branch);
      return guard(event.branch, event, settings, true) ?? { kind: "deploy", branch: event.branch, sha: event.sha, skipWhenNotLinked: true };
    }
    case "pull_request": {
      const closing = event.action === "closed";
      const labelEvent = (event.action === "labeled" || event.action === "unlabeled") && (event.label === settings.keepLabel || event.label === settings.acceptImpactLabel);
      if (!closing && !labelEvent && !ENSURE_ACTIONS.has(event.action)) {
        return skip("unsupported-action", `Pull request action '${event.action}' changes nothing in the namespace.`, event.branch);
      }
      if (event.fork) {
        return skip(
          "fork",
          `The pull request comes from a fork: its branch is not in this repository and GitHub withholds secrets from fork runs, so there is no namespace to sync. A maintainer can push the branch to this repository to get one.`,
          event.branch
        );
      }
      const pr = { number: event.number, sha: event.sha };
      const guarded = guard(event.branch, event, settings, false);
      if (guarded) return guarded;
      const keepLabel = event.labels?.includes(settings.keepLabel) ? settings.keepLabel : void 0;
      if (labelEvent) return planLabel(event, settings, pr, keepLabel);
      if (!closing) return { kind: "ensure", branch: event.branch, deploy: settings.deploy, sha: event.sha, pr };
      if (keepLabel) return { kind: "keep", branch: event.branch, pr, byLabel: keepLabel };
      return settings.onPrClose === "delete" ? { kind: "remove", branch: event.branch, deleteGitBranch: false, pr } : { kind: "keep", branch: event.branch, pr };
    }
    default:
      return skip("unsupported-event", `Event '${event.name}' does nothing with 'operation: auto'; use an explicit 'operation' (create, delete, sync, list, prune).`);
  }
}
function planLabel(event, settings, pr, keepLabel) {
  if (event.state !== "closed") return { kind: "ensure", branch: event.branch, deploy: false, sha: event.sha, pr, refresh: true };
  if (event.label !== settings.keepLabel) {
    return skip("unsupported-action", `The pull request is closed: the label '${event.label ?? ""}' changes nothing in its namespace.`, event.branch);
  }
  if (keepLabel) return { kind: "keep", branch: event.branch, pr, byLabel: keepLabel };
  return settings.onPrClose === "delete" ? { kind: "remove", branch: event.branch, deleteGitBranch: false, pr } : { kind: "keep", branch: event.branch, pr };
}
function explicitBranch(event, settings) {
  if (settings.branch) return settings.branch;
  const fromEvent = event.kind === "other" ? void 0 : event.branch;
  if (fromEvent && !(event.kind !== "other" && "refType" in event && event.refType === "tag")) return fromEvent;
  throw new InputError(`Input 'branch' is required for 'operation: ${settings.operation}' on a '${event.kind === "other" ? event.name : event.kind}' event.`);
}
function decide(event, settings) {
  switch (settings.operation) {
    case "auto":
      return planAuto(event, settings);
    case "list":
      return { kind: "list" };
    case "prune":
      return { kind: "prune" };
    case "create": {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, false) ?? { kind: "create", branch };
    }
    case "delete": {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, false) ?? { kind: "remove", branch, deleteGitBranch: settings.deleteGitBranch };
    }
    case "sync": {
      const branch = explicitBranch(event, settings);
      return guard(branch, event, settings, true) ?? { kind: "deploy", branch, skipWhenNotLinked: false };
    }
  }
}
function branchOf(plan) {
  return "branch" in plan ? plan.branch : void 0;
}
function prOf(plan) {
  return "pr" in plan ? plan.pr : void 0;
}

export {
  decide,
  branchOf,
  prOf
};
