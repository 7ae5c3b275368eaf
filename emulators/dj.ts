/**
 * A stateful fake DataJunction server that follows ../../shared/reference/dj-api.md, quirks
 * included: PATCH /git creates the namespace before validating and silently repoints,
 * POST /branches fails with 422 (not 409) for an existing git branch after copying,
 * DELETE defaults to deleting the git branch, sync-from-git always says "success", a
 * malformed Bearer token gives 500, and two auth routes must be spelled exactly.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Emulator, type RecordedRequest, type Reply } from './server.js';
import type { GitRepo } from './git-repo.js';
import { analyseImpact, type SpecNode } from './dj-impact.js';

/** A node as the emulator stores it, under its namespace. */
export interface EmuNode {
  /** Name relative to its namespace (`orders`). */
  name: string;
  type: string;
  status: 'valid' | 'invalid';
  /** Stands in for the YAML body: a changed query makes sync report an update. */
  query: string;
  version: number;
  updatedAt: string;
}

/** A stored namespace row with its git config (stored, not resolved) and nodes. */
export interface EmuNamespace {
  name: string;
  github_repo_path: string | null;
  git_branch: string | null;
  git_path: string | null;
  default_branch: string | null;
  parent_namespace: string | null;
  git_only: boolean;
  nodes: Map<string, EmuNode>;
  /** Dimension links deployed (`from -> to`, full names): the real server reports a link only when it changes. */
  links?: Set<string>;
}

/** A node to seed. */
export interface SeedNode {
  name: string;
  type?: string;
  status?: 'valid' | 'invalid';
  query?: string;
  /** ISO timestamp; defaults to now. */
  updatedAt?: string;
}

/** One definition in a git branch's YAML, and the result sync-from-git should report for it. */
export interface YamlNode {
  /** `orders`, `${prefix}orders` or a full name under the namespace. */
  name: string;
  type?: string;
  query?: string;
  /**
   * Result status to report; `failed` leaves the node untouched, `invalid` stores it invalid
   * (and, as datajunction-server does, revalidates it on every sync: an update each time);
   * `unparsable` rejects the whole deployment with 422, as the real server does for SQL it
   * cannot parse.
   */
  status?: 'success' | 'failed' | 'invalid' | 'warning' | 'skipped' | 'unparsable';
  /** For `invalid`: the `[invalid] …` line; `${prefix}` is replaced by the namespace and a dot. */
  message?: string;
  /** Dimension nodes this node links to (`${prefix}customer`): one `link` result each. */
  links?: string[];
}

type Permission = 'READ' | 'WRITE' | 'MANAGE';

const EXCEPTION_CLASS: Record<number, string> = {
  401: 'DJAuthenticationException',
  403: 'DJAuthorizationException',
  404: 'DJDoesNotExistException',
  409: 'DJAlreadyExistsException',
  422: 'DJInvalidInputException',
};

function djError(status: number, message: string, errors: unknown[] = [], headers: Record<string, string | string[]> = {}): Reply {
  return {
    status,
    json: { message, errors, warnings: [] },
    headers: { 'X-DJ-Error': 'true', 'X-DBAPI-Exception': EXCEPTION_CLASS[status] ?? 'DJException', ...headers },
  };
}

function fastApi422(type: string, loc: (string | number)[], msg: string, input: unknown): Reply {
  return { status: 422, json: { detail: [{ type, loc, msg, input }] } };
}

function slug(branch: string): string {
  return branch.trim().replace(/-/g, '_').replace(/\//g, '_');
}

/** FastAPI's bool parsing of a query value. */
function parseBool(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(v)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) return false;
  return undefined;
}

/** The DJ emulator. */
export class DJEmulator extends Emulator {
  private readonly namespaces = new Map<string, EmuNamespace>();
  private readonly remoteBranches = new Set<string>();
  private readonly heads = new Map<string, string>();
  private readonly yaml = new Map<string, YamlNode[]>();
  private readonly tokens = new Map<string, string>();
  private readonly serviceAccounts = new Map<string, { secret: string; token: string }>();
  private readonly users = new Map<string, { password: string; token: string }>();
  private readonly denials: { permission: Permission; namespace?: string }[] = [];
  private readonly materializationFailures = new Map<string, string[]>();
  /** When false, every route is open, as on a server without SECRET. Turned on by the auth helpers. */
  authRequired = false;
  /** The server's own GitHub credentials: without them sync-from-git is 503 and PATCH skips the remote check. */
  githubConfigured = true;
  /**
   * DJ's query service (`GET /data/`): undefined answers 500 as a server without one does; else
   * each metric's value by full name, or the errors of a query that fails (HTTP 200, FAILED).
   */
  queryService?: { values: Map<string, number>; failures?: Map<string, string> };
  /** SQLite-backed servers drop the offset of `last_updated_at`. */
  timestampsWithOffset = true;
  /** Real git content (see {@link useGit}); otherwise branches, heads and YAML are set by hand. */
  private git?: { repo: GitRepo; yamlAt: (sha: string) => YamlNode[] };
  /** The demo's impact analysis (`export/spec`, `POST /deployments/impact`, polls): emulators/dj-impact.ts. Off: those routes are missing, as on a server without them. */
  impactAnalysis = false;
  private readonly analyses = new Map<string, Record<string, unknown>>();

