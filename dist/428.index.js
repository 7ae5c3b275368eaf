export const id = 428;
export const ids = [428];
export const modules = {

/***/ 60:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   UU: () => (/* binding */ name),
/* harmony export */   dG: () => (/* binding */ checkAnswer),
/* harmony export */   fI: () => (/* binding */ problemText),
/* harmony export */   mv: () => (/* binding */ stringOrEmpty),
/* harmony export */   oi: () => (/* binding */ safeJson),
/* harmony export */   vJ: () => (/* binding */ nullableString)
/* harmony export */ });
/* unused harmony export kindOf */
/* harmony import */ var valibot__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(934);
/**
 * Every answer a server gives is checked against a schema (valibot) before anything reads it:
 * a missing, null or wrongly typed field, an empty body where data belongs, a count that is
 * not a number become one sentence naming the request and the field, never a TypeError later
 * and never a decision taken from an answer that says nothing. Object schemas keep only the
 * fields they name, so unknown keys (`__proto__`, `constructor`, deeply nested extras) never
 * travel further into the action.
 */

/** Checks `data` against `schema`; never throws. */
function checkAnswer(schema, data) {
    let result;
    try {
        result = valibot__WEBPACK_IMPORTED_MODULE_0__/* .safeParse */ .xLC(schema, data);
    }
    catch (err) {
        // A schema never throws on data; a stack overflow on absurd nesting is the one way it could.
        return { ok: false, problem: { field: '', problem: `the answer could not be read (${err instanceof Error ? err.message : String(err)})` } };
    }
    if (result.success)
        return { ok: true, value: result.output };
    const issue = result.issues[0];
    return { ok: false, problem: { field: valibot__WEBPACK_IMPORTED_MODULE_0__/* .getDotPath */ .BuJ(issue) ?? '', problem: describeIssue(issue, data) } };
}
/** "expected string, got null" for one valibot issue. */
function describeIssue(issue, data) {
    if (!issue.path?.length && (data === '' || data === undefined))
        return 'the answer is empty';
    if (issue.input === undefined && issue.path?.length)
        return 'it is missing';
    const expected = issue.kind === 'validation' ? issue.expected ?? issue.type : issue.expected;
    return `expected ${expected ?? issue.type}, got ${kindOf(issue.input)}`;
}
/** A short, safe description of a JSON value's kind (never the value itself: it may be large). */
function kindOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (value === '')
        return 'an empty string';
    if (typeof value === 'object')
        return 'an object';
    if (typeof value === 'string')
        return 'a string';
    if (typeof value === 'number' || typeof value === 'boolean')
        return `${typeof value} ${String(value)}`;
    return typeof value;
}
/** `field` of `problem` as one phrase: "field results.3.status: expected string, got null". */
function problemText(problem) {
    return problem.field ? `field '${problem.field}': ${problem.problem}` : problem.problem;
}
/** A count: a whole number, at least 0. */
const count = valibot__WEBPACK_IMPORTED_MODULE_0__/* .pipe */ .FsL(valibot__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), valibot__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .ndf(), valibot__WEBPACK_IMPORTED_MODULE_0__/* .minValue */ .Wwf(0));
/** A string, or null / missing read as null. */
const nullableString = valibot__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(valibot__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), null);
/** A string, with null / missing read as ''. */
const stringOrEmpty = valibot__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(valibot__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), '');
/** A non-empty string. */
const name = valibot__WEBPACK_IMPORTED_MODULE_0__/* .pipe */ .FsL(valibot__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), valibot__WEBPACK_IMPORTED_MODULE_0__/* .minLength */ .BpQ(1));
/**
 * JSON of `value` for a message, cut at `max` characters; never throws (deeply nested values
 * overflow JSON.stringify's stack, cycles cannot come from JSON but are caught too).
 */
function safeJson(value, max = 500) {
    try {
        const text = JSON.stringify(value) ?? String(value);
        return text.length > max ? `${text.slice(0, max)}…` : text;
    }
    catch {
        return '(an answer too deeply nested to show)';
    }
}


/***/ }),

/***/ 428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DJTarget: () => (/* binding */ DJTarget),
  createTarget: () => (/* binding */ createTarget),
  parseDjTimestamp: () => (/* binding */ parseDjTimestamp)
});

// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __webpack_require__(734);
// EXTERNAL MODULE: ./src/naming.ts
var naming = __webpack_require__(499);
// EXTERNAL MODULE: ./src/targets/target.ts
var target = __webpack_require__(425);
// EXTERNAL MODULE: ./src/schema.ts
var src_schema = __webpack_require__(60);
// EXTERNAL MODULE: ./node_modules/valibot/dist/index.mjs
var dist = __webpack_require__(934);
;// CONCATENATED MODULE: ./src/targets/dj/schemas.ts
/**
 * The shapes of DJ's answers (reference dj-api.md), as the DJ client accepts them. Typed
 * against the client's interfaces, so a schema and its interface cannot drift apart. Fields
 * the action does not read are dropped here.
 */


/**
 * `GET/PATCH /namespaces/{ns}/git`. The four fields that decide what a namespace is must be
 * present (null is an answer, absence is not): an empty object must never read as "unlinked".
 */
