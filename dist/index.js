import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 734:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient),
  j$: () => (/* binding */ HttpError),
  E$: () => (/* binding */ messageFromBody),
  Ae: () => (/* binding */ path)
});

// UNUSED EXPORTS: ResponseHeaders, parseRetryAfter

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: ./src/http.ts
/**
 * The one HTTP layer every client uses: Node's own node:http/node:https (keep-alive) with a per-request timeout,
 * retries with exponential backoff and full jitter on transient failures (network errors,
 * timeouts, 429, 502, 503, 504), `Retry-After` honoured, and an overall deadline of
 * timeout × (retries + 1) so a run never waits longer than the user allowed.
 */


/**
 * Tagged template that URL-encodes every interpolated value as one path segment:
 * path`/namespaces/${ns}/git` never lets a `/`, `?` or `#` from a name change the route.
 * Throws a RangeError, before anything is sent, for values no encoding can carry as one
 * segment: '', '.' and '..' (URL parsers drop or climb them, even as `%2E`) and text with
 * lone surrogates.
 */
function path(strings, ...values) {
    let out = strings[0] ?? '';
    values.forEach((value, i) => {
        const text = String(value);
        let encoded;
        try {
            encoded = text === '' || text === '.' || text === '..' ? undefined : encodeURIComponent(text);
        }
        catch {
            encoded = undefined;
        }
        if (encoded === undefined)
            throw new RangeError(`${JSON.stringify(text)} cannot be sent as a URL path segment.`);
        out += encoded + (strings[i + 1] ?? '');
    });
    return out;
}
/** A failed request: status 0 for network failures and timeouts. Never carries credentials. */
class HttpError extends Error {
    kind;
    status;
    method;
    path;
    serverMessage;
    body;
    attempts;
    headers;
    name = 'HttpError';
    constructor(kind, status, method, 
    /** Path and query only; never the origin, never credentials. */
    path, 
    /** The server's own message, or a description of the failure. */
    serverMessage, 
    /** The decoded body (JSON or text) when there was one. */
    body, attempts, 
    /** Response headers (rate-limit and retry hints), when there was a response. */
    headers) {
        super(kind === 'http'
            ? `${method} ${path} → HTTP ${status}: ${serverMessage}`
            : `${method} ${path} → ${kind === 'timeout' ? 'timed out' : 'network error'}: ${serverMessage}`);
        this.kind = kind;
        this.status = status;
        this.method = method;
        this.path = path;
        this.serverMessage = serverMessage;
        this.body = body;
        this.attempts = attempts;
        this.headers = headers;
    }
}
const TRANSIENT_ANY = new Set([429, 503]);
const TRANSIENT_IDEMPOTENT = new Set([502, 504]);
/** The server's message from a JSON or text body: DJ `message`, FastAPI `detail`, Django `detail`, else text. */
function messageFromBody(data, text) {
    if (data && typeof data === 'object' && !Array.isArray(data)) {
        const body = data;
        if (typeof body.message === 'string' && body.message)
            return body.message;
        if (body.detail !== undefined)
            return typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
        return JSON.stringify(body).slice(0, 500);
    }
    if (Array.isArray(data))
        return JSON.stringify(data).slice(0, 500);
    const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return plain ? plain.slice(0, 300) : '(empty response)';
}
/** Seconds or an HTTP date → milliseconds to wait, or undefined. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function backoffBaseFromEnv() {
    const raw = process.env.DJ_BRANCH_SYNC_BACKOFF_MS;
    return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
/** A small JSON-over-HTTP client bound to one base URL. */
class HttpClient {
    options;
    base;
    headers;
    constructor(options) {
        this.options = options;
        this.base = options.baseUrl.replace(/\/+$/, '');
        this.headers = { 'user-agent': 'dj-branch-sync', accept: 'application/json', ...(options.headers ?? {}) };
    }
    /** Replaces or adds a default header (e.g. after a login). */
    setHeader(name, value) {
        this.headers[name.toLowerCase()] = value;
    }
    /** Sends `req`, retrying transient failures; throws the decoded error for any other failure. */
    async request(req) {
        const { timeoutMs, retries } = this.options;
        const perTry = req.timeoutMs ?? timeoutMs;
        const deadline = Date.now() + perTry * (retries + 1);
        const idempotent = req.idempotent ?? req.method !== 'POST';
        const baseDelay = this.options.backoffBaseMs ?? backoffBaseFromEnv() ?? 1000;
        const maxDelay = this.options.backoffMaxMs ?? 30_000;
        const random = this.options.random ?? Math.random;
        const fullPath = this.pathWithQuery(req);
        for (let attempt = 1;; attempt++) {
            const remaining = deadline - Date.now();
            let failure;
            let retryAfterMs;
            let res;
            try {
                res = await this.once(req, fullPath, Math.max(1, Math.min(perTry, remaining)));
            }
            catch (err) {
                if (!(err instanceof FetchFailure))
                    throw err;
                failure = new HttpError(err.timedOut ? 'timeout' : 'network', 0, req.method, fullPath, err.message, undefined, attempt);
                if (!(idempotent || err.refused))
                    throw this.decode(failure);
            }
            if (res) {
                const ok = res.status >= 200 && res.status < 300;
                if (ok && this.options.json && typeof res.data === 'string' && res.text.trim()) {
                    const type = res.headers.get('content-type') || 'no content-type';
                    const what = /json/i.test(type) ? 'the answer is not valid JSON (cut off or garbled)' : `the answer is not JSON (${type})`;
                    throw this.decode(new HttpError('http', res.status, req.method, fullPath, `${what}: ${messageFromBody(undefined, res.text)}`, res.text, attempt, res.headers));
                }
                if (ok || req.accept?.includes(res.status))
                    return res;
                failure = new HttpError('http', res.status, req.method, fullPath, messageFromBody(res.data, res.text), res.data, attempt, res.headers);
                const transient = TRANSIENT_ANY.has(res.status) || (idempotent && TRANSIENT_IDEMPOTENT.has(res.status));
                if (!transient)
                    throw this.decode(failure);
                retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
            }
            if (attempt > retries)
                throw this.decode(failure);
            const exp = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
            let delay = retryAfterMs ?? Math.round(exp / 2 + (random() * exp) / 2);
            const left = deadline - Date.now();
            if (delay >= left)
                throw this.decode(failure);
            delay = Math.max(0, delay);
            this.options.onRetry?.({
                method: req.method,
                path: fullPath,
                attempt: attempt + 1,
                of: retries + 1,
                delayMs: delay,
                reason: failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind,
            });
            await sleep(delay);
        }
    }
    decode(err) {
        return this.options.decodeError ? this.options.decodeError(err) : err;
    }
    pathWithQuery(req) {
        const entries = Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined);
        if (!entries.length)
            return req.path;
        const qs = new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
        return `${req.path}${req.path.includes('?') ? '&' : '?'}${qs}`;
    }
    once(req, fullPath, timeoutMs) {
        const headers = { ...this.headers, ...(req.headers ?? {}) };
        let body;
        if (req.json !== undefined) {
            body = JSON.stringify(req.json);
            headers['content-type'] = 'application/json';
        }
        else if (req.form) {
            body = new URLSearchParams(req.form).toString();
            headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        if (body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(body));
        const url = new URL(this.base + fullPath);
        const secure = url.protocol === 'https:';
        return new Promise((resolve, reject) => {
            let timedOut = false;
            let settled = false;
            const fail = (err) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                reject(toFetchFailure(err, timedOut, timeoutMs));
            };
            const send = secure ? external_node_https_namespaceObject.request : external_node_http_namespaceObject.request;
            const request = send(url, { method: req.method, headers, agent: secure ? httpsAgent : httpAgent }, res => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('error', fail);
                res.on('aborted', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
                res.on('end', () => {
                    if (settled)
                        return;
                    settled = true;
                    clearTimeout(timer);
                    const text = Buffer.concat(chunks).toString('utf8');
                    const responseHeaders = new ResponseHeaders(res.headers);
                    resolve({ status: res.statusCode ?? 0, headers: responseHeaders, data: parseBody(text, responseHeaders), text });
                });
            });
            const timer = setTimeout(() => {
                timedOut = true;
                request.destroy(new Error('timeout'));
            }, timeoutMs);
            request.on('error', fail);
            request.end(body);
        });
    }
}
/** JSON when the body is JSON (by type or by shape), otherwise the text. */
function parseBody(text, headers) {
    if (!text || !(/json/i.test(headers.get('content-type') ?? '') || /^\s*[[{]/.test(text)))
        return text;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/**
 * Node's own HTTP client with keep-alive, not fetch: fetch loads its HTTP stack (undici) on
 * first use, about 35 ms before the first request of every run, and keeps the process alive
 * while V8 optimises it. Idle sockets do not hold the process open.
 */
const httpAgent = new external_node_http_namespaceObject.Agent({ keepAlive: true });
const httpsAgent = new external_node_https_namespaceObject.Agent({ keepAlive: true });
/** Response headers: a case-insensitive look-up and every Set-Cookie. */
class ResponseHeaders {
    raw;
    constructor(raw) {
        this.raw = raw;
    }
    /** One header (repeated ones joined with ", "), or null. */
    get(name) {
        const value = this.raw[name.toLowerCase()];
        if (value === undefined)
            return null;
        return Array.isArray(value) ? value.join(', ') : value;
    }
    /** Every Set-Cookie header, one string each. */
    getSetCookie() {
        return [...(this.raw['set-cookie'] ?? [])];
    }
}
/** A network-level failure of one attempt. */
class FetchFailure extends Error {
    timedOut;
    refused;
    name = 'FetchFailure';
    constructor(message, timedOut, refused) {
        super(message);
        this.timedOut = timedOut;
        this.refused = refused;
    }
}
function toFetchFailure(err, aborted, timeoutMs) {
    if (aborted)
        return new FetchFailure(`no answer within ${Math.round(timeoutMs / 1000)} s`, true, false);
    const direct = err;
    const code = direct?.code ?? direct?.cause?.code ?? '';
    const message = direct?.cause?.message ?? (err instanceof Error ? err.message : String(err));
    return new FetchFailure(code ? `${code}: ${message}` : message, false, code === 'ECONNREFUSED' || code === 'ENOTFOUND');
}


/***/ }),

/***/ 407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(814);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();
// Exit once everything written has been flushed. Left alone, Node waits for V8 to finish
// optimising fetch's HTTP parser in the background (about 0.1 s) before the process ends;
// every run of every team would pay for that. process.exitCode keeps the step's result.
process.stdout.write('', () => process.exit());

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 814:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// UNUSED EXPORTS: failureLine

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/runner.ts
/**
 * The few pieces of the GitHub Actions runner protocol this action uses: inputs, outputs,
 * masks, log commands, groups and the job summary.
 *
 * Written here instead of importing `@actions/core` because loading that package alone costs
 * about 3x a bare Node start, and every push of every team pays for it (see README,
 * "Performance"). The protocol is documented and small; everything else in the action goes
 * through these functions, so tests can read exactly what a runner would.
 */



function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function issueCommand(command, message, props = {}) {
    const entries = Object.entries(props).filter(([, v]) => v !== undefined && v !== '');
    const propText = entries.length ? ' ' + entries.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',') : '';
    // Masks are the runner's job; redacting too keeps a secret out of logs that are not a runner's.
    const text = command === 'add-mask' ? message : redact(message);
    process.stdout.write(`::${command}${propText}::${escapeData(text)}${external_node_os_namespaceObject.EOL}`);
}
/** The environment variable that carries input `name`, as the runner spells it (hyphens kept). */
function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/** Reads one input, trimmed; '' when unset. */
function getInput(name, env = process.env) {
    return (env[inputEnvName(name)] ?? '').trim();
}
/** Every value masked so far, for {@link redact}. */
const secrets = new Set();
/** Tells the runner to mask `secret` (each line of it) in every later log line. */
function setSecret(secret) {
    if (!secret)
        return;
    for (const line of secret.split(/\r?\n/)) {
        if (line.trim()) {
            secrets.add(line);
            issueCommand('add-mask', line);
        }
    }
}
/**
 * `text` with every masked value replaced by `***`. The runner masks log lines only; outputs,
 * the job summary and text sent elsewhere (the pull-request comment) are redacted here, so a
 * server that echoes a token back cannot publish it.
 */
