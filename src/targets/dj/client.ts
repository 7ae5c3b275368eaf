/**
 * The DataJunction HTTP API as this action needs it: the three branch lifecycle methods with
 * the DJ Python client's semantics, git config, sync-from-git, and the three ways CI can
 * authenticate. Importable on its own; every failure is a {@link DJClientError}.
 */
import type * as v from 'valibot';
import { HttpClient, HttpError, path, type HttpRequest } from '../../http.js';
import type { DeploymentResult, TargetDeps } from '../target.js';
import type { DeploymentSpecLike } from './preview.js';
import type { ImpactDeployment } from './merge-preview.js';
import { checkAnswer, problemText, safeJson } from '../../schema.js';
import * as schemas from './schemas.js';

/** Connection and credentials; at most one way of authenticating is used (token first). */
export interface DJClientOptions {
  /** Server base URL. */
  url: string;
  /** Bearer token, sent as is. */
  token?: string;
  /** Service account, exchanged at `/service-accounts/token`. */
  clientId?: string;
  clientSecret?: string;
  /** Basic login at `/basic/login/`; the `__dj` cookie becomes the Bearer token. */
  username?: string;
  password?: string;
}

/** `NamespaceGitConfig`, resolved (inherited repo and path filled in) as GET returns it. */
export interface NamespaceGitConfig {
  github_repo_path: string | null;
  git_branch: string | null;
  git_path: string | null;
  default_branch: string | null;
  parent_namespace: string | null;
  git_only: boolean | null;
  /** Filled by GET only. */
  branch_namespace: string | null;
  /** Filled by GET only. */
  git_root_namespace: string | null;
}

/** The input fields of a git config PATCH; absent means "leave unchanged". */
export type NamespaceGitConfigPatch = Partial<Pick<NamespaceGitConfig, 'github_repo_path' | 'git_branch' | 'git_path' | 'default_branch' | 'parent_namespace' | 'git_only'>>;

/** One branch namespace as `GET /namespaces/{ns}/branches` lists it. */
export interface BranchInfo {
  namespace: string;
  /** '' when the row has none. */
  git_branch: string;
  parent_namespace: string;
  github_repo_path: string;
  /** Nodes in the namespace and its sub-namespaces. */
  num_nodes: number;
  invalid_node_count: number;
  git_only: boolean;
  /** ISO 8601, with or without offset; null without nodes. */
  last_updated_at: string | null;
}

/** A deployment result as DJ sends it. */
export interface DJDeploymentResult extends DeploymentResult {
  changed_fields?: string[];
}

/** Answer of `POST /namespaces/{ns}/branches` (201). */
export interface CreateBranchResult {
  /** Counts and `last_updated_at` are model defaults here, and `parent_namespace` is the URL namespace. */
  branch: BranchInfo;
  deployment_results: DJDeploymentResult[];
}

/** Answer of `DELETE /namespaces/{ns}/branches/{branch_ns}`. */
export interface DeleteBranchResult {
  message: string;
  nodes_deleted: number;
  /** True also when the git branch was already gone (GitHub's 422 counts as success). */
  git_branch_deleted: boolean;
  /** Present only when some materializations could not be stopped. */
  materialization_failures?: string[];
}

/** Where a deployment came from. */
export interface DeploymentSource {
  type: string;
  repository?: string | null;
  branch?: string | null;
  commit_sha?: string | null;
  commit_author_email?: string | null;
  commit_author_name?: string | null;
  ci_system?: string | null;
  ci_run_url?: string | null;
}

/** `DeploymentInfo`; from sync-from-git its `status` is always "success": judge `results`. */
export interface DeploymentInfo {
  uuid: string;
  namespace: string;
  status: string;
  results: DJDeploymentResult[];
  warnings?: DJError[];
  downstream_impacts?: unknown[];
  created_at: string | null;
  created_by: string | null;
  source: DeploymentSource | null;
}

/** One entry of a DJ error list (FastAPI validation entries are mapped onto it). */
export interface DJError {
  code: string | null;
  message: string;
  debug?: unknown;
  context?: string;
}

