import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  followedRepository,
  logRetry,
  requireRepo,
  runContext,
  targetNameOf
} from "./chunks/chunk-53ZFXMIA.js";
import {
  checkRunName,
  serverHost,
  serverIdentity
} from "./chunks/chunk-P73NMFY7.js";
import {
  branchOf,
  decide,
  prOf
} from "./chunks/chunk-PR4REYBJ.js";
import {
  buildReport,
  countsPhrase,
  headlinePlain,
  renderMarkdown,
  renderReport,
  stickyMarker
} from "./chunks/chunk-SL45MLEM.js";
import "./chunks/chunk-JB2JY66C.js";
import {
  readEvent,
  splitRef
} from "./chunks/chunk-BRVOGNQO.js";
import {
  mapPool
} from "./chunks/chunk-GZKCK2HS.js";
import {
  askFollowedRepository,
  repoText
} from "./chunks/chunk-3NFVXP44.js";
import {
  branchMatchesGlobs
} from "./chunks/chunk-7A62AZVV.js";
import {
  branchesOf,
  commitOf,
  countByStatus,
  deployBranch,
  knownOutcomeOf,
  pruneOf
} from "./chunks/chunk-AEQUHH6R.js";
import {
  InputError,
  RefusedError,
  describeError
} from "./chunks/chunk-LDTTVLFA.js";
import {
  appendSummary,
  group,
  info,
  redact,
  redactAll,
  redactOutcome,
  redactUrl,
  redactor,
  require_fs,
  require_path,
  routeProcessWarnings,
  runner_exports,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunks/chunk-ODXX2MND.js";
import "./chunks/chunk-6Y63FKN4.js";
import {
  path
} from "./chunks/chunk-A4UGXOXX.js";
import {
  parseTimestamp
} from "./chunks/chunk-HQS6BK2T.js";
import "./chunks/chunk-V3S35252.js";
import {
  PreviewUnavailable
} from "./chunks/chunk-EI237HEV.js";
import {
  __toESM
} from "./chunks/chunk-ULGGNWNB.js";

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
  "keep-label",
  "command-prefix",
  "review-limit",
  "sql-dialect",
  "values",
  "values-dimensions",
  "values-rows",
  "request-reviews",
  "owners-map",
  "accept-impact-label",
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
    keepLabel: read(env, "keep-label") || "dj:keep",
    commandPrefix: read(env, "command-prefix") || "/dj",
    acceptImpactLabel: read(env, "accept-impact-label") || "dj:accept-impact",
    checks: bool(env, "checks", true),
    deployments: bool(env, "deployments", true)
  };
  if (/\s/.test(settings.commandPrefix)) throw new InputError(`Input 'command-prefix' must be one word such as '/dj'; got '${settings.commandPrefix.slice(0, 40)}'.`);
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
      throw new InputError(`Input 'impact-base' must be a dotted DJ namespace such as 'demo.metrics.main', or empty for the base branch's namespace; got '${impactBase}'.`);
    }
    settings.dj = {
      impact: bool(env, "impact", true),
      impactBase,
      review: readReview(env),
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
function readReview(env) {
  const dimensions = splitList(read(env, "values-dimensions"));
  for (const d of dimensions) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(d)) {
      throw new InputError(`Input 'values-dimensions' takes dimension columns relative to the root, such as 'customer.country'; got '${d.slice(0, 80)}'.`);
    }
  }
  const owners = /* @__PURE__ */ new Map();
  for (const line of read(env, "owners-map").split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const m = /^([^:\s][^:]*?)\s*:\s*([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?)$/.exec(trimmed);
    if (!m) throw new InputError(`Input 'owners-map' takes lines 'dj-user: github-login' or 'dj-user: org/team'; got '${trimmed.slice(0, 80)}'.`);
    owners.set(m[1], m[2]);
  }
  const requestReviews = oneOf(env, "request-reviews", ["false", "owners"], "false") === "owners";
  const dialect = (read(env, "sql-dialect") || "spark").toLowerCase();
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(dialect))
    throw new InputError(`Input 'sql-dialect' must be a dialect name such as 'spark', 'trino' or 'duckdb'; got '${dialect.slice(0, 40)}'.`);
  return {
    limit: number(env, "review-limit", 20, { min: 0, max: 200, integer: true }),
    dialect,
    values: bool(env, "values", false),
    dimensions,
    rows: number(env, "values-rows", 10, { min: 1, max: 1e3, integer: true }),
    requestReviews,
    owners,
    acceptLabel: read(env, "accept-impact-label") || "dj:accept-impact"
  };
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
  const { confirmGone } = await import("./chunks/gone-SRN6XWW2.js");
  const candidates = verdicts.filter((v) => v.remove);
  const unknown = [];
  const byLabel = [];
  const names = candidates.map((v) => v.branch.gitBranch);
  const [confirmed, labelled] = candidates.length ? await Promise.all([confirmGone(run2, repo, names), import("./chunks/keep-label-AP4QRU7C.js").then((m) => m.branchesKeptByLabel(run2, repo, names))]) : [/* @__PURE__ */ new Map(), /* @__PURE__ */ new Set()];
  for (const v of candidates) {
    const answer = confirmed.get(v.branch.gitBranch);
    if (answer && !answer.gone) {
      v.remove = false;
      v.why = answer.why;
      if (answer.unknown) unknown.push({ name: v.branch.name, message: `kept: ${answer.why}` });
      info(`${v.branch.name}: kept, ${answer.why}`);
    } else if (labelled.has(v.branch.gitBranch)) {
      v.remove = false;
      v.why = `its pull request carries the label '${settings.keepLabel}'`;
      byLabel.push(v.branch.gitBranch);
    }
  }
  if (byLabel.length) info(`Kept by the label '${settings.keepLabel}': ${byLabel.join(", ")}`);
  const doomed = verdicts.filter((v) => v.remove).map((v) => v.branch);
  info(`${branches.length} branches, ${gitBranches.length} git branches of ${repoText(repo)}; ${doomed.length} to prune.`);
  const failures = [...unknown];
  for (const u of unknown) warning(`Prune of ${u.name}: ${u.message}`);
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
    dj: () => import("./chunks/target-UUOCCVYO.js"),
    fossil: () => import("./chunks/target-JFLSPEZU.js"),
    pdc: () => import("./chunks/target-47HPEZ7J.js")
  };
  const mod = await modules[run2.settings.target]();
  return mod.createTarget(run2.settings, deps);
}
async function execute(plan, target, run2, check) {
  const dryRun = run2.settings.dryRun;
  switch (plan.kind) {
    case "ensure":
      return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun, check, ...plan.refresh ? { refresh: true } : {} });
    case "deploy":
      return deployBranch(target, { gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun, check });
    case "remove": {
      const keep = run2.event.kind === "delete" ? firstReason([import("./chunks/delete-check-7AFSSEZI.js").then((m) => m.branchBack(target, run2, plan.branch)), keptByLabel(run2, target, plan.branch)]) : void 0;
      keep?.catch(() => void 0);
      if (keep && target.name !== "dj") {
        const kept2 = await keep;
        if (kept2) return kept2;
      }
      return target.remove({ gitBranch: plan.branch, dj: { deleteGitBranch: plan.deleteGitBranch }, dryRun, ...keep && target.name === "dj" ? { keep } : {} });
    }
    case "keep":
      return kept(target, plan.branch, plan.byLabel);
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
async function firstReason(reasons) {
  return (await Promise.all(reasons)).find(Boolean);
}
async function keptByLabel(run2, target, branch) {
  const label = await (await import("./chunks/keep-label-AP4QRU7C.js")).keepLabelOfBranch(run2, branch);
  return label ? kept(target, branch, label) : void 0;
}
function kept(target, branch, byLabel) {
  const name = target.nameFor(branch);
  const url2 = target.urlFor?.(name);
  return {
    target: target.name,
    operation: "unchanged",
    why: "kept",
    ...byLabel ? { keptByLabel: byLabel } : {},
    name,
    ...url2 ? { url: url2 } : {},
    gitBranch: branch,
    results: [],
    notes: [
      byLabel ? `Kept ${name} because the pull request has the label '${byLabel}'. Remove the label to delete it.` : `Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`
    ]
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
      return event.command ? `issue_comment (${event.command.text}) #${event.number}` : `pull_request (${event.action}) #${event.number}`;
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
  const server = target === "dj" ? serverIdentity(run2.settings.dj?.url) : void 0;
  const marker = stickyMarker(target, name, server);
  return { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker, ...server ? { legacyMarkers: [stickyMarker(target, name)] } : {} };
}
async function startCommentSearch(run2, pr, name) {
  try {
    const [{ findStickyComment }, gh] = await Promise.all([import("./chunks/github-lazy-EFWMKOSL.js"), run2.github()]);
    return await findStickyComment(gh, where(run2, pr, run2.settings.target, name));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}
async function writeComment(run2, pr, outcome, body, found) {
  const [{ findStickyComment, writeStickyComment }, gh] = await Promise.all([import("./chunks/github-lazy-EFWMKOSL.js"), run2.github()]);
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
function statusDescription(counts, runId, server) {
  const tail = `${server ? ` \xB7 on ${server}` : ""}${runId ? ` \xB7 run ${runId}` : ""}`;
  const room = MAX_DESCRIPTION - tail.length;
  return (counts.length > room ? `${counts.slice(0, Math.max(0, room - 1))}\u2026` : counts) + tail;
}
function runIdOf(description) {
  return / · run (\d+)$/.exec(description)?.[1];
}
function serverOf(description) {
  return /(?:^| )· on (\S+)(?: · run \d+)?$/.exec(description)?.[1];
}
function countsOf(description) {
  return description.replace(/ · run \d+$/, "").replace(/ · on \S+$/, "");
}
function isOurRecord(s, where2) {
  if (!s || s.context !== statusContext(where2.namespace)) return false;
  const server = serverOf(s.description ?? "");
  return !server || !where2.server || server === where2.server;
}
function isSha(sha) {
  return Boolean(sha && /^[0-9a-f]{40}$/i.test(sha) && !/^0+$/.test(sha));
}
var MAX_STATUS_PAGES = 10;
async function ourStatus(gh, where2, sha) {
  for (let page = 1; page <= MAX_STATUS_PAGES; page++) {
    const res = await gh.request({
      method: "GET",
      path: path`/repos/${where2.owner}/${where2.repo}/commits/${sha}/statuses`,
      query: { per_page: 100, ...page > 1 ? { page } : {} }
    });
    if (!Array.isArray(res.data)) throw new Error(`GitHub answered the statuses of ${sha.slice(0, 7)} with something that is not a list`);
    const found = res.data.find((s) => isOurRecord(s, where2));
    if (found) return found;
    const link = res.headers?.link;
    if (res.data.length < 100 || typeof link === "string" && !/rel="next"/.test(link)) return void 0;
  }
  return void 0;
}
async function changedFiles(gh, where2, base, head) {
  const res = await gh.request({
    method: "GET",
    path: path`/repos/${where2.owner}/${where2.repo}/compare/${`${base}...${head}`}`,
    query: { per_page: 100 }
  });
  if (res.data?.status !== "ahead") return void 0;
  const files = res.data?.files;
  if (!Array.isArray(files) || files.length >= 300) return void 0;
  return files.flatMap((f) => [f.filename, f.previous_filename]).filter((f) => typeof f === "string");
}
function under(file, gitPath) {
  const dir = gitPath.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return !dir || file === dir || file.startsWith(`${dir}/`);
}
function newer(a, b) {
  const t = (r) => Date.parse(r.created_at ?? r.updated_at ?? "") || 0;
  return t(a) > t(b);
}
function judgeRecords(read2, gitPath) {
  const { head, prev } = read2;
  if (head?.state === "success" && !(prev?.state === "success" && newer(prev, head))) return { deploy: false, why: "deployed", record: head };
  if (prev?.state === "success" && read2.files && typeof gitPath === "string" && !read2.files.some((f) => under(f, gitPath))) {
    return { deploy: false, why: "no-changes", record: prev };
  }
  return { deploy: true };
}
function startDeployCheck(gh, req) {
  const earlierOf = (s) => {
    const description = s.description ?? "";
    const id = runIdOf(description);
    return { description: countsOf(description), ...id && req.runsUrl ? { runUrl: `${req.runsUrl}${id}` } : {} };
  };
  const head = ourStatus(gh, req, req.sha).then(
    (s) => ({ ok: true, s }),
    (err) => ({ ok: false, err })
  );
  const before = isSha(req.before) && req.before !== req.sha ? req.before : void 0;
  const prev = before ? Promise.all([ourStatus(gh, req, before), req.changed ? changedFiles(gh, req, before, req.sha) : void 0]).then(
    ([s, files]) => ({ s, files }),
    () => void 0
  ) : Promise.resolve(void 0);
  const problem = head.then(
    (h) => h.ok ? void 0 : `The commit statuses could not be read (${h.err.message}), so every run deploys: give the workflow \`statuses: write\` to deploy each commit once.`
  );
  const check = async (facts) => {
    const h = await head;
    if (!h.ok) return { deploy: true };
    const p = await prev;
    const verdict = judgeRecords({ ...h.s ? { head: h.s } : {}, ...p?.s ? { prev: p.s } : {}, ...p?.files ? { files: p.files } : {} }, facts.gitPath);
    if (verdict.deploy) return { deploy: true };
    const earlier = earlierOf(verdict.record);
    if (verdict.why === "deployed") {
      const by = earlier.runUrl ? ` by workflow run ${runIdOf(verdict.record.description ?? "")}` : "";
      return { deploy: false, why: "deployed", sha: req.sha, note: `Commit ${req.sha.slice(0, 7)} is already deployed to ${req.namespace}${by}`, earlier };
    }
    return {
      deploy: false,
      why: "no-changes",
      sha: before,
      note: `Commit ${req.sha.slice(0, 7)} changes nothing under '${facts.gitPath}' since ${before.slice(0, 7)}, which ${req.namespace} holds`,
      earlier
    };
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
  const before = event.kind === "push" || event.kind === "pull_request" ? event.before : void 0;
  const runs = runUrl(env)?.replace(/\d+$/, "");
  const direct = { request: (req) => run2.github().then((c) => c.request(req)) };
  const server = serverIdentity(settings.dj?.url);
  const api = settings.checks && settings.dj ? withCheckRunRecord(direct, {
    owner: event.repo.owner,
    repo: event.repo.name,
    name: checkRunName(settings.dj.namespace),
    externalId: `${serverHost(settings.dj.url)}/${name}`,
    namespace: name
  }) : direct;
  return startDeployCheck(api, {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: name,
    sha,
    ...server ? { server } : {},
    ...before ? { before } : {},
    ...settings.deployChanged ? { changed: true } : {},
    ...runs ? { runsUrl: runs } : {}
  });
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
  const server = serverIdentity(settings.dj?.url);
  const failed = await writeDeployStatus(await run2.github(), {
    owner: event.repo.owner,
    repo: event.repo.name,
    namespace: outcome.name,
    sha,
    state: verdict.fails ? "failure" : "success",
    description: statusDescription(counts, env.GITHUB_RUN_ID, server),
    ...outcome.url ? { targetUrl: outcome.url } : {}
  });
  if (failed) warning(failed);
  else info(`Commit status ${verdict.fails ? "failure" : "success"} on ${sha.slice(0, 7)}: ${outcome.name}`);
}

// src/outputs.ts
var import_node_fs = __toESM(require_fs(), 1);
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
    notes.push(...json.notes);
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
  const notes = [];
  let current = impact;
  const fits = (s) => bytes(JSON.stringify(s)) <= budget;
  if (fits(current)) return { text: JSON.stringify(current), notes };
  const why = "GitHub keeps at most 1 MB of outputs per job; the summary has the preview";
  const cuts = [
    { label: "review's values", get: (s) => s.values ?? [], set: (s, v) => ({ ...s, values: v }) },
    { label: "downstream nodes", get: (s) => s.downstream, set: (s, d) => ({ ...s, downstream: d }) },
    { label: "refused changes (failed)", get: (s) => s.failed, set: (s, f) => ({ ...s, failed: f }) },
    { label: "deleted nodes", get: (s) => s.changes.deleted, set: (s, d) => ({ ...s, changes: { ...s.changes, deleted: d } }) },
    { label: "updated nodes", get: (s) => s.changes.updated, set: (s, u) => ({ ...s, changes: { ...s.changes, updated: u } }) },
    { label: "created nodes", get: (s) => s.changes.created, set: (s, c) => ({ ...s, changes: { ...s.changes, created: c } }) }
  ];
  for (const cut of cuts) {
    if (fits(current)) break;
    const items = cut.get(current);
    const rest = bytes(JSON.stringify(cut.set(current, [])));
    const kept2 = fitList(items, Math.max(0, budget - rest)).kept;
    current = cut.set(current, items.slice(0, kept2));
    notes.push(`Output 'impact' holds the first ${kept2} of ${items.length} ${cut.label}: ${why}.`);
  }
  return { text: JSON.stringify(current), notes };
}
function resultsFilePath(env) {
  const dir = env.RUNNER_TEMP;
  if (!dir) return void 0;
  const id = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION].filter(Boolean).join("-") || String(process.pid);
  return (0, import_node_path.join)(dir, `dj-branch-sync-${id.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
}
function writeResultsFile(path2, content) {
  try {
    (0, import_node_fs.writeFileSync)(path2, content, "utf8");
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
var PREVIEW_ACTIONS = /* @__PURE__ */ new Set(["opened", "synchronize", "reopened", "ready_for_review", "labeled", "unlabeled"]);
function startPreview(target, run2, plan) {
  const { settings, event, github } = run2;
  if (!target.preview || settings.target !== "dj" || !settings.dj?.impact || settings.dryRun || !settings.githubToken) return void 0;
  if (event.kind !== "pull_request" || !PREVIEW_ACTIONS.has(event.action) || plan.kind !== "ensure" || !event.repo || !event.sha) return void 0;
  const { owner, name: repo } = event.repo;
  const base = event.baseSha || event.baseBranch;
  if (!base) return void 0;
  const preview = target.preview.bind(target);
  const started = {};
  const report = preview({
    base,
    head: event.sha,
    ...event.baseBranch ? { baseBranch: event.baseBranch } : {},
    changedFiles: async (from, to) => {
      const { files, complete, behindBy } = await (await github()).compareFiles(owner, repo, from, to);
      started.behindBy = behindBy;
      if (!complete) {
        throw new PreviewUnavailable(
          `the pull request changes ${files.length} files or more, and GitHub's comparison lists at most ${files.length}, so a preview would miss changes`
        );
      }
      return files;
    },
    readFile: async (ref, path2) => (await github()).fileAt(owner, repo, ref, path2)
  }).catch((err) => ({ unavailable: err instanceof Error ? err.message : String(err) }));
  return Object.assign(started, { report });
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
  let acknowledge;
  let acknowledgeOutcome;
  try {
    const settings = sofar.settings = readSettings(env, setSecret);
    ctx.dryRun = settings.dryRun;
    ctx.failOn = settings.failOn;
    const read2 = readEvent(env);
    const command = read2.kind === "other" && read2.comment && settings.operation === "auto" ? await startCommand(runContext(settings, read2, env), read2.comment) : void 0;
    acknowledge = command?.acknowledge;
    acknowledgeOutcome = command?.acknowledgeOutcome;
    const event = command?.event ?? read2;
    const plan = sofar.plan = command?.plan ?? decide(event, settings);
    const branch = branchOf(plan);
    const name = targetNameOf(settings, branch);
    ctx.prNumber = event.kind === "pull_request" ? event.number : void 0;
    ctx.headSha = prOf(plan)?.sha ?? (plan.kind === "deploy" ? plan.sha : void 0);
    ctx.decision = decisionLine(event, settings, plan, branch, name);
    info(`Decision: ${ctx.decision}`);
    if (command?.shown) ctx.command = command.shown;
    const run2 = sofar.run = command?.run ?? runContext(settings, event, env);
    const report = plan.kind === "skip" ? buildReport({ target: settings.target, operation: "skipped", skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] }, ctx) : await act(run2, plan, name, ctx, acknowledgeOutcome);
    sofar.outcome = report.outcome;
    const failure = await finish(report, startedAt);
    await acknowledge?.(Boolean(failure));
    if (failure) setFailed(failure);
  } catch (err) {
    const line = await reportFailure(err, sofar, ctx);
    await acknowledge?.(true);
    setFailed(line);
  }
}
async function startCommand(...args) {
  return (await import("./chunks/command-LRP2GDFE.js")).startCommand(...args);
}
async function act(run2, plan, name, ctx, acknowledge) {
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
  const deployment = settings.deployments && settings.target === "dj" && !settings.dryRun ? import("./chunks/deployment-step-JCANW5I7.js").then((m) => m.startDeployment(run2, plan, name)) : void 0;
  const checkRun = settings.checks && settings.target === "dj" && !settings.dryRun ? import("./chunks/check-run-step-YL6ZQ5LW.js").then((m) => m.startCheckRun(run2, plan, ctx.headSha)) : void 0;
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
  const check = plan.kind === "ensure" && plan.force ? void 0 : statuses?.check;
  const executed = group(title, () => execute(plan, target, run2, check)).catch(async (err) => {
    await deployment?.then((d) => d?.abandon());
    throw err;
  }).finally(async () => ctx.impact = await previewReport(preview));
  const outcome = redactOutcome(await executed, redactor());
  if (outcome.operation === "skipped") ctx.impact = void 0;
  if (preview && pr && ctx.impact && "summary" in ctx.impact) {
    const { addReview } = await import("./chunks/review-step-4JU4A2PI.js");
    ctx.impact = await addReview({ report: ctx.impact, outcome, target, run: run2, env: run2.env, prNumber: pr.number, found, behindBy: preview.behindBy });
  }
  const report = buildReport(outcome, ctx);
  const written = checkRun ? checkRun.then((c) => c?.write(report) ?? false) : Promise.resolve(false);
  const recorded = Promise.all([written.then((w) => w ? void 0 : recordStatus(run2, report, statuses?.problem)), deployment?.then((d) => d?.finish(report))]);
  const acknowledged = acknowledge?.(outcome, ctx);
  if (commentTo) await group("Pull-request comment", () => writeComment(run2, commentTo, outcome, renderMarkdown(report), found));
  await recorded;
  await acknowledged;
  return report;
}

// src/index.ts
routeProcessWarnings();
await run();
