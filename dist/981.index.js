export const id = 981;
export const ids = [981];
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

/***/ 981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PDC_NAME_MAX: () => (/* binding */ PDC_NAME_MAX),
  createTarget: () => (/* binding */ createTarget),
  pdcBranchName: () => (/* binding */ pdcBranchName)
});

// EXTERNAL MODULE: ./src/targets/target.ts
var target = __webpack_require__(425);
// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __webpack_require__(734);
// EXTERNAL MODULE: ./src/schema.ts
var src_schema = __webpack_require__(60);
// EXTERNAL MODULE: ./node_modules/valibot/dist/index.mjs
var dist = __webpack_require__(934);
;// CONCATENATED MODULE: ./src/targets/pdc/schemas.ts
/**
 * The shapes of PDC's answers (reference pdc-api.md) as the PDC client accepts them; fields it
 * does not read are dropped.
 */


const id = dist/* pipe */.FsL(dist/* number */.aig(), dist/* integer */.ndf(), dist/* minValue */.Wwf(1));
const branchSla = dist/* object */.Ikc({ id, sla: src_schema/* name */.UU, eol: dist/* string */.YjP() });
const branchFields = {
    id,
    global_component: src_schema/* name */.UU,
    name: src_schema/* name */.UU,
    type: src_schema/* name */.UU,
    critical_path: dist/* boolean */.zMY(),
    active: dist/* boolean */.zMY(),
};
/** A component branch. */
const componentBranch = dist/* object */.Ikc({ ...branchFields, slas: dist/* array */.YOg(branchSla) });
/** A component branch listed with `fields` / `exclude_fields`: any field may be left out. */
const partialComponentBranch = dist/* partial */.OH3(dist/* object */.Ikc({ ...branchFields, slas: dist/* array */.YOg(branchSla) }));
/** Several branches (a bulk create). */
const branchList = dist/* array */.YOg(componentBranch);
/** An SLA link. */
const slaLink = dist/* object */.Ikc({ id, sla: src_schema/* name */.UU, eol: dist/* string */.YjP(), branch: dist/* object */.Ikc(branchFields) });
/** A DRF page of `item`, or a bare list of them (paging off), read as one page. */
function page(item) {
    return dist/* pipe */.FsL(dist/* unknown */.L5J(), dist/* transform */.pdi(data => (Array.isArray(data) ? { count: data.length, next: null, previous: null, results: data } : data)), dist/* object */.Ikc({ count: src_schema/* count */.U9, next: dist/* nullish */.cl6(dist/* string */.YjP(), null), previous: dist/* nullish */.cl6(dist/* string */.YjP(), null), results: dist/* array */.YOg(item) }));
}

;// CONCATENATED MODULE: ./src/targets/pdc/client.ts
/**
 * PDC (Product Definition Center) REST client for component branches and their SLA links,
 * usable on its own. Follows reference/pdc-api.md: numeric ids in every detail URL (names go
 * only in query strings), trailing slashes always, `Authorization: Token <key>`, DRF pages
 * followed through `next`, and Django REST error bodies decoded into {@link PDCError}.
 */




/** A failed PDC request, with the server's messages flattened for people. */
class PDCError extends Error {
    name = 'PDCError';
    /** HTTP status; 0 when no answer came (network, timeout). */
    status;
    method;
    /** Path and query under the server root (`/rest_api/v1/…`); never credentials. */
    path;
    /** The server's messages, one per field message, `field: message` for field errors. */
    errors;
    /** The decoded error body. */
    body;
    /** What to do about it, when the caller knows ('' otherwise). */
    hint;
    constructor(init) {
        const what = init.status ? `HTTP ${init.status}` : 'no answer';
        const said = init.errors.join('; ') || '(no message)';
        super(`PDC ${init.method} ${init.path} → ${what}: ${said}${init.hint ? `${/[.!?]$/.test(said) ? '' : '.'} ${init.hint}` : ''}`);
        this.status = init.status;
        this.method = init.method;
        this.path = init.path;
        this.errors = init.errors;
        this.body = init.body;
        this.hint = init.hint ?? '';
    }
    /** The same error with one more sentence telling the user what to do. */
    withHint(hint) {
        const joined = this.hint ? `${this.hint}${/[.!?]$/.test(this.hint) ? '' : '.'} ${hint}` : hint;
        return new PDCError({ status: this.status, method: this.method, path: this.path, errors: this.errors, body: this.body, hint: joined });
    }
    /** A duplicate `(global_component, name, type)`: the 400 "unique set" answer or a 409 from a lost race. */
    get alreadyExists() {
        return this.status === 409 || (this.status === 400 && this.errors.some(e => /must make a unique set/.test(e)));
    }
    /** The SLA link being created exists already. */
    get duplicateSlaLink() {
        return this.status === 400 && this.errors.some(e => /^branch: The SLA ".*" tied to .* already exists$/.test(e));
    }
}
const API_ROOT = '/rest_api/v1';
/** The API root for a configured PDC URL: the server URL gets `/rest_api/v1` appended. */
function pdcApiRoot(url) {
    const trimmed = url.replace(/\/+$/, '');
    return trimmed.endsWith(API_ROOT) ? trimmed : trimmed + API_ROOT;
}
/**
 * Django REST error body → messages. `detail` and `non_field_errors` carry no field name;
 * field errors read `field: message`, nested ones `branch.type: message`; bulk answers
 * (`id_of_invalid_data`) say which item failed.
 */