/** `GET /whoami/`. */
export interface DJUser {
  id: number;
  username: string;
  email: string | null;
  name: string | null;
  oauth_provider: string;
  is_admin: boolean;
}

/** A node as `GET /namespaces/{ns}/` lists it (only what this action reads). */
export interface NamespaceNode {
  name: string;
  [field: string]: unknown;
}

/** Fields of a {@link DJClientError}. */
export interface DJClientErrorInit {
  /** HTTP status; 0 for network failures and timeouts. */
  status: number;
  method: string;
  /** Path and query, never the origin or credentials. */
  path: string;
  /** One sentence for people: what failed, the server's message, what to do. */
  message: string;
  /** The server's own message, undecorated. */
  serverMessage: string;
  errors: DJError[];
  body?: unknown;
  /** For a 2xx answer the client could not use: the field that was wrong ('' for the whole answer). */
  field?: string;
}

/** Any failed DJ request. */
export class DJClientError extends Error {
  override readonly name = 'DJClientError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly serverMessage: string;
  readonly errors: DJError[];
  readonly body: unknown;
  /** For a 2xx answer the client could not use: the field that was wrong ('' for the whole answer). */
  readonly field?: string;

  constructor(init: DJClientErrorInit) {
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
  withNote(note: string): DJClientError {
    const { status, method, path, serverMessage, errors, body, field } = this;
    const stop = /[.!?]$/.test(this.message) ? '' : '.';
    return new DJClientError({ status, method, path, serverMessage, errors, body, field, message: `${this.message}${stop} ${note}` });
  }
}

const SERVICE_TOKEN_PATH = '/service-accounts/token';
/** Exact spelling: this route sits on a plain router, any other spelling gets a 307. */
const BASIC_LOGIN_PATH = '/basic/login/';
const CREDENTIAL_INPUTS = "'dj-token', or 'dj-client-id' and 'dj-client-secret', or 'dj-username' and 'dj-password'";

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The server's message and error list from any of DJ's body shapes. */
function decodeBody(err: HttpError): { serverMessage: string; errors: DJError[] } {
  const body = asRecord(err.body);
  const rawErrors = Array.isArray(body?.errors) ? body.errors : [];
  let errors: DJError[] = rawErrors.map(e => {
    const r = asRecord(e) ?? {};
    return {
      code: typeof r.code === 'string' ? r.code : null,
      message: typeof r.message === 'string' ? r.message : safeJson(e),
      debug: r.debug,
      context: typeof r.context === 'string' ? r.context : undefined,
    };
  });
  let serverMessage = err.serverMessage;
  if (typeof body?.message === 'string' && body.message) serverMessage = body.message;
  else if (Array.isArray(body?.detail)) {
    // FastAPI validation: say which field, not a JSON dump.
    errors = body.detail.map(d => {
      const r = asRecord(d) ?? {};
      const loc = Array.isArray(r.loc) ? r.loc.filter(l => typeof l === 'string' || typeof l === 'number').join('.') : '';
      const msg = typeof r.msg === 'string' ? r.msg : safeJson(d);
      return { code: typeof r.type === 'string' ? r.type : null, message: loc ? `${loc}: ${msg}` : msg };
    });
    serverMessage = errors.map(e => e.message).join('; ') || err.serverMessage;
  } else if (errors.length) serverMessage = errors.map(e => e.message).join('\n');
  return { serverMessage, errors };
}

/** The permission DJ checks for a request (reference §3.5). */
function permissionFor(method: string, requestPath: string): string {
  const bare = requestPath.split('?')[0]!.replace(/\/+$/, '');
  if (method === 'PATCH' && bare.endsWith('/git')) return 'MANAGE';
  if (method === 'GET') return 'READ';
  if (bare.endsWith('/sync-from-git')) return 'WRITE (and DELETE on nodes the sync removes)';
  return 'WRITE';
}

/** What the user should do about a failure, or '' when the server's message says it all. */
function adviceFor(err: HttpError, serverMessage: string, authenticated: boolean): string {
  const bare = err.path.split('?')[0]!;
  if (err.mayHaveActed) {
    return bare.endsWith('/sync-from-git')
      ? "DJ may still be deploying: the sync was not sent again, so no second deployment runs beside the first. Look at the namespace in DJ before running again, and raise 'timeout-seconds' if the namespace is large."
      : "DJ may have acted on it: it was not sent again. DJ deploys inside this request; raise 'timeout-seconds' if the namespace is large, and run again (the action looks at what exists first).";
  }
  if (err.kind === 'timeout') {
    return bare.endsWith('/sync-from-git') || bare.endsWith('/branches')
      ? "DJ deploys inside this request; raise 'timeout-seconds' if the namespace is large."
      : "Check 'dj-url' and that the DJ server is up, or raise 'timeout-seconds'.";
  }
  // A proxy's refusal names its variable and what to do (http.ts): nothing to add about 'dj-url'.
  if (err.kind === 'network' && /^the proxy in /.test(err.serverMessage)) return '';
  if (err.kind === 'network') return "Check 'dj-url' and that the DJ server is reachable from the runner.";
  const type = err.headers?.get('content-type') ?? '';
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
    return 'If every request fails like this, check the DJ token (malformed or expired): DJ answers a bad Bearer token with HTTP 500.';
  }
  if (err.status === 503 && bare.endsWith('/sync-from-git') && /github/i.test(serverMessage)) {
    return 'The DJ server has no GitHub credentials configured (GITHUB_SERVICE_TOKEN or a GitHub App); ask its operators.';
  }
  return '';
}

