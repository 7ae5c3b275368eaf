export const id = 2;
export const ids = [2];
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

/***/ 2:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createTarget: () => (/* binding */ createTarget),
  fossilBranchName: () => (/* binding */ fossilBranchName)
});

// EXTERNAL MODULE: ./src/targets/target.ts
var target = __webpack_require__(425);
// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __webpack_require__(734);
// EXTERNAL MODULE: ./src/schema.ts
var src_schema = __webpack_require__(60);
// EXTERNAL MODULE: ./node_modules/valibot/dist/index.mjs
var dist = __webpack_require__(934);
;// CONCATENATED MODULE: ./src/targets/fossil/schemas.ts
/**
 * The shapes of Fossil's JSON answers (reference fossil-api.md) as the Fossil client accepts
 * them; fields it does not read are dropped.
 */


/** Every answer's envelope (§2): `resultCode` only on failure, `payload` on success. */
const schemas_envelope = dist/* object */.Ikc({
    fossil: dist/* string */.YjP(),
    resultCode: dist/* optional */.lqM(dist/* string */.YjP()),
    resultText: dist/* optional */.lqM(dist/* nullable */.mee(dist/* string */.YjP())),
    payload: dist/* optional */.lqM(dist/* unknown */.L5J()),
});
/** `/json/branch/list` payload. */
const branchList = dist/* object */.Ikc({ branches: dist/* array */.YOg(dist/* string */.YjP()) });
/** `/json/branch/create` payload. */
const createdBranch = dist/* object */.Ikc({
    name: src_schema/* name */.UU,
    basis: dist/* optional */.lqM(dist/* string */.YjP(), ''),
    rid: dist/* optional */.lqM(dist/* number */.aig(), 0),
    uuid: src_schema/* name */.UU,
    isPrivate: dist/* optional */.lqM(dist/* boolean */.zMY(), false),
    bgColor: dist/* optional */.lqM(dist/* string */.YjP()),
});
/** `/json/login` payload. */
const schemas_login = dist/* object */.Ikc({
    authToken: src_schema/* name */.UU,
    name: dist/* optional */.lqM(dist/* string */.YjP()),
    capabilities: dist/* optional */.lqM(dist/* string */.YjP(), ''),
});

;// CONCATENATED MODULE: ./src/targets/fossil/client.ts
/**
 * Fossil's JSON API for branches (reference/fossil-api.md), over the one HTTP layer.
 *
 * Fossil answers HTTP 200 to everything: success or failure is decided by the envelope's
 * `resultCode` alone (§2). Writes need a same-origin `Referer` (§4), a branch can only be
 * closed, never deleted (§7), and the close reports an error even when it worked (§7.1), so
 * every close is verified against the closed list before it counts.
 */



/**
 * A failed Fossil call. `code` is Fossil's `FOSSIL-NNNN`, or `HTTP-<status>`, `NETWORK`,
 * `TIMEOUT`, `NOT-FOSSIL` when no envelope came back. Never carries credentials.
 */
