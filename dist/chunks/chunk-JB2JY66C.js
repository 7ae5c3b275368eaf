import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  countByStatus,
  pruneOf
} from "./chunk-AEQUHH6R.js";
import {
  newlyInvalid
} from "./chunk-EI237HEV.js";

// src/verdict.ts
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
function list(names) {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? `, and ${names.length - 5} more` : "");
}
function failsStep(status, failOn) {
  if (failOn === "never") return false;
  return status === "failed" || failOn !== "failed" && status === "invalid";
}
function stepVerdict(outcome, failOn, impact) {
  const failures = pruneOf(outcome)?.failures ?? [];
  if (failures.length) {
    const reason2 = `${plural(failures.length, "branch", "branches")} could not be removed`;
    const shown = failures.slice(0, 5).map((f) => `${f.name} (${f.message})`).join("; ");
    return { fails: true, reason: reason2, line: `Prune: ${reason2}: ${shown}${failures.length > 5 ? "; \u2026" : ""}. The others were handled; see the summary.` };
  }
  if (failOn === "never") return { fails: false };
  const counts = countByStatus(outcome.results);
  const failed = counts.failed;
  const invalid = failsStep("invalid", failOn) ? counts.invalid : 0;
  const breaking = failOn === "impact" && impact && !impact.accepted ? newlyInvalid(impact) : [];
  if (!failed && !invalid && !breaking.length) return { fails: false };
  if (!failed && !invalid) {
    const reason2 = `merging would make ${plural(breaking.length, "downstream node", "downstream nodes")} invalid (\`fail-on: impact\`)`;
    const line2 = `Merge preview into ${impact.base}: ${reason2}: ${list(breaking.map((d) => d.name))}. The summary says why for each; fix the pull request or the nodes that depend on it.`;
    return { fails: true, reason: reason2, line: line2 };
  }
  const parts = [failed ? `${failed} failed` : "", invalid ? `${invalid} invalid` : ""].filter(Boolean);
  const failing = outcome.results.filter((r) => failsStep(r.status, failOn));
  const kinds = new Set(failing.map((r) => r.deploy_type));
  const noun = kinds.size === 1 && kinds.has("link") ? "link" : kinds.size > 1 ? "result" : "node";
  const reason = `${parts.join(" and ")} ${failed + invalid === 1 ? noun : `${noun}s`} (\`fail-on: ${failOn}\`)`;
  const bad = failing.map((r) => r.name);
  const also = breaking.length ? `; merging would also make ${plural(breaking.length, "downstream node", "downstream nodes")} invalid` : "";
  const line = `Deployment to ${outcome.name ?? "the namespace"}: ${reason} of ${outcome.results.length}: ${list(bad)}${also}. Each node's message is in its annotation and the summary; fix the YAML and push again.`;
  return { fails: true, reason: `${reason}${also}`, line };
}

export {
  failsStep,
  stepVerdict
};