/** A DJ API client over the action's HTTP layer. */
export class DJClient {
  private readonly http: HttpClient;
  private auth?: Promise<void>;
  private readonly authenticated: boolean;

  constructor(
    private readonly options: DJClientOptions,
    private readonly deps: TargetDeps,
  ) {
    this.authenticated = Boolean(options.token || (options.clientId && options.clientSecret) || (options.username && options.password));
    this.http = new HttpClient({
      baseUrl: options.url,
      timeoutMs: deps.http.timeoutMs,
      retries: deps.http.retries,
      onRetry: deps.http.onRetry,
      decodeError: err => this.toClientError(err),
      json: true,
    });
  }

  /** Creates a git branch and its namespace (`POST /namespaces/{ns}/branches`, 201). */
  async createBranch(namespace: string, branchName: string): Promise<CreateBranchResult> {
    return this.send({ method: 'POST', path: path`/namespaces/${namespace}/branches`, json: { branch_name: branchName } }, schemas.createBranchResult);
  }

  /** Branch namespaces of a git root (its children) or of a branch (its siblings); default branch first. */
  async listBranches(namespace: string): Promise<BranchInfo[]> {
    return this.send({ method: 'GET', path: path`/namespaces/${namespace}/branches` }, schemas.branchInfoList);
  }

  /**
   * Hard-deletes `branchNamespace` and its nodes; by default also the git branch, as DJ does.
   * `delete_git_branch` is always sent, because the server's default is true. A 404 throws.
   */
  async deleteBranch(namespace: string, branchNamespace: string, deleteGitBranch = true): Promise<DeleteBranchResult> {
    return this.send(
      { method: 'DELETE', path: path`/namespaces/${namespace}/branches/${branchNamespace}`, query: { delete_git_branch: deleteGitBranch } },
      schemas.deleteBranchResult,
    );
  }

  /** The resolved git config of a namespace, or null when the namespace does not exist. */
  async getGitConfig(namespace: string): Promise<NamespaceGitConfig | null> {
    await this.authenticate();
    const req: HttpRequest = { method: 'GET', path: path`/namespaces/${namespace}/git`, accept: [404] };
    const res = await this.http.request(req);
    // Only a 404 means "absent"; an empty or odd 200 is an error, never a missing namespace.
    return res.status === 404 ? null : this.checked(req, res.status, res.data, schemas.namespaceGitConfig);
  }

  /** Changes a namespace's git config; DJ creates the namespace first when it is missing. */
  async patchGitConfig(namespace: string, body: NamespaceGitConfigPatch): Promise<NamespaceGitConfig> {
    return this.send({ method: 'PATCH', path: path`/namespaces/${namespace}/git`, json: body }, schemas.namespaceGitConfig);
  }

