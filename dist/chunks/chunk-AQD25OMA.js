import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};
var RefusedError = class extends Error {
  name = "RefusedError";
};
var HttpError = class extends Error {
  constructor(kind, status, method, path, serverMessage, body, attempts, headers, mayHaveActed = false) {
    super(
      (kind === "http" ? `${method} ${path} \u2192 HTTP ${status}: ${serverMessage}` : `${method} ${path} \u2192 ${kind === "timeout" ? "timed out" : kind === "too-large" ? "answer too large" : "network error"}: ${serverMessage}`) + (mayHaveActed ? " (not resent: the server may have acted on it)" : "")
    );
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.path = path;
    this.serverMessage = serverMessage;
    this.body = body;
    this.attempts = attempts;
    this.headers = headers;
    this.mayHaveActed = mayHaveActed;
  }
  kind;
  status;
  method;
  path;
  serverMessage;
  body;
  attempts;
  headers;
  mayHaveActed;
  name = "HttpError";
};
function describeError(err) {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}

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
  InputError,
  RefusedError,
  HttpError,
  describeError,
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
