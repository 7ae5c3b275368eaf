export const id = 964;
export const ids = [964];
export const modules = {

/***/ 964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubClient: () => (/* reexport */ GitHubClient),
  findStickyComment: () => (/* reexport */ findStickyComment),
  writeStickyComment: () => (/* reexport */ writeStickyComment)
});

// EXTERNAL MODULE: ./src/pool.ts
var pool = __webpack_require__(537);
// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __webpack_require__(734);
// EXTERNAL MODULE: ./node_modules/valibot/dist/index.mjs
var dist = __webpack_require__(934);
// EXTERNAL MODULE: ./src/schema.ts
var src_schema = __webpack_require__(60);
;// CONCATENATED MODULE: ./src/github-schemas.ts
/**
 * The shapes of the GitHub REST answers the action reads, and the one check every such answer
 * passes before use (kept apart from the GitHub client so the client can change underneath).
 */


/** An issue comment (only what the sticky comment reads). */
const issueComment = dist/* object */.Ikc({
    id: dist/* pipe */.FsL(dist/* number */.aig(), dist/* integer */.ndf(), dist/* minValue */.Wwf(1)),
    body: dist/* nullish */.cl6(dist/* string */.YjP(), ''),
    html_url: src_schema/* name */.UU,
    user: dist/* nullish */.cl6(dist/* object */.Ikc({ login: dist/* optional */.lqM(dist/* string */.YjP(), '') }), null),
    performed_via_github_app: dist/* nullish */.cl6(dist/* object */.Ikc({ slug: dist/* optional */.lqM(dist/* string */.YjP()) }), null),
});
/** One entry of `GET /repos/{owner}/{repo}/branches`. */
const branch = dist/* object */.Ikc({ name: src_schema/* name */.UU });
/** `GET /user`. */
const user = dist/* object */.Ikc({ login: src_schema/* name */.UU });
/** The answer as `schema` reads it, or an Error naming the request and the field. */
function githubAnswer(schema, data, where) {
    const found = (0,src_schema/* checkAnswer */.dG)(schema, data);
    if (found.ok)
        return found.value;
    throw new Error(`GitHub answered ${where}, but its answer cannot be used: ${(0,src_schema/* problemText */.fI)(found.problem)}.`);
}

;// CONCATENATED MODULE: ./src/github.ts
/**
 * The GitHub REST calls the action makes: issue comments (the sticky comment), branch look-ups
 * (create, prune) and the token's identity. Everything goes through the one HTTP layer, so
 * 429s and 5xx are retried there; this module only turns GitHub's own failure shapes (rate
 * limits, missing permissions, bad credentials) into sentences that say what to do.
 */



/** A GitHub API failure, with the one sentence a user needs. */
class GitHubError extends Error {
    status;
    method;
    path;
    serverMessage;
    permission;
    rateLimitResetAt;
    name = 'GitHubError';
    constructor(message, status, method, 
    /** Path and query, never the origin or the token. */
    path, 
    /** GitHub's own `message`. */
    serverMessage, 
    /** The permission the token lacks, when GitHub said "Resource not accessible by integration". */
    permission, 
    /** When the primary rate limit resets, if this was a rate-limit failure. */
    rateLimitResetAt) {
        super(message);
        this.status = status;
        this.method = method;
        this.path = path;
        this.serverMessage = serverMessage;
        this.permission = permission;
        this.rateLimitResetAt = rateLimitResetAt;
    }
}
/** Login GitHub shows for comments written with the workflow's GITHUB_TOKEN. */
const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';
/** The most pages any listing follows: 100 per page, so 100,000 items; beyond is a loop. */
const MAX_PAGES = 1000;
/** Pages fetched at once after the first. */
const PAGE_CONCURRENCY = 10;
/**
 * GitHub REST client bound to one API base and token.
 *
 * Identity rule for "comments we wrote" (used by the sticky comment): `GET /user` names the
 * token's user for a PAT or a user-to-server token. Installation tokens, GITHUB_TOKEN
 * included, get 403 (404 on some GHES versions) there, and their comments are authored by
 * `github-actions[bot]` ({@link GitHubClientOptions.fallbackLogin} for another App). The
 * look-up is lazy and cached: it runs only once a comment carrying our marker was found, so
 * the common first run costs no extra round trip.
 */