const namespaceGitConfig = dist/* object */.Ikc({
    github_repo_path: dist/* nullable */.mee(dist/* string */.YjP()),
    git_branch: dist/* nullable */.mee(dist/* string */.YjP()),
    git_path: src_schema/* nullableString */.vJ,
    default_branch: dist/* nullable */.mee(dist/* string */.YjP()),
    parent_namespace: dist/* nullable */.mee(dist/* string */.YjP()),
    git_only: dist/* nullish */.cl6(dist/* boolean */.zMY(), null),
    branch_namespace: src_schema/* nullableString */.vJ,
    git_root_namespace: src_schema/* nullableString */.vJ,
});
/** One row of `GET /namespaces/{ns}/branches`. */
const branchInfo = dist/* object */.Ikc({
    namespace: src_schema/* name */.UU,
    git_branch: src_schema/* stringOrEmpty */.mv,
    parent_namespace: src_schema/* stringOrEmpty */.mv,
    github_repo_path: src_schema/* stringOrEmpty */.mv,
    num_nodes: src_schema/* count */.U9,
    invalid_node_count: src_schema/* count */.U9,
    git_only: dist/* nullish */.cl6(dist/* boolean */.zMY(), false),
    last_updated_at: src_schema/* nullableString */.vJ,
});
const branchInfoList = dist/* array */.YOg(branchInfo);
/** One entry of a DJ error list. */
const djError = dist/* object */.Ikc({
    code: src_schema/* nullableString */.vJ,
    message: src_schema/* stringOrEmpty */.mv,
    context: dist/* optional */.lqM(dist/* string */.YjP()),
});
/** One deployment result. `status` is any string: a status DJ adds later is reported under its own name. */
const deploymentResult = dist/* object */.Ikc({
    name: src_schema/* name */.UU,
    deploy_type: src_schema/* stringOrEmpty */.mv,
    status: src_schema/* name */.UU,
    operation: src_schema/* stringOrEmpty */.mv,
    message: src_schema/* stringOrEmpty */.mv,
    changed_fields: dist/* optional */.lqM(dist/* array */.YOg(dist/* string */.YjP())),
});
const deploymentSource = dist/* object */.Ikc({
    type: src_schema/* stringOrEmpty */.mv,
    repository: src_schema/* nullableString */.vJ,
    branch: src_schema/* nullableString */.vJ,
    commit_sha: src_schema/* nullableString */.vJ,
    commit_author_email: src_schema/* nullableString */.vJ,
    commit_author_name: src_schema/* nullableString */.vJ,
    ci_system: src_schema/* nullableString */.vJ,
    ci_run_url: src_schema/* nullableString */.vJ,
});
/** `POST /namespaces/{ns}/sync-from-git`. */
const deploymentInfo = dist/* object */.Ikc({
    uuid: src_schema/* stringOrEmpty */.mv,
    namespace: src_schema/* stringOrEmpty */.mv,
    status: src_schema/* stringOrEmpty */.mv,
    results: dist/* array */.YOg(deploymentResult),
    warnings: dist/* optional */.lqM(dist/* array */.YOg(djError)),
    created_at: src_schema/* nullableString */.vJ,
    created_by: src_schema/* nullableString */.vJ,
    source: dist/* nullish */.cl6(deploymentSource, null),
});
/** `POST /namespaces/{ns}/branches` (201). */
const createBranchResult = dist/* object */.Ikc({
    branch: dist/* object */.Ikc({
        namespace: src_schema/* name */.UU,
        git_branch: src_schema/* stringOrEmpty */.mv,
        parent_namespace: src_schema/* stringOrEmpty */.mv,
        github_repo_path: src_schema/* stringOrEmpty */.mv,
        num_nodes: dist/* nullish */.cl6(src_schema/* count */.U9, 0),
        invalid_node_count: dist/* nullish */.cl6(src_schema/* count */.U9, 0),
        git_only: dist/* nullish */.cl6(dist/* boolean */.zMY(), false),
        last_updated_at: src_schema/* nullableString */.vJ,
    }),
    deployment_results: dist/* array */.YOg(deploymentResult),
});
/** `DELETE /namespaces/{ns}/branches/{branch_ns}`. */
const deleteBranchResult = dist/* object */.Ikc({
    message: src_schema/* stringOrEmpty */.mv,
    nodes_deleted: src_schema/* count */.U9,
    git_branch_deleted: dist/* boolean */.zMY(),
    materialization_failures: dist/* optional */.lqM(dist/* array */.YOg(dist/* string */.YjP())),
});
/** `GET /namespaces/{ns}/`: only the names are read. */
const namespaceNodes = dist/* array */.YOg(dist/* object */.Ikc({ name: src_schema/* name */.UU }));
/** `GET /whoami/`. */
const djUser = dist/* object */.Ikc({
    id: dist/* number */.aig(),
    username: src_schema/* name */.UU,
    email: src_schema/* nullableString */.vJ,
    name: src_schema/* nullableString */.vJ,
    oauth_provider: src_schema/* stringOrEmpty */.mv,
    is_admin: dist/* nullish */.cl6(dist/* boolean */.zMY(), false),
});
/** `POST /service-accounts/token`. */
const serviceToken = dist/* object */.Ikc({ token: src_schema/* name */.UU });

;// CONCATENATED MODULE: ./src/targets/dj/client.ts



