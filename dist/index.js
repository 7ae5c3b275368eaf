import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  mapPool
} from "./chunks/chunk-GZKCK2HS.js";
import {
  askFollowedRepository,
  repoText
} from "./chunks/chunk-642WZO3W.js";
import {
  parseTimestamp
} from "./chunks/chunk-JZGWD3QX.js";
import {
  path
} from "./chunks/chunk-A4UGXOXX.js";
import {
  branchOf,
  decide,
  prOf
} from "./chunks/chunk-GZHSV5EL.js";
import {
  checkRunName,
  serverHost
} from "./chunks/chunk-TLANPBM4.js";
import {
  buildReport,
  countsPhrase,
  headlinePlain,
  renderMarkdown,
  renderReport,
  stickyMarker
} from "./chunks/chunk-JPRTYU6P.js";
import {
  branchMatchesGlobs,
  namespaceForBranch
} from "./chunks/chunk-UBRJQS3X.js";
import {
  PreviewUnavailable
} from "./chunks/chunk-3AG7QWPI.js";
import {
  InputError,
  RefusedError,
  appendSummary,
  branchesOf,
  commitOf,
  countByStatus,
  deployBranch,
  describeError,
  group,
  info,
  knownOutcomeOf,
  pruneOf,
  redact,
  redactAll,
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
} from "./chunks/chunk-TUJZE6O5.js";
import {
  __toESM
} from "./chunks/chunk-ULGGNWNB.js";

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
        baseBranch: str(baseRef.ref),
        ...str(baseRef.sha) ? { baseSha: str(baseRef.sha) } : {}
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
  "impact",
  "impact-base",
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
  "pdc-slas",
  "checks",
  "deployments"
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
      for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
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
  const timeoutSeconds = number(env, "timeout-seconds", 300, {
    min: 1,
    max: Math.floor(MAX_TIMER_MS / 1e3 / (retries + 1)),
    integer: false,
    unit: `seconds with 'retries: ${retries}'`
  });
  const settings = {
    target,
    operation: oneOf(env, "operation", ["auto", "create", "delete", "sync", "list", "prune"], "auto"),
    branch: branchInput(read(env, "branch")),
    deploy: oneOf(env, "deploy", ["sync", "changed", "none"], "sync") !== "none",
    deployChanged: oneOf(env, "deploy", ["sync", "changed", "none"], "sync") === "changed",
    onPrClose: oneOf(env, "on-pr-close", ["delete", "keep"], "delete"),
    deleteGitBranch: bool(env, "delete-git-branch", false),
    ignoreBranches: splitList(read(env, "ignore-branches")),
    failOn: oneOf(env, "fail-on", ["failed", "invalid", "impact", "never"], "failed"),
    comment: bool(env, "comment", true),
    githubToken: read(env, "github-token") || (env.GITHUB_TOKEN ?? "").trim(),
    dryRun: bool(env, "dry-run", false),
    timeoutMs: Math.round(timeoutSeconds * 1e3),
    retries,
    // A century: beyond it, hours in milliseconds stop being exact.
    pruneMinAgeHours: number(env, "prune-min-age-hours", 24, { min: 0, max: 876e3, integer: false, unit: "hours" }),
    allowOtherRepository: bool(env, "allow-other-repository", false),
    checks: bool(env, "checks", true),
    deployments: bool(env, "deployments", true)
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
    const impactBase = read(env, "impact-base");
    if (impactBase && !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(impactBase)) {
      throw new InputError(`Input 'impact-base' must be a dotted DJ namespace such as 'demo.metrics.main', or empty for the default-branch namespace; got '${impactBase}'.`);
    }
    settings.dj = {
      impact: bool(env, "impact", true),
      impactBase,
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

// src/run-context.ts
function runContext(settings, event, env) {
  let client;
  return {
    settings,
    event,
    env,
    github: () => client ??= makeGitHub(settings, env)
  };
}
async function makeGitHub(settings, env) {
  const { GitHubClient } = await import("./chunks/github-lazy-VIGPTC73.js");
  if (!settings.githubToken) throw new InputError(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
  return new GitHubClient({
    baseUrl: env.GITHUB_API_URL || "https://api.github.com",
    token: settings.githubToken,
    timeoutMs: Math.min(settings.timeoutMs, 6e4),
    retries: settings.retries,
    onRetry: logRetry
  });
}
function logRetry(info2) {
  warning(`${info2.method} ${info2.path}: ${info2.reason}; retry ${info2.attempt}/${info2.of} in ${(info2.delayMs / 1e3).toFixed(1)} s`);
}
function requireRepo(event) {
  if (!event.repo) throw new InputError("The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.");
  return event.repo;
}
function followedRepository(target, event) {
  return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}
function targetNameOf(settings, branch) {
  if (!branch) return void 0;
  if (settings.target !== "dj" || !settings.dj) return branch;
  try {
    return namespaceForBranch(settings.dj.namespace, branch);
  } catch {
    return void 0;
  }
}

// src/operations/create.ts
async function createBranch(branch, target, run2) {
  const { settings, event } = run2;
  target.nameFor(branch);
  const gh = await run2.github();
  const { repo, value: exists } = await askFollowedRepository(
    event.repo ?? null,
    () => followedRepository(target, event),
    settings.allowOtherRepository,
    (r) => gh.branchExists(r.owner, r.name, branch)
  );
  if (exists) return target.ensure({ gitBranch: branch, deploy: settings.deploy, dryRun: settings.dryRun });
  if (!target.createWithGitBranch) {
    throw new InputError(`Git branch '${branch}' does not exist in ${repo.owner}/${repo.name}, and target '${target.name}' cannot create it. Push the branch first.`);
  }
  return target.createWithGitBranch({ gitBranch: branch, dryRun: settings.dryRun });
}

// src/operations/prune.ts
var PRUNE_CONCURRENCY = 8;
async function prune(target, run2) {
  const { settings, event } = run2;
  const gh = await run2.github();
  const [branches, { repo, value: gitBranches }] = await Promise.all([
    target.list(),
    askFollowedRepository(
      event.repo ?? null,
      () => followedRepository(target, event),
      settings.allowOtherRepository,
      (r) => gh.listBranchNames(r.owner, r.name)
    )
  ]);
  const verdicts = selectForPrune(branches, {
    gitBranches: new Set(gitBranches),
    repository: repoText(repo),
    minAgeHours: settings.pruneMinAgeHours,
    ignore: settings.ignoreBranches,
    now: /* @__PURE__ */ new Date()
  });
  const doomed = verdicts.filter((v) => v.remove).map((v) => v.branch);
  info(`${branches.length} branches, ${gitBranches.length} git branches of ${repoText(repo)}; ${doomed.length} to prune.`);
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
  const kept2 = verdicts.filter((v) => !v.remove).length;
  const report = { target: target.name, branches, pruned, failures, results: [] };
  const notes = [`${settings.dryRun ? "Would prune" : "Pruned"} ${pruned.length}, kept ${kept2}${failures.length ? `, ${failures.length} failed` : ""}.`];
  return settings.dryRun ? { ...report, operation: "planned", of: "prune", notes } : { ...report, operation: "pruned", notes };
}
function selectForPrune(branches, rules) {
  checkListing(branches, rules);
  const cutoff = rules.now.getTime() - rules.minAgeHours * 36e5;
  return branches.map((branch) => {
    if (branch.isDefault) return { branch, remove: false, why: "default branch" };
    if (!branch.gitBranch) return { branch, remove: false, why: "follows no git branch" };
    if (rules.gitBranches.has(branch.gitBranch)) return { branch, remove: false, why: "git branch exists" };
    if (branchMatchesGlobs(branch.gitBranch, rules.ignore)) return { branch, remove: false, why: "ignored" };
    const updated = parseTimestamp(branch.lastUpdatedAt);
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
    throw new RefusedError(
      `GitHub's listing${from} (${rules.gitBranches.size} branches) lacks the default branch '${missing.gitBranch}', so it is not the root's repository or not complete. ${fix}`
    );
  }
}

// src/operations/execute.ts
async function loadTarget(run2, deps) {
  const modules = {
    dj: () => import("./chunks/target-HGUKNGTJ.js"),
    fossil: () => import("./chunks/target-VMSCYXU2.js"),
    pdc: () => import("./chunks/target-5V6PMFJF.js")
  };
  const mod = await modules[run2.settings.target]();
  return mod.createTarget(run2.settings, deps);
}
async function execute(plan, target, run2, check) {
  const dryRun = run2.settings.dryRun;
  switch (plan.kind) {
    case "ensure":
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check });
    case "deploy":
      return deployBranch(target, { gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    case "remove":
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun });
    case "keep":
      return kept(target, plan.branch);
    case "create":
      return createBranch(plan.branch, target, run2);
    case "list": {
      const branches = await target.list();
      return { target: target.name, operation: "listed", branches, results: [], notes: [`${branches.length} branch${branches.length === 1 ? "" : "es"}.`] };
    }
    case "prune":
      return prune(target, run2);
  }
}
function kept(target, branch) {
  const name = target.nameFor(branch);
  const url2 = target.urlFor?.(name);
  return {
    target: target.name,
    operation: "unchanged",
    why: "kept",
    name,
    ...url2 ? { url: url2 } : {},
    gitBranch: branch,
    results: [],
    notes: [`Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`]
  };
}

// src/report/context.ts
function runUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : void 0;
}
function repoUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env;
  return server && repo ? `${server}/${repo}` : void 0;
}
function reportContext(env, now = /* @__PURE__ */ new Date()) {
  return { eventName: env.GITHUB_EVENT_NAME ?? "", runUrl: runUrl(env), repoUrl: repoUrl(env), dryRun: false, failOn: "failed", now };
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
function decisionLine(event, settings, plan, branch, name) {
  const what = settings.target === "dj" ? "namespace" : "name";
  const why = plan.kind === "skip" ? ` (${plan.reason})` : "";
  return `event ${describeEvent(event)} \xB7 branch ${branch ?? "\u2014"} \xB7 ${what} ${name ?? "\u2014"} \xB7 plan ${plan.kind}${why}${settings.dryRun ? " \xB7 dry-run" : ""}`;
}

// src/report/comment-step.ts
function where(run2, pr, target, name) {
  const repo = requireRepo(run2.event);
  return { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: stickyMarker(target, name) };
}
async function startCommentSearch(run2, pr, name) {
  try {
    const [{ findStickyComment }, gh] = await Promise.all([import("./chunks/github-lazy-VIGPTC73.js"), run2.github()]);
    return await findStickyComment(gh, where(run2, pr, run2.settings.target, name));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}
async function writeComment(run2, pr, outcome, body, found) {
  const [{ findStickyComment, writeStickyComment }, gh] = await Promise.all([import("./chunks/github-lazy-VIGPTC73.js"), run2.github()]);
  const location = where(run2, pr, outcome.target, outcome.name ?? String(pr.number));
  const search = found ? await found : await findStickyComment(gh, location);
  const res = await writeStickyComment(gh, search, { ...location, body });
  if (!res.ok) {
    warning(`The pull-request comment was not written: ${res.error.message}`);
    return;
  }
  setOutput("comment-id", String(res.id));
  setOutput("comment-url", redact(res.url));
  info(`Comment ${res.action}: ${res.url}`);
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
async function ourStatus(gh, where2, sha) {
  const res = await gh.request({ method: "GET", path: path`/repos/${where2.owner}/${where2.repo}/commits/${sha}/statuses`, query: { per_page: 100 } });
  if (!Array.isArray(res.data)) throw new Error(`GitHub answered the statuses of ${sha.slice(0, 7)} with something that is not a list`);
  const context = statusContext(where2.namespace);
  return [...res.data].find((s) => s?.context === context);
}
async function changedFiles(gh, where2, base, head) {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${where2.owner}/${where2.repo}/compare/${`${base}...${head}`}`,
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

// src/report/check-run-record.ts
async function ourCheckRun(gh, where2, sha) {
  try {
    const res = await gh.request({
      method: "GET",
      path: path`/repos/${where2.owner}/${where2.repo}/commits/${sha}/check-runs`,
      query: { check_name: where2.name, filter: "all", per_page: 100 }
    });
    const runs = Array.isArray(res.data?.check_runs) ? res.data.check_runs : [];
    return runs.find((r) => r?.external_id === where2.externalId && r.status === "completed" && r.conclusion === "success");
  } catch {
    return void 0;
  }
}
var STATUSES = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/statuses$/;
function withCheckRunRecord(gh, where2) {
  return {
    request: (async (req) => {
      const m = req.method === "GET" ? STATUSES.exec(req.path) : null;
      const page = Number(req.query?.page ?? 1);
      if (!m || page !== 1) return gh.request(req);
      const sha = decodeURIComponent(m[1]);
      const [statuses, run2] = await Promise.allSettled([gh.request(req), ourCheckRun(gh, where2, sha)]);
      const found = run2.status === "fulfilled" ? run2.value : void 0;
      if (!found) {
        if (statuses.status === "rejected") throw statuses.reason;
        return statuses.value;
      }
      const record = { context: statusContext(where2.namespace), state: "success", description: `check run ${where2.name}`, target_url: found.html_url ?? null };
      const listed = statuses.status === "fulfilled" && Array.isArray(statuses.value.data) ? statuses.value.data : [];
      return { ...statuses.status === "fulfilled" ? statuses.value : { status: 200, headers: {} }, data: [record, ...listed] };
    })
  };
}

// src/report/status-step.ts
function startStatusCheck(run2, plan, name) {
  const { settings, event, env } = run2;
  if (settings.target !== "dj" || !name || !settings.githubToken || !event.repo) return void 0;
  const sha = plan.kind === "ensure" && plan.deploy ? plan.sha : plan.kind === "deploy" && plan.skipWhenNotLinked ? plan.sha : void 0;
  if (!sha) return void 0;
  const before = settings.deployChanged && (event.kind === "push" || event.kind === "pull_request") ? event.before : void 0;
  const runs = runUrl(env)?.replace(/\d+$/, "");
  const direct = { request: (req) => run2.github().then((c) => c.request(req)) };
  const api = settings.checks && settings.dj ? withCheckRunRecord(direct, {
    owner: event.repo.owner,
    repo: event.repo.name,
    name: checkRunName(settings.dj.namespace),
    externalId: `${serverHost(settings.dj.url)}/${name}`,
    namespace: name
  }) : direct;
  return startDeployCheck(api, { owner: event.repo.owner, repo: event.repo.name, namespace: name, sha, ...before ? { before } : {}, ...runs ? { runsUrl: runs } : {} });
}
async function recordStatus(run2, report, problem) {
  const { settings, event, env } = run2;
  const { outcome, verdict } = report;
  if (settings.target !== "dj" || !settings.githubToken || settings.dryRun) return;
  const why = await problem;
  if (why) {
    warning(why);
    return;
  }
  const c = commitOf(outcome);
  const deployed = (outcome.operation === "created" || outcome.operation === "updated") && c.deployedSha;
  const noChanges = outcome.operation === "unchanged" && outcome.why === "no-changes";
  const sha = deployed ? c.deployedSha : noChanges ? c.expectedSha : void 0;
  if (!sha || !event.repo || !outcome.name) return;
  const counts = noChanges ? `no changes under git_path since ${c.deployedSha?.slice(0, 7) ?? "the last deployment"}` : report.counts || countsPhrase(outcome.results);
  const failed = await writeDeployStatus(await run2.github(), {
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

// src/outputs.ts
var import_node_fs2 = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var OUTPUT_LIMIT = 1e6;
var OUTPUT_RESERVE = 16e3;
var bytes = (text) => Buffer.byteLength(text, "utf8");
function fitList(items, budget) {
  const sizes = items.map((item) => bytes(JSON.stringify(item) ?? "null"));
  let total = 2;
  let kept2 = 0;
  for (const size of sizes) {
    const next = total + size + (kept2 ? 1 : 0);
    if (next > budget) break;
    total = next;
    kept2++;
  }
  return { json: JSON.stringify(items.slice(0, kept2)), kept: kept2 };
}
function planOutputs(outcome, filePath, limit = OUTPUT_LIMIT - OUTPUT_RESERVE, impact) {
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
    "results-file": "",
    impact: ""
  };
  const notes = [];
  if (impact) {
    const json = impactJson(impact, Math.floor(limit / 4));
    values.impact = json.text;
    if (json.kept < impact.downstream.length) {
      notes.push(`Output 'impact' holds the first ${json.kept} of ${impact.downstream.length} downstream nodes: GitHub keeps at most 1 MB of outputs per job.`);
    }
  }
  const hasLists = results.length > 0 || branches.length > 0;
  const file = hasLists ? JSON.stringify({ results, branches }) : void 0;
  if (file !== void 0 && filePath) values["results-file"] = filePath;
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
    const where2 = values["results-file"] ? ` The whole lists are in the file named by output 'results-file' (${values["results-file"]}).` : "";
    if (rBytes > rBudget) {
      const cut = fitList(results, rBudget);
      resultsJson = cut.json;
      notes.push(`Output 'results' holds the first ${cut.kept} of ${results.length} results: GitHub keeps at most 1 MB of outputs per job.${where2}`);
    }
    if (bBytes > bBudget) {
      const cut = fitList(branches, bBudget);
      branchesJson = cut.json;
      notes.push(`Output 'branches' holds the first ${cut.kept} of ${branches.length} branches: GitHub keeps at most 1 MB of outputs per job.${where2}`);
    }
  }
  values.results = resultsJson;
  values.branches = branchesJson;
  return { values, notes, ...file !== void 0 ? { file } : {} };
}
function impactJson(impact, budget) {
  const whole = JSON.stringify(impact);
  if (bytes(whole) <= budget) return { text: whole, kept: impact.downstream.length };
  const rest = bytes(JSON.stringify({ ...impact, downstream: [] }));
  const cut = fitList(impact.downstream, Math.max(0, budget - rest));
  return { text: JSON.stringify({ ...impact, downstream: impact.downstream.slice(0, cut.kept) }), kept: cut.kept };
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
function outputsFor(outcome, env, impact) {
  const path2 = resultsFilePath(env);
  const planned = planOutputs(outcome, path2, void 0, impact);
  if (planned.file !== void 0 && path2) {
    const failed = writeResultsFile(path2, planned.file);
    if (failed) {
      planned.values["results-file"] = "";
      planned.notes.push(failed);
    }
  }
  return planned;
}

// src/report/log.ts
var ANNOTATIONS_PER_KIND = 10;
var MAX_ANNOTATION_MESSAGE = 1e3;
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function resultLine(report, elapsedMs) {
  const { outcome, ctx, headline: h } = report;
  if (outcome.results.length && !ctx.error) {
    const where2 = headlinePlain({ ...h, text: "", detail: void 0 }).replace(/^ · /, "");
    return `${report.counts} in ${seconds(elapsedMs)}${where2 ? ` \xB7 ${where2}` : ""}`;
  }
  const [what, ...rest] = report.title.split(" \xB7 ");
  return [`${what} in ${seconds(elapsedMs)}`, ...rest].join(" \xB7 ");
}
function yamlFileOf(message) {
  const m = /(?:^|[\s'"(`])((?:[\w.-]+\/)*[\w.-]+\.ya?ml)\b/.exec(message);
  const file = m?.[1];
  if (!file || file.startsWith("/") || file.split("/").includes("..")) return void 0;
  return file;
}
function annotate(nodes, cap, results, emit) {
  const shown = nodes.length > cap ? nodes.slice(0, cap - 1) : nodes;
  for (const n of shown) {
    const file = yamlFileOf(results.get(n.name)?.message ?? "");
    const clipped = n.message.length > MAX_ANNOTATION_MESSAGE ? `${n.message.slice(0, MAX_ANNOTATION_MESSAGE)}\u2026` : n.message;
    emit(clipped, { title: `DJ ${n.kind === "link" ? "link" : "node"} ${n.short}: ${n.status}`, ...file ? { file } : {} });
  }
  const rest = nodes.slice(shown.length);
  if (rest.length) {
    const names = rest.slice(0, 5).map((n) => n.short);
    emit(`${names.join(", ")}${rest.length > 5 ? ", \u2026" : ""}; the job summary lists every node with its message.`, {
      title: `and ${rest.length} more ${rest.length === 1 ? "node" : "nodes"}`
    });
  }
}
function annotateNodes(report, log) {
  const results = new Map(report.outcome.results.map((r) => [r.name, r]));
  const errors = report.nodes.filter((n) => n.severity === "failure");
  const warnings = report.nodes.filter((n) => n.severity === "warning");
  annotate(errors, ANNOTATIONS_PER_KIND - 1, results, (m, p) => log.error(m, p));
  annotate(warnings, ANNOTATIONS_PER_KIND, results, (m, p) => log.warning(m, p));
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
  return rows.map(
    (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()
  ).join("\n");
}
function logReport(report, elapsedMs, log) {
  const { outcome } = report;
  const branches = outcome.operation === "listed" ? branchesOf(outcome) : void 0;
  if (branches?.length) log.info(branchTable(branches));
  log.info(resultLine(report, elapsedMs));
  if (outcome.operation === "skipped") log.notice(`Skipped (${outcome.skipReason}): ${outcome.notes.join(" ") || "nothing to do"}`);
  annotateNodes(report, log);
}

// src/report/finish.ts
function setOutputs(outcome, impact) {
  const { values, notes } = outputsFor(outcome, process.env, impact);
  for (const [name, value] of Object.entries(values)) setOutput(name, value);
  return notes;
}
async function finish(report, startedAt) {
  report.ctx.outputNotes = setOutputs(report.outcome, report.impact);
  await appendSummary(renderMarkdown(report));
  logReport(report, Date.now() - startedAt, runner_exports);
  return report.verdict.fails ? report.verdict.line : void 0;
}
async function reportFailure(err, sofar, ctx) {
  const { settings, plan, run: run2, outcome } = sofar;
  const message = describeError(err);
  ctx.error = redact(message);
  const branch = plan ? branchOf(plan) : void 0;
  const name = settings ? targetNameOf(settings, branch) : void 0;
  const knownRaw = outcome ? void 0 : knownOutcomeOf(err);
  const known = knownRaw && redactOutcome(knownRaw, redactor());
  if (known) ctx.outputNotes = setOutputs(known);
  else if (settings && !outcome) {
    setOutput("operation", "");
    setOutput("namespace", name ?? "");
    setOutput("git-branch", branch ?? "");
  }
  const failed = outcome ?? known ?? { target: settings?.target ?? "dj", operation: "failed", name, gitBranch: branch, results: [], notes: [] };
  const body = renderReport(failed, ctx);
  await appendSummary(body).catch(() => void 0);
  const pr = plan ? prOf(plan) : void 0;
  if (run2 && pr && run2.settings.githubToken && run2.settings.comment && !run2.settings.dryRun && !(err instanceof InputError) && !outcome) {
    await group("Pull-request comment", () => writeComment(run2, pr, failed, body)).catch(() => void 0);
  }
  return message;
}

// src/preview-step.ts
var PREVIEW_ACTIONS = /* @__PURE__ */ new Set(["opened", "synchronize", "reopened", "ready_for_review"]);
function startPreview(target, run2, plan) {
  const { settings, event, github } = run2;
  if (!target.preview || settings.target !== "dj" || !settings.dj?.impact || settings.dryRun || !settings.githubToken) return void 0;
  if (event.kind !== "pull_request" || !PREVIEW_ACTIONS.has(event.action) || plan.kind !== "ensure" || !event.repo || !event.sha) return void 0;
  const { owner, name: repo } = event.repo;
  const base = event.baseSha || event.baseBranch;
  if (!base) return void 0;
  const preview = target.preview.bind(target);
  const report = preview({
    base,
    head: event.sha,
    changedFiles: async (from, to) => {
      const { files, complete } = await (await github()).compareFiles(owner, repo, from, to);
      if (!complete) {
        throw new PreviewUnavailable(
          `the pull request changes ${files.length} files or more, and GitHub's comparison lists at most ${files.length}, so a preview would miss changes`
        );
      }
      return files;
    },
    readFile: async (ref, path2) => (await github()).fileAt(owner, repo, ref, path2)
  }).catch((err) => ({ unavailable: err instanceof Error ? err.message : String(err) }));
  return { report };
}
async function previewReport(started) {
  if (!started) return void 0;
  const report = redactAll(await started.report);
  if ("unavailable" in report) warning(`No merge preview: ${report.unavailable}`);
  return report;
}

// src/main.ts
async function run(env = process.env) {
  const startedAt = Date.now();
  const ctx = reportContext(env);
  const sofar = {};
  try {
    const settings = sofar.settings = readSettings(env, setSecret);
    ctx.dryRun = settings.dryRun;
    ctx.failOn = settings.failOn;
    const event = readEvent(env);
    const plan = sofar.plan = decide(event, settings);
    const branch = branchOf(plan);
    const name = targetNameOf(settings, branch);
    ctx.prNumber = event.kind === "pull_request" ? event.number : void 0;
    ctx.headSha = prOf(plan)?.sha ?? (plan.kind === "deploy" ? plan.sha : void 0);
    ctx.decision = decisionLine(event, settings, plan, branch, name);
    info(`Decision: ${ctx.decision}`);
    const run2 = sofar.run = runContext(settings, event, env);
    const report = plan.kind === "skip" ? buildReport({ target: settings.target, operation: "skipped", skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] }, ctx) : await act(run2, plan, name, ctx);
    sofar.outcome = report.outcome;
    const failure = await finish(report, startedAt);
    if (failure) setFailed(failure);
  } catch (err) {
    setFailed(await reportFailure(err, sofar, ctx));
  }
}
async function act(run2, plan, name, ctx) {
  const { settings } = run2;
  const pr = prOf(plan);
  const comment = Boolean(pr && settings.comment && !settings.dryRun);
  if (comment && !settings.githubToken) {
    warning(
      `Input 'github-token' is empty, so the pull-request comment is not written; the job summary has the report. Pass \`github-token: \${{ github.token }}\` (the default) to get the comment.`
    );
  }
  const commentTo = comment && settings.githubToken ? pr : void 0;
  const found = commentTo && name ? startCommentSearch(run2, commentTo, name) : void 0;
  const statuses = startStatusCheck(run2, plan, name);
  const deployment = settings.deployments && settings.target === "dj" && !settings.dryRun ? import("./chunks/deployment-step-PJGP4KFS.js").then((m) => m.startDeployment(run2, plan, name)) : void 0;
  const checkRun = settings.checks && settings.target === "dj" && !settings.dryRun ? import("./chunks/check-run-step-3SGOTCZV.js").then((m) => m.startCheckRun(run2, plan, ctx.headSha)) : void 0;
  const deps = {
    log: info,
    mask: setSecret,
    http: { timeoutMs: settings.timeoutMs, retries: settings.retries, onRetry: logRetry },
    repository: run2.event.repo ?? null,
    // The GitHub deployment is created as DJ is asked to deploy, beside that request.
    ...deployment ? { onDeploying: () => void deployment.then((d) => d?.deploying()) } : {}
  };
  const target = await loadTarget(run2, deps);
  const preview = startPreview(target, run2, plan);
  const title = `${settings.target}: ${plan.kind} ${branchOf(plan) ?? ""}`.trim();
  const executed = group(title, () => execute(plan, target, run2, statuses?.check)).catch(async (err) => {
    await deployment?.then((d) => d?.abandon());
    throw err;
  }).finally(async () => ctx.impact = await previewReport(preview));
  const outcome = redactOutcome(await executed, redactor());
  const report = buildReport(outcome, ctx);
  const written = checkRun ? checkRun.then((c) => c?.write(report) ?? false) : Promise.resolve(false);
  const recorded = Promise.all([written.then((w) => w ? void 0 : recordStatus(run2, report, statuses?.problem)), deployment?.then((d) => d?.finish(report))]);
  if (commentTo) await group("Pull-request comment", () => writeComment(run2, commentTo, outcome, renderMarkdown(report), found));
  await recorded;
  return report;
}

// src/index.ts
await run();