function redact(text) {
    let out = text;
    for (const secret of secrets)
        if (out.includes(secret))
            out = out.split(secret).join('***');
    return out;
}
/**
 * {@link redact} applied to every string inside `value` (an outcome, before it is rendered as
 * Markdown: rendering escapes characters, so a secret is found reliably only before it).
 */
function redactAll(value) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map(redactAll);
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)]));
    }
    return value;
}
/** Sets a step output through the GITHUB_OUTPUT file (falls back to the log command locally). */
function setOutput(name, rawValue, env = process.env) {
    const value = redact(rawValue);
    const file = env.GITHUB_OUTPUT;
    if (file) {
        const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
        (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, 'utf8');
    }
    else {
        issueCommand('set-output', value, { name });
    }
}
/** Appends Markdown to the job summary; silently does nothing outside a runner. */
function appendSummary(rawMarkdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    const markdown = redact(rawMarkdown);
    if (file)
        (0,external_node_fs_namespaceObject.appendFileSync)(file, markdown.endsWith('\n') ? markdown : markdown + external_node_os_namespaceObject.EOL, 'utf8');
}
/** A plain log line. */
function info(message) {
    // A line of someone else's text (a branch name, a server's message) must not become a
    // workflow command: `::` at the start of any line is broken with a zero-width space.
    process.stdout.write(redact(message).replace(/(^|\n)([ \t]*)::/g, '$1$2:\u200B:') + external_node_os_namespaceObject.EOL);
}
/** A debug line, shown only when step debugging is on. */
function debug(message) {
    issueCommand('debug', message);
}
/** A notice annotation. */
function notice(message, props) {
    issueCommand('notice', message, props);
}
/** A warning annotation. */
function warning(message, props) {
    issueCommand('warning', message, props);
}
/** An error annotation (does not fail the step by itself). */
function error(message, props) {
    issueCommand('error', message, props);
}
/** Marks the step failed with one error line. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Runs `fn` inside a collapsible log group. */
async function group(name, fn) {
    process.stdout.write(`::group::${escapeData(name)}${external_node_os_namespaceObject.EOL}`);
    try {
        return await fn();
    }
    finally {
        process.stdout.write(`::endgroup::${external_node_os_namespaceObject.EOL}`);
    }
}

// EXTERNAL MODULE: ./src/targets/target.ts
var targets_target = __nccwpck_require__(425);
;// CONCATENATED MODULE: ./src/event.ts
/**
 * GitHub event → a small typed {@link BranchEvent}. The only module that reads payloads.
 */

const obj = (v) => (v && typeof v === 'object' ? v : {});
const str = (v) => (typeof v === 'string' ? v : '');
function repoOf(payload, env) {
    const full = str(obj(payload.repository).full_name) || env.GITHUB_REPOSITORY || '';
    const [owner, name] = full.split('/');
    return owner && name ? { owner, name } : undefined;
}
/**
 * A full ref (`refs/heads/<branch>`, `refs/tags/<tag>`) taken apart exactly once: the prefix
 * is removed and the rest is the name, whatever it holds (a branch may itself be called
 * `refs/heads/x`). Any other ref (`refs/pull/…`, `refs/notes/…`, a short name) is undefined:
 * not a branch the action may act on.
 */
function splitRef(ref) {
    if (ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length)
        return { refType: 'branch', name: ref.slice('refs/heads/'.length) };
    if (ref.startsWith('refs/tags/') && ref.length > 'refs/tags/'.length)
        return { refType: 'tag', name: ref.slice('refs/tags/'.length) };
    return undefined;
}
/** Builds the event from a name and a parsed payload (pure: tests call it directly). */
function toBranchEvent(eventName, payload, env = {}) {
    const base = {
        repo: repoOf(payload, env),
        defaultBranch: str(obj(payload.repository).default_branch) || undefined,
    };
    switch (eventName) {
        case 'create':
        case 'delete':
            // These payloads carry the short name (`feature/x`, or a branch literally called
            // `refs/heads/x`): it is used as is, never taken apart.
            if (payload.ref_type !== 'branch' && payload.ref_type !== 'tag')
                return { ...base, kind: 'other', name: eventName };
            return { ...base, kind: eventName, refType: payload.ref_type, branch: str(payload.ref) };
        case 'push': {
            const ref = splitRef(str(payload.ref));
            if (!ref)
                return { ...base, kind: 'other', name: eventName };
            const { refType, name } = ref;
            const after = str(payload.after);
            return { ...base, kind: 'push', refType, branch: name, sha: after && !/^0+$/.test(after) ? after : undefined, deleted: payload.deleted === true };
        }
        case 'pull_request':
        case 'pull_request_target': {
            const pr = obj(payload.pull_request);
            const head = obj(pr.head);
            const baseRef = obj(pr.base);
            const headRepo = head.repo === null ? null : obj(head.repo);
            const baseRepo = obj(baseRef.repo);
            const headFull = headRepo ? str(headRepo.full_name) : '';
            const baseFull = str(baseRepo.full_name) || (base.repo ? `${base.repo.owner}/${base.repo.name}` : '');
            return {
                ...base,
                kind: 'pull_request',
                action: str(payload.action),
                branch: str(head.ref),
                sha: str(head.sha) || undefined,
                number: Number(payload.number ?? pr.number) || 0,
                fork: headRepo === null || (headFull !== '' && baseFull !== '' && headFull.toLowerCase() !== baseFull.toLowerCase()),
                merged: pr.merged === true,
                baseBranch: str(baseRef.ref),
            };
        }
        default: {
            const ref = splitRef(env.GITHUB_REF ?? '');
            return { ...base, kind: 'other', name: eventName, branch: ref?.refType === 'branch' ? ref.name : undefined };
        }
    }
}
/** Reads GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. */
function readEvent(env = process.env) {
    const name = env.GITHUB_EVENT_NAME ?? '';
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            payload = obj(JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8')));
        }
        catch (err) {
            throw new Error(`Could not read the event payload at GITHUB_EVENT_PATH: ${err.message}`);
        }
    }
    return toBranchEvent(name, payload, env);
}

;// CONCATENATED MODULE: ./src/settings.ts