/** Any failed DJ request. */
class DJClientError extends Error {
    name = 'DJClientError';
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
        const { status, method, path, serverMessage, errors, body, field } = this;
        const stop = /[.!?]$/.test(this.message) ? '' : '.';
        return new DJClientError({ status, method, path, serverMessage, errors, body, field, message: `${this.message}${stop} ${note}` });
    }
}
const SERVICE_TOKEN_PATH = '/service-accounts/token';
/** Exact spelling: this route sits on a plain router, any other spelling gets a 307. */
const BASIC_LOGIN_PATH = '/basic/login/';
const CREDENTIAL_INPUTS = "'dj-token', or 'dj-client-id' and 'dj-client-secret', or 'dj-username' and 'dj-password'";
function asRecord(value) {
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/** The server's message and error list from any of DJ's body shapes. */
function decodeBody(err) {
    const body = asRecord(err.body);
    const rawErrors = Array.isArray(body?.errors) ? body.errors : [];
    let errors = rawErrors.map(e => {
        const r = asRecord(e) ?? {};
        return {
            code: typeof r.code === 'string' ? r.code : null,
            message: typeof r.message === 'string' ? r.message : (0,src_schema/* safeJson */.oi)(e),
            debug: r.debug,
            context: typeof r.context === 'string' ? r.context : undefined,
        };
    });
    let serverMessage = err.serverMessage;
    if (typeof body?.message === 'string' && body.message)
        serverMessage = body.message;
    else if (Array.isArray(body?.detail)) {
        // FastAPI validation: say which field, not a JSON dump.
        errors = body.detail.map(d => {
            const r = asRecord(d) ?? {};
            const loc = Array.isArray(r.loc) ? r.loc.filter(l => typeof l === 'string' || typeof l === 'number').join('.') : '';
            const msg = typeof r.msg === 'string' ? r.msg : (0,src_schema/* safeJson */.oi)(d);
            return { code: typeof r.type === 'string' ? r.type : null, message: loc ? `${loc}: ${msg}` : msg };
        });
        serverMessage = errors.map(e => e.message).join('; ') || err.serverMessage;
    }
    else if (errors.length)
        serverMessage = errors.map(e => e.message).join('\n');
    return { serverMessage, errors };
}
/** The permission DJ checks for a request (reference §3.5). */
function permissionFor(method, requestPath) {
    const bare = requestPath.split('?')[0].replace(/\/+$/, '');
    if (method === 'PATCH' && bare.endsWith('/git'))
        return 'MANAGE';
    if (method === 'GET')
        return 'READ';
    if (bare.endsWith('/sync-from-git'))
        return 'WRITE (and DELETE on nodes the sync removes)';
    return 'WRITE';
}
/** What the user should do about a failure, or '' when the server's message says it all. */
function adviceFor(err, serverMessage, authenticated) {
    const bare = err.path.split('?')[0];
    if (err.kind === 'timeout') {
        return bare.endsWith('/sync-from-git') || bare.endsWith('/branches')
            ? "DJ deploys inside this request; raise 'timeout-seconds' if the namespace is large."
            : "Check 'dj-url' and that the DJ server is up, or raise 'timeout-seconds'.";
    }
    if (err.kind === 'network')
        return "Check 'dj-url' and that the DJ server is reachable from the runner.";
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
    if (err.status === 401)
        return `DJ rejected the credentials: check ${CREDENTIAL_INPUTS}.`;
    if (err.status === 403) {
        if (/^access denied/i.test(serverMessage)) {
            return `The DJ identity lacks ${permissionFor(err.method, err.path)} permission on this namespace: grant it through a DJ role.`;
        }
        return authenticated
            ? `DJ did not accept the credentials: check ${CREDENTIAL_INPUTS}.`
            : `DJ requires authentication: set ${CREDENTIAL_INPUTS}.`;
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
class DJClient {
    options;
    deps;
    http;
    auth;
    authenticated;
    constructor(options, deps) {
        this.options = options;
        this.deps = deps;
        this.authenticated = Boolean(options.token || (options.clientId && options.clientSecret) || (options.username && options.password));
        this.http = new http/* HttpClient */.Qq({
            baseUrl: options.url,
            timeoutMs: deps.http.timeoutMs,
            retries: deps.http.retries,
            onRetry: deps.http.onRetry,
            decodeError: err => this.toClientError(err),
            json: true,
        });
    }
    /** Creates a git branch and its namespace (`POST /namespaces/{ns}/branches`, 201). */
    async createBranch(namespace, branchName) {
        return this.send({ method: 'POST', path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches`, json: { branch_name: branchName } }, createBranchResult);
    }
    /** Branch namespaces of a git root (its children) or of a branch (its siblings); default branch first. */
    async listBranches(namespace) {
        return this.send({ method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches` }, branchInfoList);
    }
    /**
     * Hard-deletes `branchNamespace` and its nodes; by default also the git branch, as DJ does.
     * `delete_git_branch` is always sent, because the server's default is true. A 404 throws.
     */
    async deleteBranch(namespace, branchNamespace, deleteGitBranch = true) {
        return this.send({ method: 'DELETE', path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches/${branchNamespace}`, query: { delete_git_branch: deleteGitBranch } }, deleteBranchResult);
    }
    /** The resolved git config of a namespace, or null when the namespace does not exist. */
    async getGitConfig(namespace) {
        await this.authenticate();
        const req = { method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/git`, accept: [404] };
        const res = await this.http.request(req);
        // Only a 404 means "absent"; an empty or odd 200 is an error, never a missing namespace.
        return res.status === 404 ? null : this.checked(req, res.status, res.data, namespaceGitConfig);
    }
    /** Changes a namespace's git config; DJ creates the namespace first when it is missing. */
    async patchGitConfig(namespace, body) {
        return this.send({ method: 'PATCH', path: (0,http/* path */.Ae) `/namespaces/${namespace}/git`, json: body }, namespaceGitConfig);
    }
    /** Deploys the HEAD of the namespace's git branch, synchronously. */
    async syncFromGit(namespace) {
        // Resending is safe: the server deploys the branch head again and reports noops.
        return this.send({ method: 'POST', path: (0,http/* path */.Ae) `/namespaces/${namespace}/sync-from-git`, idempotent: true }, deploymentInfo);
    }
    /** Nodes in a namespace (`GET /namespaces/{ns}/`). */
    async listNamespaceNodes(namespace) {
        return this.send({ method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/` }, namespaceNodes);
    }
    /** The authenticated identity: a cheap pre-flight check of the credentials. */
    async whoami() {
        return this.send({ method: 'GET', path: '/whoami/' }, djUser);
    }
    async send(req, schema) {
        await this.authenticate();
        const res = await this.http.request(req);
        return this.checked(req, res.status, res.data, schema);
    }
    /** The answer as `schema` reads it, or a {@link DJClientError} naming the request and the field. */
    checked(req, status, data, schema) {
        const checked = (0,src_schema/* checkAnswer */.dG)(schema, data);
        if (checked.ok)
            return checked.value;
        throw this.protocolError(req.method, req.path.split('?')[0], status, `its answer cannot be used: ${(0,src_schema/* problemText */.fI)(checked.problem)}`, checked.problem.field);
    }
    /** Logs in once, however many requests wait for it; a failed login is retried by the next call. */
    authenticate() {
        this.auth ??= this.login().catch(err => {
            this.auth = undefined;
            throw err;
        });
        return this.auth;
    }
    async login() {
        const { token, clientId, clientSecret, username, password } = this.options;
        if (token)
            return this.useToken(token);
        if (clientId && clientSecret) {
            this.deps.log(`DJ: exchanging the service account's credentials for a token`);
            // Exchanging again after a lost answer only issues another token: safe to resend.
            const req = { method: 'POST', path: SERVICE_TOKEN_PATH, form: { client_id: clientId, client_secret: clientSecret }, idempotent: true };
            const res = await this.http.request(req);
            return this.useToken(this.checked(req, res.status, res.data, serviceToken).token);
        }
        if (username && password) {
            this.deps.log(`DJ: logging in as ${username}`);
            // Logging in again after a lost answer only sets another cookie: safe to resend.
            const res = await this.http.request({ method: 'POST', path: BASIC_LOGIN_PATH, form: { username, password }, idempotent: true });
            const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') ?? ''];
            const received = cookies.map(c => /(?:^|[;,]\s*)__dj=([^;,\s]+)/.exec(c)?.[1]).find(Boolean);
            if (!received)
                throw this.protocolError('POST', BASIC_LOGIN_PATH, res.status, 'the answer sets no __dj cookie');
            return this.useToken(decodeURIComponent(received));
        }
    }
    useToken(token) {
        this.deps.mask(token);
        this.http.setHeader('authorization', `Bearer ${token}`);
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
            message: `DJ ${method} ${requestPath} failed: ${serverMessage}. Check that 'dj-url' points at a DJ server.`,
        });
    }
    toClientError(err) {
        const { serverMessage, errors } = decodeBody(err);
        const advice = adviceFor(err, serverMessage, this.authenticated);
        const what = err.kind === 'http'
            ? `HTTP ${err.status}: ${serverMessage}`
            : `${err.kind === 'timeout' ? 'timed out' : 'network error'} (${serverMessage})${err.attempts > 1 ? ` after ${err.attempts} attempts` : ''}`;
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

// EXTERNAL MODULE: ./src/repository.ts
var repository = __webpack_require__(627);
;// CONCATENATED MODULE: ./src/targets/dj/target.ts
/**
 * DJ as a {@link BranchTarget}: link an existing git branch to its namespace, then let DJ
 * pull it (sync-from-git); refuse collisions instead of repointing; delete idempotently and
 * never the root or the default-branch namespace (dj-api.md §10–§11).
 */





/** DJ stores UTC; SQLite-backed servers drop the offset, so a bare timestamp is UTC too. */
function parseDjTimestamp(value) {
    if (!value)
        return null;
    const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
    const ms = Date.parse(withZone);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
function shortSha(sha) {
    return sha.slice(0, 12);
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** "12 nodes and 1 link" and, when there are any, "(2 created, 9 unchanged, 1 deleted)". */
function describeResults(results) {
    const nodes = results.filter(r => r.deploy_type === 'node').length;
    const links = results.filter(r => r.deploy_type === 'link').length;
    const others = results.length - nodes - links;
    const parts = [plural(nodes, 'node'), links ? plural(links, 'link') : '', others ? plural(others, 'other result') : ''].filter(Boolean);
    const ops = [['create', 'created'], ['update', 'updated'], ['noop', 'unchanged'], ['delete', 'deleted']];
    const counts = ops
        .map(([op, word]) => [results.filter(r => r.operation === op).length, word])
        .filter(([n]) => n > 0)
        .map(([n, word]) => `${n} ${word}`);
    return { what: parts.join(' and '), counts: counts.length ? ` (${counts.join(', ')})` : '' };
}
/** Who owns a namespace, for refusals: "git branch 'feature-x'" or "no git branch". */
function owner(config) {
    const branch = config.git_branch ? `git branch '${config.git_branch}'` : 'no git branch';
    return config.parent_namespace ? `${branch} under '${config.parent_namespace}'` : `${branch} and no parent namespace`;
}
/** DJ branch namespaces under one git root. */
class DJTarget {
    settings;
    client;
    deps;
    name = 'dj';
    /** The git root; starts as input 'namespace' and moves up once if that is a branch namespace. */
    root;
    constructor(settings, client, deps) {
        this.settings = settings;
        this.client = client;
        this.deps = deps;
        this.root = settings.dj.namespace;
    }
    /** The git config of each root asked about, once per run: every path needs it, and it does not change. */
    rootConfigs = new Map();
    rootConfig() {
        let config = this.rootConfigs.get(this.root);
        if (!config) {
            config = this.client.getGitConfig(this.root);
            // A failed look-up is asked again by the next caller, not remembered.
            config.catch(() => this.rootConfigs.delete(this.root));
            this.rootConfigs.set(this.root, config);
        }
        return config;
    }
    async repository() {
        for (;;) {
            const config = await this.rootConfig();
            if (this.adoptRootOf(config))
                continue;
            return this.requireRoot(config).repo;
        }
    }
    nameFor(gitBranch) {
        return (0,naming/* namespaceForBranch */.j_)(this.root, gitBranch);
    }
    async ensure(req) {
        const branch = req.gitBranch;
        const { ns, rootConfig, config: nsConfig } = await this.lookUp(branch);
        const root = this.requireRoot(rootConfig);
        const isDefault = branch === root.defaultBranch;
        let state = this.linkState(nsConfig, branch);
        if (state === 'unlinked')
            state = await this.reusableOrCollision(ns);
        if (state === 'collision')
            throw new target/* RefusedError */.fk(this.collisionMessage(ns, nsConfig, branch));
        const link = state !== 'linked';
        const what = isDefault ? 'the default-branch namespace' : 'namespace';
        const outcome = this.outcome(ns, branch, req.expectedSha);
        this.log(link ? `${what} ${ns} ${state === 'absent' ? 'does not exist' : 'is empty and unlinked'}: linking it` : `${what} ${ns} is already linked to ${branch}`);
        if (req.dryRun) {
            outcome.operation = 'planned';
            outcome.notes.push(link
                ? `Would link ${ns} to git branch ${branch}: PATCH ${(0,http/* path */.Ae) `/namespaces/${ns}/git`} ${JSON.stringify(this.linkBody(branch))}`
                : `${ns} is already linked to git branch ${branch}`);
            if (req.deploy)
                outcome.notes.push(`Would deploy git branch ${branch}: POST ${(0,http/* path */.Ae) `/namespaces/${ns}/sync-from-git`}`);
            return outcome;
        }
        if (link) {
            await this.link(ns, branch);
            outcome.notes.push(state === 'absent' ? `Linked ${ns} to git branch ${branch}` : `Linked ${ns} (an empty namespace left by an earlier failed link) to git branch ${branch}`);
        }
        else {
            outcome.notes.push(`${ns} is already linked to git branch ${branch}`);
        }
        if (req.deploy) {
            try {
                await this.sync(ns, branch, outcome);
            }
            catch (err) {
                if (link && err instanceof DJClientError && err.field === undefined) {
                    throw err.withNote(`${ns} is linked to git branch ${branch}; run the action again to deploy it.`);
                }
                if (link)
                    outcome.operation = 'created';
                throw err;
            }
        }
        outcome.operation = link ? 'created' : req.deploy ? 'updated' : 'unchanged';
        return outcome;
    }
    async deploy(req) {
        const branch = req.gitBranch;
        // The root's config is asked in parallel: it names the repository the run must be for.
        const { ns, rootConfig, config } = await this.lookUp(branch);
        this.requireRoot(rootConfig);
        const outcome = this.outcome(ns, branch, req.expectedSha);
        if (this.linkState(config, branch) !== 'linked') {
            const why = config
                ? `${ns} is not linked to git branch ${branch}: it has ${owner(config)}`
                : `No DJ namespace ${ns} exists for git branch ${branch}`;
            if (!req.skipWhenNotLinked) {
                throw new target/* RefusedError */.fk(`${why}. Nothing was deployed; create the branch namespace first (operation 'create').`);
            }
            this.log(`${why}: nothing to deploy`);
            outcome.operation = 'skipped';
            outcome.skipReason = 'not-linked';
            outcome.notes.push(`${why}; nothing was deployed`);
            return outcome;
        }
        if (req.dryRun) {
            outcome.operation = 'planned';
            outcome.notes.push(`Would deploy git branch ${branch}: POST ${(0,http/* path */.Ae) `/namespaces/${ns}/sync-from-git`}`);
            return outcome;
        }
        await this.sync(ns, branch, outcome);
        outcome.operation = 'updated';
        return outcome;
    }
    async remove(req) {
        const branch = req.gitBranch;
        let ns;
        if (req.known) {
            // An entry of list() from this run: listed by the root, so a direct child of it, with
            // isDefault computed from the root's default branch. Both guards hold without a look-up;
            // a namespace that vanished since is still caught by the DELETE's 404.
            ns = req.known.name;
            if (ns === this.root)
                throw new target/* RefusedError */.fk(`Refusing to delete ${ns}: it is the git root.`);
            if (req.known.isDefault) {
                throw new target/* RefusedError */.fk(`Refusing to delete ${ns}: it is the default-branch namespace (production), and the action never deletes it.`);
            }
            if (req.known.gitBranch !== branch) {
                throw new target/* RefusedError */.fk(`Refusing to delete ${ns}: it belongs to git branch '${req.known.gitBranch}', not '${branch}'. Nothing was changed.`);
            }
        }
        else {
            const found = await this.lookUp(branch);
            ns = found.ns;
            const { rootConfig, config } = found;
            const root = this.requireRoot(rootConfig);
            if (branch === root.defaultBranch || ns === root.defaultNamespace || (config && config.git_branch === root.defaultBranch)) {
                throw new target/* RefusedError */.fk(`Refusing to delete ${ns}: it is the default-branch namespace of ${this.root} (git branch '${root.defaultBranch}'), and the action never deletes it.`);
            }
            if (!config)
                return this.absent(ns, branch);
            if (config.git_branch !== branch || config.parent_namespace !== this.root) {
                throw new target/* RefusedError */.fk(`Refusing to delete ${ns}: it has ${owner(config)}, not git branch '${branch}' under '${this.root}'. Nothing was changed.`);
            }
        }
        const outcome = this.outcome(ns, branch);
        const request = `DELETE ${(0,http/* path */.Ae) `/namespaces/${this.root}/branches/${ns}`}?delete_git_branch=${req.deleteGitBranch}`;
        if (req.dryRun) {
            outcome.operation = 'planned';
            outcome.notes.push(`Would delete ${ns}${req.deleteGitBranch ? ` and git branch ${branch}` : ''}: ${request}`);
            return outcome;
        }
        this.log(`deleting ${ns}${req.deleteGitBranch ? ` and git branch ${branch}` : ' (git branch kept)'}`);
        let result;
        try {
            result = await this.client.deleteBranch(this.root, ns, req.deleteGitBranch);
        }
        catch (err) {
            if (err instanceof DJClientError && err.status === 404)
                return this.absent(ns, branch);
            throw this.actedButAnswerUnusable(err, outcome, 'deleted', `DJ deleted ${ns}, but what it answered cannot be used, so the number of nodes deleted is unknown`);
        }
        outcome.operation = 'deleted';
        outcome.nodesDeleted = result.nodes_deleted;
        outcome.notes.push(`Deleted ${ns} (${plural(result.nodes_deleted, 'node')})`);
        if (req.deleteGitBranch) {
            outcome.notes.push(result.git_branch_deleted ? `DJ deleted git branch ${branch}` : `DJ could not delete git branch ${branch}; delete it on GitHub`);
        }
        if (result.materialization_failures?.length) {
            outcome.notes.push(`DJ could not stop the materializations of ${result.materialization_failures.join(', ')}`);
        }
        return outcome;
    }
    async createWithGitBranch(req) {
        const branch = req.gitBranch;
        // The root's repository is where DJ would create the git branch: it must be the run's.
        await this.repository();
        const ns = this.nameFor(branch);
        const outcome = this.outcome(ns, branch);
        if (req.dryRun) {
            const { rootConfig, config, ns: resolved } = await this.lookUp(branch);
            outcome.name = resolved;
            outcome.url = this.outcome(resolved, branch).url;
            const root = this.requireRoot(rootConfig);
            const state = this.linkState(config, branch);
            if (state === 'collision' || state === 'unlinked')
                throw new target/* RefusedError */.fk(this.collisionMessage(ns, config, branch));
            outcome.operation = 'planned';
            outcome.notes.push(state === 'linked'
                ? `${ns} already exists and is linked to git branch ${branch}`
                : `Would create git branch ${branch} from ${root.defaultBranch} and namespace ${ns}: POST ${(0,http/* path */.Ae) `/namespaces/${this.root}/branches`} ${JSON.stringify({ branch_name: branch })}`);
            return outcome;
        }
        this.log(`creating git branch ${branch} and namespace ${ns} through DJ`);
        try {
            const created = await this.client.createBranch(this.root, branch);
            // DJ names it (a sibling when input 'namespace' is a branch namespace): report its name.
            if (created.branch?.namespace && created.branch.namespace !== ns) {
                outcome.name = created.branch.namespace;
                outcome.url = this.outcome(created.branch.namespace, branch).url;
            }
            outcome.operation = 'created';
            outcome.results = created.deployment_results;
            const copied = describeResults(created.deployment_results);
            outcome.notes.push(`Created git branch ${branch} and namespace ${ns}; DJ copied ${copied.what}${copied.counts}`);
            return outcome;
        }
        catch (err) {
            if (!(err instanceof DJClientError))
                throw err;
            if (err.field !== undefined) {
                throw this.actedButAnswerUnusable(err, outcome, 'created', `DJ created git branch ${branch} and ${ns}, but what it answered cannot be used, so what it copied is unknown; look at the namespace in DJ`);
            }
            if (err.status === 409) {
                const config = await this.client.getGitConfig(ns);
                const state = this.linkState(config, branch);
                if (state === 'absent')
                    throw err;
                if (state !== 'linked')
                    throw new target/* RefusedError */.fk(this.collisionMessage(ns, config, branch));
                outcome.operation = 'unchanged';
                outcome.notes.push(`${ns} already exists and is linked to git branch ${branch}`);
                return outcome;
            }
            if (err.status === 422 && /reference already exists/i.test(err.serverMessage)) {
                // The git branch exists after all (created since the look-up): link it instead;
                // DJ has already removed the namespace it made for the failed attempt.
                this.log(`git branch ${branch} already exists: linking it instead`);
                const linked = await this.ensure({ gitBranch: branch, deploy: this.settings.deploy, dryRun: false });
                linked.notes.unshift(`Git branch ${branch} already exists, so it was linked rather than created`);
                return linked;
            }
            if (err.status === 0 || err.status === 502 || err.status === 504) {
                // Not resent: a POST that did act would fail the second time. Say what may exist now.
                throw err.withNote(`DJ may have created git branch ${branch} and ${ns} before the answer was lost; running the action again links them if so, or creates them if not.`);
            }
            throw err;
        }
    }
    async list() {
        const branches = await this.listOnce();
        return branches ?? (await this.listOnce());
    }
    /** One listing; undefined when input 'namespace' turned out to be a branch namespace (then list again from its root). */
    async listOnce() {
        this.log(`listing branch namespaces of ${this.root}`);
        // The root's config decides isDefault; a failed listing is reported after the root check,
        // whose message is the clearer one.
        const [rootConfig, listed] = await Promise.all([
            this.rootConfig(),
            this.client.listBranches(this.root).then(branches => ({ branches }), (error) => ({ error })),
        ]);
        if (this.adoptRootOf(rootConfig))
            return undefined;
        const root = this.requireRoot(rootConfig);
        if ('error' in listed)
            throw listed.error;
        return listed.branches.map(b => ({
            name: b.namespace,
            gitBranch: b.git_branch ?? '',
            isDefault: b.git_branch === root.defaultBranch || b.namespace === root.defaultNamespace,
            lastUpdatedAt: parseDjTimestamp(b.last_updated_at),
            nodes: b.num_nodes,
            invalidNodes: b.invalid_node_count,
            raw: b,
        }));
    }
    log(message) {
        this.deps.log(`DJ: ${message}`);
    }
    outcome(ns, gitBranch, expectedSha) {
        return {
            target: 'dj',
            operation: 'unchanged',
            name: ns,
            url: `${this.settings.dj.uiUrl}/namespaces/${encodeURIComponent(ns)}`,
            gitBranch,
            ...(expectedSha ? { expectedSha } : {}),
            results: [],
            notes: [],
        };
    }
    /**
     * `err` as it is, unless it says DJ answered 2xx with something unusable: then DJ acted, and
     * the error carries the outcome with `operation` and a note, so outputs and summary say so.
     */
    actedButAnswerUnusable(err, outcome, operation, note) {
        if (!(err instanceof DJClientError) || err.field === undefined)
            return err;
        outcome.operation = operation;
        outcome.notes.push(note);
        return (0,target/* withKnownOutcome */._4)(err, outcome);
    }
    absent(ns, gitBranch) {
        const outcome = this.outcome(ns, gitBranch);
        outcome.operation = 'absent';
        outcome.notes.push(`${ns} does not exist; nothing to delete`);
        this.log(`${ns} does not exist: nothing to delete`);
        return outcome;
    }
    linkBody(branch) {
        return { parent_namespace: this.root, git_branch: branch };
    }
    /** The root must own the repository and name a default branch (reference §7.1). */
    /**
     * The root's and the branch namespace's git configs, fetched in parallel. When input
     * 'namespace' is a branch namespace (`demo.main`, as DJ's branch API also takes it), DJ puts
     * new branches beside it, under its git root: the action then works against that root (the
     * names come out the same) and looks the namespace up again, one extra round trip that only
     * this configuration pays.
     */
    async lookUp(branch) {
        const ns = this.nameFor(branch);
        this.log(`checking git root ${this.root} and namespace ${ns}`);
        const [rootConfig, config] = await Promise.all([this.rootConfig(), this.client.getGitConfig(ns)]);
        if (!this.adoptRootOf(rootConfig))
            return { ns, rootConfig, config };
        return this.lookUp(branch);
    }
    /** Switches to the git root when input 'namespace' is a branch namespace of its string parent. */
    adoptRootOf(config) {
        if (!config?.git_branch || !config.parent_namespace)
            return false;
        const dot = this.root.lastIndexOf('.');
        if (dot === -1 || config.parent_namespace !== this.root.slice(0, dot))
            return false;
        this.log(`input 'namespace' ${this.root} is a branch namespace (git branch '${config.git_branch}'); working against its git root ${config.parent_namespace}, where DJ puts its sibling branches`);
        this.root = config.parent_namespace;
        return true;
    }
    requireRoot(config) {
        const root = this.root;
        const fix = `Set input 'namespace' to the DJ git root: the namespace that holds the repository link and the default branch.`;
        if (!config)
            throw new target/* InputError */.dz(`DJ namespace '${root}' (input 'namespace') does not exist on ${this.settings.dj.url}. ${fix}`);
        if (config.git_branch && config.parent_namespace) {
            throw new target/* InputError */.dz(`DJ namespace '${root}' (input 'namespace') is a branch namespace of git root '${config.parent_namespace}' (git branch '${config.git_branch}'); set input 'namespace' to '${config.parent_namespace}'.`);
        }
        if (!config.github_repo_path) {
            throw new target/* InputError */.dz(`DJ namespace '${root}' (input 'namespace') has no git repository configured. ${fix}`);
        }
        if (config.git_branch) {
            throw new target/* InputError */.dz(`DJ namespace '${root}' (input 'namespace') is bound to git branch '${config.git_branch}' itself, so it is not a git root. ${fix}`);
        }
        if (config.git_root_namespace && config.git_root_namespace !== root) {
            throw new target/* InputError */.dz(`DJ namespace '${root}' (input 'namespace') inherits its repository from git root '${config.git_root_namespace}'; set input 'namespace' to '${config.git_root_namespace}'.`);
        }
        if (!config.default_branch) {
            throw new target/* InputError */.dz(`DJ git root '${root}' has no default branch; set default_branch on it in DJ (e.g. 'main').`);
        }
        // Library users pass no event repository: nothing to compare with.
        const repo = (0,repository/* checkRepository */.n_)({
            root,
            repoPath: config.github_repo_path,
            event: this.deps.repository ?? null,
            allowOther: this.deps.repository === undefined || this.settings.allowOtherRepository,
        });
        return {
            repo,
            defaultBranch: config.default_branch,
            defaultNamespace: `${root}.${(0,naming/* djSuffix */.Gh)(config.default_branch)}`,
        };
    }
    /** "Already linked" means parent == root AND git_branch == B; anything else that exists is not ours. */
    linkState(config, branch) {
        if (!config)
            return 'absent';
        if (config.parent_namespace === this.root && config.git_branch === branch)
            return 'linked';
        if (!config.parent_namespace && !config.git_branch)
            return 'unlinked';
        return 'collision';
    }
    /**
     * A namespace with neither parent nor git branch is what a failed link leaves behind
     * (DJ creates it before validating, §7.2): reuse it when it holds no nodes.
     */
    async reusableOrCollision(ns) {
        const nodes = await this.client.listNamespaceNodes(ns);
        return nodes.length === 0 ? 'unlinked' : 'collision';
    }
    collisionMessage(ns, config, branch) {
        return (`DJ namespace ${ns} already exists with ${owner(config)}, so it cannot be used for git branch '${branch}' ` +
            `(git branch names that differ only in '-', '/' and '_' share one namespace). Nothing was changed. ` +
            `Rename one of the branches, or delete the other namespace if it is stale.`);
    }
    /** PATCH the link; when it fails, say honestly what DJ left behind (it creates the namespace first). */
    async link(ns, branch) {
        try {
            await this.client.patchGitConfig(ns, this.linkBody(branch));
        }
        catch (err) {
            // 401/403 are raised before DJ creates anything. Only absent or empty unlinked
            // namespaces get here, so whatever the PATCH left is ours to account for.
            if (!(err instanceof DJClientError) || err.status === 401 || err.status === 403)
                throw err;
            const after = await this.afterFailedLink(ns, branch, err);
            if (after === 'linked') {
                this.log(`the link request failed (${err.message}), but ${ns} is linked to ${branch}: continuing`);
                return;
            }
            throw after;
        }
    }
    /** Looks at what a failed link left: linked after all, nothing, or a namespace to remove. */
    async afterFailedLink(ns, branch, err) {
        const mayRemain = `DJ creates the namespace before validating a link, and its API cannot delete a namespace that is not a branch: an empty namespace ${ns} may remain (the next run reuses it).`;
        let config;
        try {
            config = await this.client.getGitConfig(ns);
        }
        catch {
            return err.withNote(mayRemain);
        }
        const state = this.linkState(config, branch);
        if (state === 'absent')
            return err;
        if (state === 'linked')
            return 'linked';
        if (config?.parent_namespace === this.root) {
            try {
                await this.client.deleteBranch(this.root, ns, false);
                return err.withNote(`The namespace ${ns} that DJ had created was deleted again.`);
            }
            catch {
                return err.withNote(mayRemain);
            }
        }
        return err.withNote(mayRemain);
    }
    async sync(ns, branch, outcome) {
        this.log(`deploying git branch ${branch} into ${ns} (sync-from-git runs the whole deployment; this can take a while)`);
        let info;
        try {
            info = await this.client.syncFromGit(ns);
        }
        catch (err) {
            throw this.actedButAnswerUnusable(err, outcome, 'updated', `DJ ran the deployment of ${branch} into ${ns}, but what it answered cannot be used, so its results are unknown; look at the namespace in DJ`);
        }
        outcome.results = info.results;
        const sha = info.source?.commit_sha ?? undefined;
        if (sha)
            outcome.deployedSha = sha;
        const deployed = describeResults(info.results);
        outcome.notes.push(`Deployed ${deployed.what}${sha ? ` from ${shortSha(sha)}` : ''}${deployed.counts}`);
        if (sha && outcome.expectedSha && sha !== outcome.expectedSha) {
            outcome.notes.push(`DJ deployed ${shortSha(sha)}, the head of ${branch} when it looked, not ${shortSha(outcome.expectedSha)}; the branch moved, and a later run deploys the newer commit`);
        }
        return info;
    }
}
/** The DJ target for `settings` (which must carry `settings.dj`). */
function createTarget(settings, deps) {
    const dj = settings.dj;
    if (!dj)
        throw new target/* InputError */.dz(`Target 'dj' needs inputs 'dj-url' and 'namespace'.`);
    const client = new DJClient({ url: dj.url, token: dj.token, clientId: dj.clientId, clientSecret: dj.clientSecret, username: dj.username, password: dj.password }, deps);
    return new DJTarget({ ...settings, dj }, client, deps);
}


/***/ })

};
