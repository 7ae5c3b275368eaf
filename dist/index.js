import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  askFollowedRepository,
  branchMatchesGlobs,
  namespaceForBranch,
  repoText
} from "./chunks/chunk-ISJBJFEB.js";
import {
  countsPhrase,
  headlineOf,
  headlinePlain,
  mapPool,
  problemMessage,
  renderReport,
  shortNodeName,
  stepVerdict,
  stickyMarker
} from "./chunks/chunk-2YYVJ2KR.js";
import {
  HttpError,
  InputError,
  RefusedError,
  __toESM,
  appendSummary,
  branchesOf,
  commitOf,
  countByStatus,
  group,
  info,
  knownOutcomeOf,
  path,
  pruneOf,
  redact,
  redactOutcome,
  redactUrl,
  redactor,
  require_fs,
  require_path,
  runner_exports,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunks/chunk-3YU3CUUW.js";

// src/event.ts
var import_node_fs = __toESM(require_fs(), 1);
var obj = (v) => v && typeof v === "object" ? v : {};
var str = (v) => typeof v === "string" ? v : "";
function repoOf(payload, env) {
  const full = str(obj(payload.repository).full_name) || env.GITHUB_REPOSITORY || "";
  const [owner, name] = full.split("/");
  return owner && name ? { owner, name } : void 0;
}
function splitRef(ref) {
  if (ref.startsWith("refs/heads/") && ref.length > "refs/heads/".length) return { refType: "branch", name: ref.slice("refs/heads/".length) };
  if (ref.startsWith("refs/tags/") && ref.length > "refs/tags/".length) return { refType: "tag", name: ref.slice("refs/tags/".length) };
  return void 0;
}
function toBranchEvent(eventName, payload, env = {}) {
  const base = {
    repo: repoOf(payload, env),
    defaultBranch: str(obj(payload.repository).default_branch) || void 0
  };
  switch (eventName) {
    case "create":
    case "delete":
      if (payload.ref_type !== "branch" && payload.ref_type !== "tag") return { ...base, kind: "other", name: eventName };
      return { ...base, kind: eventName, refType: payload.ref_type, branch: str(payload.ref) };
    case "push": {
      const ref = splitRef(str(payload.ref));
      if (!ref) return { ...base, kind: "other", name: eventName };
      const { refType, name } = ref;
      const after = str(payload.after);
      const before = str(payload.before);
      return {
        ...base,
        kind: "push",
        refType,
        branch: name,
        sha: after && !/^0+$/.test(after) ? after : void 0,
        deleted: payload.deleted === true,
        ...before && !/^0+$/.test(before) ? { before } : {}
      };
    }
    case "pull_request":
    case "pull_request_target": {
      const pr = obj(payload.pull_request);
      const head = obj(pr.head);
      const baseRef = obj(pr.base);
      const headRepo = head.repo === null ? null : obj(head.repo);
      const baseRepo = obj(baseRef.repo);
      const headFull = headRepo ? str(headRepo.full_name) : "";
      const baseFull = str(baseRepo.full_name) || (base.repo ? `${base.repo.owner}/${base.repo.name}` : "");
      return {
        ...base,
        kind: "pull_request",
        action: str(payload.action),
        branch: str(head.ref),
        sha: str(head.sha) || void 0,
        ...str(payload.before) ? { before: str(payload.before) } : {},
        number: Number(payload.number ?? pr.number) || 0,
        fork: headRepo === null || headFull !== "" && baseFull !== "" && headFull.toLowerCase() !== baseFull.toLowerCase(),
        merged: pr.merged === true,
        baseBranch: str(baseRef.ref)
      };
    }
    default: {
      const ref = splitRef(env.GITHUB_REF ?? "");
      return { ...base, kind: "other", name: eventName, branch: ref?.refType === "branch" ? ref.name : void 0 };
    }
  }
}
function readEvent(env = process.env) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = obj(JSON.parse((0, import_node_fs.readFileSync)(env.GITHUB_EVENT_PATH, "utf8")));
    } catch (err) {
      throw new Error(`Could not read the event payload at GITHUB_EVENT_PATH: ${err.message}`, { cause: err });
    }
  }
  return toBranchEvent(name, payload, env);
}