/** Every input action.yml declares; anything else given with `with:` is an error. */
const KNOWN_INPUTS = [
    'target', 'operation', 'branch', 'namespace',
    'dj-url', 'dj-token', 'dj-client-id', 'dj-client-secret', 'dj-username', 'dj-password', 'dj-ui-url',
    'deploy', 'on-pr-close', 'delete-git-branch', 'ignore-branches', 'fail-on', 'comment', 'github-token',
    'dry-run', 'timeout-seconds', 'retries', 'prune-min-age-hours', 'allow-other-repository',
    'fossil-url', 'fossil-user', 'fossil-password', 'fossil-basis',
    'pdc-url', 'pdc-token', 'pdc-global-component', 'pdc-branch-type', 'pdc-slas',
];
/** Inputs whose values are secrets: masked as soon as they are read. */
const SECRET_INPUTS = ['dj-token', 'dj-client-secret', 'dj-password', 'fossil-password', 'pdc-token', 'github-token'];
function read(env, name) {
    return (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}
function oneOf(env, name, allowed, fallback) {
    const raw = read(env, name);
    if (!raw)
        return fallback;
    const value = raw.toLowerCase();
    if (!allowed.includes(value)) {
        throw new targets_target/* InputError */.dz(`Input '${name}' must be one of ${allowed.map(a => `'${a}'`).join(', ')}; got '${raw}'.`);
    }
    return value;
}
function bool(env, name, fallback) {
    const raw = read(env, name);
    if (!raw)
        return fallback;
    if (/^true$/i.test(raw))
        return true;
    if (/^false$/i.test(raw))
        return false;
    throw new targets_target/* InputError */.dz(`Input '${name}' must be 'true' or 'false'; got '${raw}'.`);
}
function number(env, name, fallback, { min, integer }) {
    const raw = read(env, name);
    if (!raw)
        return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
        throw new targets_target/* InputError */.dz(`Input '${name}' must be ${integer ? 'a whole number' : 'a number'} of at least ${min}; got '${raw}'.`);
    }
    return value;
}
function url(env, name, fallback) {
    const raw = read(env, name) || (fallback ?? '').trim();
    if (!raw)
        return '';
    let parsed;
    try {
        parsed = new URL(raw);
    }
    catch {
        throw new targets_target/* InputError */.dz(`Input '${name}' must be an http(s) URL; got '${raw}'.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new targets_target/* InputError */.dz(`Input '${name}' must be an http(s) URL; got '${raw}'.`);
    }
    if (parsed.username || parsed.password) {
        throw new targets_target/* InputError */.dz(`Input '${name}' must not carry credentials in the URL; use the credential inputs (they are masked).`);
    }
    if (parsed.search || parsed.hash) {
        // Not echoed: a query is where a key would hide. Paths are appended to this base.
        throw new targets_target/* InputError */.dz(`Input '${name}' must be a base URL without a query string or fragment; credentials go in the credential inputs (they are masked).`);
    }
    return raw.replace(/\/+$/, '');
}
/**
 * Input `branch`: a branch name, or a full ref `refs/heads/<name>` (as `github.ref` gives it),
 * whose prefix is removed exactly once, so `refs/heads/refs/heads/x` names the branch
 * `refs/heads/x`. Any other `refs/…` (a tag, a pull-request ref) is an input error rather than
 * a guess at which branch was meant.
 */
function branchInput(raw) {
    if (!raw.startsWith('refs/'))
        return raw;
    const ref = splitRef(raw);
    if (ref?.refType === 'branch')
        return ref.name;
    throw new targets_target/* InputError */.dz(`Input 'branch' must be a branch name or 'refs/heads/<branch>'; got '${raw}', which is ${ref ? 'a tag' : 'not a branch ref'}. ` +
        `A branch whose name itself starts with 'refs/' is given as 'refs/heads/<its name>'.`);
}
/** Splits newline- or comma-separated values, dropping blanks and `#` comments. */
function splitList(raw) {
    return raw
        .split(/[\n,]/)
        .map(s => s.trim())
        .filter(s => s && !s.startsWith('#'));
}
/** Parses `pdc-slas`: `type:YYYY-MM-DD` pairs. */
function parseSlas(raw) {
    return splitList(raw).map(item => {
        const m = /^([^:]+):\s*(\d{4}-\d{2}-\d{2})$/.exec(item);
        if (!m)
            throw new targets_target/* InputError */.dz(`Input 'pdc-slas' takes 'type:YYYY-MM-DD' pairs (e.g. bug_fixes:2027-12-01); got '${item}'.`);
        return { type: m[1].trim(), eol: m[2] };
    });
}
function closest(name) {
    const distance = (a, b) => {
        const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
        for (let j = 1; j <= b.length; j++)
            dp[0][j] = j;
        for (let i = 1; i <= a.length; i++)
            for (let j = 1; j <= b.length; j++)
                dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        return dp[a.length][b.length];
    };
    let best;
    let bestD = 4;
    for (const known of KNOWN_INPUTS) {
        const d = distance(name, known);
        if (d < bestD)
            [best, bestD] = [known, d];
    }
    return best;
}
/** Input names given to the step that action.yml does not declare. */
function unknownInputs(env) {
    const known = new Set(KNOWN_INPUTS.map(n => n.toUpperCase()));
    return Object.keys(env)
        .filter(k => k.startsWith('INPUT_') && !known.has(k.slice(6)))
        .map(k => k.slice(6).toLowerCase());
}
/**
 * Reads and validates all inputs. `mask` is called with every secret before anything else
 * could print it.
 */
function readSettings(env, mask) {
    for (const name of SECRET_INPUTS)
        mask(read(env, name));
    for (const fallback of ['DJ_TOKEN', 'DJ_PWD'])
        if (env[fallback])
            mask(env[fallback].trim());
    const unknown = unknownInputs(env);
    if (unknown.length) {
        const hints = unknown.map(u => {
            const near = closest(u);
            return near ? `'${u}' (did you mean '${near}'?)` : `'${u}'`;
        });
        throw new targets_target/* InputError */.dz(`Unknown input${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}. See the README for the inputs this action takes.`);
    }
    const target = oneOf(env, 'target', ['dj', 'fossil', 'pdc'], 'dj');
    const timeoutSeconds = number(env, 'timeout-seconds', 300, { min: 1, integer: false });
    const settings = {
        target,
        operation: oneOf(env, 'operation', ['auto', 'create', 'delete', 'sync', 'list', 'prune'], 'auto'),
        branch: branchInput(read(env, 'branch')),
        deploy: oneOf(env, 'deploy', ['sync', 'none'], 'sync') === 'sync',
        onPrClose: oneOf(env, 'on-pr-close', ['delete', 'keep'], 'delete'),
        deleteGitBranch: bool(env, 'delete-git-branch', false),
        ignoreBranches: splitList(read(env, 'ignore-branches')),
        failOn: oneOf(env, 'fail-on', ['failed', 'invalid', 'never'], 'failed'),
        comment: bool(env, 'comment', true),
        githubToken: read(env, 'github-token') || (env.GITHUB_TOKEN ?? '').trim(),
        dryRun: bool(env, 'dry-run', false),
        timeoutMs: Math.round(timeoutSeconds * 1000),
        retries: number(env, 'retries', 3, { min: 0, integer: true }),
        pruneMinAgeHours: number(env, 'prune-min-age-hours', 24, { min: 0, integer: false }),
        allowOtherRepository: bool(env, 'allow-other-repository', false),
    };
    if (settings.githubToken)
        mask(settings.githubToken);
    if (settings.deleteGitBranch && settings.operation !== 'delete') {
        throw new targets_target/* InputError */.dz(`Input 'delete-git-branch: true' only applies to 'operation: delete'; the action never deletes a git branch otherwise.`);
    }
    if (settings.retries > 10)
        throw new targets_target/* InputError */.dz(`Input 'retries' must be at most 10; got '${settings.retries}'.`);
    if (target === 'dj') {
        const djUrl = url(env, 'dj-url', env.DJ_URL);
        if (!djUrl)
            throw new targets_target/* InputError */.dz(`Input 'dj-url' is required for target 'dj' (or set env DJ_URL).`);
        const namespace = read(env, 'namespace');
        if (!namespace)
            throw new targets_target/* InputError */.dz(`Input 'namespace' is required for target 'dj': the DJ git-root namespace, e.g. 'demo.metrics'.`);
        if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(namespace)) {
            throw new targets_target/* InputError */.dz(`Input 'namespace' must be a dotted DJ namespace such as 'demo.metrics'; got '${namespace}'.`);
        }
        const clientId = read(env, 'dj-client-id');
        const clientSecret = read(env, 'dj-client-secret');
        if (Boolean(clientId) !== Boolean(clientSecret)) {
            throw new targets_target/* InputError */.dz(`Inputs 'dj-client-id' and 'dj-client-secret' go together; only one was given.`);
        }
        const username = read(env, 'dj-username') || (env.DJ_USER ?? '').trim();
        const password = read(env, 'dj-password') || (env.DJ_PWD ?? '').trim();
        if (Boolean(username) !== Boolean(password)) {
            throw new targets_target/* InputError */.dz(`Inputs 'dj-username' and 'dj-password' (or env DJ_USER / DJ_PWD) go together; only one was given.`);
        }
        settings.dj = {
            url: djUrl,
            uiUrl: url(env, 'dj-ui-url') || djUrl,
            namespace,
            token: read(env, 'dj-token') || (env.DJ_TOKEN ?? '').trim() || undefined,
            clientId: clientId || undefined,
            clientSecret: clientSecret || undefined,
            username: username || undefined,
            password: password || undefined,
        };
    }
    else if (target === 'fossil') {
        const fossilUrl = url(env, 'fossil-url');
        if (!fossilUrl)
            throw new targets_target/* InputError */.dz(`Input 'fossil-url' is required for target 'fossil'.`);
        const user = read(env, 'fossil-user');
        const password = read(env, 'fossil-password');
        if (Boolean(user) !== Boolean(password))
            throw new targets_target/* InputError */.dz(`Inputs 'fossil-user' and 'fossil-password' go together; only one was given.`);
        settings.fossil = { url: fossilUrl, user: user || undefined, password: password || undefined, basis: read(env, 'fossil-basis') || 'trunk' };
    }
    else {
        const pdcUrl = url(env, 'pdc-url');
        if (!pdcUrl)
            throw new targets_target/* InputError */.dz(`Input 'pdc-url' is required for target 'pdc'.`);
        const globalComponent = read(env, 'pdc-global-component');
        if (!globalComponent)
            throw new targets_target/* InputError */.dz(`Input 'pdc-global-component' is required for target 'pdc'.`);
        settings.pdc = {
            url: pdcUrl,
            token: read(env, 'pdc-token') || undefined,
            globalComponent,
            branchType: read(env, 'pdc-branch-type') || 'rpm',
            slas: parseSlas(read(env, 'pdc-slas')),
        };
    }
    return settings;
}

// EXTERNAL MODULE: ./src/naming.ts
var naming = __nccwpck_require__(499);
;// CONCATENATED MODULE: ./src/plan.ts


const ENSURE_ACTIONS = new Set(['opened', 'reopened', 'synchronize', 'ready_for_review']);
const skip = (reason, why, branch) => ({ kind: 'skip', reason, why, branch });
/** The branch-level guards every branch plan passes through: default and ignored branches. */
function guard(branch, event, settings, allowDefault) {
    if (!allowDefault && event.defaultBranch && branch === event.defaultBranch) {
        return skip('default-branch', `'${branch}' is the default branch; its namespace belongs to the root and is deployed by pushes, never created or deleted here.`, branch);
    }
    if ((0,naming/* branchMatchesGlobs */.$3)(branch, settings.ignoreBranches)) {
        return skip('ignored-branch', `'${branch}' matches 'ignore-branches'.`, branch);
    }
    return undefined;
}
/** Decides what `operation: auto` does for an event (SPEC §4). */
function planAuto(event, settings) {
    switch (event.kind) {
        case 'create':
        case 'delete': {
            if (event.refType === 'tag')
                return skip('tag', `A tag was ${event.kind}d ('${event.branch}'); tags have no namespace.`);
            return (guard(event.branch, event, settings, false) ??
                (event.kind === 'create'
                    ? { kind: 'ensure', branch: event.branch, deploy: settings.deploy }
                    : { kind: 'remove', branch: event.branch, deleteGitBranch: false }));
        }
        case 'push': {
            if (event.refType === 'tag')
                return skip('tag', `A tag was pushed ('${event.branch}'); tags have no namespace.`);
            if (event.deleted) {
                return skip('unsupported-action', `This push deleted '${event.branch}'; the delete event removes its namespace.`, event.branch);
            }
            if (!settings.deploy)
                return skip('unsupported-action', `'deploy: none': pushes deploy nothing.`, event.branch);
            return guard(event.branch, event, settings, true) ?? { kind: 'deploy', branch: event.branch, sha: event.sha, skipWhenNotLinked: true };
        }
        case 'pull_request': {
            const closing = event.action === 'closed';
            if (!closing && !ENSURE_ACTIONS.has(event.action)) {
                return skip('unsupported-action', `Pull request action '${event.action}' changes nothing in the namespace.`, event.branch);
            }
            if (event.fork) {
                return skip('fork', `The pull request comes from a fork: its branch is not in this repository and GitHub withholds secrets from fork runs, so there is no namespace to sync. A maintainer can push the branch to this repository to get one.`, event.branch);
            }
            const pr = { number: event.number, sha: event.sha };
            const guarded = guard(event.branch, event, settings, false);
            if (guarded)
                return guarded;
            if (!closing)
                return { kind: 'ensure', branch: event.branch, deploy: settings.deploy, sha: event.sha, pr };
            return settings.onPrClose === 'delete'
                ? { kind: 'remove', branch: event.branch, deleteGitBranch: false, pr }
                : { kind: 'keep', branch: event.branch, pr };
        }
        default:
            return skip('unsupported-event', `Event '${event.name}' does nothing with 'operation: auto'; use an explicit 'operation' (create, delete, sync, list, prune).`);
    }
}
/** The branch an explicit operation acts on: input `branch`, else the event's own branch. */
function explicitBranch(event, settings) {
    if (settings.branch)
        return settings.branch;
    const fromEvent = event.kind === 'other' ? undefined : event.branch;
    if (fromEvent && !(event.kind !== 'other' && 'refType' in event && event.refType === 'tag'))
        return fromEvent;
    throw new targets_target/* InputError */.dz(`Input 'branch' is required for 'operation: ${settings.operation}' on a '${event.kind === 'other' ? event.name : event.kind}' event.`);
}
/** Decides what the run does. Throws {@link InputError} when the inputs cannot make a plan. */
function decide(event, settings) {
    switch (settings.operation) {
        case 'auto':
            return planAuto(event, settings);
        case 'list':
            return { kind: 'list' };
        case 'prune':
            return { kind: 'prune' };
        case 'create': {
            const branch = explicitBranch(event, settings);
            return guard(branch, event, settings, false) ?? { kind: 'create', branch };
        }
        case 'delete': {
            const branch = explicitBranch(event, settings);
            return guard(branch, event, settings, false) ?? { kind: 'remove', branch, deleteGitBranch: settings.deleteGitBranch };
        }
        case 'sync': {
            const branch = explicitBranch(event, settings);
            return guard(branch, event, settings, true) ?? { kind: 'deploy', branch, skipWhenNotLinked: false };
        }
    }
}

// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __nccwpck_require__(734);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __nccwpck_require__(285);
;// CONCATENATED MODULE: ./src/prune.ts


/**
 * Decides for each target branch: never the default branch, never one whose git branch still
 * exists, nor an ignored one, nor one updated within `minAgeHours` (it may be in use, or its
 * git branch may be about to come back).
 */
function selectForPrune(branches, rules) {
    checkListing(branches, rules);
    const cutoff = rules.now.getTime() - rules.minAgeHours * 3_600_000;
    return branches.map(branch => {
        if (branch.isDefault)
            return { branch, remove: false, why: 'default branch' };
        if (!branch.gitBranch)
            return { branch, remove: false, why: 'follows no git branch' };
        if (rules.gitBranches.has(branch.gitBranch))
            return { branch, remove: false, why: 'git branch exists' };
        if ((0,naming/* branchMatchesGlobs */.$3)(branch.gitBranch, rules.ignore))
            return { branch, remove: false, why: 'ignored' };
        const updated = parseTime(branch.lastUpdatedAt);
        if (updated !== undefined && updated > cutoff) {
            return { branch, remove: false, why: `updated within ${rules.minAgeHours} h` };
        }
        return { branch, remove: true, why: 'git branch is gone' };
    });
}
/**
 * A repository always has its default branch. A listing without it (an empty answer, a
 * listing of another repository, a token that sees nothing) would make every namespace look
 * orphaned: the whole prune is refused before anything is deleted.
 */
function checkListing(branches, rules) {
    const from = rules.repository ? ` of ${rules.repository}` : '';
    const fix = `Nothing was pruned: check that 'github-token' can read the repository's branches.`;
    if (rules.gitBranches.size === 0) {
        if (branches.every(b => b.isDefault || !b.gitBranch))
            return;
        throw new targets_target/* RefusedError */.fk(`GitHub listed no branches${from}, not even the default branch. ${fix}`);
    }
    const missing = branches.find(b => b.isDefault && b.gitBranch && !rules.gitBranches.has(b.gitBranch));
    if (missing) {
        throw new targets_target/* RefusedError */.fk(`GitHub's listing${from} (${rules.gitBranches.size} branches) lacks the default branch '${missing.gitBranch}', so it is not the root's repository or not complete. ${fix}`);
    }
}
/** ISO 8601 with or without an offset (DJ on SQLite omits it: read as UTC). */
function parseTime(value) {
    if (!value)
        return undefined;
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
    const t = Date.parse(hasZone ? value : `${value}Z`);
    return Number.isNaN(t) ? undefined : t;
}

// EXTERNAL MODULE: ./src/repository.ts
var repository = __nccwpck_require__(627);
// EXTERNAL MODULE: ./src/pool.ts
var pool = __nccwpck_require__(537);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * run(): settings → event → plan → execute → report. The one place that talks to the runner
 * and the one place that calls setFailed.
 */











/** How many deletions prune runs at once. */
const PRUNE_CONCURRENCY = 8;
/** Loads only the target the run uses (start-up: no other target's code is parsed). */
async function loadTarget(settings, deps) {
    const modules = {
        dj: () => Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(428)]).then(__nccwpck_require__.bind(__nccwpck_require__, 428)),
        fossil: () => Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(2)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2)),
        pdc: () => Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(981)]).then(__nccwpck_require__.bind(__nccwpck_require__, 981)),
    };
    const mod = await modules[settings.target]();
    return mod.createTarget(settings, deps);
}
/** The target-side name for logs and outputs, computed without loading the target. */
function displayName(settings, branch) {
    if (!branch)
        return undefined;
    if (settings.target !== 'dj' || !settings.dj)
        return branch;
    try {
        return (0,naming/* namespaceForBranch */.j_)(settings.dj.namespace, branch);
    }
    catch {
        return undefined;
    }
}
function runUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
function describeEvent(event) {
    switch (event.kind) {
        case 'pull_request':
            return `pull_request (${event.action}) #${event.number}`;
        case 'other':
            return event.name || '(none)';
        default:
            return `${event.kind} (${event.refType})`;
    }
}
function planBranch(plan) {
    return 'branch' in plan ? plan.branch : undefined;
}
function planPr(plan) {
    return 'pr' in plan ? plan.pr : undefined;
}
/** Sets every output of SPEC §3 from an outcome. */
function setOutputs(outcome) {
    const set = (name, value) => setOutput(name, value);
    set('operation', outcome.operation);
    set('skip-reason', outcome.skipReason ?? '');
    set('namespace', outcome.name ?? '');
    set('git-branch', outcome.gitBranch ?? '');
    set('deployed-sha', outcome.deployedSha ?? '');
    set('results', JSON.stringify(outcome.results));
    set('counts', JSON.stringify((0,targets_target/* countByStatus */.x7)(outcome.results)));
    set('branches', JSON.stringify((outcome.branches ?? []).map(b => b.raw)));
    set('pruned', JSON.stringify(outcome.pruned ?? []));
}
/** The setFailed line for an outcome that `fail-on` (or a failed prune deletion) fails, or undefined. */
function failureLine(outcome, failOn) {
    const why = (0,markdown/* stepFailure */.nK)(outcome, failOn);
    if (!why)
        return undefined;
    const list = (names) => names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
    if (outcome.failures?.length) {
        return `Prune: ${why}: ${outcome.failures.slice(0, 5).map(f => `${f.name} (${f.message})`).join('; ')}${outcome.failures.length > 5 ? '; …' : ''}. The others were handled; see the summary.`;
    }
    const bad = outcome.results.filter(r => r.status === 'failed' || (failOn === 'invalid' && r.status === 'invalid'));
    return `Deployment to ${outcome.name ?? 'the namespace'}: ${why} of ${outcome.results.length}: ${list(bad.map(r => r.name))}. The summary lists each message; fix the YAML and push again.`;
}
/** Runs a plan against the target. */
async function execute(plan, target, settings, event, env) {
    const dryRun = settings.dryRun;
    switch (plan.kind) {
        case 'ensure':
            return target.ensure({ gitBranch: plan.branch, deploy: plan.deploy, expectedSha: plan.sha, dryRun });
        case 'deploy': {
            if (plan.skipWhenNotLinked) {
                // A push to a branch that can never have a namespace (release/1.2) is not an error on
                // every push: there is simply nothing linked to deploy. Creating one is what fails.
                try {
                    target.nameFor(plan.branch);
                }
                catch (err) {
                    if (!(err instanceof targets_target/* InputError */.dz))
                        throw err;
                    notice(err.message);
                    return { target: target.name, operation: 'skipped', skipReason: 'not-linked', gitBranch: plan.branch, results: [], notes: [err.message] };
                }
            }
            return target.deploy({ gitBranch: plan.branch, skipWhenNotLinked: plan.skipWhenNotLinked, expectedSha: plan.sha, dryRun });
        }
        case 'remove':
            return target.remove({ gitBranch: plan.branch, deleteGitBranch: plan.deleteGitBranch, dryRun });
        case 'keep': {
            const name = target.nameFor(plan.branch);
            return {
                target: target.name,
                operation: 'unchanged',
                name,
                gitBranch: plan.branch,
                results: [],
                notes: [`Kept ${name}: 'on-pr-close: keep'. Delete it with 'operation: delete' or let 'prune' collect it once the git branch is gone.`],
            };
        }
        case 'create': {
            // A name the target refuses is refused before anything is sent, GitHub included.
            target.nameFor(plan.branch);
            const gh = await github(settings, env);
            const { repo, value: exists } = await (0,repository/* askFollowedRepository */.yZ)(event.repo ?? null, () => followedRepository(target, event), settings.allowOtherRepository, r => gh.branchExists(r.owner, r.name, plan.branch));
            if (exists)
                return target.ensure({ gitBranch: plan.branch, deploy: settings.deploy, dryRun });
            if (!target.createWithGitBranch) {
                throw new targets_target/* InputError */.dz(`Git branch '${plan.branch}' does not exist in ${repo.owner}/${repo.name}, and target '${target.name}' cannot create it. Push the branch first.`);
            }
            return target.createWithGitBranch({ gitBranch: plan.branch, dryRun });
        }
        case 'list': {
            const branches = await target.list();
            return { target: target.name, operation: 'listed', branches, results: [], notes: [`${branches.length} branch${branches.length === 1 ? '' : 'es'}.`] };
        }
        case 'prune':
            return prune(target, settings, event, env);
    }
}
/** The repository whose branches the target follows; the event's for targets that know none. */
function followedRepository(target, event) {
    return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}