  /**
   * Reads the remote from a real git repository, as the real server reads GitHub: branches and
   * heads from its refs, the definitions at a commit from `yamlAt`; creating and deleting git
   * branches through DJ changes its refs.
   */
  useGit(repo: GitRepo, yamlAt: (sha: string) => YamlNode[]): void {
    this.git = { repo, yamlAt };
  }

  private hasRemote(branch: string): boolean {
    return this.git ? this.git.repo.head(branch) !== undefined : this.remoteBranches.has(branch);
  }

  private definitionsOf(branch: string): YamlNode[] | undefined {
    if (!this.git) return this.yaml.get(branch);
    const head = this.git.repo.head(branch);
    return head ? this.git.yamlAt(head) : undefined;
  }

  /** Creates git branch `name` at the head of `from` (POST /branches' GitHub half). */
  private createRemote(name: string, from: string): void {
    if (this.git) {
      this.git.repo.createBranch(name, this.git.repo.head(from)!);
      return;
    }
    this.remoteBranches.add(name);
    this.heads.set(name, this.head(from));
    const yaml = this.yaml.get(from);
    if (yaml)
      this.yaml.set(
        name,
        yaml.map(y => ({ ...y })),
      );
  }

  private deleteRemote(name: string): void {
    if (this.git) this.git.repo.deleteBranch(name);
    else this.remoteBranches.delete(name);
  }

  // ---- helpers for tests ------------------------------------------------------------------

  /** A git root with its default-branch namespace (linked, holding `nodes`) and the default git branch. */
  seedRoot(root: string, options: { repo: string; defaultBranch?: string; gitPath?: string; nodes?: SeedNode[]; gitOnly?: boolean }): void {
    const defaultBranch = options.defaultBranch ?? 'main';
    this.seedNamespace(root, {
      github_repo_path: options.repo,
      git_path: options.gitPath ?? 'nodes/',
      default_branch: defaultBranch,
      git_only: options.gitOnly ?? false,
    });
    const nodes = options.nodes ?? [];
    this.seedNamespace(`${root}.${slug(defaultBranch)}`, { git_branch: defaultBranch, parent_namespace: root, nodes });
    this.remoteBranches.add(defaultBranch);
    this.yaml.set(
      defaultBranch,
      nodes.map(n => ({ name: n.name, type: n.type, query: n.query, status: n.status === 'invalid' ? 'invalid' : undefined })),
    );
  }

  /** Any namespace row, stored exactly as given (no validation). */
  seedNamespace(name: string, fields: Partial<Omit<EmuNamespace, 'name' | 'nodes'>> & { nodes?: SeedNode[] } = {}): void {
    const row: EmuNamespace = {
      name,
      github_repo_path: fields.github_repo_path ?? null,
      git_branch: fields.git_branch ?? null,
      git_path: fields.git_path ?? null,
      default_branch: fields.default_branch ?? null,
      parent_namespace: fields.parent_namespace ?? null,
      git_only: fields.git_only ?? false,
      nodes: new Map(),
    };
    for (const n of fields.nodes ?? []) {
      row.nodes.set(n.name, {
        name: n.name,
        type: n.type ?? 'metric',
        status: n.status ?? 'valid',
        query: n.query ?? '',
        version: 1,
        updatedAt: n.updatedAt ?? new Date().toISOString(),
      });
    }
    this.namespaces.set(name, row);
  }

  /** The git branches that exist on the remote. */
  setGitBranches(branches: string[]): void {
    this.remoteBranches.clear();
    for (const b of branches) this.remoteBranches.add(b);
  }

  /** Adds one remote git branch. */
  addGitBranch(branch: string): void {
    this.remoteBranches.add(branch);
  }

  /** Remote git branches now. */
  gitBranches(): string[] {
    if (this.git) return this.git.repo.branches();
    return [...this.remoteBranches].sort();
  }

  /** The commit sync-from-git reports for `branch`. */
  setHead(branch: string, sha: string): void {
    this.heads.set(branch, sha);
  }

  /** Head of `branch`: set, or derived from its name. */
  head(branch: string): string {
    const fromGit = this.git?.repo.head(branch);
    if (fromGit) return fromGit;
    return this.heads.get(branch) ?? createHash('sha1').update(`head:${branch}`).digest('hex');
  }

  /** The YAML definitions at the head of `branch`. */
  setYaml(branch: string, nodes: YamlNode[]): void {
    this.yaml.set(branch, nodes);
  }

  /** A stored namespace (live object; tests read it), or undefined. */
  namespace(name: string): EmuNamespace | undefined {
    return this.namespaces.get(name);
  }