// src/settings.ts
var KNOWN_INPUTS = [
  "target",
  "operation",
  "branch",
  "namespace",
  "dj-url",
  "dj-token",
  "dj-client-id",
  "dj-client-secret",
  "dj-username",
  "dj-password",
  "dj-ui-url",
  "deploy",
  "on-pr-close",
  "delete-git-branch",
  "ignore-branches",
  "fail-on",
  "comment",
  "github-token",
  "dry-run",
  "timeout-seconds",
  "retries",
  "prune-min-age-hours",
  "allow-other-repository",
  "fossil-url",
  "fossil-user",
  "fossil-password",
  "fossil-basis",
  "pdc-url",
  "pdc-token",
  "pdc-global-component",
  "pdc-branch-type",
  "pdc-slas"
];
var SECRET_INPUTS = ["dj-token", "dj-client-secret", "dj-password", "fossil-password", "pdc-token", "github-token"];
function read(env, name) {
  return (env[`INPUT_${name.toUpperCase()}`] ?? "").trim();
}
function oneOf(env, name, allowed, fallback) {
  const raw = read(env, name);
  if (!raw) return fallback;
  const value = raw.toLowerCase();
  if (!allowed.includes(value)) {
    throw new InputError(`Input '${name}' must be one of ${allowed.map((a) => `'${a}'`).join(", ")}; got '${raw}'.`);
  }
  return value;
}
function bool(env, name, fallback) {
  const raw = read(env, name);
  if (!raw) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw new InputError(`Input '${name}' must be 'true' or 'false'; got '${raw}'.`);
}
function number(env, name, fallback, { min, max, integer, unit }) {
  const raw = read(env, name);
  if (!raw) return fallback;
  const value = Number(raw);
  const what = `${integer ? "a whole number" : "a number"} from ${min} to ${max}${unit ? ` ${unit}` : ""}`;
  if (!/^\d{1,20}(\.\d{1,20})?$/.test(raw) || !Number.isFinite(value) || value < min || integer && !Number.isInteger(value)) {
    throw new InputError(`Input '${name}' must be ${what}; got '${raw.slice(0, 40)}'.`);
  }
  if (value > max) throw new InputError(`Input '${name}' must be ${what}; got '${raw.slice(0, 40)}', more than the action can wait for or count.`);
  return value;
}
var MAX_TIMER_MS = 2 ** 31 - 1;
function url(env, name, fallback) {
  const raw = read(env, name) || (fallback ?? "").trim();
  if (!raw) return "";
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw new InputError(`Input '${name}' must be an http(s) URL; got '${redactUrl(raw)}'.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InputError(`Input '${name}' must be an http(s) URL; got '${redactUrl(raw)}'.`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError(`Input '${name}' must not carry credentials in the URL; use the credential inputs (they are masked).`);
  }
  if (parsed.search || parsed.hash) {
    throw new InputError(`Input '${name}' must be a base URL without a query string or fragment; credentials go in the credential inputs (they are masked).`);
  }
  return raw.replace(/\/+$/, "");
}
function branchInput(raw) {
  if (!raw.startsWith("refs/")) return raw;
  const ref = splitRef(raw);
  if (ref?.refType === "branch") return ref.name;
  throw new InputError(
    `Input 'branch' must be a branch name or 'refs/heads/<branch>'; got '${raw}', which is ${ref ? "a tag" : "not a branch ref"}. A branch whose name itself starts with 'refs/' is given as 'refs/heads/<its name>'.`
  );
}
function splitList(raw) {
  return raw.split(/[\n,]/).map((s) => s.trim()).filter((s) => s && !s.startsWith("#"));
}
function parseSlas(raw) {
  return splitList(raw).map((item) => {
    const m = /^([^:]+):\s*(\d{4}-\d{2}-\d{2})$/.exec(item);
    if (!m) throw new InputError(`Input 'pdc-slas' takes 'type:YYYY-MM-DD' pairs (e.g. bug_fixes:2027-12-01); got '${item}'.`);
    return { type: m[1].trim(), eol: m[2] };
  });
}
function closest(name) {
  const distance = (a, b) => {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) dp[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length][b.length];
  };
  let best;
  let bestD = 4;
  for (const known of KNOWN_INPUTS) {
    const d = distance(name, known);
    if (d < bestD) [best, bestD] = [known, d];
  }
  return best;
}
function unknownInputs(env) {
  const known = new Set(KNOWN_INPUTS.map((n) => n.toUpperCase()));
  return Object.keys(env).filter((k) => k.startsWith("INPUT_") && !known.has(k.slice(6))).map((k) => k.slice(6).toLowerCase());
}
function readSettings(env, mask) {
  for (const name of SECRET_INPUTS) mask(read(env, name));
  for (const fallback of ["DJ_TOKEN", "DJ_PWD"]) if (env[fallback]) mask(env[fallback].trim());
  const unknown = unknownInputs(env);
  if (unknown.length) {
    const hints = unknown.map((u) => {
      const near = closest(u);
      return near ? `'${u}' (did you mean '${near}'?)` : `'${u}'`;
    });
    throw new InputError(`Unknown input${unknown.length > 1 ? "s" : ""} ${hints.join(", ")}. See the README for the inputs this action takes.`);
  }
  const target = oneOf(env, "target", ["dj", "fossil", "pdc"], "dj");
  const retries = number(env, "retries", 3, { min: 0, max: 10, integer: true });
  const timeoutSeconds = number(env, "timeout-seconds", 300, { min: 1, max: Math.floor(MAX_TIMER_MS / 1e3 / (retries + 1)), integer: false, unit: `seconds with 'retries: ${retries}'` });
  const settings = {
    target,
    operation: oneOf(env, "operation", ["auto", "create", "delete", "sync", "list", "prune"], "auto"),
    branch: branchInput(read(env, "branch")),
    deploy: oneOf(env, "deploy", ["sync", "changed", "none"], "sync") !== "none",
    deployChanged: oneOf(env, "deploy", ["sync", "changed", "none"], "sync") === "changed",
    onPrClose: oneOf(env, "on-pr-close", ["delete", "keep"], "delete"),
    deleteGitBranch: bool(env, "delete-git-branch", false),
    ignoreBranches: splitList(read(env, "ignore-branches")),
    failOn: oneOf(env, "fail-on", ["failed", "invalid", "never"], "failed"),
    comment: bool(env, "comment", true),
    githubToken: read(env, "github-token") || (env.GITHUB_TOKEN ?? "").trim(),
    dryRun: bool(env, "dry-run", false),
    timeoutMs: Math.round(timeoutSeconds * 1e3),
    retries,
    // A century: beyond it, hours in milliseconds stop being exact.
    pruneMinAgeHours: number(env, "prune-min-age-hours", 24, { min: 0, max: 876e3, integer: false, unit: "hours" }),
    allowOtherRepository: bool(env, "allow-other-repository", false)
  };
  if (settings.githubToken) mask(settings.githubToken);
  if (settings.deleteGitBranch && settings.operation !== "delete") {
    throw new InputError(`Input 'delete-git-branch: true' only applies to 'operation: delete'; the action never deletes a git branch otherwise.`);
  }
  if (target === "dj") {
    const djUrl = url(env, "dj-url", env.DJ_URL);
    if (!djUrl) throw new InputError(`Input 'dj-url' is required for target 'dj' (or set env DJ_URL).`);
    const namespace = read(env, "namespace");
    if (!namespace) throw new InputError(`Input 'namespace' is required for target 'dj': the DJ git-root namespace, e.g. 'demo.metrics'.`);
    if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(namespace)) {
      throw new InputError(`Input 'namespace' must be a dotted DJ namespace such as 'demo.metrics'; got '${namespace}'.`);
    }
    const clientId = read(env, "dj-client-id");
    const clientSecret = read(env, "dj-client-secret");
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      throw new InputError(`Inputs 'dj-client-id' and 'dj-client-secret' go together; only one was given.`);
    }
    const username = read(env, "dj-username") || (env.DJ_USER ?? "").trim();
    const password = read(env, "dj-password") || (env.DJ_PWD ?? "").trim();
    if (Boolean(username) !== Boolean(password)) {
      throw new InputError(`Inputs 'dj-username' and 'dj-password' (or env DJ_USER / DJ_PWD) go together; only one was given.`);
    }
    settings.dj = {
      url: djUrl,
      uiUrl: url(env, "dj-ui-url") || djUrl,
      namespace,
      token: read(env, "dj-token") || (env.DJ_TOKEN ?? "").trim() || void 0,
      clientId: clientId || void 0,
      clientSecret: clientSecret || void 0,
      username: username || void 0,
      password: password || void 0
    };
  } else if (target === "fossil") {
    const fossilUrl = url(env, "fossil-url");
    if (!fossilUrl) throw new InputError(`Input 'fossil-url' is required for target 'fossil'.`);
    const user = read(env, "fossil-user");
    const password = read(env, "fossil-password");
    if (Boolean(user) !== Boolean(password)) throw new InputError(`Inputs 'fossil-user' and 'fossil-password' go together; only one was given.`);
    settings.fossil = { url: fossilUrl, user: user || void 0, password: password || void 0, basis: read(env, "fossil-basis") || "trunk" };
  } else {
    const pdcUrl = url(env, "pdc-url");
    if (!pdcUrl) throw new InputError(`Input 'pdc-url' is required for target 'pdc'.`);
    const globalComponent = read(env, "pdc-global-component");
    if (!globalComponent) throw new InputError(`Input 'pdc-global-component' is required for target 'pdc'.`);
    settings.pdc = {
      url: pdcUrl,
      token: read(env, "pdc-token") || void 0,
      globalComponent,
      branchType: read(env, "pdc-branch-type") || "rpm",
      slas: parseSlas(read(env, "pdc-slas"))
    };
  }
  return settings;
}

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
      if (!closing && !ENSURE_ACTIONS.has(event.action)) {
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
      if (!closing) return { kind: "ensure", branch: event.branch, deploy: settings.deploy, sha: event.sha, pr };
      return settings.onPrClose === "delete" ? { kind: "remove", branch: event.branch, deleteGitBranch: false, pr } : { kind: "keep", branch: event.branch, pr };
    }
    default:
      return skip("unsupported-event", `Event '${event.name}' does nothing with 'operation: auto'; use an explicit 'operation' (create, delete, sync, list, prune).`);
  }
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

// src/report/log.ts
var ANNOTATIONS_PER_KIND = 10;
var MAX_ANNOTATION_MESSAGE = 1e3;
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function resultLine(outcome, ctx, elapsedMs, verdict = stepVerdict(outcome, ctx.failOn)) {
  const h = headlineOf(outcome, ctx, verdict);
  if (outcome.results.length && !ctx.error) {
    const where = headlinePlain({ ...h, text: "", detail: void 0 }).replace(/^ · /, "");
    return `${countsPhrase(outcome.results)} in ${seconds(elapsedMs)}${where ? ` \xB7 ${where}` : ""}`;
  }
  const [what, ...rest] = headlinePlain(h).split(" \xB7 ");
  return [`${what} in ${seconds(elapsedMs)}`, ...rest].join(" \xB7 ");
}
function yamlFileOf(message) {
  const m = /(?:^|[\s'"(`])((?:[\w.-]+\/)*[\w.-]+\.ya?ml)\b/.exec(message);
  const file = m?.[1];
  if (!file || file.startsWith("/") || file.split("/").includes("..")) return void 0;
  return file;
}
function annotate(nodes, cap, namespace, emit) {
  const shown = nodes.length > cap ? nodes.slice(0, cap - 1) : nodes;
  for (const r of shown) {
    const name = shortNodeName(r.name, namespace);
    const message = problemMessage(r.message) || `DJ reported ${r.status} without a message`;
    const file = yamlFileOf(r.message);
    const clipped = message.length > MAX_ANNOTATION_MESSAGE ? `${message.slice(0, MAX_ANNOTATION_MESSAGE)}\u2026` : message;
    emit(clipped, { title: `DJ ${r.deploy_type === "link" ? "link" : "node"} ${name}: ${r.status}`, ...file ? { file } : {} });
  }
  const rest = nodes.slice(shown.length);
  if (rest.length) {
    const names = rest.slice(0, 5).map((r) => shortNodeName(r.name, namespace));
    emit(`${names.join(", ")}${rest.length > 5 ? ", \u2026" : ""}; the job summary lists every node with its message.`, {
      title: `and ${rest.length} more ${rest.length === 1 ? "node" : "nodes"}`
    });
  }
}
function annotateNodes(outcome, failOn, log) {
  const fails = (r) => failOn !== "never" && (r.status === "failed" || failOn === "invalid" && r.status === "invalid");
  const errors = outcome.results.filter(fails);
  const warnings = outcome.results.filter((r) => !fails(r) && (r.status === "failed" || r.status === "invalid"));
  annotate(errors, ANNOTATIONS_PER_KIND - 1, outcome.name, (m, p) => log.error(m, p));
  annotate(warnings, ANNOTATIONS_PER_KIND, outcome.name, (m, p) => log.warning(m, p));
}
function branchTable(branches) {
  const rows = [
    ["NAMESPACE / BRANCH", "GIT BRANCH", "NODES", "INVALID", "LAST UPDATED / STATE"],
    ...branches.map((b) => [
      `${b.name}${b.isDefault ? " (default)" : ""}`,
      b.gitBranch || "-",
      b.nodes === void 0 ? "-" : String(b.nodes),
      b.invalidNodes === void 0 ? "-" : String(b.invalidNodes),
      [b.lastUpdatedAt?.replace("T", " ").replace(/\.\d+/, ""), b.state].filter(Boolean).join(" \xB7 ") || "-"
    ])
  ].map((r) => r.map((c) => c.replace(/[\r\n\t]+/g, " ")));
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => r[i].length))));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
function logOutcome(outcome, ctx, elapsedMs, log) {
  const verdict = stepVerdict(outcome, ctx.failOn);
  const branches = outcome.operation === "listed" ? branchesOf(outcome) : void 0;
  if (branches?.length) log.info(branchTable(branches));
  log.info(resultLine(outcome, ctx, elapsedMs, verdict));
  if (outcome.operation === "skipped") log.notice(`Skipped (${outcome.skipReason}): ${outcome.notes.join(" ") || "nothing to do"}`);
  annotateNodes(outcome, ctx.failOn, log);
}