function requireRepo(event) {
    if (!event.repo)
        throw new targets_target/* InputError */.dz('The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.');
    return event.repo;
}
let githubClient;
/** The run's one GitHub client (loaded only on paths that talk to GitHub). */
function github(settings, env) {
    githubClient ??= makeGitHub(settings, env);
    return githubClient;
}
async function makeGitHub(settings, env) {
    const { GitHubClient } = await Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(964)]).then(__nccwpck_require__.bind(__nccwpck_require__, 964));
    if (!settings.githubToken)
        throw new targets_target/* InputError */.dz(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
    return new GitHubClient({
        baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
        token: settings.githubToken,
        timeoutMs: Math.min(settings.timeoutMs, 60_000),
        retries: settings.retries,
        onRetry: logRetry,
    });
}
async function prune(target, settings, event, env) {
    const gh = await github(settings, env);
    const [branches, { repo, value: gitBranches }] = await Promise.all([
        target.list(),
        (0,repository/* askFollowedRepository */.yZ)(event.repo ?? null, () => followedRepository(target, event), settings.allowOtherRepository, r => gh.listBranchNames(r.owner, r.name)),
    ]);
    info(`Git branches of ${(0,repository/* repoText */.kK)(repo)}: ${gitBranches.length}.`);
    const verdicts = selectForPrune(branches, {
        gitBranches: new Set(gitBranches),
        repository: (0,repository/* repoText */.kK)(repo),
        minAgeHours: settings.pruneMinAgeHours,
        ignore: settings.ignoreBranches,
        now: new Date(),
    });
    const doomed = verdicts.filter(v => v.remove).map(v => v.branch);
    info(`${branches.length} branches, ${gitBranches.length} git branches; ${doomed.length} to prune.`);
    const failures = [];
    const pruned = [];
    await (0,pool/* mapPool */.P)(doomed, PRUNE_CONCURRENCY, async (branch) => {
        try {
            const out = await target.remove({ gitBranch: branch.gitBranch, deleteGitBranch: false, dryRun: settings.dryRun, known: branch });
            if (out.operation === 'deleted' || out.operation === 'planned')
                pruned.push(branch.name);
            info(`${branch.name}: ${out.operation}`);
        }
        catch (err) {
            failures.push({ name: branch.name, message: err.message });
            warning(`Prune of ${branch.name} failed: ${err.message}`);
        }
    });
    pruned.sort();
    const kept = verdicts.filter(v => !v.remove).length;
    return {
        target: target.name,
        operation: settings.dryRun ? 'planned' : 'pruned',
        branches,
        pruned,
        failures,
        results: [],
        notes: [`${settings.dryRun ? 'Would prune' : 'Pruned'} ${pruned.length}, kept ${kept}${failures.length ? `, ${failures.length} failed` : ''}.`],
    };
}
function logRetry(info) {
    warning(`${info.method} ${info.path}: ${info.reason}; retry ${info.attempt}/${info.of} in ${(info.delayMs / 1000).toFixed(1)} s`);
}
/** Writes the sticky comment; failures become warnings and never undo the work. */
async function comment(settings, env, event, pr, outcome, body, found) {
    const { findStickyComment, writeStickyComment } = await Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(964)]).then(__nccwpck_require__.bind(__nccwpck_require__, 964));
    const repo = requireRepo(event);
    const gh = await github(settings, env);
    const where = { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: (0,markdown/* stickyMarker */.YL)(outcome.target, outcome.name ?? String(pr.number)) };
    const search = found ? await found : await findStickyComment(gh, where);
    const res = await writeStickyComment(gh, search, { ...where, body });
    if (!res.ok) {
        warning(`The pull-request comment was not written: ${res.error.message}`);
        return;
    }
    setOutput('comment-id', String(res.id));
    setOutput('comment-url', res.url);
    info(`Comment ${res.action}: ${res.url}`);
}
/** The whole run. Never throws: failures end in one setFailed line. */
async function run(env = process.env) {
    let settings;
    let event;
    let plan;
    const ctx = { eventName: env.GITHUB_EVENT_NAME ?? '', runUrl: runUrl(env), dryRun: false, failOn: 'failed', now: new Date() };
    let outcome;
    try {
        settings = readSettings(env, setSecret);
        ctx.dryRun = settings.dryRun;
        ctx.failOn = settings.failOn;
        event = readEvent(env);
        plan = decide(event, settings);
        const branch = planBranch(plan);
        const name = displayName(settings, branch);
        const pr = planPr(plan);
        ctx.prNumber = event.kind === 'pull_request' ? event.number : undefined;
        ctx.headSha = pr?.sha ?? (plan.kind === 'deploy' ? plan.sha : undefined);
        ctx.decision = `event ${describeEvent(event)} · branch ${branch ?? '—'} · ${settings.target === 'dj' ? 'namespace' : 'name'} ${name ?? '—'} · plan ${plan.kind}${plan.kind === 'skip' ? ` (${plan.reason})` : ''}${settings.dryRun ? ' · dry-run' : ''}`;
        info(`Decision: ${ctx.decision}`);
        if (plan.kind === 'skip') {
            outcome = { target: settings.target, operation: 'skipped', skipReason: plan.reason, name, gitBranch: branch, results: [], notes: [plan.why] };
            notice(`Skipped (${plan.reason}): ${plan.why}`);
        }
        else {
            const deps = {
                log: info,
                mask: setSecret,
                http: { timeoutMs: settings.timeoutMs, retries: settings.retries, onRetry: logRetry },
                repository: event.repo ?? null,
            };
            const s = settings;
            const ev = event;
            const p = plan;
            // The comment search does not depend on the target: start it now, in parallel.
            const found = pr && s.comment && !s.dryRun && name ? startCommentSearch(s, env, ev, pr, name) : undefined;
            const target = await loadTarget(s, deps);
            // Server text (node messages, names) may echo a credential: redacted before anything renders it.
            outcome = redactAll(await group(`${s.target}: ${p.kind} ${branch ?? ''}`.trim(), () => execute(p, target, s, ev, env)));
            if (pr && s.comment && !s.dryRun) {
                const body = redact((0,markdown/* renderReport */.B1)(outcome, ctx));
                await group('Pull-request comment', () => comment(s, env, ev, pr, outcome, body, found));
            }
        }
        setOutputs(outcome);
        appendSummary((0,markdown/* renderReport */.B1)(outcome, ctx));
        const failure = failureLine(outcome, settings.failOn);
        if (failure)
            setFailed(failure);
    }
    catch (err) {
        const message = describeError(err);
        ctx.error = redact(message);
        const branch = plan ? planBranch(plan) : undefined;
        const name = settings ? displayName(settings, branch) : undefined;
        // The server may have acted before its answer proved unusable: say what is known.
        const knownRaw = outcome ? undefined : (0,targets_target/* knownOutcomeOf */.ZS)(err);
        const known = knownRaw && redactAll(knownRaw);
        if (known)
            setOutputs(known);
        else if (settings && !outcome) {
            setOutput('operation', '');
            setOutput('namespace', name ?? '');
            setOutput('git-branch', branch ?? '');
        }
        const failed = outcome ?? known ?? { target: settings?.target ?? 'dj', operation: 'skipped', name, gitBranch: branch, results: [], notes: [] };
        try {
            appendSummary((0,markdown/* renderReport */.B1)(failed, ctx));
        }
        catch {
            /* the failure line below is what matters */
        }
        // The pull request hears about the failure too (the comment says what failed), unless the
        // failure is in the inputs or the comment itself was the problem.
        const pr = plan ? planPr(plan) : undefined;
        if (settings && event && pr && settings.comment && !settings.dryRun && !(err instanceof targets_target/* InputError */.dz) && !outcome) {
            const s = settings;
            const ev = event;
            await group('Pull-request comment', () => comment(s, env, ev, pr, failed, (0,markdown/* renderReport */.B1)(failed, ctx), undefined)).catch(() => undefined);
        }
        setFailed(message);
    }
}
/** Starts looking for the sticky comment; never rejects (failures are values). */
async function startCommentSearch(settings, env, event, pr, name) {
    try {
        const { findStickyComment } = await Promise.all(/* import() */[__nccwpck_require__.e(934), __nccwpck_require__.e(964)]).then(__nccwpck_require__.bind(__nccwpck_require__, 964));
        const repo = requireRepo(event);
        const gh = await github(settings, env);
        return await findStickyComment(gh, { owner: repo.owner, repo: repo.name, issueNumber: pr.number, marker: (0,markdown/* stickyMarker */.YL)(settings.target, name) });
    }
    catch (err) {
        return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
    }
}
/** One sentence for the failure line. */
function describeError(err) {
    if (err instanceof targets_target/* InputError */.dz)
        return `Input error: ${err.message}`;
    if (err instanceof targets_target/* RefusedError */.fk)
        return `Refused, nothing changed: ${err.message}`;
    if (err instanceof http/* HttpError */.j$)
        return `${err.message}. Check the server URL and that it is reachable from the runner.`;
    if (err instanceof Error)
        return err.message;
    return String(err);
}