  /** All namespace names, sorted. */
  namespaceNames(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  /** Requires auth and accepts `token` as a Bearer token or `__dj` cookie. */
  addToken(token: string, username = 'ci'): void {
    this.authRequired = true;
    this.tokens.set(token, username);
  }

  /** Requires auth and adds a service account; returns the token its exchange yields. */
  addServiceAccount(clientId: string, clientSecret: string): string {
    const token = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..${randomBytes(12).toString('hex')}`;
    this.addToken(token, clientId);
    this.serviceAccounts.set(clientId, { secret: clientSecret, token });
    return token;
  }

  /** Requires auth and adds a basic-login user; returns the token put in its `__dj` cookie. */
  addUser(username: string, password: string): string {
    const token = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..${randomBytes(12).toString('hex')}`;
    this.addToken(token, username);
    this.users.set(username, { password, token });
    return token;
  }

  /** RBAC: deny `permission` on `namespace` (every namespace when omitted). */
  deny(permission: Permission, namespace?: string): void {
    this.denials.push({ permission, namespace });
  }

  /** Materializations DJ fails to stop when `namespace` is deleted. */
  setMaterializationFailures(namespace: string, nodes: string[]): void {
    this.materializationFailures.set(namespace, nodes);
  }

  // ---- routing -----------------------------------------------------------------------------

  protected handle(req: RecordedRequest): Reply {
    const s = req.segments;
    // These two sit on a plain APIRouter: any other spelling is FastAPI's slash redirect.
    if (s.length === 2 && s[0] === 'service-accounts' && s[1] === 'token') {
      if (req.rawPath !== '/service-accounts/token') return this.redirect('/service-accounts/token');
      return req.method === 'POST' ? this.serviceToken(req) : this.notAllowed();
    }
    if (s.length === 2 && s[0] === 'basic' && s[1] === 'login') {
      if (req.rawPath !== '/basic/login/') return this.redirect('/basic/login/');
      return req.method === 'POST' ? this.basicLogin(req) : this.notAllowed();
    }

    const auth = this.authenticate(req);
    if (typeof auth !== 'string') return auth;

    if (s.length === 1 && s[0] === 'whoami') return req.method === 'GET' ? this.whoami(auth) : this.notAllowed();
    if (this.impactAnalysis && s[0] === 'deployments') return this.impact(req);
    if (s.length === 3 && s[0] === 'sql' && s[1] === 'metrics' && s[2] === 'v3') return req.method === 'GET' ? this.metricSql(req) : this.notAllowed();
    if (s.length === 1 && s[0] === 'data') return req.method === 'GET' ? this.data(req) : this.notAllowed();
    if (s[0] !== 'namespaces' || s.length < 2) return { status: 404, json: { detail: 'Not Found' } };
    const ns = s[1]!;
    if (s.length === 2) return req.method === 'GET' ? this.listNodes(ns) : this.notAllowed();
    if (s.length === 3 && s[2] === 'git') {
      if (req.method === 'GET') return this.getGit(ns);
      if (req.method === 'PATCH') return this.patchGit(ns, req);
      return this.notAllowed();
    }
    if (s.length === 3 && s[2] === 'branches') {
      if (req.method === 'GET') return this.listBranches(ns);
      if (req.method === 'POST') return this.createBranch(ns, req);
      return this.notAllowed();
    }
    if (s.length === 4 && s[2] === 'branches') return req.method === 'DELETE' ? this.deleteBranch(ns, s[3]!, req) : this.notAllowed();
    if (s.length === 3 && s[2] === 'sync-from-git') return req.method === 'POST' ? this.syncFromGit(ns) : this.notAllowed();
    if (this.impactAnalysis) {
      if (s.length === 4 && s[2] === 'export' && s[3] === 'spec' && req.method === 'GET') return this.exportSpec(ns);
    }
    // No `export/spec`, no `POST /deployments/impact`, no `GET /deployments/{uuid}`: impact
    // analysis is the real server's (an emulation would be guesswork), so these answer as on a
    // server without them (FastAPI's 404), and the merge preview's "unavailable" path runs here.
    return { status: 404, json: { detail: 'Not Found' } };
  }

  /** `GET /namespaces/{ns}/export/spec`: the namespace's nodes, names and queries with `${prefix}`. */
  private exportSpec(ns: string): Reply {
    const row = this.namespaces.get(ns);
    if (!row) return this.missing(ns);
    const nodes = [...row.nodes.values()].map(n => ({ name: `\${prefix}${n.name}`, node_type: n.type, query: n.query }));
    return { status: 200, json: { namespace: ns, nodes, tags: [] } };
  }

  /** `POST /deployments/impact` (asynchronous, as on 0.0.272: 426 without `Prefer: respond-async`) and `GET /deployments/{uuid}`. */
  private impact(req: RecordedRequest): Reply {
    const s = req.segments;
    if (s.length === 2 && req.method === 'GET') {
      const done = this.analyses.get(s[1]!);
      return done ? { status: 200, json: done } : djError(404, `Deployment ${s[1]} not found`);
    }
    if (!(s.length === 2 && s[1] === 'impact' && req.method === 'POST')) return { status: 404, json: { detail: 'Not Found' } };
    if (!/respond-async/.test(String(req.headers.prefer ?? ''))) return djError(426, 'Impact analysis runs asynchronously: send Prefer: respond-async');
    const spec = (req.json ?? {}) as { namespace?: unknown; nodes?: unknown };
    const ns = typeof spec.namespace === 'string' ? spec.namespace : '';
    const row = this.namespaces.get(ns);
    if (!row || !Array.isArray(spec.nodes)) return fastApi422('missing', ['body', 'namespace'], 'Field required', spec);
    const uuid = randomUUID();
    const { results, downstream_impacts } = analyseImpact(ns, row.nodes, spec.nodes as SpecNode[]);
    const base = { uuid, namespace: ns, results: [], downstream_impacts: [], warnings: [], created_at: null, created_by: null, source: null };
    this.analyses.set(uuid, { ...base, status: 'success', results, downstream_impacts });
    return { status: 202, json: { ...base, status: 'pending' } };
  }

  /** The metric node behind a full name, with its namespace. */
  private metricNode(full: string): { ns: string; node: EmuNode } | undefined {
    const at = full.lastIndexOf('.');
    const node = this.namespaces.get(full.slice(0, at))?.nodes.get(full.slice(at + 1));
    return node && node.type === 'metric' ? { ns: full.slice(0, at), node } : undefined;
  }

  /**
   * `GET /sql/metrics/v3/` as datajunction-server 0.0.272 answers it (reference "SQL and
   * values"): the metric's query over a CTE named after its parent with the namespace in the
   * name (`demo_metrics_main_completed_orders`), an aggregate alias with an 8-hex-digit suffix
   * that depends on the namespace, the dialect echoed; 422 for an unknown metric or dialect.
   */
  private metricSql(req: RecordedRequest): Reply {
    const dialects = ['spark', 'trino', 'druid', 'postgres', 'clickhouse', 'duckdb', 'redshift', 'snowflake', 'sqlite', 'bigquery'];
    const dialect = req.query.get('dialect');
    if (dialect !== null && !dialects.includes(dialect)) {
      const expected = dialects
        .map(d => `'${d}'`)
        .join(', ')
        .replace(/, ('bigquery')$/, ' or $1');
      return { status: 422, json: { detail: [{ type: 'enum', loc: ['query', 'dialect'], msg: `Input should be ${expected}`, input: dialect, ctx: { expected } }] } };
    }
    const full = req.query.get('metrics') ?? '';
    const found = this.metricNode(full);
    if (!found) return djError(422, `Metric not found: ${full}`);
    const { ns, node } = found;
    const cte = (name: string) => `${ns.replace(/\./g, '_')}_${name}`;
    const parent = /FROM\s+(?:\$\{prefix\}|[\w.]*\.)?(\w+)/i.exec(node.query)?.[1] ?? 'source';
    const expr = (/SELECT\s+([\s\S]*?)\s+FROM/i.exec(node.query)?.[1] ?? 'COUNT(*)').trim();
    const hash = createHash('sha256').update(`${ns}.${node.name}`).digest('hex').slice(0, 8);
    const alias = `${node.name}_value_${hash}`;
    const sql = [
      `WITH ${cte(parent)} AS (`,
      '  SELECT',
      '    *',
      `  FROM default.shop.${parent}`,
      `), ${parent}_0 AS (`,
      '  SELECT',
      `    ${expr.replace(/\$\{prefix\}/g, '')} AS ${alias}`,
      `  FROM ${cte(parent)} AS t1`,
      ')',
      'SELECT',
      `  ${parent}_0.${alias} AS ${node.name}`,
      `FROM ${parent}_0`,
    ].join('\n');
    return {
      status: 200,
      json: {
        sql,
        columns: [{ name: node.name, type: 'double', semantic_entity: full, semantic_type: 'metric' }],
        dialect: dialect ?? 'spark',
        cube_name: null,
        scan_estimate: null,
        warnings: [],
      },
    };
  }

  /**
   * `GET /data/` as datajunction-server 0.0.272 answers it: a bare 500 without a query service
   * (or an engine on the catalog); HTTP 200 with `state: FAILED` and `errors` for a query that
   * fails; otherwise a finished QueryWithResults whose one result has the metric's column.
   */
  private data(req: RecordedRequest): Reply {
    if (!this.queryService) return { status: 500, json: { detail: 'Internal Server Error' } };
    const full = req.query.get('metrics') ?? '';
    const found = this.metricNode(full);
    if (!found) return djError(422, `Metric not found: ${full}`);
    const base = {
      id: randomUUID(),
      engine_name: 'duckdb',
      engine_version: '0.8.1',
      submitted_query: '',
      executed_query: '',
      output_table: null,
      next: null,
      previous: null,
      links: null,
    };
    const failure = this.queryService.failures?.get(full);
    if (failure) return { status: 200, json: { ...base, state: 'FAILED', progress: 0, results: [], errors: [failure] } };
    const value = this.queryService.values.get(full) ?? null;
    return {
      status: 200,
      json: {
        ...base,
        state: 'FINISHED',
        progress: 1,
        results: [{ sql: '', columns: [{ name: found.node.name, semantic_name: full, type: 'double', semantic_type: 'metric' }], rows: [[value]], row_count: 1 }],
        errors: [],
      },
    };
  }

  private redirect(location: string): Reply {
    return { status: 307, headers: { location } };
  }

  private notAllowed(): Reply {
    return { status: 405, json: { detail: 'Method Not Allowed' } };
  }

  // ---- auth --------------------------------------------------------------------------------

  /** The username, or the reply that refuses the request (reference §3.1, §3.4). */
  private authenticate(req: RecordedRequest): string | Reply {
    if (!this.authRequired) return 'anonymous';
    const cookie = /(?:^|;\s*)__dj=([^;]+)/.exec(String(req.headers.cookie ?? ''))?.[1];
    if (cookie) {
      // The cookie is read first: a bad cookie beats a good Bearer header.
      const user = this.tokens.get(decodeURIComponent(cookie));
      if (user) return user;
      return djError(401, 'Cannot decode authorization token', [{ code: 'AUTHENTICATION_ERROR', message: 'Cannot decode authorization token', debug: null, context: '' }], {
        'set-cookie': ['__dj=""; Max-Age=0; Path=/', '__djlif=""; Max-Age=0; Path=/'],
      });
    }
    const header = String(req.headers.authorization ?? '');
    if (!header) {
      return djError(403, 'Not authenticated', [{ code: 'AUTHENTICATION_ERROR', message: 'Not authenticated', debug: null, context: '' }]);
    }
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) {
      return djError(403, 'Invalid authentication credentials', [{ code: 'AUTHENTICATION_ERROR', message: 'Invalid authentication credentials', debug: null, context: '' }]);
    }
    const user = this.tokens.get(m[1]!.trim());
    // decode_token is not wrapped: a token that does not decrypt escapes as a bare 500.
    return user ?? { status: 500, json: { detail: 'Internal Server Error' } };
  }