// src/report/commit-status.ts
var MAX_DESCRIPTION = 140;
function statusContext(namespace) {
  return `dj-branch-sync/${namespace}`;
}
function statusDescription(counts, runId) {
  const tail = runId ? ` \xB7 run ${runId}` : "";
  const room = MAX_DESCRIPTION - tail.length;
  return (counts.length > room ? `${counts.slice(0, room - 1)}\u2026` : counts) + tail;
}
function runIdOf(description) {
  return / · run (\d+)$/.exec(description)?.[1];
}
function isSha(sha) {
  return Boolean(sha && /^[0-9a-f]{40}$/i.test(sha) && !/^0+$/.test(sha));
}
async function ourStatus(gh, where, sha) {
  const res = await gh.request({ method: "GET", path: path`/repos/${where.owner}/${where.repo}/commits/${sha}/statuses`, query: { per_page: 100 } });
  if (!Array.isArray(res.data)) throw new Error(`GitHub answered the statuses of ${sha.slice(0, 7)} with something that is not a list`);
  const context = statusContext(where.namespace);
  return [...res.data].find((s) => s?.context === context);
}
async function changedFiles(gh, where, base, head) {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${where.owner}/${where.repo}/compare/${`${base}...${head}`}`,
    query: { per_page: 100 }
  });
  const files = res.data?.files;
  if (!Array.isArray(files) || files.length >= 300) return void 0;
  return files.flatMap((f) => [f.filename, f.previous_filename]).filter((f) => typeof f === "string");
}
function under(file, gitPath) {
  const dir = gitPath.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return !dir || file === dir || file.startsWith(`${dir}/`);
}
function startDeployCheck(gh, req) {
  const earlierOf = (s) => {
    const description = s.description ?? "";
    const id = runIdOf(description);
    return { description: description.replace(/ · run \d+$/, ""), ...id && req.runsUrl ? { runUrl: `${req.runsUrl}${id}` } : {} };
  };
  const head = ourStatus(gh, req, req.sha).then(
    (s) => ({ ok: true, s }),
    (err) => ({ ok: false, err })
  );
  const prev = isSha(req.before) ? Promise.all([ourStatus(gh, req, req.before), changedFiles(gh, req, req.before, req.sha)]).then(
    ([s, files]) => ({ s, files }),
    () => void 0
  ) : Promise.resolve(void 0);
  const problem = head.then(
    (h) => h.ok ? void 0 : `The commit statuses could not be read (${h.err.message}), so every run deploys: give the workflow \`statuses: write\` to deploy each commit once.`
  );
  const check = async (facts) => {
    const h = await head;
    if (!h.ok) return { deploy: true };
    if (h.s?.state === "success") {
      const earlier = earlierOf(h.s);
      const by = earlier.runUrl ? ` by workflow run ${runIdOf(h.s.description ?? "")}` : "";
      return { deploy: false, why: "deployed", sha: req.sha, note: `Commit ${req.sha.slice(0, 7)} is already deployed to ${req.namespace}${by}`, earlier };
    }
    const p = await prev;
    if (p?.s?.state === "success" && p.files && typeof facts.gitPath === "string") {
      const touched = p.files.filter((f) => under(f, facts.gitPath));
      if (!touched.length) {
        const earlier = earlierOf(p.s);
        return {
          deploy: false,
          why: "no-changes",
          sha: req.before,
          note: `Commit ${req.sha.slice(0, 7)} changes nothing under '${facts.gitPath}' since ${req.before.slice(0, 7)}, which ${req.namespace} holds`,
          earlier
        };
      }
    }
    return { deploy: true };
  };
  return { check, problem };
}
async function writeDeployStatus(gh, w) {
  try {
    await gh.request({
      method: "POST",
      path: path`/repos/${w.owner}/${w.repo}/statuses/${w.sha}`,
      json: { state: w.state, context: statusContext(w.namespace), description: w.description, ...w.targetUrl ? { target_url: w.targetUrl } : {} },
      // Writing the same status twice is harmless: a resend after a lost answer is safe.
      idempotent: true
    });
    return void 0;
  } catch (err) {
    return `The commit status was not written (${err.message}), so the next event for this commit deploys it again: give the workflow \`statuses: write\`.`;
  }
}