/***/ }),

/***/ 499:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ branchMatchesGlobs),
/* harmony export */   Gh: () => (/* binding */ djSuffix),
/* harmony export */   j_: () => (/* binding */ namespaceForBranch)
/* harmony export */ });
/* harmony import */ var _targets_target_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(425);
/**
 * Pure naming rules: git branch → DJ namespace (the server's own rule, so the action's
 * namespaces match what DJ's "Create Branch" makes), the segment check DJ itself skips on
 * that path, and the `ignore-branches` globs.
 */

/** What DJ's `validate_namespace` accepts for one segment. */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
/** DJ's RESERVED_NAMESPACE_NAMES. */
const RESERVED = new Set(['user']);
/**
 * The namespace segment DJ derives from a git branch (`branches.py`): trim, then every `-`
 * and every `/` becomes `_`. Nothing else changes: case, dots and runs are kept.
 */
function djSuffix(branch) {
    return branch.trim().replace(/-/g, '_').replace(/\//g, '_');
}
/** Why `suffix` cannot be a namespace segment, or undefined when it can. */
function segmentProblem(suffix, branch) {
    if (!suffix)
        return 'the name is empty';
    // DJ trims the name first: ' x' would share the namespace of branch 'x'.
    if (branch !== branch.trim())
        return 'it starts or ends with whitespace, so it would share the namespace of the branch without it';
    if (suffix.includes('.'))
        return 'it contains a dot, which would add namespace levels';
    if (/^[0-9]/.test(suffix))
        return 'it starts with a digit';
    if (suffix.startsWith('_'))
        return "it starts with '-', '/' or '_'";
    if (RESERVED.has(suffix))
        return `'${suffix}' is reserved by DJ`;
    const bad = [...new Set(suffix.replace(/[A-Za-z0-9_]/g, ''))];
    if (bad.length)
        return `it contains ${bad.map(c => (/\s/.test(c) ? 'whitespace' : `'${c}'`)).join(', ')}`;
    return SEGMENT.test(suffix) ? undefined : 'it is not a valid DJ namespace segment';
}
/**
 * The branch namespace of `branch` under the git root `root`: `${root}.${djSuffix(branch)}`.
 * Throws an {@link InputError} naming the branch and the namespace when DJ would accept the
 * name on the branch path but it is not a valid segment (reference dj-api.md §6.4): such
 * names nest extra levels, break SQL references or GitHub URLs.
 */
function namespaceForBranch(root, branch) {
    const suffix = djSuffix(branch);
    const namespace = `${root}.${suffix}`;
    const problem = segmentProblem(suffix, branch);
    if (problem) {
        throw new _targets_target_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Git branch '${branch}' maps to DJ namespace '${namespace}', which is not a valid namespace: ${problem}. ` +
            `A branch's last namespace segment must start with a letter and hold only letters, digits and '_' ` +
            `(git '-' and '/' become '_'). Rename the branch, or skip it with 'ignore-branches'.`);
    }
    return namespace;
}
/** Regular expression of one glob: `**` anything, `*` anything but `/`, `?` one character but `/`. */
function globToRegExp(glob) {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            source += '[\\s\\S]*';
            i++;
        }
        else if (c === '*')
            source += '[^/]*';
        else if (c === '?')
            source += '[^/]';
        else
            source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
}
/**
 * Whether `branch` matches one of the `ignore-branches` globs. Like GitHub's branch filters:
 * `*` matches within one path level, `**` across levels (`dependabot/**`), `?` one character;
 * a name without wildcards matches only itself.
 */