  private serviceToken(req: RecordedRequest): Reply {
    const clientId = req.form?.get('client_id');
    const secret = req.form?.get('client_secret');
    if (!clientId || !secret) return fastApi422('missing', ['body', !clientId ? 'client_id' : 'client_secret'], 'Field required', null);
    const account = this.serviceAccounts.get(clientId);
    if (!account || account.secret !== secret) {
      const message = 'Invalid service account credentials';
      return djError(401, message, [{ code: 'INVALID_LOGIN_CREDENTIALS', message, debug: null, context: '' }]);
    }
    return { status: 200, json: { token: account.token, token_type: 'bearer', expires_in: 2592000 } };
  }

  private basicLogin(req: RecordedRequest): Reply {
    const username = req.form?.get('username');
    const password = req.form?.get('password');
    if (!username || !password) return fastApi422('missing', ['body', !username ? 'username' : 'password'], 'Field required', null);
    const user = this.users.get(username);
    if (!user) {
      const message = `User ${username} not found`;
      return djError(401, message, [{ code: 'USER_NOT_FOUND', message, debug: null, context: '' }]);
    }
    if (user.password !== password) {
      const message = `Invalid password for user ${username}`;
      return djError(401, message, [{ code: 'INVALID_LOGIN_CREDENTIALS', message, debug: null, context: '' }]);
    }
    return {
      status: 200,
      json: { message: 'Logged in successfully' },
      headers: { 'set-cookie': [`__dj=${user.token}; HttpOnly; Path=/; SameSite=lax`, '__djlif=true; Path=/; SameSite=lax'] },
    };
  }