// src/prune.ts
function selectForPrune(branches, rules) {
  checkListing(branches, rules);
  const cutoff = rules.now.getTime() - rules.minAgeHours * 36e5;
  return branches.map((branch) => {
    if (branch.isDefault) return { branch, remove: false, why: "default branch" };
    if (!branch.gitBranch) return { branch, remove: false, why: "follows no git branch" };
    if (rules.gitBranches.has(branch.gitBranch)) return { branch, remove: false, why: "git branch exists" };
    if (branchMatchesGlobs(branch.gitBranch, rules.ignore)) return { branch, remove: false, why: "ignored" };
    const updated = parseTime(branch.lastUpdatedAt);
    if (updated !== void 0 && updated > cutoff) {
      return { branch, remove: false, why: `updated within ${rules.minAgeHours} h` };
    }
    return { branch, remove: true, why: "git branch is gone" };
  });
}
function checkListing(branches, rules) {
  const from = rules.repository ? ` of ${rules.repository}` : "";
  const fix = `Nothing was pruned: check that 'github-token' can read the repository's branches.`;
  if (rules.gitBranches.size === 0) {
    if (branches.every((b) => b.isDefault || !b.gitBranch)) return;
    throw new RefusedError(`GitHub listed no branches${from}, not even the default branch. ${fix}`);
  }
  const missing = branches.find((b) => b.isDefault && b.gitBranch && !rules.gitBranches.has(b.gitBranch));
  if (missing) {
    throw new RefusedError(`GitHub's listing${from} (${rules.gitBranches.size} branches) lacks the default branch '${missing.gitBranch}', so it is not the root's repository or not complete. ${fix}`);
  }
}
function parseTime(value) {
  if (!value) return void 0;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const t = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(t) ? void 0 : t;
}