function branchMatchesGlobs(branch, globs) {
    return globs.some(glob => {
        const g = glob.trim();
        return g !== '' && globToRegExp(g).test(branch);
    });
}


/***/ }),

/***/ 537:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ mapPool)
/* harmony export */ });
/** Bounded concurrency for independent requests (prune deletions, listing pages). */
/** Runs `fn` over `items` with at most `limit` at once; results keep the input order. */
async function mapPool(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 285:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ renderReport),
/* harmony export */   JV: () => (/* binding */ digestMarker),
/* harmony export */   YL: () => (/* binding */ stickyMarker),
/* harmony export */   nK: () => (/* binding */ stepFailure)
/* harmony export */ });
/* unused harmony exports MAX_REPORT_CHARS, escapeMarkdown, safeUrl */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _targets_target_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(425);
/**
 * Pure rendering of an {@link Outcome} as GitHub Markdown: the one text the sticky comment and
 * the job summary both show. Every string that comes from a server, a branch name or an event
 * goes through {@link escapeMarkdown}; the body stays under {@link MAX_REPORT_CHARS} by cutting
 * whole table rows and saying how many were left out.
 */


/**
 * Upper bound of a rendered report. GitHub refuses comment bodies over 65,536 characters; the
 * sticky comment adds its markers (under 100), and the rest is margin.
 */
const MAX_REPORT_CHARS = 60_000;
/** Room kept for what follows the tables (omission note, footer, closing tags). */
const TAIL_RESERVE = 1_500;
/** Longest message of a failed or invalid node shown in full. */
const MAX_PROBLEM_MESSAGE = 1_000;
/** Longest message of any other row (folded, rarely read). */
const MAX_OTHER_MESSAGE = 200;
/** Longest free text (notes, error, decision). */
const MAX_TEXT = 4_000;
/**
 * Separates the content from the footer (run link, time). Those two change on every run, so
 * {@link digestMarker} hashes only what is above, and a re-run with the same results leaves the
 * comment alone. Untrusted text cannot forge it: escaping turns every `<` into an entity.
 */
const FOOTER_MARK = '<!-- dj-branch-sync-footer -->';
const ZWJ = '\u200D';
const CHAR_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '\\': '\\\\',
    '`': '\\`',
    '*': '\\*',
    _: '\\_',
    '[': '\\[',
    ']': '\\]',
    '|': '\\|',
    '~': '\\~',
    $: '\\$',
    '\n': '<br>',
};
/**
 * Makes untrusted text (names, messages, branch names) inert in GitHub Markdown, in a table
 * cell, a list item, a heading or link text alike:
 * - `&`, `<`, `>` become entities: no raw HTML (`<script>`, `<img>`), no `-->` that could end
 *   a hidden marker, no `&#64;` that would decode to a mention;
 * - Markdown punctuation (`\` `` ` `` `*` `_` `[` `]` `|` `~` `$`) is backslash-escaped: no
 *   emphasis, code, link injection (`](javascript:…)`), table breaks or math;
 * - newlines become `<br>`, so a message never starts a new block or table row;
 * - a zero-width joiner goes after `@` (and after `#` before a digit). GitHub finds mentions and
 *   issue references in the rendered text, where entities and backslashes are already gone, so
 *   only a character between `@` and the name stops `@octocat` or `@org/team` from notifying
 *   anyone; code spans would also stop it but cannot hold arbitrary backticks and read worse in
 *   tables. The text still reads the same.
 * - a leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so a list item stays one item.
 */