  /** Deploys the HEAD of the namespace's git branch, synchronously. */
  async syncFromGit(namespace: string): Promise<DeploymentInfo> {
    // DJ deploys inside the request: after a timeout, a reset or a 502/504 it may still be
    // deploying, and a resend would start a second deployment beside it (SPEC §7). Not
    // idempotent, so the HTTP layer resends it only after a 429 or 503 answered at once or a
    // refused connection.
    return this.send({ method: 'POST', path: path`/namespaces/${namespace}/sync-from-git` }, schemas.deploymentInfo);
  }

  /** Nodes in a namespace (`GET /namespaces/{ns}/`). */
  async listNamespaceNodes(namespace: string): Promise<NamespaceNode[]> {
    return this.send({ method: 'GET', path: path`/namespaces/${namespace}/` }, schemas.namespaceNodes);
  }

  /** A namespace as a deployment spec (`GET /namespaces/{ns}/export/spec`); node names keep `${prefix}`. */
  async exportSpec(namespace: string, deadline?: number): Promise<DeploymentSpecLike> {
    return this.send({ method: 'GET', path: path`/namespaces/${namespace}/export/spec`, ...(deadline ? { deadline } : {}) }, schemas.deploymentSpec);
  }

  /**
   * What deploying `spec` would do, without doing it (`POST /deployments/impact`). On
   * datajunction-server 0.0.272 the analysis is asynchronous: the request says
   * `Prefer: respond-async` (without it the server answers 426) and the answer is a pending
   * deployment to poll with {@link deployment}. Changes nothing, so it may be resent.
   */
  async submitImpact(spec: DeploymentSpecLike, deadline?: number): Promise<ImpactDeployment> {
    return this.send(
      { method: 'POST', path: '/deployments/impact', json: spec, headers: { prefer: 'respond-async' }, idempotent: true, ...(deadline ? { deadline } : {}) },
      schemas.impactDeployment,
    );
  }

  /** A deployment (or impact analysis) by its uuid (`GET /deployments/{uuid}`). */
  async deployment(uuid: string, deadline?: number): Promise<ImpactDeployment> {
    return this.send({ method: 'GET', path: path`/deployments/${uuid}`, ...(deadline ? { deadline } : {}) }, schemas.impactDeployment);
  }

  /**
   * The SQL DJ generates for one metric (`GET /sql/metrics/v3/?metrics=…&dialect=…&use_materialized=false`);
   * answers without a query service on datajunction-server 0.0.272.
   */
  async metricSql<T>(metric: string, dialect: string, schema: v.GenericSchema<unknown, T>, timeoutMs?: number): Promise<T> {
    const q = new URLSearchParams({ metrics: metric, dialect, use_materialized: 'false' });
    return this.send({ method: 'GET', path: `/sql/metrics/v3/?${q}`, idempotent: true, ...(timeoutMs ? { timeoutMs } : {}) }, schema);
  }

  /**
   * A metric's values (`GET /data/?metrics=…&dimensions=…&async_=false`); needs DJ's query
   * service. A query that timed out is not sent again (each one runs on the engine), so one
   * query takes at most `timeoutMs`.
   */
  async metricData<T>(metric: string, dimensions: string[], schema: v.GenericSchema<unknown, T>, timeoutMs?: number): Promise<T> {
    const q = new URLSearchParams({ metrics: metric, async_: 'false' });
    for (const d of dimensions) q.append('dimensions', d);
    return this.send({ method: 'GET', path: `/data/?${q}`, idempotent: false, ...(timeoutMs ? { timeoutMs } : {}) }, schema);
  }

  /** The authenticated identity: a cheap pre-flight check of the credentials. */
  async whoami(): Promise<DJUser> {
    return this.send({ method: 'GET', path: '/whoami/' }, schemas.djUser);
  }

  private async send<T>(req: HttpRequest, schema: v.GenericSchema<unknown, T>): Promise<T> {
    await this.authenticate();
    const res = await this.http.request(req).catch((err: unknown) => this.explainMissingRoute(err));
    return this.checked(req, res.status, res.data, schema);
  }