// src/outputs.ts
var import_node_fs2 = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var OUTPUT_LIMIT = 1e6;
var OUTPUT_RESERVE = 16e3;
var bytes = (text) => Buffer.byteLength(text, "utf8");
function fitList(items, budget) {
  const sizes = items.map((item) => bytes(JSON.stringify(item) ?? "null"));
  let total = 2;
  let kept = 0;
  for (const size of sizes) {
    const next = total + size + (kept ? 1 : 0);
    if (next > budget) break;
    total = next;
    kept++;
  }
  return { json: JSON.stringify(items.slice(0, kept)), kept };
}
function planOutputs(outcome, filePath, limit = OUTPUT_LIMIT - OUTPUT_RESERVE) {
  const results = outcome.results;
  const branches = (branchesOf(outcome) ?? []).map((b) => b.raw);
  const values = {
    operation: outcome.operation,
    "skip-reason": outcome.operation === "skipped" ? outcome.skipReason : "",
    namespace: outcome.name ?? "",
    "git-branch": outcome.gitBranch ?? "",
    "deployed-sha": commitOf(outcome).deployedSha ?? "",
    counts: JSON.stringify(countByStatus(results)),
    pruned: JSON.stringify(pruneOf(outcome)?.pruned ?? []),
    "results-file": ""
  };
  const hasLists = results.length > 0 || branches.length > 0;
  const file = hasLists ? JSON.stringify({ results, branches }) : void 0;
  if (file !== void 0 && filePath) values["results-file"] = filePath;
  const notes = [];
  let resultsJson = JSON.stringify(results);
  let branchesJson = JSON.stringify(branches);
  const fixed = Object.entries(values).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0) + bytes("results") + bytes("branches");
  if (fixed + bytes(resultsJson) + bytes(branchesJson) > limit) {
    const left = Math.max(0, limit - fixed);
    const half = Math.floor(left / 2);
    const rBytes = bytes(resultsJson);
    const bBytes = bytes(branchesJson);
    const rBudget = bBytes <= half ? left - bBytes : rBytes <= half ? rBytes : half;
    const bBudget = left - Math.min(rBudget, rBytes);
    const where = values["results-file"] ? ` The whole lists are in the file named by output 'results-file' (${values["results-file"]}).` : "";
    if (rBytes > rBudget) {
      const cut = fitList(results, rBudget);
      resultsJson = cut.json;
      notes.push(`Output 'results' holds the first ${cut.kept} of ${results.length} results: GitHub keeps at most 1 MB of outputs per job.${where}`);
    }
    if (bBytes > bBudget) {
      const cut = fitList(branches, bBudget);
      branchesJson = cut.json;
      notes.push(`Output 'branches' holds the first ${cut.kept} of ${branches.length} branches: GitHub keeps at most 1 MB of outputs per job.${where}`);
    }
  }
  values.results = resultsJson;
  values.branches = branchesJson;
  return { values, notes, ...file !== void 0 ? { file } : {} };
}
function resultsFilePath(env) {
  const dir = env.RUNNER_TEMP;
  if (!dir) return void 0;
  const id = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION].filter(Boolean).join("-") || String(process.pid);
  return (0, import_node_path.join)(dir, `dj-branch-sync-${id.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
}
function writeResultsFile(path2, content) {
  try {
    (0, import_node_fs2.writeFileSync)(path2, content, "utf8");
    return void 0;
  } catch (err) {
    return `The results file ${path2} could not be written (${err instanceof Error ? err.message : String(err)}).`;
  }
}
function outputsFor(outcome, env) {
  const path2 = resultsFilePath(env);
  const planned = planOutputs(outcome, path2);
  if (planned.file !== void 0 && path2) {
    const failed = writeResultsFile(path2, planned.file);
    if (failed) {
      planned.values["results-file"] = "";
      planned.notes.push(failed);
    }
  }
  return planned;
}

// src/main.ts
var PRUNE_CONCURRENCY = 8;
async function loadTarget(settings, deps) {
  const modules = {
    dj: () => import("./chunks/target-5IWBZX5X.js"),
    fossil: () => import("./chunks/target-MIKW7U7G.js"),
    pdc: () => import("./chunks/target-VFRWJDN6.js")
  };
  const mod = await modules[settings.target]();
  return mod.createTarget(settings, deps);
}
function displayName(settings, branch) {
  if (!branch) return void 0;
  if (settings.target !== "dj" || !settings.dj) return branch;
  try {
    return namespaceForBranch(settings.dj.namespace, branch);
  } catch {
    return void 0;
  }
}
function runUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : void 0;
}
function describeEvent(event) {
  switch (event.kind) {
    case "pull_request":
      return `pull_request (${event.action}) #${event.number}`;
    case "other":
      return event.name || "(none)";
    default:
      return `${event.kind} (${event.refType})`;
  }
}
function planBranch(plan) {
  return "branch" in plan ? plan.branch : void 0;
}
function planPr(plan) {
  return "pr" in plan ? plan.pr : void 0;
}
function setOutputs(outcome) {
  const { values, notes } = outputsFor(outcome, process.env);
  for (const [name, value] of Object.entries(values)) setOutput(name, value);
  return notes;
}
async function execute(plan, target, settings, event, env, check) {
  const dryRun = settings.dryRun;
  switch (plan.kind) {
    case "ensure":
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check });
    case "deploy": {
      if (plan.skipWhenNotLinked) {
        try {
          target.nameFor(plan.branch);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          return { target: target.name, operation: "skipped", skipReason: "not-linked", gitBranch: plan.branch, results: [], notes: [err.message] };
        }
      }
      if (!target.deploy) {
        const name = target.nameFor(plan.branch);
        return { target: target.name, operation: "unchanged", why: "linked", name, gitBranch: plan.branch, results: [], notes: [`${target.name} has no deploy step: nothing to do for ${name}.`] };
      }
      return target.deploy({ gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    }
    case "remove":
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun });
    case "keep": {
      const name = target.nameFor(plan.branch);
      return {
        target: target.name,
        operation: "unchanged",
        why: "kept",
        name,
        ...target.urlFor?.(name) ? { url: target.urlFor(name) } : {},
        gitBranch: plan.branch,
        results: [],
        notes: [`Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`]
      };
    }
    case "create": {
      target.nameFor(plan.branch);
      const gh = await github(settings, env);
      const { repo, value: exists } = await askFollowedRepository(
        event.repo ?? null,
        () => followedRepository(target, event),
        settings.allowOtherRepository,
        (r) => gh.branchExists(r.owner, r.name, plan.branch)
      );
      if (exists) return target.ensure({ gitBranch: plan.branch, deploy: settings.deploy, dryRun });
      if (!target.createWithGitBranch) {
        throw new InputError(`Git branch '${plan.branch}' does not exist in ${repo.owner}/${repo.name}, and target '${target.name}' cannot create it. Push the branch first.`);
      }
      return target.createWithGitBranch({ gitBranch: plan.branch, dryRun });
    }
    case "list": {
      const branches = await target.list();
      return { target: target.name, operation: "listed", branches, results: [], notes: [`${branches.length} branch${branches.length === 1 ? "" : "es"}.`] };
    }
    case "prune":
      return prune(target, settings, event, env);
  }
}
function followedRepository(target, event) {
  return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}