function escapeMarkdown(text) {
    const flat = text.replace(/\r\n?/g, '\n').replace(/^[ \t\n]+/, '');
    const out = flat.replace(/[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g, ch => ch === '@' || ch === '#' ? ch + ZWJ : CHAR_ESCAPES[ch]);
    return out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}
/** An http(s) URL safe to put in a Markdown link destination, or undefined. */
function safeUrl(raw) {
    if (!raw)
        return undefined;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return undefined;
    return url.href.replace(/[()[\]<>"'`|\\ ]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
/** `text` (escaped) linked to `url` when the URL is safe, plain otherwise. */
function link(text, url) {
    const href = safeUrl(url);
    return href ? `[${escapeMarkdown(text)}](${href})` : escapeMarkdown(text);
}
/** The hidden marker that finds the sticky comment of one target branch again. */
function stickyMarker(target, name) {
    // A hash, so no branch or namespace name can put `-->` or anything else into the marker.
    const key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(`${target}\n${name}`).digest('hex');
    return `<!-- dj-branch-sync:${key} -->`;
}
/** The hidden digest of a report's content (footer excluded: run link and time always change). */
function digestMarker(body) {
    const end = body.indexOf(FOOTER_MARK);
    const content = end === -1 ? body : body.slice(0, end);
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(content).digest('hex').slice(0, 12);
    return `<!-- dj-branch-sync-digest:${digest} -->`;
}
/** Why the step fails according to `fail-on` and the outcome, or undefined when it passes. */
function stepFailure(outcome, failOn) {
    if (outcome.failures?.length)
        return `${plural(outcome.failures.length, 'branch', 'branches')} could not be removed`;
    if (failOn === 'never')
        return undefined;
    const counts = (0,_targets_target_js__WEBPACK_IMPORTED_MODULE_1__/* .countByStatus */ .x7)(outcome.results);
    const failed = counts.failed;
    const invalid = failOn === 'invalid' ? counts.invalid : 0;
    if (!failed && !invalid)
        return undefined;
    const parts = [failed ? `${failed} failed` : '', invalid ? `${invalid} invalid` : ''].filter(Boolean);
    // DJ fails dimension links as results of their own (deploy_type "link"): name what failed.
    const failing = outcome.results.filter(r => r.status === 'failed' || (failOn === 'invalid' && r.status === 'invalid'));
    const kinds = new Set(failing.map(r => r.deploy_type));
    const noun = kinds.size === 1 && kinds.has('link') ? 'link' : kinds.size > 1 ? 'result' : 'node';
    return `${parts.join(' and ')} ${failed + invalid === 1 ? noun : `${noun}s`} (\`fail-on: ${failOn}\`)`;
}
const STATUS_ICONS = {
    success: '✅',
    failed: '❌',
    invalid: '⚠️',
    warning: '🟡',
    skipped: '⏭️',
};
const OPERATION_ICONS = {
    created: '✅',
    updated: '✅',
    unchanged: '✅',
    deleted: '🗑️',
    absent: '✅',
    listed: '📋',
    pruned: '🧹',
    skipped: '⏭️',
    planned: '📝',
};
const TARGET_LABELS = {
    dj: { one: 'DJ namespace', many: 'DJ branch namespaces' },
    fossil: { one: 'Fossil branch', many: 'Fossil branches' },
    pdc: { one: 'PDC branch', many: 'PDC branches' },
};
const SKIP_TITLES = {
    tag: 'a tag, not a branch',
    'default-branch': 'the default branch',
    'ignored-branch': 'branch matches `ignore-branches`',
    fork: 'pull request from a fork',
    'unsupported-event': 'event not handled by `operation: auto`',
    'unsupported-action': 'pull request action that changes nothing',
    'not-linked': 'branch has no linked namespace',
};
/** One sentence per skip reason: why nothing happened, and what to do if something should have. */
function skipExplanation(reason, outcome, ctx) {
    const branch = outcome.gitBranch ? `The branch ${escapeMarkdown(outcome.gitBranch)}` : 'This branch';
    switch (reason) {
        case 'tag':
            return 'The event is about a tag. Branch namespaces follow branches only, so nothing was done.';
        case 'default-branch':
            return `${branch} is the default branch. Its namespace is the root's default-branch namespace, which this action deploys on push but never creates or deletes.`;
        case 'ignored-branch':
            return `${branch} matches a pattern in \`ignore-branches\`, so it gets no namespace. Remove the pattern to include it.`;
        case 'fork':
            return [
                'This pull request comes from a fork. GitHub runs `pull_request` workflows from forks without secrets and with a read-only token,',
                'so the action could neither reach the server nor write a comment, and it changed nothing.',
                "To get a namespace, a maintainer can push the branch to this repository (the next event creates it); don't switch to `pull_request_target` with untrusted code.",
            ].join(' ');
        case 'unsupported-event':
            return `${eventName(ctx.eventName)} events do nothing with \`operation: auto\`. For scheduled or manual runs set \`operation\` to \`create\`, \`delete\`, \`sync\`, \`list\` or \`prune\`.`;
        case 'unsupported-action':
            return 'Only the pull request actions `opened`, `reopened`, `synchronize`, `ready_for_review` and `closed` change namespaces; this one needs nothing.';
        case 'not-linked':
            return `No namespace is linked to ${outcome.gitBranch ? escapeMarkdown(outcome.gitBranch) : 'this branch'}, so there is nothing to deploy. A namespace is created when the branch is created or a pull request is opened for it (or with \`operation: create\`).`;
    }
}
/** An event name as code when it looks like one (they come from the runner), escaped otherwise. */
function eventName(name) {
    return /^[a-z_]+$/.test(name) ? `\`${name}\`` : escapeMarkdown(name);
}
function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
}
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
/** The message of a failed or invalid node without DJ's "Updated …" / "└─" change summary. */
function problemMessage(message) {
    const kept = message.split(/\r?\n/).filter(line => {
        const t = line.trim();
        return t && !t.startsWith('└─') && !/^Updated\b/.test(t);
    });
    return kept.length ? kept.join('\n') : message.trim();
}
function isProblem(r) {
    return r.status === 'failed' || r.status === 'invalid' || r.status === 'warning';
}
function statusCell(status) {
    const icon = STATUS_ICONS[status] ?? '❔';
    return `${icon} ${escapeMarkdown(status)}`;
}
function shortSha(sha) {
    return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 12).toLowerCase()}\`` : escapeMarkdown(sha);
}
function sameCommit(a, b) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}
/** A Markdown document built from lines, with a running length so budgets stay linear. */
class Doc {
    lines = [];
    length = 0;
    push(...lines) {
        for (const line of lines) {
            this.lines.push(line);
            this.length += line.length + 1;
        }
    }
    /** Whether `extra` more characters fit before the tail reserve. */
    fits(extra) {
        return this.length + extra + TAIL_RESERVE <= MAX_REPORT_CHARS;
    }
    toString() {
        return this.lines.join('\n');
    }
}
/**
 * A table of `items`, rows added while they fit. Rows are rendered lazily: once the budget is
 * spent the rest is only counted. Returns how many rows were left out.
 */
function pushTable(doc, header, items, row, opener, closer) {
    if (!items.length)
        return 0;
    const head = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
    const frame = head.join('\n').length + (opener?.join('\n').length ?? 0) + (closer?.join('\n').length ?? 0) + 8;
    const first = `| ${row(items[0]).join(' | ')} |`;
    if (!doc.fits(frame + first.length))
        return items.length;
    doc.push(...(opener ?? []), ...head, first);
    let shown = 1;
    const closing = (closer?.join('\n').length ?? 0) + 4;
    for (; shown < items.length; shown++) {
        const line = `| ${row(items[shown]).join(' | ')} |`;
        if (!doc.fits(line.length + closing))
            break;
        doc.push(line);
    }
    doc.push('', ...(closer ?? []));
    return items.length - shown;
}
function headline(outcome, ctx, failing, attention) {
    const icon = failing ? '❌' : attention ? '⚠️' : OPERATION_ICONS[outcome.operation];
    return `### ${icon} ${headlineText(outcome, ctx)}`;
}
function headlineText(outcome, ctx) {
    const label = TARGET_LABELS[outcome.target];
    const name = outcome.name ? ` ${escapeMarkdown(outcome.name)}` : '';
    const branches = (n) => plural(n, label.one.replace('namespace', 'branch namespace'), label.many);
    if (ctx.error)
        return `${label.one}${name}: the run failed`;
    switch (outcome.operation) {
        case 'created':
        case 'updated':
        case 'deleted':
            return `${label.one}${name} ${outcome.operation}`;
        case 'unchanged':
            return `${label.one}${name} unchanged`;
        case 'absent':
            return `${label.one}${name} already absent`;
        case 'listed':
            return branches(outcome.branches?.length ?? 0);
        case 'pruned':
            return `Pruned ${branches(outcome.pruned?.length ?? 0)}`;
        case 'planned':
            return outcome.pruned ? `Would prune ${branches(outcome.pruned.length)}` : `Dry run for ${label.one}${name}`;
        case 'skipped':
            return `Skipped: ${outcome.skipReason ? SKIP_TITLES[outcome.skipReason] : 'nothing to do'}`;
    }
}
function pushFacts(doc, outcome, ctx) {
    const facts = [];
    const label = TARGET_LABELS[outcome.target].one.replace(/^\w+ /, '');
    if (outcome.name)
        facts.push(`- **${label[0].toUpperCase()}${label.slice(1)}:** ${link(outcome.name, outcome.url)}`);
    if (outcome.gitBranch)
        facts.push(`- **Git branch:** ${escapeMarkdown(outcome.gitBranch)}`);
    const head = ctx.headSha ?? outcome.expectedSha;
    if (outcome.deployedSha) {
        let note = '';
        if (head) {
            note = sameCommit(outcome.deployedSha, head)
                ? ` (the ${ctx.prNumber ? 'pull request' : 'event'}'s head)`
                : ` ⚠️ not the ${ctx.prNumber ? 'pull request' : 'event'}'s head ${shortSha(head)}: the branch moved, or a newer run is still deploying`;
        }
        facts.push(`- **Deployed commit:** ${shortSha(outcome.deployedSha)}${note}`);
    }
    const event = `${eventName(ctx.eventName)}${ctx.prNumber ? ` on pull request #${ctx.prNumber}` : ''}`;
    facts.push(`- **Event:** ${event}`);
    if (ctx.decision)
        facts.push(`- **Decision:** ${escapeMarkdown(clip(ctx.decision, MAX_TEXT))}`);
    const failure = stepFailure(outcome, ctx.failOn);
    if (ctx.error)
        facts.push('- **Step:** fails (see the error above)');
    else
        facts.push(`- **Step:** ${failure ? `fails: ${failure}` : 'passes'}`);
    doc.push(...facts, '');
}
function pushCounts(doc, results) {
    const counts = (0,_targets_target_js__WEBPACK_IMPORTED_MODULE_1__/* .countByStatus */ .x7)(results);
    const statuses = Object.keys(counts);
    doc.push(`| ${statuses.map(statusCell).join(' | ')} |`, `|${statuses.map(() => '---:').join('|')}|`, `| ${statuses.map(s => String(counts[s])).join(' | ')} |`, '');
    const ops = {};
    for (const r of results)
        ops[r.operation] = (ops[r.operation] ?? 0) + 1;
    const names = { create: 'created', update: 'updated', noop: 'unchanged', delete: 'deleted' };
    const parts = Object.entries(ops).map(([op, n]) => `${n} ${names[op] ?? escapeMarkdown(op)}`);
    doc.push(`${plural(results.length, 'result', 'results')}: ${parts.join(', ')}.`, '');
}
/** Failed, invalid and warning results first and unfolded; the rest folded. Returns rows left out. */
function pushResults(doc, results) {
    const problems = [
        ...results.filter(r => r.status === 'failed'),
        ...results.filter(r => r.status === 'invalid'),
        ...results.filter(r => r.status === 'warning'),
    ];
    const rest = results.filter(r => !isProblem(r));
    const omittedProblems = pushTable(doc, ['Node', 'Status', 'Type', 'Message'], problems, r => [
        escapeMarkdown(r.name),
        statusCell(r.status),
        `${escapeMarkdown(r.deploy_type)} ${escapeMarkdown(r.operation)}`,
        escapeMarkdown(clip(problemMessage(r.message), MAX_PROBLEM_MESSAGE)) || '—',
    ], [`#### Nodes that need attention (${problems.length})`, '']);
    const omittedRest = pushTable(doc, ['Node', 'Status', 'Operation', 'Message'], rest, r => [escapeMarkdown(r.name), statusCell(r.status), escapeMarkdown(r.operation), escapeMarkdown(clip(r.message, MAX_OTHER_MESSAGE)) || '—'], [`<details><summary>${problems.length ? 'Other results' : 'Results'} (${rest.length})</summary>`, ''], ['</details>', '']);
    return { omitted: omittedProblems + omittedRest, omittedProblems };
}
function branchRow(b) {
    const when = b.lastUpdatedAt ? escapeMarkdown(b.lastUpdatedAt.replace('T', ' ').replace(/\.\d+/, '')) : '—';
    return [
        `${escapeMarkdown(b.name)}${b.isDefault ? ' (default)' : ''}`,
        b.gitBranch ? escapeMarkdown(b.gitBranch) : '—',
        b.nodes === undefined ? '—' : String(b.nodes),
        b.invalidNodes === undefined ? '—' : String(b.invalidNodes),
        b.state ? `${when === '—' ? '' : `${when} · `}${escapeMarkdown(b.state)}` : when,
    ];
}
const BRANCH_HEADER = ['Namespace / branch', 'Git branch', 'Nodes', 'Invalid nodes', 'Last updated / state'];
/** Tables of list and prune. Returns branch rows left out. */
function pushBranches(doc, outcome, ctx) {
    const branches = outcome.branches ?? [];
    let omitted = 0;
    if (outcome.operation === 'pruned' || outcome.pruned) {
        const pruned = outcome.pruned ?? [];
        doc.push(`#### ${ctx.dryRun ? 'Would delete' : 'Deleted'} (${pruned.length})`, '');
        if (!pruned.length)
            doc.push('Nothing to prune: every branch namespace still has its git branch, or is too recent.', '');
        for (let i = 0; i < pruned.length; i++) {
            const line = `- ${escapeMarkdown(pruned[i])}`;
            if (!doc.fits(line.length)) {
                omitted += pruned.length - i;
                break;
            }
            doc.push(line);
        }
        doc.push('');
        const failures = outcome.failures ?? [];
        if (failures.length) {
            doc.push(`#### ❌ Could not remove (${failures.length})`, '');
            omitted += pushTable(doc, ['Namespace / branch', 'Error'], failures, f => [escapeMarkdown(f.name), escapeMarkdown(clip(f.message, MAX_PROBLEM_MESSAGE))]);
        }
        omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow, [`<details><summary>All branches (${branches.length})</summary>`, ''], ['</details>', '']);
    }
    else {
        omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow);
    }
    return omitted;
}
/**
 * The report of one run: title, facts, explanation or error, notes, counts, results (problems
 * first, the rest folded), list/prune tables, and a footer with the run link and the time.
 * Linear in the number of results; always under {@link MAX_REPORT_CHARS}.
 */