  /**
   * Rethrows `err`; when it is FastAPI's answer for a route the server lacks, and the server's
   * `/openapi.json` names a release older than the action supports, with a note saying which
   * releases work (one request, only on such a failure).
   */
  private async explainMissingRoute(err: unknown): Promise<never> {
    if (!(err instanceof DJClientError) || (err.status !== 404 && err.status !== 405)) throw err;
    const { routeMissing, versionOf, unsupportedNote } = await import('./server-version.js');
    if (!routeMissing(err.status, err.body)) throw err;
    const version = await this.http.request({ method: 'GET', path: '/openapi.json', idempotent: true }).then(
      res => versionOf(res.data),
      () => undefined,
    );
    const note = version && unsupportedNote(version);
    throw note ? err.withNote(note) : err;
  }

  /** The answer as `schema` reads it, or a {@link DJClientError} naming the request and the field. */
  private checked<T>(req: HttpRequest, status: number, data: unknown, schema: v.GenericSchema<unknown, T>): T {
    const checked = checkAnswer(schema, data);
    if (checked.ok) return checked.value;
    throw this.protocolError(req.method, req.path.split('?')[0]!, status, `its answer cannot be used: ${problemText(checked.problem)}`, checked.problem.field);
  }

  /** Logs in once, however many requests wait for it; a failed login is retried by the next call. */
  private authenticate(): Promise<void> {
    this.auth ??= this.login().catch(err => {
      this.auth = undefined;
      throw err;
    });
    return this.auth;
  }

  private async login(): Promise<void> {
    const { token, clientId, clientSecret, username, password } = this.options;
    if (token) return this.useToken(token);
    if (clientId && clientSecret) {
      this.deps.log(`DJ: exchanging the service account's credentials for a token`);
      // Exchanging again after a lost answer only issues another token: safe to resend.
      const req: HttpRequest = { method: 'POST', path: SERVICE_TOKEN_PATH, form: { client_id: clientId, client_secret: clientSecret }, idempotent: true };
      const res = await this.http.request(req);
      return this.useToken(this.checked(req, res.status, res.data, schemas.serviceToken).token);
    }
    if (username && password) {
      this.deps.log(`DJ: logging in as ${username}`);
      // Logging in again after a lost answer only sets another cookie: safe to resend.
      const res = await this.http.request({ method: 'POST', path: BASIC_LOGIN_PATH, form: { username, password }, idempotent: true });
      const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') ?? ''];
      const received = cookies.map(c => /(?:^|[;,]\s*)__dj=([^;,\s]+)/.exec(c)?.[1]).find(Boolean);
      if (!received) throw this.protocolError('POST', BASIC_LOGIN_PATH, res.status, 'the answer sets no __dj cookie');
      return this.useToken(decodeURIComponent(received));
    }
  }

  private useToken(token: string): void {
    this.deps.mask(token);
    this.http.setHeader('authorization', `Bearer ${token}`);
  }

  private protocolError(method: string, requestPath: string, status: number, what: string, field?: string): DJClientError {
    const serverMessage = `DJ answered HTTP ${status} but ${what}`;
    return new DJClientError({
      status,
      method,
      path: requestPath,
      serverMessage,
      errors: [],
      field,
      message: `DJ ${method} ${requestPath} failed: ${serverMessage}. Check that 'dj-url' points at a DJ server.`,
    });
  }

  private toClientError(err: HttpError): DJClientError {
    const { serverMessage, errors } = decodeBody(err);
    const advice = adviceFor(err, serverMessage, this.authenticated);
    const what =
      err.kind === 'http'
        ? `HTTP ${err.status}: ${serverMessage}`
        : `${err.kind === 'timeout' ? 'timed out' : err.kind === 'too-large' ? 'an answer too large' : 'network error'} (${serverMessage})${err.attempts > 1 ? ` after ${err.attempts} attempts` : ''}`;
    const sentence = `DJ ${err.method} ${err.path} failed with ${what}`;
    return new DJClientError({
      status: err.status,
      method: err.method,
      path: err.path,
      serverMessage,
      errors,
      body: err.body,
      message: advice ? `${sentence.replace(/[.\s]+$/, '')}. ${advice}` : sentence,
    });
  }
}