class FossilError extends Error {
    code;
    method;
    path;
    resultText;
    hint;
    name = 'FossilError';
    constructor(code, method, 
    /** Path only; the token travels in the body, never in the URL. */
    path, 
    /** The server's own text (`resultText`), or a description of the transport failure. */
    resultText, 
    /** What to do about it, when something useful can be said. */
    hint) {
        super(sentence(code, method, path, resultText, hint));
        this.code = code;
        this.method = method;
        this.path = path;
        this.resultText = resultText;
        this.hint = hint;
    }
    /**
     * The code rounded down to its hundred (2002 → 2000): servers built with `NDEBUG` only send
     * that much (§2.3), so compare categories. NaN for transport failures.
     */
    get category() {
        const m = /^FOSSIL-(\d+)$/.exec(this.code);
        return m ? Number(m[1]) - (Number(m[1]) % 100) : Number.NaN;
    }
}
function sentence(code, method, p, resultText, hint) {
    const text = truncate(resultText);
    return `Fossil ${method} ${p} → ${code} ${text}${hint ? `${/[.!?…]$/.test(text) ? '' : '.'} ${hint}` : ''}`;
}
function truncate(text) {
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
/** The `tag/add` bug (§7.1): the tag is committed, then the response is this error. */
const CLOSE_APPLIED_TEXT = 'Could not convert name back to artifact hash!';
const PATHS = {
    login: (0,http/* path */.Ae) `/json/login`,
    list: (0,http/* path */.Ae) `/json/branch/list`,
    create: (0,http/* path */.Ae) `/json/branch/create`,
    tagAdd: (0,http/* path */.Ae) `/json/tag/add`,
    tagCancel: (0,http/* path */.Ae) `/json/tag/cancel`,
};
/** Fossil's JSON API: log in once, list, create, close (verified) and reopen branches. */
class FossilClient {
    options;
    deps;
    http;
    refererBase;
    requestIdPrefix;
    sequence = 0;
    token;
    session;
    constructor(options, deps) {
        this.options = options;
        this.deps = deps;
        this.refererBase = (options.refererBase ?? options.url).replace(/\/+$/, '');
        this.requestIdPrefix = options.requestIdPrefix ?? 'dj-branch-sync';
        this.http = new http/* HttpClient */.Qq({
            baseUrl: options.url,
            timeoutMs: deps.http.timeoutMs,
            retries: deps.http.retries,
            onRetry: deps.http.onRetry,
            decodeError: transportError,
        });
    }
    /**
     * Logs in (once; later calls reuse the session) and masks the token the moment it
     * arrives. Without a user the client stays anonymous and this resolves to undefined.
     * There is deliberately no logout: Fossil hands every login of an account the same token
     * and a logout kills it for all of them, i.e. for every other job using the bot (§3.3).
     */
    login() {
        this.session ??= this.freshLogin();
        return this.session;
    }
    /** Branch names in `range`, as Fossil sorts them (case-insensitively). Names only (§5). */
    async listBranches(range) {
        const payload = await this.call(PATHS.list, { range }, { write: false });
        return checked(PATHS.list, branchList, payload, 'payload').branches;
    }
    /**
     * Every branch with its state, in Fossil's order. The list carries no per-name flag, so
     * this is `all` and `closed` fetched together; open = all − closed (§5).
     */
    async branchStates() {
        const [all, closed] = await Promise.all([this.listBranches('all'), this.listBranches('closed')]);
        const closedSet = new Set(closed);
        return new Map(all.map((name) => [name, closedSet.has(name) ? 'closed' : 'open']));
    }
    /**
     * Creates `name` from `basis`. Fossil counts closed branches (and plain tags of the same
     * name) as existing: that is `FOSSIL-3005`, and a closed branch wants {@link reopenBranch}.
     */
    async createBranch(options) {
        const payload = { name: options.name, basis: options.basis };
        if (options.bgColor !== undefined)
            payload.bgColor = options.bgColor;
        if (options.private !== undefined)
            payload.private = options.private;
        const created = await this.call(PATHS.create, payload, { write: true });
        return checked(PATHS.create, createdBranch, created, 'payload');
    }
    /**
     * Closes `name`: the honest equivalent of a delete, which Fossil does not have (§7). Adds
     * a raw, non-propagating `closed` tag to the branch tip, as `fossil branch close` does,
     * then confirms in the closed list, because Fossil answers this call with an error even
     * when the tag was committed (§7.1). Throws when the branch is not closed afterwards.
     */
    async closeBranch(name) {
        let reported;
        try {
            await this.call(PATHS.tagAdd, closedTag(name), { write: true });
        }
        catch (err) {
            if (!(err instanceof FossilError && err.category === 1100 && err.resultText === CLOSE_APPLIED_TEXT))
                throw err;
            reported = err;
        }
        if ((await this.listBranches('closed')).includes(name))
            return;
        throw new FossilError(reported?.code ?? 'NOT-CLOSED', 'POST', PATHS.tagAdd, reported?.resultText ?? 'the close was accepted', `Branch '${name}' is still not in Fossil's closed list after the close.`);
    }
    /** Reopens a closed branch by cancelling its `closed` tag (§8). Fossil answers with no payload. */
    async reopenBranch(name) {
        await this.call(PATHS.tagCancel, closedTag(name), { write: true });
    }
    async freshLogin() {
        const { user, password } = this.options;
        if (!user)
            return undefined;
        const payload = await this.send(PATHS.login, { name: user, password: password ?? '' }, { write: false }, false).catch((err) => {
            if (err instanceof FossilError && err.category >= 2000 && err.category < 3000) {
                throw new FossilError(err.code, err.method, err.path, err.resultText, `Fossil refused the login of user '${user}': check the user name and password (inputs 'fossil-user', 'fossil-password').`);
            }
            throw err;
        });
        const login = checked(PATHS.login, schemas_login, payload, 'payload');
        this.deps.mask(login.authToken);
        this.token = login.authToken;
        const session = { name: login.name || user, capabilities: login.capabilities };
        this.deps.log(`Logged in to Fossil as '${session.name}' (capabilities '${session.capabilities}').`);
        return session;
    }
    /**
     * One authenticated call. An invalid or expired token is not an error in Fossil: the
     * request silently runs as `nobody` and fails with 2002 (§3.3), e.g. after another job
     * logged the shared account out. So a 2002 gets one fresh login and one retry; the
     * refused request changed nothing, which makes resending a write safe.
     */
    async call(p, payload, opts) {
        const stale = this.login();
        const session = await stale;
        try {
            return await this.send(p, payload, opts, true);
        }
        catch (err) {
            if (!(err instanceof FossilError && err.category === 2000))
                throw err;
            if (!session)
                throw withHint(err, `No Fossil user is configured, so the request ran as 'nobody'; set inputs 'fossil-user' and 'fossil-password' for a user with ${opts.write ? "the 'i' (check-in)" : "the 'o' (read)"} capability.`);
            // Parallel calls that all hit the stale token share one new login.
            if (this.session === stale)
                this.session = this.freshLogin();
            const renewed = await this.session;
            try {
                return await this.send(p, payload, opts, true);
            }
            catch (retryErr) {
                if (!(retryErr instanceof FossilError && retryErr.category === 2000))
                    throw retryErr;
                throw withHint(retryErr, `User '${renewed?.name ?? ''}' has capabilities '${renewed?.capabilities ?? ''}'; ${opts.write ? "writes need 'i' (check-in)" : "reading branches needs 'o'"}.`);
            }
        }
    }
    async send(p, payload, opts, withToken) {
        const body = { requestId: `${this.requestIdPrefix}-${++this.sequence}`, payload };
        if (withToken && this.token)
            body.authToken = this.token;
        const res = await this.http.request({
            method: 'POST',
            path: p,
            json: body,
            // Fossil makes a request read-only unless the Referer starts with its own base URL (§4).
            headers: opts.write ? { referer: this.refererBase + p } : undefined,
            // Reads and the login are safe to resend after a timeout; a write is not.
            idempotent: !opts.write,
        });
        const found = (0,src_schema/* checkAnswer */.dG)(schemas_envelope, res.data);
        if (!found.ok) {
            const what = res.data && typeof res.data === 'object' && 'fossil' in res.data ? (0,src_schema/* problemText */.fI)(found.problem) : `no Fossil JSON envelope in the answer (${res.text ? truncate(res.text.replace(/\s+/g, ' ')) : 'empty body'})`;
            throw new FossilError('NOT-FOSSIL', 'POST', p, what, `Check that the URL is the repository's base URL and that the server's Fossil has the JSON API.`);
        }
        const envelope = found.value;
        const { resultCode, resultText } = envelope;
        if (resultCode !== undefined) {
            const text = String(resultText ?? '');
            const hint = opts.write && text.startsWith('not authorized:')
                ? `Fossil treated the write as cross-origin: the Referer '${this.refererBase}${p}' must start with the base URL the server computes for itself (same scheme and host, e.g. 127.0.0.1 is not localhost). This is a Referer/base-URL mismatch, not a permissions problem.`
                : undefined;
            throw new FossilError(String(resultCode), 'POST', p, text, hint);
        }
        return envelope.payload;
    }
}
/** A payload as `schema` reads it, or a NOT-FOSSIL {@link FossilError} naming the request and the field. */
function checked(p, schema, data, prefix) {
    const found = (0,src_schema/* checkAnswer */.dG)(schema, data);
    if (found.ok)
        return found.value;
    const field = found.problem.field ? `${prefix}.${found.problem.field}` : prefix;
    throw new FossilError('NOT-FOSSIL', 'POST', p, `the answer cannot be used: ${(0,src_schema/* problemText */.fI)({ ...found.problem, field })}`);
}
function closedTag(branch) {
    // `tag:` pins the lookup to the branch tip: a bare name such as `tip`, a date or a hex
    // prefix would resolve to some other check-in (§6). `raw` keeps Fossil from adding `sym-`.
    return { name: 'closed', checkin: `tag:${branch}`, raw: true };
}
function withHint(err, hint) {
    return new FossilError(err.code, err.method, err.path, err.resultText, hint);
}
function transportError(err) {
    const code = err.kind === 'http' ? `HTTP-${err.status}` : err.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK';
    // Fossil answers every JSON call with 200; anything else came from something in between.
    const hint = err.kind === 'http' ? 'Fossil itself always answers 200; check the URL and any proxy in front of the server.' : undefined;
    return new FossilError(code, err.method, err.path, err.serverMessage, hint);
}

;// CONCATENATED MODULE: ./src/targets/fossil/target.ts


/** Characters git never allows in a branch name: whitespace, controls, `~ ^ : ? * [ \`. */
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;
/**
 * The Fossil branch for a git branch: the same name. Fossil itself only refuses an empty
 * name (§6), so the check is git's own rule (`git check-ref-format --branch`): a name git
 * cannot have produced is a mistake in the `branch` input, and names with blanks or control
 * characters would be stored verbatim in Fossil check-ins. Names Fossil would read as
 * something else (`tip`, dates, hex prefixes) are fine: the client always says `tag:<name>`.
 */
function fossilBranchName(gitBranch) {
    const reason = invalidBecause(gitBranch);
    if (reason) {
        throw new target/* InputError */.dz(`Branch '${gitBranch}' cannot be mapped to a Fossil branch: ${reason}. It is not a valid git branch name; check the 'branch' input.`);
    }
    return gitBranch;
}
function invalidBecause(name) {
    if (!name)
        return 'the name is empty';
    const bad = FORBIDDEN.exec(name);
    if (bad)
        return `it contains ${/[\x00-\x20\x7f]/.test(bad[0]) ? 'a blank or control character' : `'${bad[0]}'`}`;
    if (name.startsWith('-'))
        return "it starts with '-'";
    if (name === '@' || name.includes('@{'))
        return "it is '@' or contains '@{'";
    if (name.includes('..'))
        return "it contains '..'";
    if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
        return "it has an empty path component ('/' at an end or '//')";
    if (name.endsWith('.'))
        return "it ends with '.'";
    for (const part of name.split('/')) {
        if (part.startsWith('.'))
            return `its component '${part}' starts with '.'`;
        if (part.endsWith('.lock'))
            return `its component '${part}' ends with '.lock'`;
    }
    return undefined;
}
/** Builds the Fossil target from `settings.fossil` (set by settings when `target: fossil`). */
function createTarget(settings, deps) {
    if (!settings.fossil)
        throw new target/* InputError */.dz(`Input 'fossil-url' is required for target 'fossil'.`);
    const { url, user, password } = settings.fossil;
    return new FossilTarget(new FossilClient({ url, user, password }, deps), settings.fossil, deps);
}
class FossilTarget {
    client;
    settings;
    deps;
    name = 'fossil';
    constructor(client, settings, deps) {
        this.client = client;
        this.settings = settings;
        this.deps = deps;
    }
    nameFor(gitBranch) {
        return fossilBranchName(gitBranch);
    }
    async ensure(req) {
        const name = this.nameFor(req.gitBranch);
        const basis = this.settings.basis;
        const found = await this.find(name);
        if (found !== 'missing')
            return this.keep(name, req, found);
        if (req.dryRun)
            return this.outcome(name, req.gitBranch, 'planned', `Would create the Fossil branch '${name}' from '${basis}' (POST /json/branch/create).`);
        try {
            const created = await this.client.createBranch({ name, basis });
            return this.outcome(name, req.gitBranch, 'created', `Created the Fossil branch '${name}' from '${basis}' (first check-in ${created.uuid.slice(0, 10)}).`);
        }
        catch (err) {
            if (!(err instanceof FossilError && err.category === 3000 && /exists/i.test(err.resultText)))
                throw err;
            // Another run may have made it since the look-up; otherwise a plain tag holds the name.
            const now = await this.find(name);
            if (now !== 'missing')
                return this.keep(name, req, now);
            throw new target/* RefusedError */.fk(`Fossil refused to create branch '${name}': "${err.resultText}" Yet it is not in Fossil's branch list, so a tag of that name exists (Fossil tags and branches share one namespace). Nothing was changed.`);
        }
    }
    /** An existing branch: open stays as it is, closed is reopened (git re-created the branch). */
    async keep(name, req, state) {
        if (state === 'open')
            return this.outcome(name, req.gitBranch, 'unchanged', `The Fossil branch '${name}' already exists and is open.`);
        if (req.dryRun)
            return this.outcome(name, req.gitBranch, 'planned', `Would reopen the closed Fossil branch '${name}' (POST /json/tag/cancel).`);
        await this.client.reopenBranch(name);
        // `updated`, not `created`: the branch and its history were there all along.
        return this.outcome(name, req.gitBranch, 'updated', `Reopened the closed Fossil branch '${name}'.`);
    }
    async deploy(req) {
        const name = this.nameFor(req.gitBranch);
        const found = await this.find(name);
        if (found === 'missing') {
            if (req.skipWhenNotLinked) {
                return { ...this.outcome(name, req.gitBranch, 'skipped', `There is no Fossil branch '${name}'; a create event (or 'operation: create') makes one.`), skipReason: 'not-linked' };
            }
            throw new target/* RefusedError */.fk(`There is no Fossil branch '${name}' to sync; create it first ('operation: create'). Nothing was changed.`);
        }
        const state = found === 'open' ? 'is open' : "is closed (a create event or 'operation: create' reopens it)";
        return this.outcome(name, req.gitBranch, 'unchanged', `Fossil has no deploy step: the branch '${name}' ${state}; the action keeps branches in step, not commits.`);
    }
    async remove(req) {
        const name = this.nameFor(req.gitBranch);
        if (this.isProtected(name)) {
            throw new target/* RefusedError */.fk(`The Fossil branch '${name}' is trunk or the basis of new branches ('fossil-basis'); the action never closes it. Nothing was changed.`);
        }
        const found = req.known?.name === name && (req.known.state === 'open' || req.known.state === 'closed') ? req.known.state : await this.find(name);
        if (found === 'missing')
            return this.outcome(name, req.gitBranch, 'absent', `There is no Fossil branch '${name}'.`);
        // Closing again would only pile up control artifacts (§9.3).
        if (found === 'closed')
            return this.outcome(name, req.gitBranch, 'absent', `The Fossil branch '${name}' is already closed.`);
        if (req.dryRun)
            return this.outcome(name, req.gitBranch, 'planned', `Would close the Fossil branch '${name}' (POST /json/tag/add 'closed'); Fossil cannot delete a branch.`);
        await this.client.closeBranch(name);
        return this.outcome(name, req.gitBranch, 'deleted', `Closed the Fossil branch '${name}' (Fossil cannot delete a branch; closing is its reversible equivalent), confirmed in Fossil's closed list.`);
    }
    async list() {
        const states = await this.client.branchStates();
        return [...states].map(([name, state]) => ({
            name,
            gitBranch: name,
            isDefault: this.isProtected(name),
            state,
            // SPEC §3: the `branches` output holds names for fossil.
            raw: name,
        }));
    }
    /** Fossil's main branch and the basis: the equivalent of DJ's default-branch namespace. */
    isProtected(name) {
        return name === this.settings.basis || name === 'trunk';
    }
    async find(name) {
        const state = (await this.client.branchStates()).get(name) ?? 'missing';
        this.deps.log(`Fossil branch '${name}': ${state}.`);
        return state;
    }
    outcome(name, gitBranch, operation, note) {
        return { target: 'fossil', operation, name, url: `${this.settings.url}/timeline?r=${encodeURIComponent(name)}`, gitBranch, results: [], notes: [note] };
    }
}


/***/ })

};