function requireRepo(event) {
  if (!event.repo) throw new InputError("The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.");
  return event.repo;
}
var githubClient;
function github(settings, env) {
  githubClient ??= makeGitHub(settings, env);
  return githubClient;
}
async function makeGitHub(settings, env) {
  const { GitHubClient } = await import("./chunks/github-lazy-YMMIEBQI.js");
  if (!settings.githubToken) throw new InputError(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
  return new GitHubClient({
    baseUrl: env.GITHUB_API_URL || "https://api.github.com",
    token: settings.githubToken,
    timeoutMs: Math.min(settings.timeoutMs, 6e4),
    retries: settings.retries,
    onRetry: logRetry
  });
}
async function prune(target, settings, event, env) {
  const gh = await github(settings, env);
  const [branches, { repo, value: gitBranches }] = await Promise.all([
    target.list(),
    askFollowedRepository(event.repo ?? null, () => followedRepository(target, event), settings.allowOtherRepository, (r) => gh.listBranchNames(r.owner, r.name))
  ]);
  info(`Git branches of ${repoText(repo)}: ${gitBranches.length}.`);
  const verdicts = selectForPrune(branches, {
    gitBranches: new Set(gitBranches),
    repository: repoText(repo),
    minAgeHours: settings.pruneMinAgeHours,
    ignore: settings.ignoreBranches,
    now: /* @__PURE__ */ new Date()
  });
  const doomed = verdicts.filter((v) => v.remove).map((v) => v.branch);
  info(`${branches.length} branches, ${gitBranches.length} git branches; ${doomed.length} to prune.`);
  const failures = [];
  const pruned = [];
  await mapPool(doomed, PRUNE_CONCURRENCY, async (branch) => {
    try {
      const out = await target.remove({ gitBranch: branch.gitBranch, dryRun: settings.dryRun, known: branch });
      if (out.operation === "deleted" || out.operation === "planned") pruned.push(branch.name);
      info(`${branch.name}: ${out.operation}`);
    } catch (err) {
      failures.push({ name: branch.name, message: err.message });
      warning(`Prune of ${branch.name} failed: ${err.message}`);
    }
  });
  pruned.sort();
  const kept = verdicts.filter((v) => !v.remove).length;
  const report = { target: target.name, branches, pruned, failures, results: [] };
  const notes = [`${settings.dryRun ? "Would prune" : "Pruned"} ${pruned.length}, kept ${kept}${failures.length ? `, ${failures.length} failed` : ""}.`];
  return settings.dryRun ? { ...report, operation: "planned", of: "prune", notes } : { ...report, operation: "pruned", notes };
}
function logRetry(info2) {
  warning(`${info2.method} ${info2.path}: ${info2.reason}; retry ${info2.attempt}/${info2.of} in ${(info2.delayMs / 1e3).toFixed(1)} s`);
}
async function comment(settings, env, event, pr, outcome, body, found) {
  const { findStickyComment, writeStickyComment } = await import("./chunks/github-lazy-YMMIEBQI.js");
  const repo = requireRepo(event);
  const gh = await github(settings, env);
  const where = { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: stickyMarker(outcome.target, outcome.name ?? String(pr.number)) };
  const search = found ? await found : await findStickyComment(gh, where);
  const res = await writeStickyComment(gh, search, { ...where, body });
  if (!res.ok) {
    warning(`The pull-request comment was not written: ${res.error.message}`);
    return;
  }
  setOutput("comment-id", String(res.id));
  setOutput("comment-url", redact(res.url));
  info(`Comment ${res.action}: ${res.url}`);
}
async function run(env = process.env) {
  const started = Date.now();
  let settings;
  let event;
  let plan;
  const ctx = { eventName: env.GITHUB_EVENT_NAME ?? "", runUrl: runUrl(env), repoUrl: repoUrl(env), dryRun: false, failOn: "failed", now: /* @__PURE__ */ new Date() };
  let outcome;
  try {
    settings = readSettings(env, setSecret);
    ctx.dryRun = settings.dryRun;
    ctx.failOn = settings.failOn;
    event = readEvent(env);
    plan = decide(event, settings);
    const branch = planBranch(plan);
    const name = displayName(settings, branch);
    const pr = planPr(plan);
    ctx.prNumber = event.kind === "pull_request" ? event.number : void 0;
    ctx.headSha = pr?.sha ?? (plan.kind === "deploy" ? plan.sha : void 0);
    ctx.decision = `event ${describeEvent(event)} \xB7 branch ${branch ?? "\u2014"} \xB7 ${settings.target === "dj" ? "namespace" : "name"} ${name ?? "\u2014"} \xB7 plan ${plan.kind}${plan.kind === "skip" ? ` (${plan.reason})` : ""}${settings.dryRun ? " \xB7 dry-run" : ""}`;
    info(`Decision: ${ctx.decision}`);
    if (plan.kind === "skip") {
      outcome = { target: settings.target, operation: "skipped", skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] };
    } else {
      const deps = {
        log: info,
        mask: setSecret,
        http: { timeoutMs: settings.timeoutMs, retries: settings.retries, onRetry: logRetry },
        repository: event.repo ?? null
      };
      const s = settings;
      const ev = event;
      const p = plan;
      const canComment = Boolean(pr && s.comment && !s.dryRun);
      if (canComment && !s.githubToken) {
        warning(`Input 'github-token' is empty, so the pull-request comment is not written; the job summary has the report. Pass \`github-token: \${{ github.token }}\` (the default) to get the comment.`);
      }
      const found = canComment && s.githubToken && pr && name ? startCommentSearch(s, env, ev, pr, name) : void 0;
      const statuses = startStatusCheck(s, env, ev, p, name);
      const target = await loadTarget(s, deps);
      outcome = redactOutcome(await group(`${s.target}: ${p.kind} ${branch ?? ""}`.trim(), () => execute(p, target, s, ev, env, statuses?.check)), redactor());
      const o = outcome;
      const recorded = s.target === "dj" && s.githubToken && !s.dryRun ? recordStatus(s, env, ev, o, statuses?.problem) : void 0;
      if (canComment && s.githubToken && pr) {
        const body = renderReport(o, ctx);
        await group("Pull-request comment", () => comment(s, env, ev, pr, o, body, found));
      }
      await recorded;
    }
    ctx.outputNotes = setOutputs(outcome);
    await appendSummary(renderReport(outcome, ctx));
    logOutcome(outcome, ctx, Date.now() - started, runner_exports);
    const verdict = stepVerdict(outcome, settings.failOn);
    if (verdict.fails) setFailed(verdict.line);
  } catch (err) {
    const message = describeError(err);
    ctx.error = redact(message);
    const branch = plan ? planBranch(plan) : void 0;
    const name = settings ? displayName(settings, branch) : void 0;
    const knownRaw = outcome ? void 0 : knownOutcomeOf(err);
    const known = knownRaw && redactOutcome(knownRaw, redactor());
    if (known) ctx.outputNotes = setOutputs(known);
    else if (settings && !outcome) {
      setOutput("operation", "");
      setOutput("namespace", name ?? "");
      setOutput("git-branch", branch ?? "");
    }
    const failed = outcome ?? known ?? { target: settings?.target ?? "dj", operation: "failed", name, gitBranch: branch, results: [], notes: [] };
    try {
      await appendSummary(renderReport(failed, ctx));
    } catch {
    }
    const pr = plan ? planPr(plan) : void 0;
    if (settings?.githubToken && event && pr && settings.comment && !settings.dryRun && !(err instanceof InputError) && !outcome) {
      const s = settings;
      const ev = event;
      await group("Pull-request comment", () => comment(s, env, ev, pr, failed, renderReport(failed, ctx), void 0)).catch(() => void 0);
    }
    setFailed(message);
  }
}
function repoUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env;
  return server && repo ? `${server}/${repo}` : void 0;
}
function startStatusCheck(settings, env, event, plan, name) {
  if (settings.target !== "dj" || !name || !settings.githubToken || !event.repo) return void 0;
  const sha = plan.kind === "ensure" && plan.deploy ? plan.sha : plan.kind === "deploy" && plan.skipWhenNotLinked ? plan.sha : void 0;
  if (!sha) return void 0;
  const before = settings.deployChanged && (event.kind === "push" || event.kind === "pull_request") ? event.before : void 0;
  const repo = event.repo;
  const runs = runUrl(env)?.replace(/\d+$/, "");
  const gh = github(settings, env);
  const api = { request: (req) => gh.then((c) => c.request(req)) };
  return startDeployCheck(api, { owner: repo.owner, repo: repo.name, namespace: name, sha, ...before ? { before } : {}, ...runs ? { runsUrl: runs } : {} });
}
async function recordStatus(settings, env, event, outcome, problem) {
  const why = await problem;
  const c = commitOf(outcome);
  const deployed = (outcome.operation === "created" || outcome.operation === "updated") && c.deployedSha;
  const noChanges = outcome.operation === "unchanged" && outcome.why === "no-changes";
  const sha = deployed ? c.deployedSha : noChanges ? c.expectedSha : void 0;
  if (why) {
    warning(why);
    return;
  }
  if (!sha || !event.repo || !outcome.name) return;
  const verdict = stepVerdict(outcome, settings.failOn);
  const counts = noChanges ? `no changes under git_path since ${c.deployedSha?.slice(0, 7) ?? "the last deployment"}` : countsPhrase(outcome.results);
  const gh = await github(settings, env);
  const failed = await writeDeployStatus(gh, {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: outcome.name,
    sha,
    state: verdict.fails ? "failure" : "success",
    description: statusDescription(counts, env.GITHUB_RUN_ID),
    ...outcome.url ? { targetUrl: outcome.url } : {}
  });
  if (failed) warning(failed);
  else info(`Commit status ${verdict.fails ? "failure" : "success"} on ${sha.slice(0, 7)}: ${outcome.name}`);
}
async function startCommentSearch(settings, env, event, pr, name) {
  try {
    const { findStickyComment } = await import("./chunks/github-lazy-YMMIEBQI.js");
    const repo = requireRepo(event);
    const gh = await github(settings, env);
    return await findStickyComment(gh, { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: stickyMarker(settings.target, name) });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}
function describeError(err) {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}

// src/index.ts
await run();
process.stdout.write("", () => process.exit());
