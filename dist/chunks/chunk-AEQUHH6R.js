import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  InputError,
  RefusedError
} from "./chunk-LDTTVLFA.js";

// src/outcome.ts
function simpleOutcome(base, operation, of = "ensure") {
  switch (operation) {
    case "unchanged":
      return { ...base, operation, why: "linked" };
    case "planned":
      return { ...base, operation, of };
    default:
      return { ...base, operation };
  }
}
function commitOf(outcome) {
  switch (outcome.operation) {
    case "created":
    case "updated":
    case "unchanged":
      return outcome;
    case "planned":
      return outcome.of === "prune" ? {} : outcome;
    default:
      return {};
  }
}
function pruneOf(outcome) {
  return outcome.operation === "pruned" || outcome.operation === "planned" && outcome.of === "prune" ? outcome : void 0;
}
function branchesOf(outcome) {
  return outcome.operation === "listed" ? outcome.branches : pruneOf(outcome)?.branches;
}
function withKnownOutcome(err, outcome) {
  return Object.assign(err, { knownOutcome: outcome });
}
function knownOutcomeOf(err) {
  const known = err instanceof Error ? err.knownOutcome : void 0;
  return known && typeof known === "object" ? known : void 0;
}
function countByStatus(results) {
  const counts = /* @__PURE__ */ new Map([
    ["success", 0],
    ["failed", 0],
    ["invalid", 0],
    ["skipped", 0],
    ["warning", 0]
  ]);
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return Object.fromEntries(counts);
}

// src/targets/target.ts
function notLinked(req, base, why, what) {
  if (!req.skipWhenNotLinked) throw new RefusedError(`${why}. Nothing was deployed; create ${what} first (operation 'create').`);
  return { ...base, operation: "skipped", skipReason: "not-linked", notes: [...base.notes, `${why}; nothing was deployed`] };
}
async function deployBranch(target, req) {
  let name;
  try {
    name = target.nameFor(req.gitBranch);
  } catch (err) {
    if (!(err instanceof InputError) || !req.skipWhenNotLinked) throw err;
    return { target: target.name, operation: "skipped", skipReason: "not-linked", gitBranch: req.gitBranch, results: [], notes: [err.message] };
  }
  if (target.deploy) return target.deploy(req);
  return {
    target: target.name,
    operation: "unchanged",
    why: "linked",
    name,
    gitBranch: req.gitBranch,
    results: [],
    notes: [`${target.name} has no deploy step: nothing to do for ${name}.`]
  };
}

export {
  simpleOutcome,
  commitOf,
  pruneOf,
  branchesOf,
  withKnownOutcome,
  knownOutcomeOf,
  countByStatus,
  notLinked,
  deployBranch
};