  private whoami(username: string): Reply {
    return {
      status: 200,
      json: { id: 7, username, email: null, name: null, oauth_provider: 'basic', is_admin: false, last_viewed_notifications_at: null },
    };
  }

  /** An RBAC denial for any of `namespaces`, or undefined. */
  private denied(permission: Permission, ...namespaces: string[]): Reply | undefined {
    const hit = namespaces.filter(ns => this.denials.some(d => d.permission === permission && (d.namespace === undefined || d.namespace === ns)));
    return hit.length ? djError(403, `Access denied to ${hit.length} resource(s): ${hit.join(', ')}`) : undefined;
  }

  // ---- namespaces --------------------------------------------------------------------------

  private missing(ns: string): Reply {
    return djError(404, `node namespace \`${ns}\` does not exist.`);
  }

  /** The namespace that owns the repo link for `ns`: itself, its parent chain, then string ancestors. */
  private repoOwner(ns: string): EmuNamespace | undefined {
    const seen = new Set<string>();
    let row = this.namespaces.get(ns);
    while (row && !seen.has(row.name)) {
      if (row.github_repo_path) return row;
      seen.add(row.name);
      row = row.parent_namespace ? this.namespaces.get(row.parent_namespace) : undefined;
    }
    const parts = ns.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
      const ancestor = this.namespaces.get(parts.slice(0, i).join('.'));
      if (ancestor?.github_repo_path) return ancestor;
    }
    return undefined;
  }

  private cascadedGitOnly(ns: string): boolean {
    const parts = ns.split('.');
    for (let i = parts.length; i > 0; i--) if (this.namespaces.get(parts.slice(0, i).join('.'))?.git_only) return true;
    const parent = this.namespaces.get(ns)?.parent_namespace;
    return parent ? Boolean(this.namespaces.get(parent)?.git_only) : false;
  }

  private resolved(ns: string): Record<string, unknown> {
    const row = this.namespaces.get(ns)!;
    const owner = this.repoOwner(ns);
    return {
      github_repo_path: owner?.github_repo_path ?? null,
      git_branch: row.git_branch,
      git_path: owner?.git_path ?? null,
      default_branch: row.default_branch,
      parent_namespace: row.parent_namespace,
      git_only: this.cascadedGitOnly(ns),
      branch_namespace: row.git_branch ? ns : null,
      git_root_namespace: owner ? owner.name : null,
    };
  }

  private getGit(ns: string): Reply {
    const denied = this.denied('READ', ns);
    if (denied) return denied;
    if (!this.namespaces.has(ns)) return this.missing(ns);
    return { status: 200, json: this.resolved(ns) };
  }

  private patchGit(ns: string, req: RecordedRequest): Reply {
    const denied = this.denied('MANAGE', ns);
    if (denied) return denied;
    const body = req.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return fastApi422('model_attributes_type', ['body'], 'Input should be a valid dictionary or object to extract fields from', body ?? null);
    }
    const patch = body as Record<string, unknown>;
    // Committed before any validation runs: a rejected PATCH leaves this empty row behind.
    if (!this.namespaces.has(ns)) this.seedNamespace(ns);
    const row = this.namespaces.get(ns)!;

    const gitPath = patch.git_path;
    if (typeof gitPath === 'string' && (gitPath.includes('..') || gitPath.startsWith('/'))) {
      return djError(422, `Invalid git_path '${gitPath}': it must be a relative path without '..'.`);
    }
    const parent = typeof patch.parent_namespace === 'string' ? patch.parent_namespace : null;
    if (parent && (patch.github_repo_path || patch.git_path)) {
      return djError(422, 'Cannot set github_repo_path on a branch namespace. Branch namespaces inherit git configuration from their parent.');
    }
    if (parent) {
      if (parent === ns) return djError(422, `Namespace '${ns}' cannot be its own parent.`);
      if (!this.namespaces.has(parent)) return djError(422, `Parent namespace '${parent}' does not exist.`);
    }
    const newBranch = typeof patch.git_branch === 'string' ? patch.git_branch : null;
    if (newBranch !== null && newBranch !== row.git_branch) {
      const effectiveParent = parent ?? row.parent_namespace;
      const defaultBranch = (effectiveParent ? this.namespaces.get(effectiveParent)?.default_branch : null) ?? row.default_branch;
      if (row.git_branch && defaultBranch && row.git_branch === defaultBranch) {
        return djError(
          422,
          `'${ns}' is pinned to the default branch '${defaultBranch}' and its git branch cannot be repointed here. Use Create Branch to make a new branch namespace instead of changing the default branch.`,
        );
      }
      const repo =
        row.github_repo_path ??
        (typeof patch.github_repo_path === 'string' ? patch.github_repo_path : null) ??
        (effectiveParent ? this.repoOwner(effectiveParent)?.github_repo_path : null) ??
        null;
      if (this.githubConfigured && repo && !this.hasRemote(newBranch)) {
        return djError(422, `Branch '${newBranch}' does not exist in '${repo}'. Create the branch on the remote (or use Create Branch) before pointing this namespace at it.`);
      }
    }
    for (const field of ['github_repo_path', 'git_branch', 'git_path', 'default_branch', 'parent_namespace'] as const) {
      const value = patch[field];
      if (typeof value === 'string') row[field] = value;
    }
    if (typeof patch.git_only === 'boolean') row.git_only = patch.git_only;
    return { status: 200, json: { ...this.resolved(ns), branch_namespace: null, git_root_namespace: null } };
  }

  private listNodes(ns: string): Reply {
    const denied = this.denied('READ', ns);
    if (denied) return denied;
    if (!this.namespaces.has(ns)) return this.missing(ns);
    const nodes = [...this.namespaces.values()]
      .filter(r => r.name === ns || r.name.startsWith(`${ns}.`))
      .flatMap(r => [...r.nodes.values()].map(n => ({ name: `${r.name}.${n.name}`, type: n.type, status: n.status, version: `v${n.version}.0`, updated_at: n.updatedAt })));
    return { status: 200, json: nodes };
  }

  // ---- branches ----------------------------------------------------------------------------

  private timestamp(iso: string): string {
    // pydantic renders microseconds; SQLite loses the offset.
    const micro = `${iso.slice(0, 23)}000`;
    return this.timestampsWithOffset ? `${micro}Z` : micro;
  }

  private branchInfo(row: EmuNamespace, repo: string): Record<string, unknown> {
    const rows = [...this.namespaces.values()].filter(r => r.name === row.name || r.name.startsWith(`${row.name}.`));
    const nodes = rows.flatMap(r => [...r.nodes.values()]);
    const newest = nodes
      .map(n => n.updatedAt)
      .sort()
      .at(-1);
    return {
      namespace: row.name,
      git_branch: row.git_branch ?? '',
      parent_namespace: row.parent_namespace ?? '',
      github_repo_path: repo,
      num_nodes: nodes.length,
      invalid_node_count: nodes.filter(n => n.status === 'invalid').length,
      git_only: row.git_only,
      last_updated_at: newest ? this.timestamp(newest) : null,
    };
  }

  private listBranches(ns: string): Reply {
    const denied = this.denied('READ', ns);
    if (denied) return denied;
    const row = this.namespaces.get(ns);
    if (!row) return this.missing(ns);
    const repo = this.repoOwner(ns)?.github_repo_path;
    if (!repo) return { status: 200, json: [] };
    const rows = [...this.namespaces.values()].filter(r => (row.parent_namespace ? r.parent_namespace === row.parent_namespace && r.name !== ns : r.parent_namespace === ns));
    rows.sort((a, b) => {
      const aDefault = row.default_branch !== null && a.git_branch === row.default_branch;
      const bDefault = row.default_branch !== null && b.git_branch === row.default_branch;
      if (aDefault !== bDefault) return aDefault ? -1 : 1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    return { status: 200, json: rows.map(r => this.branchInfo(r, repo)) };
  }

  private createBranch(ns: string, req: RecordedRequest): Reply {
    const body = req.json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.branch_name !== 'string') {
      return fastApi422('missing', ['body', 'branch_name'], 'Field required', body ?? {});
    }
    const denied = this.denied('WRITE', ns);
    if (denied) return denied;
    const urlRow = this.namespaces.get(ns);
    if (!urlRow) return this.missing(ns);
    const repo = this.repoOwner(ns)?.github_repo_path;
    if (!repo) {
      return djError(422, `Namespace '${ns}' does not have git configured. Set github_repo_path on this namespace or a parent namespace.`);
    }
    const fromRoot = !urlRow.git_branch;
    if (fromRoot && !urlRow.default_branch) {
      return djError(422, `Namespace '${ns}' is a git root but has no default_branch configured. Set default_branch before creating branches.`);
    }
    const name = body.branch_name.trim();
    if (!name) return djError(422, 'Branch name cannot be empty.');
    const parts = ns.split('.');
    const childForm = fromRoot || parts.length === 1;
    const parent = childForm ? ns : parts.slice(0, -1).join('.');
    const newNs = `${parent}.${slug(name)}`;
    if (this.namespaces.has(newNs)) return djError(409, `Namespace '${newNs}' already exists.`);
    const fromBranch = fromRoot ? urlRow.default_branch! : urlRow.git_branch!;
    const source = fromRoot ? `${ns}.${slug(fromBranch)}` : ns;

    // The two server tasks run together; each can fail on its own (reference §7.5).
    const gitError = !this.githubConfigured
      ? 'GitHub authentication not configured.'
      : this.hasRemote(name)
        ? `GitHub create branch ${name} failed: Reference already exists`
        : undefined;
    let nsError: string | undefined;
    const sourceRow = this.namespaces.get(source);
    if (!sourceRow) nsError = `node namespace \`${source}\` does not exist.`;
    else if (slug(name).includes('.')) nsError = `Namespace '${newNs}' is not a valid sibling of '${source}'.`;

    const results: Record<string, unknown>[] = [];
    if (!nsError) {
      this.seedNamespace(newNs, { git_branch: name, parent_namespace: parent });
      const row = this.namespaces.get(newNs)!;
      const now = new Date().toISOString();
      for (const n of sourceRow!.nodes.values()) {
        row.nodes.set(n.name, { ...n, version: 1, updatedAt: now });
        results.push({
          name: `${newNs}.${n.name}`,
          deploy_type: 'node',
          status: n.status === 'invalid' ? 'invalid' : 'success',
          operation: 'create',
          message: `Created ${n.type} (v1.0)`,
          changed_fields: [],
        });
      }
    }
    if (gitError && nsError) return djError(422, `Failed to create branch: Git error: ${gitError}, Namespace error: ${nsError}`);
    if (gitError) {
      this.namespaces.delete(newNs);
      return djError(422, `Failed to create git branch '${name}': ${gitError}`);
    }
    if (nsError) return djError(422, `Failed to create namespace '${newNs}': ${nsError}`);

    this.createRemote(name, fromBranch);
    return {
      status: 201,
      json: {
        branch: {
          namespace: newNs,
          git_branch: name,
          parent_namespace: ns,
          github_repo_path: repo,
          num_nodes: 0,
          invalid_node_count: 0,
          git_only: false,
          last_updated_at: null,
        },
        deployment_results: results,
      },
    };
  }

  private deleteBranch(ns: string, branchNs: string, req: RecordedRequest): Reply {
    const raw = req.query.get('delete_git_branch');
    const deleteGit = raw === null ? true : parseBool(raw);
    if (deleteGit === undefined) return fastApi422('bool_parsing', ['query', 'delete_git_branch'], 'Input should be a valid boolean, unable to interpret input', raw);
    const parentRow = this.namespaces.get(ns);
    if (!parentRow) return this.missing(ns);
    const row = this.namespaces.get(branchNs);
    if (!row) return this.missing(branchNs);
    const denied = this.denied('WRITE', ns, branchNs);
    if (denied) return denied;
    const directChild = row.parent_namespace === ns;
    const sibling = parentRow.parent_namespace !== null && row.parent_namespace === parentRow.parent_namespace;
    if (!directChild && !sibling) return djError(422, `Namespace '${branchNs}' is not a branch of '${ns}'.`);

    let gitBranchDeleted = false;
    if (deleteGit && row.git_branch && this.githubConfigured) {
      // GitHub's 422 for a missing ref counts as success.
      this.deleteRemote(row.git_branch);
      gitBranchDeleted = true;
    }
    const doomed = [...this.namespaces.values()].filter(r => r.name === branchNs || r.name.startsWith(`${branchNs}.`));
    const doomedNames = new Set(doomed.map(r => r.name));
    const nodesDeleted = doomed.reduce((sum, r) => sum + r.nodes.size, 0);
    for (const name of doomedNames) this.namespaces.delete(name);
    for (const r of this.namespaces.values()) if (r.parent_namespace && doomedNames.has(r.parent_namespace)) r.parent_namespace = null;
    const failures = this.materializationFailures.get(branchNs);
    return {
      status: 200,
      json: {
        message: `Branch namespace '${branchNs}' deleted`,
        nodes_deleted: nodesDeleted,
        git_branch_deleted: gitBranchDeleted,
        ...(failures?.length ? { materialization_failures: failures } : {}),
      },
    };
  }

  // ---- deploy ------------------------------------------------------------------------------

  private syncFromGit(ns: string): Reply {
    const denied = this.denied('WRITE', ns);
    if (denied) return denied;
    const row = this.namespaces.get(ns);
    if (!row) return this.missing(ns);
    const owner = this.repoOwner(ns);
    if (!owner?.github_repo_path) {
      return djError(422, `Namespace '${ns}' does not have github_repo_path configured. Configure git on this namespace or a parent namespace.`);
    }
    const repo = owner.github_repo_path;
    const branch = row.git_branch;
    if (!branch) {
      return djError(422, `Namespace '${ns}' does not have git_branch configured. Cannot sync from git without a branch to track.`);
    }
    if (!this.githubConfigured) {
      return djError(
        503,
        'GitHub authentication not configured. Set GITHUB_SERVICE_TOKEN for PAT auth, or set GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, and GITHUB_APP_INSTALLATION_ID for GitHub App auth.',
      );
    }
    if (!this.hasRemote(branch)) return djError(422, `Ref '${branch}' not found in repository '${repo}'`);
    const definitions = this.definitionsOf(branch) ?? [];
    if (!definitions.length) {
      return djError(422, `No node or hierarchy definitions found in repository '${repo}' at branch '${branch}' in path '${owner.git_path ?? ''}'`);
    }

    const full = (name: string) => (name.startsWith('${prefix}') ? `${ns}.${name.slice('${prefix}'.length)}` : name.startsWith(`${ns}.`) ? name : `${ns}.${name}`);
    const withPrefix = (text: string) => text.split('${prefix}').join(`${ns}.`);
    const unparsable = definitions.find(d => d.status === 'unparsable');
    if (unparsable) {
      // The real server parses every query before deploying anything: one bad query rejects it all.
      return djError(422, `Error parsing SQL \`${withPrefix(unparsable.query ?? '')}\`: ('Parse error 1:18:', "extraneous input '-' expecting ')'")`);
    }

    const now = new Date().toISOString();
    const results: Record<string, unknown>[] = [];
    const linkResults: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    const defined = new Set(definitions.map(d => full(d.name)));
    const links = (row.links ??= new Set());
    for (const def of definitions) {
      const name = full(def.name);
      const short = name.slice(ns.length + 1);
      seen.add(short);
      const existing = row.nodes.get(short);
      const type = def.type ?? existing?.type ?? 'metric';
      const query = def.query ?? '';
      const status = def.status ?? 'success';
      const result = (s: string, operation: string, message: string) =>
        results.push({ name, deploy_type: 'node', status: s, operation, message, changed_fields: operation === 'update' ? ['query'] : [] });
      // A link to a node that does not exist fails on every sync, and its node is updated again.
      let linkFailed = false;
      for (const target of (def.links ?? []).map(full)) {
        const key = `${name} -> ${target}`;
        if (!defined.has(target)) {
          linkFailed = true;
          linkResults.push({
            name: key,
            deploy_type: 'link',
            status: 'failed',
            operation: 'create',
            message: `A node with name \`${target}\` does not exist.`,
            changed_fields: [],
          });
        } else if (!links.has(key)) {
          links.add(key);
          linkResults.push({ name: key, deploy_type: 'link', status: 'success', operation: 'create', message: 'Join link successfully deployed', changed_fields: [] });
        }
      }
      if (status === 'failed') {
        result('failed', existing ? 'update' : 'create', def.message ?? `Failed to deploy ${name}`);
        continue;
      }
      const nodeStatus = status === 'invalid' ? 'invalid' : 'valid';
      const custom = def.message !== undefined && status !== 'invalid';
      if (existing && existing.query === query && existing.type === type && existing.status === nodeStatus && nodeStatus === 'valid' && !custom && !linkFailed) {
        result('skipped', 'noop', 'Unchanged');
        continue;
      }
      const version = existing ? existing.version + 1 : 1;
      row.nodes.set(short, { name: short, type, status: nodeStatus, query, version, updatedAt: now });
      const done = existing ? `Updated ${type} (v${version}.0)\n└─ Updated ${linkFailed ? 'dimension_links' : 'query'}` : `Created ${type} (v1.0)`;
      const message = status === 'invalid' && def.message?.startsWith('[invalid]') ? `${done.split('\n')[0]}\n${withPrefix(def.message)}` : (def.message ?? done);
      result(status, existing ? 'update' : 'create', message);
    }
    results.push(...linkResults);
    for (const short of [...row.nodes.keys()]) {
      if (seen.has(short)) continue;
      row.nodes.delete(short);
      results.push({ name: `${ns}.${short}`, deploy_type: 'node', status: 'success', operation: 'delete', message: `Node ${ns}.${short} has been removed.`, changed_fields: [] });
    }
    return {
      status: 200,
      json: {
        uuid: randomUUID(),
        namespace: ns,
        status: 'success',
        results,
        warnings: [],
        downstream_impacts: [],
        created_at: null,
        created_by: null,
        source: {
          type: 'git',
          repository: repo,
          branch,
          commit_sha: this.head(branch),
          commit_author_email: 'alice@example.com',
          commit_author_name: 'Alice Smith',
          ci_system: null,
          ci_run_url: null,
        },
      },
    };
  }
}