class GitHubClient {
    http;
    basePath;
    fallbackLogin;
    loginPromise;
    /** An App installation token (GITHUB_TOKEN is one): its comments are the App's bot's. */
    installationToken;
    constructor(options) {
        this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
        this.fallbackLogin = options.fallbackLogin ?? WORKFLOW_TOKEN_LOGIN;
        this.installationToken = options.token.startsWith('ghs_');
        this.http = new http/* HttpClient */.Qq({
            baseUrl: options.baseUrl,
            timeoutMs: options.timeoutMs,
            retries: options.retries,
            onRetry: options.onRetry,
            backoffBaseMs: options.backoffBaseMs,
            headers: {
                authorization: `Bearer ${options.token}`,
                accept: 'application/vnd.github+json',
                'x-github-api-version': '2022-11-28',
            },
            decodeError: decodeGitHubError,
            json: true,
        });
    }
    /** Every comment of an issue or pull request, oldest first, across all pages. */
    async listIssueComments(owner, repo, issue) {
        const where = (0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/${issue}/comments`;
        const raw = await this.getAllPages(where);
        return raw.map(c => toComment(githubAnswer(issueComment, c, `GET ${where}`)));
    }
    /**
     * Posts a new comment. Not resent after an ambiguous failure (timeout, reset, 502, 504): the
     * comment may exist already, and a caller that must have exactly one looks for it first (the
     * sticky comment does, see report/comment.ts).
     */
    async createIssueComment(owner, repo, issue, body) {
        const res = await this.http.request({
            method: 'POST',
            path: (0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/${issue}/comments`,
            json: { body },
        });
        return toComment(githubAnswer(issueComment, res.data, `POST ${(0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/${issue}/comments`}`));
    }
    /** Deletes a comment; one already gone (404) counts as deleted. */
    async deleteIssueComment(owner, repo, id) {
        await this.http.request({ method: 'DELETE', path: (0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/comments/${id}`, accept: [404] });
    }
    /** Replaces a comment's body. A comment deleted meanwhile is a 404 {@link GitHubError}. */
    async updateIssueComment(owner, repo, id, body) {
        const res = await this.http.request({
            method: 'PATCH',
            path: (0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/comments/${id}`,
            json: { body },
        });
        return toComment(githubAnswer(issueComment, res.data, `PATCH ${(0,http/* path */.Ae) `/repos/${owner}/${repo}/issues/comments/${id}`}`));
    }
    /** The login our comments are authored by (see the class comment for the rule); cached. */
    ownLogin() {
        // Installation tokens (`ghs_`, GITHUB_TOKEN among them) cannot read /user: skip the request.
        if (this.installationToken)
            return Promise.resolve(this.fallbackLogin);
        this.loginPromise ??= this.http
            .request({ method: 'GET', path: '/user', accept: [401, 403, 404] })
            .then(res => (res.status === 200 ? githubAnswer(user, res.data, 'GET /user').login : this.fallbackLogin));
        return this.loginPromise;
    }
    /**
     * Whether `branch` exists. A renamed branch answers 301 (GitHub redirects to the new name):
     * the old name no longer exists as a branch, so that is false.
     */
    async branchExists(owner, repo, branch) {
        const res = await this.http.request({
            method: 'GET',
            path: (0,http/* path */.Ae) `/repos/${owner}/${repo}/branches/${branch}`,
            accept: [301, 302, 404],
        });
        return res.status === 200;
    }
    /** Names of every branch of the repository, across all pages. */
    async listBranchNames(owner, repo) {
        const where = (0,http/* path */.Ae) `/repos/${owner}/${repo}/branches`;
        const raw = await this.getAllPages(where);
        return raw.map(b => githubAnswer(branch, b, `GET ${where}`).name);
    }
    /**
     * GETs `first` with per_page=100 and follows `Link: rel="next"`. Only the link's path and
     * query are used, relative to our base: the token never goes to a host other than the base.
     */
    /**
     * Every item of a paged listing. Page 1 tells how many pages there are (`rel="last"`); the
     * rest are fetched in parallel (a few at a time), so a pull request with 1,000 comments costs
     * two round trips, not eleven. Pages added meanwhile are followed through `rel="next"`.
     */
    async getAllPages(first) {
        const fetchPage = async (p) => {
            const res = await this.http.request({ method: 'GET', path: p });
            if (!Array.isArray(res.data))
                throw new Error(`GitHub answered GET ${p} with something that is not a list`);
            return { items: res.data, link: res.headers.get('link') };
        };
        const items = [];
        const seen = new Set();
        let next = `${first}?per_page=100`;
        let page = await fetchPage(next);
        seen.add(next);
        items.push(...page.items);
        const middle = this.pagesBetween(page.link);
        if (middle.length) {
            const pages = await (0,pool/* mapPool */.P)(middle, PAGE_CONCURRENCY, fetchPage);
            middle.forEach(p => seen.add(p));
            for (const p of pages)
                items.push(...p.items);
            page = pages[pages.length - 1];
        }
        for (next = this.nextPath(page.link); next !== undefined; next = this.nextPath(page.link)) {
            if (seen.size >= MAX_PAGES || seen.has(next))
                throw new Error(`GitHub pagination of ${first} did not end after ${seen.size} pages`);
            seen.add(next);
            page = await fetchPage(next);
            items.push(...page.items);
        }
        return items;
    }
    /**
     * Paths of pages 2…last from page 1's Link header, when `next` and `last` differ only in
     * their `page` parameter (GitHub's form); otherwise none, and the pages are followed one by one.
     */
    pagesBetween(link) {
        const next = this.nextPath(link);
        const last = this.relPath(link, 'last');
        if (!next || !last)
            return [];
        const n = new URL(next, 'http://relative.invalid');
        const l = new URL(last, 'http://relative.invalid');
        const from = Number(n.searchParams.get('page'));
        const to = Number(l.searchParams.get('page'));
        n.searchParams.delete('page');
        l.searchParams.delete('page');
        if (n.pathname !== l.pathname || n.search !== l.search || from !== 2 || !Number.isInteger(to) || to < from || to > MAX_PAGES)
            return [];
        const out = [];
        for (let i = from; i <= to; i++) {
            const u = new URL(next, 'http://relative.invalid');
            u.searchParams.set('page', String(i));
            out.push(u.pathname + u.search);
        }
        return out;
    }
    nextPath(link) {
        return this.relPath(link, 'next');
    }
    /** The path (below the API base) of a Link header's `rel`, if any. */
    relPath(link, rel) {
        const target = parseLink(link, rel);
        if (!target)
            return undefined;
        let url;
        try {
            url = new URL(target, 'http://relative.invalid');
        }
        catch {
            return undefined;
        }
        let p = url.pathname;
        if (this.basePath && (p === this.basePath || p.startsWith(this.basePath + '/')))
            p = p.slice(this.basePath.length);
        return p + url.search;
    }
}
/** The URL of `rel="next"` in a Link header, if any. */
function parseNextLink(link) {
    return parseLink(link, 'next');
}
/** The URL of relation `rel` in a Link header, if any. */
function parseLink(link, rel) {
    if (!link)
        return undefined;
    for (const part of link.split(',')) {
        const m = /^<([^>]*)>(.*)$/.exec(part.trim());
        const found = m && /;\s*rel="?([^";]*)"?/.exec(m[2]);
        if (found && found[1].split(/\s+/).includes(rel))
            return m[1];
    }
    return undefined;
}
function toComment(raw) {
    const app = raw.performed_via_github_app?.slug;
    return {
        id: raw.id,
        body: raw.body ?? '',
        url: raw.html_url,
        login: raw.user?.login ?? '',
        ...(app ? { app } : {}),
    };
}
/** Which `permissions:` entry a refused request needs. */
function permissionFor(requestPath) {
    const p = requestPath.split('?')[0];
    if (/\/issues\//.test(p))
        return 'pull-requests: write';
    if (/\/branches(\/|$)/.test(p))
        return 'contents: read';
    return undefined;
}
/** Turns an {@link HttpError} from the GitHub API into a {@link GitHubError} that says what to do. */
function decodeGitHubError(err) {
    if (err.kind !== 'http')
        return err;
    const { status, method, path: p, serverMessage } = err;
    const where = `${method} ${p}`;
    const headers = err.headers;
    const remaining = headers?.get('x-ratelimit-remaining');
    const resetRaw = headers?.get('x-ratelimit-reset');
    const resetAt = resetRaw && /^\d+$/.test(resetRaw) ? new Date(Number(resetRaw) * 1000) : undefined;
    const make = (message, permission, reset) => new GitHubError(message, status, method, p, serverMessage, permission, reset);
    if ((status === 403 || status === 429) && remaining === '0') {
        const when = resetAt ? `it resets at ${resetAt.toISOString()}` : 'it resets within the hour';
        return make(`GitHub API rate limit exhausted (${where} → HTTP ${status}: ${serverMessage}); ${when}. Run again after that, or use a github-token with its own limit.`, undefined, resetAt);
    }
    if ((status === 403 || status === 429) && /secondary rate limit|abuse/i.test(serverMessage)) {
        const retryAfter = headers?.get('retry-after');
        const wait = retryAfter ? `GitHub asks to wait ${retryAfter} s` : 'wait a minute';
        return make(`GitHub secondary rate limit hit (${where} → HTTP ${status}: ${serverMessage}); ${wait} before running again, and avoid many parallel runs.`);
    }
    if (status === 403 && /not accessible by integration/i.test(serverMessage)) {
        const permission = permissionFor(p);
        const need = permission
            ? `the github-token lacks the \`${permission}\` permission: add it under \`permissions:\` in the workflow (pull requests from forks never get write access)`
            : 'the github-token lacks a permission this request needs';
        return make(`GitHub refused ${where} (HTTP 403: ${serverMessage}): ${need}.`, permission);
    }
    if (status === 401) {
        return make(`GitHub rejected the token for ${where} (HTTP 401: ${serverMessage}): check the github-token input.`);
    }
    return make(`GitHub API ${where} → HTTP ${status}: ${serverMessage}`);
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(285);
;// CONCATENATED MODULE: ./src/report/comment.ts
/**
 * The sticky pull-request comment: one per pull request and target branch, found again by its
 * hidden marker and by its author (so a look-alike someone else wrote is never edited), edited
 * in place, and left alone when its content digest has not changed.
 *
 * Split in two so the search can run while the server works: main starts
 * {@link findStickyComment} next to its first requests and calls {@link writeStickyComment}
 * with the result at the end, which keeps the comment to one round trip on the critical path.
 * Neither function throws: a comment is a courtesy, so failures come back as values that the
 * caller reports as warnings (and a pending search can never become an unhandled rejection).
 */



/** GitHub's limit for a comment body. */
const MAX_COMMENT_CHARS = 65_536;
function asError(err) {
    return err instanceof Error ? err : new Error(String(err));
}
/** The full comment body: marker first (found again by it), then the content digest, then the report. */
function composeStickyBody(marker, body) {
    return `${marker}\n${(0,markdown/* digestMarker */.JV)(body)}\n\n${body}`;
}
/**
 * Finds our sticky comment across every page of the pull request's comments: it must carry
 * `marker` and be authored by the token's identity ({@link GitHubClient.ownLogin}, asked only
 * when some comment carries the marker). The oldest match wins; newer ones of ours (two runs
 * for one pull request at once, or a POST resent after its answer was lost) are returned as
 * duplicates, and the write removes them. The heal costs requests only when a duplicate exists,
 * so the common path stays at its minimum (one listing, one write).
 */
async function findStickyComment(gh, where) {
    try {
        const comments = await gh.listIssueComments(where.owner, where.repo, where.issueNumber);
        const marked = comments.filter(c => c.body.includes(where.marker));
        if (!marked.length)
            return { ok: true };
        const login = await gh.ownLogin();
        const [existing, ...duplicates] = marked.filter(c => c.login === login);
        return existing ? { ok: true, existing, duplicates } : { ok: true };
    }
    catch (err) {
        return { ok: false, error: asError(err) };
    }
}
/**
 * Writes the comment given a finished search: nothing when the existing comment has the same
 * content digest, PATCH when it differs, POST when there is none (or it was deleted meanwhile).
 */
async function writeStickyComment(gh, found, req) {
    if (!found.ok)
        return found;
    const full = composeStickyBody(req.marker, req.body);
    if (full.length > MAX_COMMENT_CHARS) {
        return { ok: false, error: new Error(`the comment body has ${full.length} characters; GitHub allows ${MAX_COMMENT_CHARS}`) };
    }
    try {
        const existing = found.existing;
        // In parallel with the write: nothing depends on it, and a failure only leaves the extra copy.
        const healed = Promise.all((found.duplicates ?? []).map(c => gh.deleteIssueComment(req.owner, req.repo, c.id).catch(() => undefined)));
        try {
            return await writeOne(gh, existing, req, full);
        }
        finally {
            await healed;
        }
    }
    catch (err) {
        return { ok: false, error: asError(err) };
    }
}
async function writeOne(gh, existing, req, full) {
    {
        if (existing) {
            if (existing.body.includes((0,markdown/* digestMarker */.JV)(req.body)))
                return { ok: true, id: existing.id, url: existing.url, action: 'unchanged' };
            try {
                const updated = await gh.updateIssueComment(req.owner, req.repo, existing.id, full);
                return { ok: true, id: updated.id, url: updated.url, action: 'updated' };
            }
            catch (err) {
                // Deleted between the search and now: write a new one rather than fail.
                if (!(err instanceof GitHubError && err.status === 404))
                    throw err;
            }
        }
        try {
            const created = await gh.createIssueComment(req.owner, req.repo, req.issueNumber, full);
            return { ok: true, id: created.id, url: created.url, action: 'created' };
        }
        catch (err) {
            // The answer was lost (timeout, reset, 502, 504): GitHub may have made the comment. Look
            // for it before trying again, so a lost answer never leaves two.
            const lost = (err instanceof GitHubError && [502, 504].includes(err.status)) || (err instanceof http/* HttpError */.j$ && err.kind !== 'http');
            if (!lost)
                throw err;
            const again = await findStickyComment(gh, req);
            if (!again.ok)
                throw err;
            if (again.existing?.body.includes((0,markdown/* digestMarker */.JV)(req.body))) {
                return { ok: true, id: again.existing.id, url: again.existing.url, action: 'created' };
            }
            return writeOne(gh, again.existing, req, full);
        }
    }
}
/** Finds and writes in one go (when there is nothing to overlap the search with). */
async function upsertStickyComment(gh, req) {
    return writeStickyComment(gh, await findStickyComment(gh, req), req);
}

;// CONCATENATED MODULE: ./src/github-lazy.ts
/**
 * Everything that talks to GitHub, behind one dynamic import: the bundler makes one chunk of
 * it, loaded only on the paths that need GitHub (comments, branch look-ups, prune), so a skip
 * never parses it and no other chunk carries a second copy.
 */




/***/ }),

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


/***/ })

};