function pdcErrorMessages(body, method = '') {
    const out = [];
    const walk = (value, field) => {
        if (value === null || value === undefined || value === '')
            return;
        if (Array.isArray(value)) {
            value.forEach(v => walk(v, field));
        }
        else if (typeof value === 'object') {
            for (const [key, v] of Object.entries(value)) {
                if (key === 'id_of_invalid_data' || key === 'invalid_data')
                    continue;
                const unnamed = key === 'detail' || key === 'non_field_errors';
                walk(v, unnamed ? field : field ? `${field}.${key}` : key);
            }
        }
        else {
            out.push(field ? `${field}: ${String(value)}` : String(value));
        }
    };
    walk(body, '');
    if (body && typeof body === 'object' && !Array.isArray(body) && 'id_of_invalid_data' in body) {
        // Bulk create reports the index of the item, bulk delete and update its id.
        const which = `${method === 'POST' ? 'item' : 'id'} ${JSON.stringify(body.id_of_invalid_data)}`;
        return out.length ? out.map(m => `${which}: ${m}`) : [`${which} is invalid`];
    }
    return out;
}
/** Query string with repeated keys for arrays; booleans as lowercase `true`/`false` (PDC ignores `TRUE`). */
function queryString(params) {
    const qs = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value === undefined)
            continue;
        if (Array.isArray(value))
            value.forEach(v => qs.append(key, v));
        else
            qs.append(key, String(value));
    }
    const s = qs.toString();
    return s ? `?${s}` : '';
}
/** Client of one PDC server's component-branch API. */
class PDCClient {
    /** `https://host[/prefix]/rest_api/v1`, where every request goes. */
    apiRoot;
    http;
    rootPath;
    constructor(options) {
        this.apiRoot = pdcApiRoot(options.url);
        this.rootPath = new URL(this.apiRoot).pathname.replace(/\/+$/, '');
        this.http = new http/* HttpClient */.Qq({
            baseUrl: this.apiRoot,
            timeoutMs: options.timeoutMs,
            retries: options.retries,
            onRetry: options.onRetry,
            // Sent on reads too: a server with anonymous reads turned off needs it, and a wrong
            // token then fails on the first request rather than after the decision.
            headers: options.token ? { authorization: `Token ${options.token}` } : {},
            decodeError: err => this.toPDCError(err),
        });
    }
    /** Browsable-API page of one branch (PDC has no other UI for it). */
    branchUrl(id) {
        return this.apiRoot + (0,http/* path */.Ae) `/component-branches/${id}/`;
    }
    /** One page of branches, as the server sends it; `page_size <= 0` gives every branch in one page. */
    async listBranchesPage(options = {}) {
        const route = (0,http/* path */.Ae) `/component-branches/` + queryString(branchQuery(options));
        const res = await this.http.request({ method: 'GET', path: route });
        return this.checked('GET', route, res, page(componentBranch));
    }
    async listBranches(options = {}) {
        const { page: _ignored, ...rest } = options;
        const partial = Boolean(options.fields?.length || options.exclude_fields?.length);
        return this.collect((0,http/* path */.Ae) `/component-branches/` + queryString(branchQuery({ page_size: 100, ...rest })), partial ? partialComponentBranch : componentBranch);
    }
    /** The branch `(global_component, name, type)`, or null. */
    async findBranch(key) {
        const page = await this.listBranchesPage({ ...key, page_size: 100 });
        // Exact match again here: older servers matched these filters case-insensitively.
        return page.results.find(b => b.global_component === key.global_component && b.name === key.name && b.type === key.type) ?? null;
    }
    /** One branch by id; a missing one is a 404 {@link PDCError}. */
    async getBranch(id) {
        const route = (0,http/* path */.Ae) `/component-branches/${id}/`;
        return this.checked('GET', route, await this.http.request({ method: 'GET', path: route }), componentBranch);
    }
    /** Creates one branch (inactive until an SLA is attached). */
    async createBranch(branch, options = {}) {
        return this.checked('POST', (0,http/* path */.Ae) `/component-branches/`, await this.write('POST', (0,http/* path */.Ae) `/component-branches/`, branch, options), componentBranch);
    }
    /** Creates several branches atomically: on the first invalid item nothing is saved. */
    async createBranches(branches, options = {}) {
        const res = await this.write('POST', (0,http/* path */.Ae) `/component-branches/`, branches, options);
        return this.checked('POST', (0,http/* path */.Ae) `/component-branches/`, res, branchList);
    }
    /**
     * PUT: replaces the writable fields of `branch`. The name is immutable in PDC, so a body
     * naming another branch is refused here, before anything is sent.
     */
    async putBranch(branch, body, options = {}) {
        refuseRename(branch, body);
        const full = { ...body, name: branch.name };
        const route = (0,http/* path */.Ae) `/component-branches/${branch.id}/`;
        return this.checked('PUT', route, await this.write('PUT', route, full, options), componentBranch);
    }
    /** PATCH: changes some writable fields of `branch`; a name change is refused here. */
    async patchBranch(branch, changes, options = {}) {
        refuseRename(branch, changes);
        const route = (0,http/* path */.Ae) `/component-branches/${branch.id}/`;
        return this.checked('PATCH', route, await this.write('PATCH', route, changes, options), componentBranch);
    }
    /** Deletes a branch and (by cascade) its SLA links. False when it was already gone (404). */
    async deleteBranch(id, options = {}) {
        const res = await this.write('DELETE', (0,http/* path */.Ae) `/component-branches/${id}/`, undefined, options, [404]);
        return res.status !== 404;
    }
    /** Deletes several branches atomically: one unknown id and nothing is deleted. */
    async deleteBranches(ids, options = {}) {
        await this.write('DELETE', (0,http/* path */.Ae) `/component-branches/`, ids, options);
    }
    /** Attaches an SLA to a branch, creating the branch when it does not exist yet. */
    async createSlaLink(link, options = {}) {
        return this.checked('POST', (0,http/* path */.Ae) `/component-branch-slas/`, await this.write('POST', (0,http/* path */.Ae) `/component-branch-slas/`, link, options), slaLink);
    }
    /** Every SLA link matching `filters`, all pages. */
    async listSlaLinks(filters = {}) {
        const { page_size = 100, ...rest } = filters;
        return this.collect((0,http/* path */.Ae) `/component-branch-slas/` + queryString({ ...rest, page_size }), slaLink);
    }
    async write(method, route, json, options, accept) {
        const headers = {};
        // Header values must be Latin-1; branch names need not be.
        if (options.comment)
            headers['pdc-change-comment'] = options.comment.replace(/[^\x20-\x7e]/g, '?');
        return this.http.request({ method, path: route, json, headers, accept });
    }
    /** Follows `next` from `first` to the end. A bare array (paging off) is the whole answer. */
    async collect(first, item) {
        const out = [];
        const seen = new Set();
        const pageSchema = page(item);
        for (let route = first; route !== null;) {
            seen.add(route);
            const current = route;
            const res = await this.http.request({ method: 'GET', path: current });
            const page = this.checked('GET', current, res, pageSchema);
            out.push(...page.results);
            route = page.next ? this.routeOf(page.next) : null;
            if (route !== null && seen.has(route))
                throw new Error(`PDC sent the same next page twice (${route}); stopped paging.`);
        }
        return out;
    }
    /**
     * `next` is absolute and built from the server's idea of its own host (behind a proxy that
     * can be an internal name): keep only what follows the API root and send it to ours.
     */
    routeOf(next) {
        const url = new URL(next, this.apiRoot + '/');
        const at = url.pathname.indexOf(API_ROOT + '/');
        let route = url.pathname;
        if (at >= 0)
            route = route.slice(at + API_ROOT.length);
        else if (this.rootPath && route.startsWith(this.rootPath + '/'))
            route = route.slice(this.rootPath.length);
        return route + url.search;
    }
    /** The answer as `schema` reads it, or a {@link PDCError} naming the request and the field. */
    checked(method, route, res, schema) {
        const found = (0,src_schema/* checkAnswer */.dG)(schema, res.data);
        if (found.ok)
            return found.value;
        throw new PDCError({
            status: res.status,
            method,
            path: this.rootPath + route,
            errors: [`the answer cannot be used: ${(0,src_schema/* problemText */.fI)(found.problem)}`],
            body: undefined,
            hint: "Check that 'pdc-url' is the PDC server's base URL.",
        });
    }
    toPDCError(err) {
        const where = this.rootPath + err.path;
        if (err.kind !== 'http')
            return new PDCError({ status: 0, method: err.method, path: where, errors: [err.serverMessage], body: undefined });
        const errors = typeof err.body === 'object' && err.body !== null ? pdcErrorMessages(err.body, err.method) : [];
        return new PDCError({
            status: err.status,
            method: err.method,
            path: where,
            errors: errors.length ? errors : [(0,http/* messageFromBody */.E$)(err.body, typeof err.body === 'string' ? err.body : '')],
            body: err.body,
        });
    }
}
function branchQuery(o) {
    return {
        global_component: o.global_component,
        name: o.name,
        type: o.type,
        active: o.active,
        critical_path: o.critical_path,
        ordering: o.ordering?.length ? o.ordering.join(',') : undefined,
        fields: o.fields,
        exclude_fields: o.exclude_fields,
        page: o.page,
        page_size: o.page_size,
    };
}
function refuseRename(branch, body) {
    if (body.name !== undefined && body.name !== branch.name) {
        throw new target/* InputError */.dz(`PDC branch names are immutable: branch ${branch.id} is '${branch.name}' and cannot become '${body.name}'. Delete it and create the new name instead.`);
    }
}