function renderReport(outcome, ctx) {
    const doc = new Doc();
    const counts = (0,_targets_target_js__WEBPACK_IMPORTED_MODULE_1__/* .countByStatus */ .x7)(outcome.results);
    const failing = Boolean(ctx.error) || stepFailure(outcome, ctx.failOn) !== undefined;
    const head = ctx.headSha ?? outcome.expectedSha;
    const shaMismatch = Boolean(outcome.deployedSha && head && !sameCommit(outcome.deployedSha, head));
    const attention = counts.failed + counts.invalid + counts.warning > 0 || shaMismatch;
    doc.push(headline(outcome, ctx, failing, attention), '');
    if (ctx.dryRun)
        doc.push('> 🧪 **Dry run:** nothing was changed; this shows what would happen.', '');
    if (ctx.error)
        doc.push(`> ❌ ${escapeMarkdown(clip(ctx.error, MAX_TEXT))}`, '');
    if (outcome.operation === 'skipped' && outcome.skipReason)
        doc.push(skipExplanation(outcome.skipReason, outcome, ctx), '');
    pushFacts(doc, outcome, ctx);
    if (outcome.operation === 'deleted') {
        const nodes = outcome.nodesDeleted === undefined ? '' : ` and its ${plural(outcome.nodesDeleted, 'node', 'nodes')}`;
        doc.push(`${ctx.dryRun ? 'Would delete' : 'Deleted'} ${link(outcome.name ?? '', outcome.url)}${nodes}.`, '');
    }
    else if (outcome.operation === 'absent') {
        doc.push(`${escapeMarkdown(outcome.name ?? 'The branch')} did not exist; nothing to delete.`, '');
    }
    // `*`, not `-`: a list right after the facts list would otherwise merge into it.
    for (const [i, note] of outcome.notes.entries()) {
        const line = `* ${escapeMarkdown(clip(note, MAX_TEXT))}`;
        if (!doc.fits(line.length)) {
            doc.push(`* … and ${outcome.notes.length - i} more notes (see the log)`);
            break;
        }
        doc.push(line);
    }
    if (outcome.notes.length)
        doc.push('');
    let omittedResults = 0;
    let omittedProblems = 0;
    if (outcome.results.length) {
        pushCounts(doc, outcome.results);
        ({ omitted: omittedResults, omittedProblems } = pushResults(doc, outcome.results));
    }
    const omittedBranches = outcome.branches || outcome.pruned ? pushBranches(doc, outcome, ctx) : 0;
    if (omittedResults) {
        const problems = omittedProblems ? ` (${omittedProblems} of them failed, invalid or warnings)` : '';
        doc.push(`⚠️ ${omittedResults} results not shown${problems}; the full list is in the \`results\` output.`, '');
    }
    if (omittedBranches)
        doc.push(`⚠️ ${omittedBranches} rows not shown; the full lists are in the \`branches\` and \`pruned\` outputs.`, '');
    const run = safeUrl(ctx.runUrl);
    const time = `${ctx.now.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    doc.push(FOOTER_MARK, `<sub>${run ? `[Workflow run](${run}) · ` : ''}${time} · dj-branch-sync</sub>`);
    return doc.toString();
}


/***/ }),

/***/ 627:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   kK: () => (/* binding */ repoText),
/* harmony export */   n_: () => (/* binding */ checkRepository),
/* harmony export */   yZ: () => (/* binding */ askFollowedRepository)
/* harmony export */ });
/* unused harmony exports parseRepoPath, sameRepo */
/* harmony import */ var _targets_target_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(425);

/** `owner/name` as people read it. */
function repoText(repo) {
    return `${repo.owner}/${repo.name}`;
}
/**
 * The repository of a DJ `github_repo_path` (stored as `owner/repo`), or undefined when the
 * value is not exactly one owner and one name: such a root follows no repository the action
 * could compare with.
 */
function parseRepoPath(value) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec((value ?? '').trim());
    return m ? { owner: m[1], name: m[2].replace(/\.git$/i, '') } : undefined;
}
/** GitHub owner and repository names are case-insensitive. */
function sameRepo(a, b) {
    return a.owner.toLowerCase() === b.owner.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}
/**
 * The repository whose branches the run acts on: the root's. Throws a {@link RefusedError}
 * (nothing has been changed yet) when the root follows another repository than the event's,
 * or either is unknown, unless `allow-other-repository: true` says that is intended.
 */
function checkRepository(check) {
    const followed = parseRepoPath(check.repoPath);
    if (!followed) {
        throw new _targets_target_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`DJ git root '${check.root}' has github_repo_path ${JSON.stringify(check.repoPath ?? null)}, which is not an 'owner/repository' name, so the action cannot tell which repository's branches it follows. Set github_repo_path on the root in DJ.`);
    }
    if (check.event && sameRepo(followed, check.event))
        return followed;
    if (check.allowOther)
        return followed;
    const from = check.event ? `this run is for ${repoText(check.event)}` : 'the repository of this run is unknown (no repository in the event payload, no GITHUB_REPOSITORY)';
    throw new _targets_target_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`DJ git root '${check.root}' follows repository ${repoText(followed)}, but ${from}. ` +
        `The action acts only on the branches of the root's repository. To run it from another repository on purpose ` +
        `(e.g. a scheduled prune from an ops repository), set 'allow-other-repository: true' and a 'github-token' that can read ${repoText(followed)}.`);
}
/**
 * Asks GitHub something about the repository the target follows. Without
 * `allow-other-repository` the followed repository is the event's (anything else is refused),
 * so the question goes to the event's repository at once, in parallel with learning the
 * followed one; with it, the question waits for the followed repository.
 */
async function askFollowedRepository(event, followed, allowOther, ask) {
    if (allowOther || !event) {
        const repo = await followed();
        return { repo, value: await ask(repo) };
    }
    const early = ask(event).then(value => ({ value }), (error) => ({ error }));
    // A refusal of the repository is the clearer message: it wins over a failed question.
    const repo = await followed();
    const answer = await early;
    if (!sameRepo(repo, event))
        return { repo, value: await ask(repo) };
    if ('error' in answer)
        throw answer.error;
    return { repo, value: answer.value };
}


/***/ }),

/***/ 425:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ZS: () => (/* binding */ knownOutcomeOf),
/* harmony export */   _4: () => (/* binding */ withKnownOutcome),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   fk: () => (/* binding */ RefusedError),
/* harmony export */   x7: () => (/* binding */ countByStatus)
/* harmony export */ });
/**
 * The seam between "what should happen" (plan) and "how a server does it" (targets).
 * Every target (DJ, Fossil, PDC) implements {@link BranchTarget}; events, plans, reports
 * and outputs only ever see these types.
 */
/** A user mistake (bad input, refused branch name): nothing was sent. */
class InputError extends Error {
    name = 'InputError';
}
/** A refusal that protects data (collision, default-branch delete): nothing was changed. */
class RefusedError extends Error {
    name = 'RefusedError';
}
/**
 * Attaches to `err` the outcome known so far (the server acted, only its answer was unusable),
 * so the outputs and the summary still say what happened while the step fails.
 */
function withKnownOutcome(err, outcome) {
    return Object.assign(err, { knownOutcome: outcome });
}
/** The outcome attached by {@link withKnownOutcome}, if any. */
function knownOutcomeOf(err) {
    const known = err instanceof Error ? err.knownOutcome : undefined;
    return known && typeof known === 'object' ? known : undefined;
}
/** Counts of results by status, with every status present. */
function countByStatus(results) {
    // A Map, not an object: a status such as `constructor` or `__proto__` from a server must
    // count as itself, not read or replace what every object inherits.
    const counts = new Map([['success', 0], ['failed', 0], ['invalid', 0], ['skipped', 0], ['warning', 0]]);
    for (const r of results)
        counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    return Object.fromEntries(counts);
}


/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
