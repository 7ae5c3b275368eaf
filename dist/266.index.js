export const id = 266;
export const ids = [266];
export const modules = {

/***/ 266:
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
var http = __webpack_require__(353);
// EXTERNAL MODULE: ./src/naming.ts
var naming = __webpack_require__(499);
// EXTERNAL MODULE: ./src/targets/target.ts
var target = __webpack_require__(425);
;// CONCATENATED MODULE: ./src/targets/dj/client.ts
/**
 * The DataJunction HTTP API as this action needs it: the three branch lifecycle methods with
 * the DJ Python client's semantics, git config, sync-from-git, and the three ways CI can
 * authenticate. Importable on its own; every failure is a {@link DJClientError}.
 */

/** Any failed DJ request. */
class DJClientError extends Error {
    name = 'DJClientError';
    status;
    method;
    path;
    serverMessage;
    errors;
    body;
    constructor(init) {
        super(init.message);
        this.status = init.status;
        this.method = init.method;
        this.path = init.path;
        this.serverMessage = init.serverMessage;
        this.errors = init.errors;
        this.body = init.body;
    }
    /** The same error with a sentence appended to its message. */
    withNote(note) {
        const { status, method, path, serverMessage, errors, body } = this;
        const stop = /[.!?]$/.test(this.message) ? '' : '.';
        return new DJClientError({ status, method, path, serverMessage, errors, body, message: `${this.message}${stop} ${note}` });
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
            message: typeof r.message === 'string' ? r.message : JSON.stringify(e),
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
            const loc = Array.isArray(r.loc) ? r.loc.join('.') : '';
            const msg = typeof r.msg === 'string' ? r.msg : JSON.stringify(d);
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
        return this.send({ method: 'POST', path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches`, json: { branch_name: branchName } });
    }
    /** Branch namespaces of a git root (its children) or of a branch (its siblings); default branch first. */
    async listBranches(namespace) {
        return this.send({ method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches` });
    }
    /**
     * Hard-deletes `branchNamespace` and its nodes; by default also the git branch, as DJ does.
     * `delete_git_branch` is always sent, because the server's default is true. A 404 throws.
     */
    async deleteBranch(namespace, branchNamespace, deleteGitBranch = true) {
        return this.send({
            method: 'DELETE',
            path: (0,http/* path */.Ae) `/namespaces/${namespace}/branches/${branchNamespace}`,
            query: { delete_git_branch: deleteGitBranch },
        });
    }
    /** The resolved git config of a namespace, or null when the namespace does not exist. */
    async getGitConfig(namespace) {
        await this.authenticate();
        const res = await this.http.request({ method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/git`, accept: [404] });
        return res.status === 404 ? null : res.data;
    }
    /** Changes a namespace's git config; DJ creates the namespace first when it is missing. */
    async patchGitConfig(namespace, body) {
        return this.send({ method: 'PATCH', path: (0,http/* path */.Ae) `/namespaces/${namespace}/git`, json: body });
    }
    /** Deploys the HEAD of the namespace's git branch, synchronously. */
    async syncFromGit(namespace) {
        // Resending is safe: the server deploys the branch head again and reports noops.
        return this.send({ method: 'POST', path: (0,http/* path */.Ae) `/namespaces/${namespace}/sync-from-git`, idempotent: true });
    }
    /** Nodes in a namespace (`GET /namespaces/{ns}/`). */
    async listNamespaceNodes(namespace) {
        return this.send({ method: 'GET', path: (0,http/* path */.Ae) `/namespaces/${namespace}/` });
    }
    /** The authenticated identity: a cheap pre-flight check of the credentials. */
    async whoami() {
        return this.send({ method: 'GET', path: '/whoami/' });
    }
    async send(req) {
        await this.authenticate();
        return (await this.http.request(req)).data;
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
            const res = await this.http.request({
                method: 'POST',
                path: SERVICE_TOKEN_PATH,
                form: { client_id: clientId, client_secret: clientSecret },
                idempotent: true,
            });
            const received = res.data?.token;
            if (typeof received !== 'string' || !received) {
                throw this.protocolError('POST', SERVICE_TOKEN_PATH, res.status, 'the answer carries no token');
            }
            return this.useToken(received);
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
    protocolError(method, requestPath, status, what) {
        const serverMessage = `DJ answered HTTP ${status} but ${what}`;
        return new DJClientError({
            status,
            method,
            path: requestPath,
            serverMessage,
            errors: [],
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
    /** Whether the push path already asked what input 'namespace' is. */
    rootChecked = false;
    nameFor(gitBranch) {
        return (0,naming/* namespaceForBranch */.j_)(this.root, gitBranch);
    }
    urlFor(ns) {
        return `${this.settings.dj.uiUrl}/namespaces/${encodeURIComponent(ns)}`;
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
        const linking = req.dryRun ? 'it would be linked (dry run)' : 'linking it';
        this.log(link ? `${what} ${ns} ${state === 'absent' ? 'does not exist' : 'is empty and unlinked'}: ${linking}` : `${what} ${ns} is already linked to ${branch}`);
        if (req.dryRun) {
            outcome.notes.push(link
                ? `Would link ${ns} to git branch ${branch}: PATCH ${(0,http/* path */.Ae) `/namespaces/${ns}/git`} ${JSON.stringify(this.linkBody(branch))}`
                : `${ns} is already linked to git branch ${branch}`);
            if (req.deploy)
                outcome.notes.push(`Would deploy git branch ${branch}: POST ${(0,http/* path */.Ae) `/namespaces/${ns}/sync-from-git`}`);
            return { ...outcome, operation: 'planned', of: 'ensure' };
        }
        if (link) {
            await this.link(ns, branch);
            outcome.notes.push(state === 'absent' ? `Linked ${ns} to git branch ${branch}` : `Linked ${ns} (an empty namespace left by an earlier failed link) to git branch ${branch}`);
        }
        else {
            outcome.notes.push(`${ns} is already linked to git branch ${branch}`);
            // Only a namespace that already exists can already hold this commit.
            const held = req.deploy ? await this.alreadyDeployed(req.check, nsConfig, outcome) : undefined;
            if (held)
                return held;
        }
        if (req.deploy) {
            try {
                await this.sync(ns, branch, outcome);
            }
            catch (err) {
                if (link && err instanceof DJClientError) {
                    throw err.withNote(`${ns} is linked to git branch ${branch}; run the action again to deploy it.`);
                }
                throw err;
            }
        }
        if (link)
            return { ...outcome, operation: 'created' };
        return req.deploy ? { ...outcome, operation: 'updated' } : { ...outcome, operation: 'unchanged', why: 'linked' };
    }
    /** The unchanged outcome when the commit statuses say the namespace already holds the commit. */
    async alreadyDeployed(check, config, outcome) {
        const answer = check ? await check({ gitPath: config?.git_path }) : undefined;
        if (!answer || answer.deploy)
            return undefined;
        this.log(`${answer.note}: not deploying it again`);
        outcome.notes.push(answer.note);
        return { ...outcome, deployedSha: answer.sha, operation: 'unchanged', why: answer.why, ...(answer.earlier ? { earlier: answer.earlier } : {}) };
    }
    async deploy(req) {
        const branch = req.gitBranch;
        const ns = this.nameFor(branch);
        this.log(`checking namespace ${ns}`);
        // The root's config is not needed: a namespace linked under the root is all sync-from-git needs.
        const config = await this.client.getGitConfig(ns);
        if (!config && (await this.adoptedRootOfBranchNamespace())) {
            // Input 'namespace' was a branch namespace: the name was computed from the wrong base.
            return this.deploy(req);
        }
        const outcome = this.outcome(ns, branch, req.expectedSha);
        if (this.linkState(config, branch) !== 'linked') {
            const why = config
                ? `${ns} is not linked to git branch ${branch}: it has ${owner(config)}`
                : `No DJ namespace ${ns} exists for git branch ${branch}`;
            if (!req.skipWhenNotLinked) {
                throw new target/* RefusedError */.fk(`${why}. Nothing was deployed; create the branch namespace first (operation 'create').`);
            }
            this.log(`${why}: nothing to deploy`);
            outcome.notes.push(`${why}; nothing was deployed`);
            return { ...outcome, operation: 'skipped', skipReason: 'not-linked' };
        }
        const held = await this.alreadyDeployed(req.check, config, outcome);
        if (held)
            return held;
        if (req.dryRun) {
            outcome.notes.push(`Would deploy git branch ${branch}: POST ${(0,http/* path */.Ae) `/namespaces/${ns}/sync-from-git`}`);
            return { ...outcome, operation: 'planned', of: 'deploy' };
        }
        await this.sync(ns, branch, outcome);
        return { ...outcome, operation: 'updated' };
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
        const deleteGitBranch = req.dj?.deleteGitBranch ?? false;
        const request = `DELETE ${(0,http/* path */.Ae) `/namespaces/${this.root}/branches/${ns}`}?delete_git_branch=${deleteGitBranch}`;
        if (req.dryRun) {
            outcome.notes.push(`Would delete ${ns}${deleteGitBranch ? ` and git branch ${branch}` : ''}: ${request}`);
            return { ...outcome, operation: 'planned', of: 'remove' };
        }
        this.log(`deleting ${ns}${deleteGitBranch ? ` and git branch ${branch}` : ' (git branch kept)'}`);
        let result;
        try {
            result = await this.client.deleteBranch(this.root, ns, deleteGitBranch);
        }
        catch (err) {
            if (err instanceof DJClientError && err.status === 404)
                return this.absent(ns, branch);
            throw err;
        }
        outcome.notes.push(`Deleted ${ns} (${plural(result.nodes_deleted, 'node')})`);
        if (deleteGitBranch) {
            outcome.notes.push(result.git_branch_deleted ? `DJ deleted git branch ${branch}` : `DJ could not delete git branch ${branch}; delete it on GitHub`);
        }
        if (result.materialization_failures?.length) {
            outcome.notes.push(`DJ could not stop the materializations of ${result.materialization_failures.join(', ')}`);
        }
        return { target: 'dj', name: outcome.name, url: outcome.url, gitBranch: branch, results: [], notes: outcome.notes, operation: 'deleted', dj: { nodesDeleted: result.nodes_deleted } };
    }
    async createWithGitBranch(req) {
        const branch = req.gitBranch;
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
            outcome.notes.push(state === 'linked'
                ? `${ns} already exists and is linked to git branch ${branch}`
                : `Would create git branch ${branch} from ${root.defaultBranch} and namespace ${ns}: POST ${(0,http/* path */.Ae) `/namespaces/${this.root}/branches`} ${JSON.stringify({ branch_name: branch })}`);
            return { ...outcome, operation: 'planned', of: 'create' };
        }
        this.log(`creating git branch ${branch} and namespace ${ns} through DJ`);
        try {
            const created = await this.client.createBranch(this.root, branch);
            // DJ names it (a sibling when input 'namespace' is a branch namespace): report its name.
            if (created.branch?.namespace && created.branch.namespace !== ns) {
                outcome.name = created.branch.namespace;
                outcome.url = this.outcome(created.branch.namespace, branch).url;
            }
            outcome.results = created.deployment_results;
            const copied = describeResults(created.deployment_results);
            outcome.notes.push(`Created git branch ${branch} and namespace ${ns}; DJ copied ${copied.what}${copied.counts}`);
            return { ...outcome, operation: 'created' };
        }
        catch (err) {
            if (!(err instanceof DJClientError))
                throw err;
            if (err.status === 409) {
                const config = await this.client.getGitConfig(ns);
                const state = this.linkState(config, branch);
                if (state === 'absent')
                    throw err;
                if (state !== 'linked')
                    throw new target/* RefusedError */.fk(this.collisionMessage(ns, config, branch));
                outcome.notes.push(`${ns} already exists and is linked to git branch ${branch}`);
                return { ...outcome, operation: 'unchanged', why: 'linked' };
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
            this.client.getGitConfig(this.root),
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
            name: ns,
            url: this.urlFor(ns),
            gitBranch,
            ...(expectedSha ? { expectedSha } : {}),
            results: [],
            notes: [],
        };
    }
    absent(ns, gitBranch) {
        const outcome = this.outcome(ns, gitBranch);
        outcome.notes.push(`${ns} does not exist; nothing to delete`);
        this.log(`${ns} does not exist: nothing to delete`);
        return { target: 'dj', name: ns, url: outcome.url, gitBranch, results: [], notes: outcome.notes, operation: 'absent' };
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
        const [rootConfig, config] = await Promise.all([this.client.getGitConfig(this.root), this.client.getGitConfig(ns)]);
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
    /** For the push path, which skips the root look-up: asked only when the namespace was not found. */
    async adoptedRootOfBranchNamespace() {
        if (this.rootChecked)
            return false;
        this.rootChecked = true;
        try {
            return this.adoptRootOf(await this.client.getGitConfig(this.root));
        }
        catch {
            return false; // the push stays a not-linked skip; the root's own problem surfaces on create
        }
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
        return { defaultBranch: config.default_branch, defaultNamespace: `${root}.${(0,naming/* djSuffix */.Gh)(config.default_branch)}` };
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
        const info = await this.client.syncFromGit(ns);
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
