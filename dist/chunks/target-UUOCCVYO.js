import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  checkRepository
} from "./chunk-3NFVXP44.js";
import {
  djSuffix,
  namespaceForBranch
} from "./chunk-7A62AZVV.js";
import {
  HttpClient
} from "./chunk-JARWE66J.js";
import {
  notLinked,
  withKnownOutcome
} from "./chunk-AEQUHH6R.js";
import {
  InputError,
  RefusedError
} from "./chunk-LDTTVLFA.js";
import "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import {
  path
} from "./chunk-A4UGXOXX.js";
import {
  checkAnswer,
  count,
  name,
  nullableString,
  parseTimestamp,
  problemText,
  safeJson,
  stringOrEmpty
} from "./chunk-HQS6BK2T.js";
import "./chunk-3INSD2OQ.js";
import {
  array,
  boolean,
  looseObject,
  nullable,
  nullish,
  number,
  object,
  optional,
  string
} from "./chunk-V3S35252.js";
import {
  PreviewUnavailable
} from "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/targets/dj/schemas.ts
var namespaceGitConfig = object({
  github_repo_path: nullable(string()),
  git_branch: nullable(string()),
  git_path: nullableString,
  default_branch: nullable(string()),
  parent_namespace: nullable(string()),
  git_only: nullish(boolean(), null),
  branch_namespace: nullableString,
  git_root_namespace: nullableString
});
var branchInfo = object({
  namespace: name,
  git_branch: stringOrEmpty,
  parent_namespace: stringOrEmpty,
  github_repo_path: stringOrEmpty,
  num_nodes: count,
  invalid_node_count: count,
  git_only: nullish(boolean(), false),
  last_updated_at: nullableString
});
var branchInfoList = array(branchInfo);
var djError = object({
  code: nullableString,
  message: stringOrEmpty,
  context: optional(string())
});
var deploymentResult = object({
  name,
  deploy_type: stringOrEmpty,
  status: name,
  operation: stringOrEmpty,
  message: stringOrEmpty,
  changed_fields: optional(array(string()))
});
var deploymentSource = object({
  type: stringOrEmpty,
  repository: nullableString,
  branch: nullableString,
  commit_sha: nullableString,
  commit_author_email: nullableString,
  commit_author_name: nullableString,
  ci_system: nullableString,
  ci_run_url: nullableString
});
var deploymentInfo = object({
  uuid: stringOrEmpty,
  namespace: stringOrEmpty,
  status: stringOrEmpty,
  results: array(deploymentResult),
  warnings: optional(array(djError)),
  created_at: nullableString,
  created_by: nullableString,
  source: nullish(deploymentSource, null)
});
var createBranchResult = object({
  branch: object({
    namespace: name,
    git_branch: stringOrEmpty,
    parent_namespace: stringOrEmpty,
    github_repo_path: stringOrEmpty,
    num_nodes: nullish(count, 0),
    invalid_node_count: nullish(count, 0),
    git_only: nullish(boolean(), false),
    last_updated_at: nullableString
  }),
  deployment_results: array(deploymentResult)
});
var deleteBranchResult = object({
  message: stringOrEmpty,
  nodes_deleted: count,
  git_branch_deleted: boolean(),
  materialization_failures: optional(array(string()))
});
var namespaceNodes = array(object({ name }));
var djUser = object({
  id: number(),
  username: name,
  email: nullableString,
  name: nullableString,
  oauth_provider: stringOrEmpty,
  is_admin: nullish(boolean(), false)
});
var serviceToken = object({ token: name });
var deploymentSpec = looseObject({
  namespace: name,
  nodes: array(looseObject({ name }))
});
var impactResult = object({
  name,
  deploy_type: optional(string()),
  status: name,
  operation: stringOrEmpty,
  message: stringOrEmpty
});
var strings = nullish(array(string()), []);
var downstreamImpact = object({
  name,
  node_type: stringOrEmpty,
  current_status: stringOrEmpty,
  predicted_status: stringOrEmpty,
  impact_type: stringOrEmpty,
  impact_reason: stringOrEmpty,
  depth: nullish(count, 0),
  caused_by: strings,
  is_external: nullish(boolean(), false),
  owners: strings
});
var impactDeployment = object({
  uuid: name,
  status: name,
  results: nullish(array(impactResult), []),
  downstream_impacts: nullish(array(downstreamImpact), [])
});