;// CONCATENATED MODULE: ./src/targets/pdc/target.ts


/** PDC's `BranchNameField` limit. */
const PDC_NAME_MAX = 300;
/**
 * The PDC branch name of a git branch: the same name, which PDC stores as is (no character
 * restrictions, slashes included). Refuses what PDC would reject: an empty name, or one
 * longer than 300 characters. A server's own blacklist regex cannot be known from here;
 * its 400 answer names the regex.
 */
function pdcBranchName(gitBranch) {
    if (!gitBranch)
        throw new target/* InputError */.dz('The git branch name is empty; PDC needs a branch name.');
    // Python counts code points, not UTF-16 units.
    const length = [...gitBranch].length;
    if (length > PDC_NAME_MAX) {
        throw new target/* InputError */.dz(`Branch '${gitBranch.slice(0, 60)}…' has ${length} characters; PDC refuses branch names longer than ${PDC_NAME_MAX}. Add it to 'ignore-branches' or use a shorter name.`);
    }
    return gitBranch;
}
function describeSlas(slas) {
    return slas.map(s => `${s.type} until ${s.eol}`).join(', ');
}
class PdcTarget {
    client;
    pdc;
    deps;
    name = 'pdc';
    constructor(client, pdc, deps) {
        this.client = client;
        this.pdc = pdc;
        this.deps = deps;
    }
    nameFor(gitBranch) {
        return pdcBranchName(gitBranch);
    }
    async ensure(req) {
        const name = this.nameFor(req.gitBranch);
        const outcome = await this.explained(async () => {
            const existing = await this.find(name);
            return existing ? this.completeSlas(existing, req.dryRun) : this.create(name, req.dryRun);
        });
        if (req.deploy)
            outcome.notes.push('PDC has no deploy step: the branch record is all there is.');
        return outcome;
    }
    async deploy(req) {
        const name = this.nameFor(req.gitBranch);
        const existing = await this.explained(() => this.find(name));
        if (!existing) {
            if (req.skipWhenNotLinked) {
                return { ...this.outcome(name, 'skipped', [`PDC has no branch '${name}' in ${this.where()}; nothing to deploy.`]), skipReason: 'not-linked' };
            }
            throw new target/* RefusedError */.fk(`PDC has no branch '${name}' in ${this.where()}; create it first (operation: create).`);
        }
        return this.outcome(name, req.dryRun ? 'planned' : 'unchanged', [
            `PDC branch '${name}' exists (id ${existing.id}); PDC has no deploy step, so there is nothing to do.`,
        ], existing);
    }
    async remove(req) {
        const name = this.nameFor(req.gitBranch);
        return this.explained(async () => {
            const known = req.known && isComponentBranch(req.known.raw) && req.known.raw.name === name ? req.known.raw : undefined;
            const existing = known ?? (await this.find(name));
            if (!existing) {
                return this.outcome(name, req.dryRun ? 'planned' : 'absent', [`PDC has no branch '${name}' in ${this.where()}; nothing to delete.`]);
            }
            // Deleting the branch deletes its SLA links too (PDC cascades), so they need not go first.
            const links = existing.slas.length ? `; its SLA links (${existing.slas.map(s => s.sla).join(', ')}) go with it` : '';
            if (req.dryRun) {
                return this.outcome(name, 'planned', [`Would DELETE PDC branch '${name}' (id ${existing.id})${links}.`], existing);
            }
            const deleted = await this.client.deleteBranch(existing.id, { comment: `git delete ${name}` });
            if (!deleted)
                return this.outcome(name, 'absent', [`PDC branch '${name}' (id ${existing.id}) was gone already when the delete arrived.`]);
            this.deps.log(`Deleted PDC branch '${name}' (id ${existing.id}).`);
            return this.outcome(name, 'deleted', [`Deleted PDC branch '${name}' (id ${existing.id})${links}.`]);
        });
    }
    async list() {
        const branches = await this.explained(() => this.client.listBranches({ global_component: this.pdc.globalComponent, type: this.pdc.branchType, page_size: 100 }));
        return branches.map(b => ({
            name: b.name,
            gitBranch: b.name,
            isDefault: false,
            state: b.active ? 'active' : 'inactive',
            raw: b,
        }));
    }
    where() {
        return `component '${this.pdc.globalComponent}' (type ${this.pdc.branchType})`;
    }
    find(name) {
        return this.client.findBranch({ global_component: this.pdc.globalComponent, name, type: this.pdc.branchType });
    }
    /** The branch exists: attach the configured SLAs it lacks. */
    async completeSlas(existing, dryRun) {
        const name = existing.name;
        const notes = [`PDC branch '${name}' exists (id ${existing.id}, ${existing.active ? 'active' : 'inactive'}).`];
        for (const want of this.pdc.slas) {
            const have = existing.slas.find(l => l.sla === want.type);
            if (have && have.eol !== want.eol)
                notes.push(`SLA ${want.type} ends ${have.eol}, not ${want.eol} as configured; left as it is.`);
        }
        const missing = this.pdc.slas.filter(want => !existing.slas.some(l => l.sla === want.type));
        if (!missing.length)
            return this.outcome(name, dryRun ? 'planned' : 'unchanged', notes, existing);
        if (dryRun)
            return this.outcome(name, 'planned', [...notes, `Would attach SLA ${describeSlas(missing)}.`], existing);
        await Promise.all(missing.map(sla => this.attach(name, sla)));
        return this.outcome(name, 'updated', [...notes, `Attached SLA ${describeSlas(missing)}.`], existing);
    }
    /** POSTs one SLA link; one that exists already (a concurrent run) counts as done. */
    async attach(name, sla) {
        try {
            const link = await this.client.createSlaLink({ sla: sla.type, eol: sla.eol, branch: { global_component: this.pdc.globalComponent, name, type: this.pdc.branchType } }, { comment: `git create ${name}` });
            return link.branch.id;
        }
        catch (err) {
            if (err instanceof PDCError && err.duplicateSlaLink)
                return undefined;
            throw err;
        }
    }
    /**
     * The branch is missing. Without SLAs: POST the branch. With SLAs: the first SLA POST creates
     * the branch and its link in one step (nothing half-made if it fails); the others follow in
     * parallel, and if one fails the new branch is deleted again so no inactive stub remains.
     */
    async create(name, dryRun) {
        const slas = this.pdc.slas;
        const what = `PDC branch '${name}' in ${this.where()}${slas.length ? ` with SLA ${describeSlas(slas)}` : ''}`;
        if (dryRun)
            return this.outcome(name, 'planned', [`Would create ${what}.`]);
        const comment = { comment: `git create ${name}` };
        if (!slas.length) {
            try {
                const created = await this.client.createBranch({ global_component: this.pdc.globalComponent, name, type: this.pdc.branchType }, comment);
                return this.outcome(name, 'created', [`Created ${what}. PDC reports a branch without SLAs as inactive; set 'pdc-slas' to make it active.`], created);
            }
            catch (err) {
                if (!(err instanceof PDCError && err.alreadyExists))
                    throw err;
                const raced = await this.find(name);
                if (!raced)
                    throw err;
                return this.outcome(name, 'unchanged', [`PDC branch '${name}' was created by someone else a moment ago (id ${raced.id}).`], raced);
            }
        }
        const [first, ...rest] = slas;
        const id = await this.attach(name, first);
        if (id === undefined) {
            // The link exists, so the branch does too: a concurrent run got there first.
            const raced = await this.find(name);
            if (!raced)
                throw new Error(`PDC says SLA ${first.type} of branch '${name}' exists, yet the branch is not listed.`);
            return this.completeSlas(raced, false);
        }
        try {
            await Promise.all(rest.map(sla => this.attach(name, sla)));
        }
        catch (err) {
            const undone = await this.client.deleteBranch(id, { comment: `undo git create ${name}` }).then(() => `the new branch (id ${id}) was deleted again`, (undoErr) => `deleting the new branch (id ${id}) failed too: ${undoErr.message}`);
            throw err instanceof PDCError ? err.withHint(`Attaching the SLAs failed, so ${undone}.`) : err;
        }
        this.deps.log(`Created PDC branch '${name}' (id ${id}).`);
        return this.outcome(name, 'created', [`Created ${what}.`], id);
    }
    outcome(name, operation, notes, branch) {
        const id = typeof branch === 'number' ? branch : branch?.id;
        return {
            target: 'pdc',
            operation,
            name,
            gitBranch: name,
            url: id === undefined ? undefined : this.client.branchUrl(id),
            results: [],
            notes,
        };
    }
    /** Runs `work`, adding to a PDC error the sentence that tells the user which input to fix. */
    async explained(work) {
        try {
            return await work();
        }
        catch (err) {
            throw err instanceof PDCError ? this.explain(err) : err;
        }
    }
    explain(err) {
        const fields = err.errors.join('\n');
        if (err.status === 401) {
            return err.withHint(this.pdc.token
                ? `Check input 'pdc-token': PDC did not accept it (it takes a 40-hex key from /rest_api/v1/auth/token/obtain/).`
                : `Set input 'pdc-token': this PDC needs a token (from /rest_api/v1/auth/token/obtain/).`);
        }
        if (err.status === 403) {
            return err.withHint(`The user of 'pdc-token' needs create and delete permission on component-branches and component-branch-slas.`);
        }
        if (err.status !== 400)
            return err;
        if (/(^|\.)global_component: /m.test(fields)) {
            return err.withHint(`PDC has no global component '${this.pdc.globalComponent}' (input 'pdc-global-component'); create it in PDC first.`);
        }
        if (/(^|\.)type: /m.test(fields))
            return err.withHint(`Check input 'pdc-branch-type' ('${this.pdc.branchType}').`);
        if (/^sla: /m.test(fields))
            return err.withHint(`Check input 'pdc-slas': every SLA type must exist in PDC (/rest_api/v1/component-sla-types/).`);
        if (/(^|\.)name: The branch name is not allowed/m.test(fields)) {
            return err.withHint(`This PDC refuses the name by its blacklist; add the branch to 'ignore-branches'.`);
        }
        return err;
    }
}
function isComponentBranch(raw) {
    const b = raw;
    return !!b && typeof b === 'object' && typeof b.id === 'number' && typeof b.name === 'string' && Array.isArray(b.slas);
}
/** The PDC target for `settings.pdc`. */
function createTarget(settings, deps) {
    if (!settings.pdc)
        throw new target/* InputError */.dz(`Target 'pdc' needs input 'pdc-url' and 'pdc-global-component'.`);
    const client = new PDCClient({ url: settings.pdc.url, token: settings.pdc.token, ...deps.http });
    return new PdcTarget(client, settings.pdc, deps);
}


/***/ })

};