// src/targets/dj/client.ts
var DJClientError = class _DJClientError extends Error {
  name = "DJClientError";
  status;
  method;
  path;
  serverMessage;
  errors;
  body;
  /** For a 2xx answer the client could not use: the field that was wrong ('' for the whole answer). */
  field;
  constructor(init) {
    super(init.message);
    this.field = init.field;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.serverMessage = init.serverMessage;
    this.errors = init.errors;
    this.body = init.body;
  }
  /** The same error with a sentence appended to its message. */
  withNote(note) {
    const { status, method, path: path2, serverMessage, errors, body, field } = this;
    const stop = /[.!?]$/.test(this.message) ? "" : ".";
    return new _DJClientError({ status, method, path: path2, serverMessage, errors, body, field, message: `${this.message}${stop} ${note}` });
  }
};
var SERVICE_TOKEN_PATH = "/service-accounts/token";
var BASIC_LOGIN_PATH = "/basic/login/";
var CREDENTIAL_INPUTS = "'dj-token', or 'dj-client-id' and 'dj-client-secret', or 'dj-username' and 'dj-password'";
function asRecord(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function decodeBody(err) {
  const body = asRecord(err.body);
  const rawErrors = Array.isArray(body?.errors) ? body.errors : [];
  let errors = rawErrors.map((e) => {
    const r = asRecord(e) ?? {};
    return {
      code: typeof r.code === "string" ? r.code : null,
      message: typeof r.message === "string" ? r.message : safeJson(e),
      debug: r.debug,
      context: typeof r.context === "string" ? r.context : void 0
    };
  });
  let serverMessage = err.serverMessage;
  if (typeof body?.message === "string" && body.message) serverMessage = body.message;
  else if (Array.isArray(body?.detail)) {
    errors = body.detail.map((d) => {
      const r = asRecord(d) ?? {};
      const loc = Array.isArray(r.loc) ? r.loc.filter((l) => typeof l === "string" || typeof l === "number").join(".") : "";
      const msg = typeof r.msg === "string" ? r.msg : safeJson(d);
      return { code: typeof r.type === "string" ? r.type : null, message: loc ? `${loc}: ${msg}` : msg };
    });
    serverMessage = errors.map((e) => e.message).join("; ") || err.serverMessage;
  } else if (errors.length) serverMessage = errors.map((e) => e.message).join("\n");
  return { serverMessage, errors };
}
function permissionFor(method, requestPath) {
  const bare = requestPath.split("?")[0].replace(/\/+$/, "");
  if (method === "PATCH" && bare.endsWith("/git")) return "MANAGE";
  if (method === "GET") return "READ";
  if (bare.endsWith("/sync-from-git")) return "WRITE (and DELETE on nodes the sync removes)";
  return "WRITE";
}
function adviceFor(err, serverMessage, authenticated) {
  const bare = err.path.split("?")[0];
  if (err.mayHaveActed) {
    return bare.endsWith("/sync-from-git") ? "DJ may still be deploying: the sync was not sent again, so no second deployment runs beside the first. Look at the namespace in DJ before running again, and raise 'timeout-seconds' if the namespace is large." : "DJ may have acted on it: it was not sent again. DJ deploys inside this request; raise 'timeout-seconds' if the namespace is large, and run again (the action looks at what exists first).";
  }
  if (err.kind === "timeout") {
    return bare.endsWith("/sync-from-git") || bare.endsWith("/branches") ? "DJ deploys inside this request; raise 'timeout-seconds' if the namespace is large." : "Check 'dj-url' and that the DJ server is up, or raise 'timeout-seconds'.";
  }
  if (err.kind === "network" && /^the proxy in /.test(err.serverMessage)) return "";
  if (err.kind === "network") return "Check 'dj-url' and that the DJ server is reachable from the runner.";
  const type = err.headers?.get("content-type") ?? "";
  if (/html/i.test(type)) {
    return "The answer is an HTML page, not DJ's JSON: check that 'dj-url' is the base URL of the DJ API (not its UI) and any proxy between the runner and DJ.";
  }
  if (err.status >= 200 && err.status < 300) {
    return /json/i.test(type) ? "DJ's answer was cut off or garbled on the way." : "Check that 'dj-url' is the base URL of the DJ API (not its UI or a proxy).";
  }
  if (bare === SERVICE_TOKEN_PATH && (err.status === 401 || err.status === 403)) {
    return "Check 'dj-client-id' and 'dj-client-secret' (the service account's credentials).";
  }
  if (bare === BASIC_LOGIN_PATH && (err.status === 401 || err.status === 403)) {
    return "Check 'dj-username' and 'dj-password' (or env DJ_USER / DJ_PWD).";
  }
  if (err.status === 401) return `DJ rejected the credentials: check ${CREDENTIAL_INPUTS}.`;
  if (err.status === 403) {
    if (/^access denied/i.test(serverMessage)) {
      return `The DJ identity lacks ${permissionFor(err.method, err.path)} permission on this namespace: grant it through a DJ role.`;
    }
    return authenticated ? `DJ did not accept the credentials: check ${CREDENTIAL_INPUTS}.` : `DJ requires authentication: set ${CREDENTIAL_INPUTS}.`;
  }
  if (err.status === 500 && authenticated) {
    return "If every request fails like this, check the DJ token (malformed or expired): DJ answers a bad Bearer token with HTTP 500.";
  }
  if (err.status === 503 && bare.endsWith("/sync-from-git") && /github/i.test(serverMessage)) {
    return "The DJ server has no GitHub credentials configured (GITHUB_SERVICE_TOKEN or a GitHub App); ask its operators.";
  }
  return "";
}
var DJClient = class {
  constructor(options, deps) {
    this.options = options;
    this.deps = deps;
    this.authenticated = Boolean(options.token || options.clientId && options.clientSecret || options.username && options.password);
    this.http = new HttpClient({
      baseUrl: options.url,
      timeoutMs: deps.http.timeoutMs,
      retries: deps.http.retries,
      onRetry: deps.http.onRetry,
      decodeError: (err) => this.toClientError(err),
      json: true
    });
  }
  options;
  deps;
  http;
  auth;
  authenticated;
  /** Creates a git branch and its namespace (`POST /namespaces/{ns}/branches`, 201). */
  async createBranch(namespace, branchName) {
    return this.send({ method: "POST", path: path`/namespaces/${namespace}/branches`, json: { branch_name: branchName } }, createBranchResult);
  }
  /** Branch namespaces of a git root (its children) or of a branch (its siblings); default branch first. */
  async listBranches(namespace) {
    return this.send({ method: "GET", path: path`/namespaces/${namespace}/branches` }, branchInfoList);
  }
  /**
   * Hard-deletes `branchNamespace` and its nodes; by default also the git branch, as DJ does.
   * `delete_git_branch` is always sent, because the server's default is true. A 404 throws.
   */
  async deleteBranch(namespace, branchNamespace, deleteGitBranch = true) {
    return this.send(
      { method: "DELETE", path: path`/namespaces/${namespace}/branches/${branchNamespace}`, query: { delete_git_branch: deleteGitBranch } },
      deleteBranchResult
    );
  }
  /** The resolved git config of a namespace, or null when the namespace does not exist. */
  async getGitConfig(namespace) {
    await this.authenticate();
    const req = { method: "GET", path: path`/namespaces/${namespace}/git`, accept: [404] };
    const res = await this.http.request(req);
    return res.status === 404 ? null : this.checked(req, res.status, res.data, namespaceGitConfig);
  }
  /** Changes a namespace's git config; DJ creates the namespace first when it is missing. */
  async patchGitConfig(namespace, body) {
    return this.send({ method: "PATCH", path: path`/namespaces/${namespace}/git`, json: body }, namespaceGitConfig);
  }
  /** Deploys the HEAD of the namespace's git branch, synchronously. */
  async syncFromGit(namespace) {
    return this.send({ method: "POST", path: path`/namespaces/${namespace}/sync-from-git` }, deploymentInfo);
  }
  /** Nodes in a namespace (`GET /namespaces/{ns}/`). */
  async listNamespaceNodes(namespace) {
    return this.send({ method: "GET", path: path`/namespaces/${namespace}/` }, namespaceNodes);
  }
  /** A namespace as a deployment spec (`GET /namespaces/{ns}/export/spec`); node names keep `${prefix}`. */
  async exportSpec(namespace, deadline) {
    return this.send({ method: "GET", path: path`/namespaces/${namespace}/export/spec`, ...deadline ? { deadline } : {} }, deploymentSpec);
  }
  /**
   * What deploying `spec` would do, without doing it (`POST /deployments/impact`). On
   * datajunction-server 0.0.272 the analysis is asynchronous: the request says
   * `Prefer: respond-async` (without it the server answers 426) and the answer is a pending
   * deployment to poll with {@link deployment}. Changes nothing, so it may be resent.
   */
  async submitImpact(spec, deadline) {
    return this.send(
      { method: "POST", path: "/deployments/impact", json: spec, headers: { prefer: "respond-async" }, idempotent: true, ...deadline ? { deadline } : {} },
      impactDeployment
    );
  }
  /** A deployment (or impact analysis) by its uuid (`GET /deployments/{uuid}`). */
  async deployment(uuid, deadline) {
    return this.send({ method: "GET", path: path`/deployments/${uuid}`, ...deadline ? { deadline } : {} }, impactDeployment);
  }
  /**
   * The SQL DJ generates for one metric (`GET /sql/metrics/v3/?metrics=…&dialect=…&use_materialized=false`);
   * answers without a query service on datajunction-server 0.0.272.
   */
  async metricSql(metric, dialect, schema, timeoutMs) {
    const q = new URLSearchParams({ metrics: metric, dialect, use_materialized: "false" });
    return this.send({ method: "GET", path: `/sql/metrics/v3/?${q}`, idempotent: true, ...timeoutMs ? { timeoutMs } : {} }, schema);
  }
  /**
   * A metric's values (`GET /data/?metrics=…&dimensions=…&async_=false`); needs DJ's query
   * service. A query that timed out is not sent again (each one runs on the engine), so one
   * query takes at most `timeoutMs`.
   */
  async metricData(metric, dimensions, schema, timeoutMs) {
    const q = new URLSearchParams({ metrics: metric, async_: "false" });
    for (const d of dimensions) q.append("dimensions", d);
    return this.send({ method: "GET", path: `/data/?${q}`, idempotent: false, ...timeoutMs ? { timeoutMs } : {} }, schema);
  }
  /** The authenticated identity: a cheap pre-flight check of the credentials. */
  async whoami() {
    return this.send({ method: "GET", path: "/whoami/" }, djUser);
  }
  async send(req, schema) {
    await this.authenticate();
    const res = await this.http.request(req).catch((err) => this.explainMissingRoute(err));
    return this.checked(req, res.status, res.data, schema);
  }
  /**
   * Rethrows `err`; when it is FastAPI's answer for a route the server lacks, and the server's
   * `/openapi.json` names a release older than the action supports, with a note saying which
   * releases work (one request, only on such a failure).
   */
  async explainMissingRoute(err) {
    if (!(err instanceof DJClientError) || err.status !== 404 && err.status !== 405) throw err;
    const { routeMissing, versionOf, unsupportedNote } = await import("./server-version-DXREION3.js");
    if (!routeMissing(err.status, err.body)) throw err;
    const version = await this.http.request({ method: "GET", path: "/openapi.json", idempotent: true }).then(
      (res) => versionOf(res.data),
      () => void 0
    );
    const note = version && unsupportedNote(version);
    throw note ? err.withNote(note) : err;
  }
  /** The answer as `schema` reads it, or a {@link DJClientError} naming the request and the field. */
  checked(req, status, data, schema) {
    const checked = checkAnswer(schema, data);
    if (checked.ok) return checked.value;
    throw this.protocolError(req.method, req.path.split("?")[0], status, `its answer cannot be used: ${problemText(checked.problem)}`, checked.problem.field);
  }
  /** Logs in once, however many requests wait for it; a failed login is retried by the next call. */
  authenticate() {
    this.auth ??= this.login().catch((err) => {
      this.auth = void 0;
      throw err;
    });
    return this.auth;
  }
  async login() {
    const { token, clientId, clientSecret, username, password } = this.options;
    if (token) return this.useToken(token);
    if (clientId && clientSecret) {
      this.deps.log(`DJ: exchanging the service account's credentials for a token`);
      const req = { method: "POST", path: SERVICE_TOKEN_PATH, form: { client_id: clientId, client_secret: clientSecret }, idempotent: true };
      const res = await this.http.request(req);
      return this.useToken(this.checked(req, res.status, res.data, serviceToken).token);
    }
    if (username && password) {
      this.deps.log(`DJ: logging in as ${username}`);
      const res = await this.http.request({ method: "POST", path: BASIC_LOGIN_PATH, form: { username, password }, idempotent: true });
      const cookies = typeof res.headers.getSetCookie === "function" ? res.headers.getSetCookie() : [res.headers.get("set-cookie") ?? ""];
      const received = cookies.map((c) => /(?:^|[;,]\s*)__dj=([^;,\s]+)/.exec(c)?.[1]).find(Boolean);
      if (!received) throw this.protocolError("POST", BASIC_LOGIN_PATH, res.status, "the answer sets no __dj cookie");
      return this.useToken(decodeURIComponent(received));
    }
  }
  useToken(token) {
    this.deps.mask(token);
    this.http.setHeader("authorization", `Bearer ${token}`);
  }
  protocolError(method, requestPath, status, what, field) {
    const serverMessage = `DJ answered HTTP ${status} but ${what}`;
    return new DJClientError({
      status,
      method,
      path: requestPath,
      serverMessage,
      errors: [],
      field,
      message: `DJ ${method} ${requestPath} failed: ${serverMessage}. Check that 'dj-url' points at a DJ server.`
    });
  }
  toClientError(err) {
    const { serverMessage, errors } = decodeBody(err);
    const advice = adviceFor(err, serverMessage, this.authenticated);
    const what = err.kind === "http" ? `HTTP ${err.status}: ${serverMessage}` : `${err.kind === "timeout" ? "timed out" : err.kind === "too-large" ? "an answer too large" : "network error"} (${serverMessage})${err.attempts > 1 ? ` after ${err.attempts} attempts` : ""}`;
    const sentence = `DJ ${err.method} ${err.path} failed with ${what}`;
    return new DJClientError({
      status: err.status,
      method: err.method,
      path: err.path,
      serverMessage,
      errors,
      body: err.body,
      message: advice ? `${sentence.replace(/[.\s]+$/, "")}. ${advice}` : sentence
    });
  }
};

// src/targets/dj/root.ts
function branchParent(name2, config) {
  if (!config?.git_branch || !config.parent_namespace) return void 0;
  const dot = name2.lastIndexOf(".");
  return dot !== -1 && config.parent_namespace === name2.slice(0, dot) ? config.parent_namespace : void 0;
}
var GitRootResolver = class {
  constructor(namespace, getConfig, log) {
    this.namespace = namespace;
    this.getConfig = getConfig;
    this.log = log;
  }
  namespace;
  getConfig;
  log;
  found;
  resolved;
  /** The root as known now: input 'namespace' until {@link resolve} has found the root above it. */
  get name() {
    return this.resolved ?? this.namespace;
  }
  /** The root and its config: one look-up, one more when input 'namespace' is a branch namespace. */
  resolve() {
    if (!this.found) {
      const found = this.find();
      found.catch(() => {
        if (this.found === found) this.found = void 0;
      });
      this.found = found;
    }
    return this.found;
  }
  async find() {
    let name2 = this.name;
    let config = await this.getConfig(name2);
    for (let parent = branchParent(name2, config); parent; parent = branchParent(name2, config)) {
      this.log(`input 'namespace' ${name2} is a branch namespace (git branch '${config.git_branch}'); working against its git root ${parent}, where DJ puts its sibling branches`);
      name2 = parent;
      config = await this.getConfig(name2);
    }
    this.resolved = name2;
    return { name: name2, config };
  }
};
function checkRoot({ name: root, config }, ctx) {
  const fix = `Set input 'namespace' to the DJ git root: the namespace that holds the repository link and the default branch.`;
  if (!config) throw new InputError(`DJ namespace '${root}' (input 'namespace') does not exist on ${ctx.djUrl}. ${fix}`);
  if (config.git_branch && config.parent_namespace) {
    throw new InputError(
      `DJ namespace '${root}' (input 'namespace') is a branch namespace of git root '${config.parent_namespace}' (git branch '${config.git_branch}'); set input 'namespace' to '${config.parent_namespace}'.`
    );
  }
  if (!config.github_repo_path) {
    throw new InputError(`DJ namespace '${root}' (input 'namespace') has no git repository configured. ${fix}`);
  }
  if (config.git_branch) {
    throw new InputError(`DJ namespace '${root}' (input 'namespace') is bound to git branch '${config.git_branch}' itself, so it is not a git root. ${fix}`);
  }
  if (config.git_root_namespace && config.git_root_namespace !== root) {
    throw new InputError(
      `DJ namespace '${root}' (input 'namespace') inherits its repository from git root '${config.git_root_namespace}'; set input 'namespace' to '${config.git_root_namespace}'.`
    );
  }
  if (!config.default_branch) {
    throw new InputError(`DJ git root '${root}' has no default branch; set default_branch on it in DJ (e.g. 'main').`);
  }
  const repo = checkRepository({
    root,
    repoPath: config.github_repo_path,
    event: ctx.repository ?? null,
    allowOther: ctx.repository === void 0 || ctx.allowOtherRepository
  });
  return { name: root, repo, defaultBranch: config.default_branch, defaultNamespace: `${root}.${djSuffix(config.default_branch)}` };
}

// src/targets/dj/target.ts
function isoTime(ms) {
  return ms === void 0 ? null : new Date(ms).toISOString();
}
function shortSha(sha) {
  return sha.slice(0, 12);
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function describeResults(results) {
  const nodes = results.filter((r) => r.deploy_type === "node").length;
  const links = results.filter((r) => r.deploy_type === "link").length;
  const others = results.length - nodes - links;
  const parts = [plural(nodes, "node"), links ? plural(links, "link") : "", others ? plural(others, "other result") : ""].filter(Boolean);
  const ops = [
    ["create", "created"],
    ["update", "updated"],
    ["noop", "unchanged"],
    ["delete", "deleted"]
  ];
  const counts = ops.map(([op, word]) => [results.filter((r) => r.operation === op).length, word]).filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return { what: parts.join(" and "), counts: counts.length ? ` (${counts.join(", ")})` : "" };
}
function owner(config) {
  const branch = config.git_branch ? `git branch '${config.git_branch}'` : "no git branch";
  return config.parent_namespace ? `${branch} under '${config.parent_namespace}'` : `${branch} and no parent namespace`;
}
function linkState(config, branch, root) {
  if (!config) return "absent";
  if (config.parent_namespace === root && config.git_branch === branch) return "linked";
  if (!config.parent_namespace && !config.git_branch) return "unlinked";
  return "collision";
}
function linkBody(root, branch) {
  return { parent_namespace: root, git_branch: branch };
}
var DJTarget = class {
  constructor(settings, client, deps) {
    this.settings = settings;
    this.client = client;
    this.deps = deps;
    this.roots = new GitRootResolver(
      settings.dj.namespace,
      (ns) => client.getGitConfig(ns),
      (message) => this.log(message)
    );
  }
  settings;
  client;
  deps;
  name = "dj";
  /** The git root: input 'namespace', or the root above it (found on the first look-up). */
  roots;
  async repository() {
    return (await this.root()).repo;
  }
  /**
   * The merge preview (SPEC §10): the pull request's node files applied to the base namespace's
   * spec, sent to DJ's impact analysis. Reads only the root's git config (the deployment's
   * look-up shares it), GitHub and the base namespace, so it runs beside the deployment.
   */
  async preview(req) {
    const facts = this.roots.resolve();
    const root = facts.then((f) => checkRoot(f, this.rootCheck()));
    root.catch(() => void 0);
    const timeoutMs = Math.min(this.settings.timeoutMs, 12e4);
    try {
      const { mergePreview } = await import("./merge-preview-TRMQXD7R.js");
      const summary = await mergePreview(
        {
          baseSha: req.base,
          headSha: req.head,
          gitPath: root.then(async () => (await facts).config?.git_path ?? null),
          baseNamespace: root.then((r) => this.settings.dj.impactBase || this.baseBranchNamespace(req.baseBranch, r)),
          timeoutMs
        },
        {
          changedFiles: (base, head) => req.changedFiles(base, head),
          readFile: (ref, file) => req.readFile(ref, file),
          exportSpec: (ns, deadline) => this.client.exportSpec(ns, deadline),
          submitImpact: (spec, deadline) => this.client.submitImpact(spec, deadline),
          deployment: (uuid, deadline) => this.client.deployment(uuid, deadline),
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          now: () => Date.now()
        }
      );
      return { summary };
    } catch (err) {
      return { unavailable: previewProblem(err) };
    }
  }
  /** The review's requests (SPEC §10.1); its module loads only on the preview's path. */
  reviewIO() {
    const load = import("./review-OK4NQSXP.js");
    const timeoutMs = Math.min(this.settings.timeoutMs, 12e4);
    return {
      exportSpec: (ns) => this.client.exportSpec(ns),
      metricSql: async (metric) => this.client.metricSql(metric, this.settings.dj.review.dialect, (await load).metricSqlAnswer, timeoutMs),
      metricData: async (metric, dimensions) => this.client.metricData(metric, dimensions, (await load).dataAnswer, timeoutMs)
    };
  }
  nameFor(gitBranch) {
    return namespaceForBranch(this.roots.name, gitBranch);
  }
  /**
   * The namespace a pull request merges into (SPEC §10, `impact-base` left empty): its base
   * branch's namespace when that branch has one linked to it, else the default-branch namespace.
   * A pull request into the default branch asks nothing.
   */
  async baseBranchNamespace(baseBranch, root) {
    if (!baseBranch || baseBranch === root.defaultBranch) return root.defaultNamespace;
    let ns;
    try {
      ns = this.nameFor(baseBranch);
    } catch {
      return root.defaultNamespace;
    }
    const config = await this.client.getGitConfig(ns);
    return config && config.git_branch === baseBranch ? ns : root.defaultNamespace;
  }
  urlFor(ns) {
    return `${this.settings.dj.uiUrl}/namespaces/${encodeURIComponent(ns)}`;
  }
  async ensure(req) {
    const branch = req.gitBranch;
    const { ns, root, config: nsConfig } = await this.lookUp(branch);
    const isDefault = branch === root.defaultBranch;
    let state = linkState(nsConfig, branch, root.name);
    if (state === "unlinked") state = await this.reusableOrCollision(ns);
    if (state === "collision") throw new RefusedError(this.collisionMessage(ns, nsConfig, branch));
    const link = state !== "linked";
    const what = isDefault ? "the default-branch namespace" : "namespace";
    const outcome = this.outcome(ns, branch, req.expectedSha);
    if (link && req.refresh) {
      const why = state === "absent" ? `No DJ namespace ${ns} exists for git branch ${branch} yet` : `${ns} is empty and not linked to git branch ${branch}`;
      this.log(`${why}: nothing to preview`);
      outcome.notes.push(`${why}: nothing to preview, and nothing was created. The next commit pushed to the pull request (or the deploy command) creates and deploys it.`);
      return { ...outcome, operation: "skipped", skipReason: "not-linked" };
    }
    const linking = req.dryRun ? "it would be linked (dry run)" : "linking it";
    this.log(link ? `${what} ${ns} ${state === "absent" ? "does not exist" : "is empty and unlinked"}: ${linking}` : `${what} ${ns} is already linked to ${branch}`);
    if (req.dryRun) {
      outcome.notes.push(
        link ? `Would link ${ns} to git branch ${branch}: PATCH ${path`/namespaces/${ns}/git`} ${JSON.stringify(linkBody(root.name, branch))}` : `${ns} is already linked to git branch ${branch}`
      );
      if (req.deploy) outcome.notes.push(`Would deploy git branch ${branch}: POST ${path`/namespaces/${ns}/sync-from-git`}`);
      return { ...outcome, operation: "planned", of: "ensure" };
    }
    if (link) {
      await this.link(root.name, ns, branch);
      outcome.notes.push(state === "absent" ? `Linked ${ns} to git branch ${branch}` : `Linked ${ns} (an empty namespace left by an earlier failed link) to git branch ${branch}`);
    } else {
      outcome.notes.push(`${ns} is already linked to git branch ${branch}`);
      const held = req.deploy ? await this.alreadyDeployed(req.check, nsConfig, outcome) : void 0;
      if (held) return held;
    }
    if (req.deploy) {
      try {
        await this.sync(ns, branch, outcome, link ? "created" : "updated");
      } catch (err) {
        if (link && err instanceof DJClientError && err.field === void 0) {
          throw err.withNote(`${ns} is linked to git branch ${branch}; run the action again to deploy it.`);
        }
        throw err;
      }
    }
    if (link) return { ...outcome, operation: "created" };
    return req.deploy ? { ...outcome, operation: "updated" } : { ...outcome, operation: "unchanged", why: "linked" };
  }
  /** The unchanged outcome when the commit statuses say the namespace already holds the commit. */
  async alreadyDeployed(check, config, outcome) {
    const answer = check ? await check({ gitPath: config?.git_path }) : void 0;
    if (!answer || answer.deploy) return void 0;
    this.log(`${answer.note}: not deploying it again`);
    outcome.notes.push(answer.note);
    return { ...outcome, deployedSha: answer.sha, operation: "unchanged", why: answer.why, ...answer.earlier ? { earlier: answer.earlier } : {} };
  }
  async deploy(req) {
    const branch = req.gitBranch;
    const { ns, root, config } = await this.lookUp(branch);
    const outcome = this.outcome(ns, branch, req.expectedSha);
    if (linkState(config, branch, root.name) !== "linked") {
      const why = config ? `${ns} is not linked to git branch ${branch}: it has ${owner(config)}` : `No DJ namespace ${ns} exists for git branch ${branch}`;
      this.log(`${why}: nothing to deploy`);
      return notLinked(req, outcome, why, "the branch namespace");
    }
    const held = await this.alreadyDeployed(req.check, config, outcome);
    if (held) return held;
    if (req.dryRun) {
      outcome.notes.push(`Would deploy git branch ${branch}: POST ${path`/namespaces/${ns}/sync-from-git`}`);
      return { ...outcome, operation: "planned", of: "deploy" };
    }
    await this.sync(ns, branch, outcome, "updated");
    return { ...outcome, operation: "updated" };
  }
  async remove(req) {
    const branch = req.gitBranch;
    let ns;
    if (req.known) {
      ns = req.known.name;
      if (ns === this.roots.name) throw new RefusedError(`Refusing to delete ${ns}: it is the git root.`);
      if (req.known.isDefault) {
        throw new RefusedError(`Refusing to delete ${ns}: it is the default-branch namespace (production), and the action never deletes it.`);
      }
      if (req.known.gitBranch !== branch) {
        throw new RefusedError(`Refusing to delete ${ns}: it belongs to git branch '${req.known.gitBranch}', not '${branch}'. Nothing was changed.`);
      }
    } else {
      const found = await this.lookUp(branch);
      ns = found.ns;
      const { root, config } = found;
      if (branch === root.defaultBranch || ns === root.defaultNamespace || config && config.git_branch === root.defaultBranch) {
        throw new RefusedError(
          `Refusing to delete ${ns}: it is the default-branch namespace of ${root.name} (git branch '${root.defaultBranch}'), and the action never deletes it.`
        );
      }
      if (!config) return this.absent(ns, branch);
      if (config.git_branch !== branch || config.parent_namespace !== root.name) {
        throw new RefusedError(`Refusing to delete ${ns}: it has ${owner(config)}, not git branch '${branch}' under '${root.name}'. Nothing was changed.`);
      }
    }
    const kept = await req.keep;
    if (kept) return kept;
    const outcome = this.outcome(ns, branch);
    const rootName = this.roots.name;
    const deleteGitBranch = req.dj?.deleteGitBranch ?? false;
    const request = `DELETE ${path`/namespaces/${rootName}/branches/${ns}`}?delete_git_branch=${deleteGitBranch}`;
    if (req.dryRun) {
      outcome.notes.push(`Would delete ${ns}${deleteGitBranch ? ` and git branch ${branch}` : ""}: ${request}`);
      return { ...outcome, operation: "planned", of: "remove" };
    }
    this.log(`deleting ${ns}${deleteGitBranch ? ` and git branch ${branch}` : " (git branch kept)"}`);
    let result;
    try {
      result = await this.client.deleteBranch(rootName, ns, deleteGitBranch);
    } catch (err) {
      if (err instanceof DJClientError && err.status === 404) return this.absent(ns, branch);
      throw this.actedButAnswerUnusable(err, outcome, "deleted", `DJ deleted ${ns}, but what it answered cannot be used, so the number of nodes deleted is unknown`);
    }
    outcome.notes.push(`Deleted ${ns} (${plural(result.nodes_deleted, "node")})`);
    if (deleteGitBranch) {
      outcome.notes.push(result.git_branch_deleted ? `DJ deleted git branch ${branch}` : `DJ could not delete git branch ${branch}; delete it on GitHub`);
    }
    if (result.materialization_failures?.length) {
      outcome.notes.push(`DJ could not stop the materializations of ${result.materialization_failures.join(", ")}`);
    }
    return {
      target: "dj",
      name: outcome.name,
      url: outcome.url,
      gitBranch: branch,
      results: [],
      notes: outcome.notes,
      operation: "deleted",
      dj: { nodesDeleted: result.nodes_deleted }
    };
  }
  async createWithGitBranch(req) {
    const branch = req.gitBranch;
    const { name: rootName } = await this.root();
    const ns = this.nameFor(branch);
    const outcome = this.outcome(ns, branch);
    if (req.dryRun) {
      const { root, config, ns: resolved } = await this.lookUp(branch);
      outcome.name = resolved;
      outcome.url = this.outcome(resolved, branch).url;
      const state = linkState(config, branch, root.name);
      if (state === "collision" || state === "unlinked") throw new RefusedError(this.collisionMessage(ns, config, branch));
      outcome.notes.push(
        state === "linked" ? `${ns} already exists and is linked to git branch ${branch}` : `Would create git branch ${branch} from ${root.defaultBranch} and namespace ${ns}: POST ${path`/namespaces/${root.name}/branches`} ${JSON.stringify({ branch_name: branch })}`
      );
      return { ...outcome, operation: "planned", of: "create" };
    }
    this.log(`creating git branch ${branch} and namespace ${ns} through DJ`);
    try {
      const created = await this.client.createBranch(rootName, branch);
      if (created.branch?.namespace && created.branch.namespace !== ns) {
        outcome.name = created.branch.namespace;
        outcome.url = this.outcome(created.branch.namespace, branch).url;
      }
      outcome.results = created.deployment_results;
      const copied = describeResults(created.deployment_results);
      outcome.notes.push(`Created git branch ${branch} and namespace ${ns}; DJ copied ${copied.what}${copied.counts}`);
      return { ...outcome, operation: "created" };
    } catch (err) {
      if (!(err instanceof DJClientError)) throw err;
      if (err.field !== void 0) {
        throw this.actedButAnswerUnusable(
          err,
          outcome,
          "created",
          `DJ created git branch ${branch} and ${ns}, but what it answered cannot be used, so what it copied is unknown; look at the namespace in DJ`
        );
      }
      if (err.status === 409) {
        const config = await this.client.getGitConfig(ns);
        const state = linkState(config, branch, rootName);
        if (state === "absent") throw err;
        if (state !== "linked") throw new RefusedError(this.collisionMessage(ns, config, branch));
        outcome.notes.push(`${ns} already exists and is linked to git branch ${branch}`);
        return { ...outcome, operation: "unchanged", why: "linked" };
      }
      if (err.status === 422 && /reference already exists/i.test(err.serverMessage)) {
        this.log(`git branch ${branch} already exists: linking it instead`);
        const linked = await this.ensure({ gitBranch: branch, deploy: this.settings.deploy, dryRun: false });
        linked.notes.unshift(`Git branch ${branch} already exists, so it was linked rather than created`);
        return linked;
      }
      if (err.status === 0 || err.status === 502 || err.status === 504) {
        throw err.withNote(`DJ may have created git branch ${branch} and ${ns} before the answer was lost; running the action again links them if so, or creates them if not.`);
      }
      throw err;
    }
  }
  async list() {
    const guess = this.roots.name;
    this.log(`listing branch namespaces of ${guess}`);
    const [facts, listed] = await Promise.all([this.roots.resolve(), this.listBranches(guess)]);
    const root = checkRoot(facts, this.rootCheck());
    if ("error" in listed) throw listed.error;
    if (root.name === guess) return this.branchesOf(listed.branches, root);
    this.log(`listing branch namespaces of ${root.name}`);
    const again = await this.listBranches(root.name);
    if ("error" in again) throw again.error;
    return this.branchesOf(again.branches, root);
  }
  listBranches(root) {
    return this.client.listBranches(root).then(
      (branches) => ({ branches }),
      (error) => ({ error })
    );
  }
  branchesOf(branches, root) {
    return branches.map((b) => ({
      name: b.namespace,
      gitBranch: b.git_branch ?? "",
      isDefault: b.git_branch === root.defaultBranch || b.namespace === root.defaultNamespace,
      lastUpdatedAt: isoTime(parseTimestamp(b.last_updated_at)),
      nodes: b.num_nodes,
      invalidNodes: b.invalid_node_count,
      raw: b
    }));
  }
  log(message) {
    this.deps.log(`DJ: ${message}`);
  }
  outcome(ns, gitBranch, expectedSha) {
    return {
      target: "dj",
      name: ns,
      url: this.urlFor(ns),
      gitBranch,
      ...expectedSha ? { expectedSha } : {},
      results: [],
      notes: []
    };
  }
  /**
   * DJ acted but its answer failed validation: the error carries what is known (the operation
   * that happened, the notes so far), so the outputs and summary still say it.
   */
  actedButAnswerUnusable(err, draft, operation, note) {
    if (!(err instanceof DJClientError) || err.field === void 0) return err;
    draft.notes.push(note);
    const known = operation === "deleted" ? { ...draft, results: [], operation } : { ...draft, operation };
    return withKnownOutcome(err, known);
  }
  absent(ns, gitBranch) {
    const outcome = this.outcome(ns, gitBranch);
    outcome.notes.push(`${ns} does not exist; nothing to delete`);
    this.log(`${ns} does not exist: nothing to delete`);
    return { target: "dj", name: ns, url: outcome.url, gitBranch, results: [], notes: outcome.notes, operation: "absent" };
  }
  /** The git root, resolved once and checked (reference §7.1). */
  async root() {
    return checkRoot(await this.roots.resolve(), this.rootCheck());
  }
  rootCheck() {
    return { djUrl: this.settings.dj.url, repository: this.deps.repository, allowOtherRepository: this.settings.allowOtherRepository };
  }
  /**
   * The checked root and the branch namespace's git config, asked in parallel. When input
   * 'namespace' turns out to be a branch namespace, the namespace is asked again under the root
   * found above it: one extra round trip that only this configuration pays.
   */
  async lookUp(branch) {
    const guess = this.nameFor(branch);
    this.log(`checking git root ${this.roots.name} and namespace ${guess}`);
    const [facts, guessed] = await Promise.all([this.roots.resolve(), this.client.getGitConfig(guess)]);
    const ns = this.nameFor(branch);
    const config = ns === guess ? guessed : await this.client.getGitConfig(ns);
    return { ns, root: checkRoot(facts, this.rootCheck()), config };
  }
  /**
   * A namespace with neither parent nor git branch is what a failed link leaves behind
   * (DJ creates it before validating, §7.2): reuse it when it holds no nodes.
   */
  async reusableOrCollision(ns) {
    const nodes = await this.client.listNamespaceNodes(ns);
    return nodes.length === 0 ? "unlinked" : "collision";
  }
  collisionMessage(ns, config, branch) {
    return `DJ namespace ${ns} already exists with ${owner(config)}, so it cannot be used for git branch '${branch}' (git branch names that differ only in '-', '/' and '_' share one namespace). Nothing was changed. Rename one of the branches, or delete the other namespace if it is stale.`;
  }
  /** PATCH the link; when it fails, say honestly what DJ left behind (it creates the namespace first). */
  async link(root, ns, branch) {
    try {
      await this.client.patchGitConfig(ns, linkBody(root, branch));
    } catch (err) {
      if (!(err instanceof DJClientError) || err.status === 401 || err.status === 403) throw err;
      const after = await this.afterFailedLink(root, ns, branch, err);
      if (after === "linked") {
        this.log(`the link request failed (${err.message}), but ${ns} is linked to ${branch}: continuing`);
        return;
      }
      throw after;
    }
  }
  /** Looks at what a failed link left: linked after all, nothing, or a namespace to remove. */
  async afterFailedLink(root, ns, branch, err) {
    const mayRemain = `DJ creates the namespace before validating a link, and its API cannot delete a namespace that is not a branch: an empty namespace ${ns} may remain (the next run reuses it).`;
    let config;
    try {
      config = await this.client.getGitConfig(ns);
    } catch {
      return err.withNote(mayRemain);
    }
    const state = linkState(config, branch, root);
    if (state === "absent") return err;
    if (state === "linked") return "linked";
    if (config?.parent_namespace === root) {
      try {
        await this.client.deleteBranch(root, ns, false);
        return err.withNote(`The namespace ${ns} that DJ had created was deleted again.`);
      } catch {
        return err.withNote(mayRemain);
      }
    }
    return err.withNote(mayRemain);
  }
  /** `acted`: what the known outcome says when DJ deployed but its answer is unusable. */
  async sync(ns, branch, outcome, acted) {
    this.log(`deploying git branch ${branch} into ${ns} (sync-from-git runs the whole deployment; this can take a while)`);
    this.deps.onDeploying?.(ns);
    let info;
    try {
      info = await this.client.syncFromGit(ns);
    } catch (err) {
      throw this.actedButAnswerUnusable(
        err,
        outcome,
        acted,
        `DJ ran the deployment of ${branch} into ${ns}, but what it answered cannot be used, so its results are unknown; look at the namespace in DJ`
      );
    }
    outcome.results = info.results;
    const sha = info.source?.commit_sha ?? void 0;
    if (sha) outcome.deployedSha = sha;
    const deployed = describeResults(info.results);
    outcome.notes.push(`Deployed ${deployed.what}${sha ? ` from ${shortSha(sha)}` : ""}${deployed.counts}`);
    if (sha && outcome.expectedSha && sha !== outcome.expectedSha) {
      outcome.notes.push(
        `DJ deployed ${shortSha(sha)}, the head of ${branch} when it looked, not ${shortSha(outcome.expectedSha)}; the branch moved, and a later run deploys the newer commit`
      );
    }
    return info;
  }
};
function previewProblem(err) {
  if (err instanceof PreviewUnavailable) return err.message;
  if (err instanceof DJClientError) {
    const where = `${err.method} ${err.path}`;
    const body = err.body && typeof err.body === "object" ? err.body : {};
    const noRoute = err.status === 404 && body.detail === "Not Found" || err.status === 405;
    if (noRoute)
      return `this DJ server has no ${err.path.includes("/deployments") ? "impact analysis" : "spec export"} (${where} answered HTTP ${err.status}); DataJunction servers with \`POST /deployments/impact\` show what merging would do.`;
    if (err.status === 426) return `this DJ server's impact analysis speaks another protocol than the action (${where} answered HTTP 426: ${err.serverMessage}).`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
function createTarget(settings, deps) {
  const dj = settings.dj;
  if (!dj) throw new InputError(`Target 'dj' needs inputs 'dj-url' and 'namespace'.`);
  const client = new DJClient({ url: dj.url, token: dj.token, clientId: dj.clientId, clientSecret: dj.clientSecret, username: dj.username, password: dj.password }, deps);
  return new DJTarget({ ...settings, dj }, client, deps);
}
export {
  DJTarget,
  createTarget,
  previewProblem
};
