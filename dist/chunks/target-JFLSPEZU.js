import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  HttpClient
} from "./chunk-JARWE66J.js";
import {
  notLinked,
  simpleOutcome
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
  name,
  problemText
} from "./chunk-HQS6BK2T.js";
import "./chunk-3INSD2OQ.js";
import {
  array,
  boolean,
  nullable,
  number,
  object,
  optional,
  string,
  unknown
} from "./chunk-V3S35252.js";
import "./chunk-ULGGNWNB.js";

// src/targets/fossil/schemas.ts
var envelope = object({
  fossil: string(),
  resultCode: optional(string()),
  resultText: optional(nullable(string())),
  payload: optional(unknown())
});
var branchList = object({ branches: array(string()) });
var createdBranch = object({
  name,
  basis: optional(string(), ""),
  rid: optional(number(), 0),
  uuid: name,
  isPrivate: optional(boolean(), false),
  bgColor: optional(string())
});
var login = object({
  authToken: name,
  name: optional(string()),
  capabilities: optional(string(), "")
});

// src/targets/fossil/client.ts
var FossilError = class extends Error {
  constructor(code, method, path2, resultText, hint) {
    super(sentence(code, method, path2, resultText, hint));
    this.code = code;
    this.method = method;
    this.path = path2;
    this.resultText = resultText;
    this.hint = hint;
  }
  code;
  method;
  path;
  resultText;
  hint;
  name = "FossilError";
  /**
   * The code rounded down to its hundred (2002 → 2000): servers built with `NDEBUG` only send
   * that much (§2.3), so compare categories. NaN for transport failures.
   */
  get category() {
    const m = /^FOSSIL-(\d+)$/.exec(this.code);
    return m ? Number(m[1]) - Number(m[1]) % 100 : Number.NaN;
  }
};
function sentence(code, method, p, resultText, hint) {
  const text = truncate(resultText);
  return `Fossil ${method} ${p} \u2192 ${code} ${text}${hint ? `${/[.!?…]$/.test(text) ? "" : "."} ${hint}` : ""}`;
}
function truncate(text) {
  return text.length > 160 ? `${text.slice(0, 160)}\u2026` : text;
}
var CLOSE_APPLIED_TEXT = "Could not convert name back to artifact hash!";
var PATHS = {
  login: path`/json/login`,
  list: path`/json/branch/list`,
  create: path`/json/branch/create`,
  tagAdd: path`/json/tag/add`,
  tagCancel: path`/json/tag/cancel`
};
var FossilClient = class {
  constructor(options, deps) {
    this.options = options;
    this.deps = deps;
    this.refererBase = (options.refererBase ?? options.url).replace(/\/+$/, "");
    this.requestIdPrefix = options.requestIdPrefix ?? "dj-branch-sync";
    this.http = new HttpClient({
      baseUrl: options.url,
      timeoutMs: deps.http.timeoutMs,
      retries: deps.http.retries,
      onRetry: deps.http.onRetry,
      decodeError: transportError
    });
  }
  options;
  deps;
  http;
  refererBase;
  requestIdPrefix;
  sequence = 0;
  token;
  session;
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
    return checked(PATHS.list, branchList, payload, "payload").branches;
  }
  /**
   * Every branch with its state, in Fossil's order. The list carries no per-name flag, so
   * this is `all` and `closed` fetched together; open = all − closed (§5).
   */
  async branchStates() {
    const [all, closed] = await Promise.all([this.listBranches("all"), this.listBranches("closed")]);
    const closedSet = new Set(closed);
    return new Map(all.map((name2) => [name2, closedSet.has(name2) ? "closed" : "open"]));
  }
  /**
   * Creates `name` from `basis`. Fossil counts closed branches (and plain tags of the same
   * name) as existing: that is `FOSSIL-3005`, and a closed branch wants {@link reopenBranch}.
   */
  async createBranch(options) {
    const payload = { name: options.name, basis: options.basis };
    if (options.bgColor !== void 0) payload.bgColor = options.bgColor;
    if (options.private !== void 0) payload.private = options.private;
    const created = await this.call(PATHS.create, payload, { write: true });
    return checked(PATHS.create, createdBranch, created, "payload");
  }
  /**
   * Closes `name`: the honest equivalent of a delete, which Fossil does not have (§7). Adds
   * a raw, non-propagating `closed` tag to the branch tip, as `fossil branch close` does,
   * then confirms in the closed list, because Fossil answers this call with an error even
   * when the tag was committed (§7.1). Throws when the branch is not closed afterwards.
   */
  async closeBranch(name2) {
    let reported;
    try {
      await this.call(PATHS.tagAdd, closedTag(name2), { write: true });
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 1100 && err.resultText === CLOSE_APPLIED_TEXT)) throw err;
      reported = err;
    }
    if ((await this.listBranches("closed")).includes(name2)) return;
    throw new FossilError(
      reported?.code ?? "NOT-CLOSED",
      "POST",
      PATHS.tagAdd,
      reported?.resultText ?? "the close was accepted",
      `Branch '${name2}' is still not in Fossil's closed list after the close.`
    );
  }
  /** Reopens a closed branch by cancelling its `closed` tag (§8). Fossil answers with no payload. */
  async reopenBranch(name2) {
    await this.call(PATHS.tagCancel, closedTag(name2), { write: true });
  }
  async freshLogin() {
    const { user, password } = this.options;
    if (!user) return void 0;
    const payload = await this.send(PATHS.login, { name: user, password: password ?? "" }, { write: false }, false).catch((err) => {
      if (err instanceof FossilError && err.category >= 2e3 && err.category < 3e3) {
        throw new FossilError(
          err.code,
          err.method,
          err.path,
          err.resultText,
          `Fossil refused the login of user '${user}': check the user name and password (inputs 'fossil-user', 'fossil-password').`
        );
      }
      throw err;
    });
    const login2 = checked(PATHS.login, login, payload, "payload");
    this.deps.mask(login2.authToken);
    this.token = login2.authToken;
    const session = { name: login2.name || user, capabilities: login2.capabilities };
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
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 2e3)) throw err;
      if (!session)
        throw withHint(
          err,
          `No Fossil user is configured, so the request ran as 'nobody'; set inputs 'fossil-user' and 'fossil-password' for a user with ${opts.write ? "the 'i' (check-in)" : "the 'o' (read)"} capability.`
        );
      if (this.session === stale) this.session = this.freshLogin();
      const renewed = await this.session;
      try {
        return await this.send(p, payload, opts, true);
      } catch (retryErr) {
        if (!(retryErr instanceof FossilError && retryErr.category === 2e3)) throw retryErr;
        throw withHint(
          retryErr,
          `User '${renewed?.name ?? ""}' has capabilities '${renewed?.capabilities ?? ""}'; ${opts.write ? "writes need 'i' (check-in)" : "reading branches needs 'o'"}.`
        );
      }
    }
  }
  async send(p, payload, opts, withToken) {
    const body = { requestId: `${this.requestIdPrefix}-${++this.sequence}`, payload };
    if (withToken && this.token) body.authToken = this.token;
    const res = await this.http.request({
      method: "POST",
      path: p,
      json: body,
      // Fossil makes a request read-only unless the Referer starts with its own base URL (§4).
      headers: opts.write ? { referer: this.refererBase + p } : void 0,
      // Reads and the login are safe to resend after a timeout; a write is not.
      idempotent: !opts.write
    });
    const found = checkAnswer(envelope, res.data);
    if (!found.ok) {
      const what = res.data && typeof res.data === "object" && "fossil" in res.data ? problemText(found.problem) : `no Fossil JSON envelope in the answer (${res.text ? truncate(res.text.replace(/\s+/g, " ")) : "empty body"})`;
      throw new FossilError("NOT-FOSSIL", "POST", p, what, `Check that the URL is the repository's base URL and that the server's Fossil has the JSON API.`);
    }
    const envelope2 = found.value;
    const { resultCode, resultText } = envelope2;
    if (resultCode !== void 0) {
      const text = String(resultText ?? "");
      const hint = opts.write && text.startsWith("not authorized:") ? `Fossil treated the write as cross-origin: the Referer '${this.refererBase}${p}' must start with the base URL the server computes for itself (same scheme and host, e.g. 127.0.0.1 is not localhost). This is a Referer/base-URL mismatch, not a permissions problem.` : void 0;
      throw new FossilError(String(resultCode), "POST", p, text, hint);
    }
    return envelope2.payload;
  }
};
function checked(p, schema, data, prefix) {
  const found = checkAnswer(schema, data);
  if (found.ok) return found.value;
  const field = found.problem.field ? `${prefix}.${found.problem.field}` : prefix;
  throw new FossilError("NOT-FOSSIL", "POST", p, `the answer cannot be used: ${problemText({ ...found.problem, field })}`);
}
function closedTag(branch) {
  return { name: "closed", checkin: `tag:${branch}`, raw: true };
}
function withHint(err, hint) {
  return new FossilError(err.code, err.method, err.path, err.resultText, hint);
}
function transportError(err) {
  const code = err.kind === "http" ? `HTTP-${err.status}` : err.kind === "timeout" ? "TIMEOUT" : "NETWORK";
  const hint = err.kind === "http" ? "Fossil itself always answers 200; check the URL and any proxy in front of the server." : void 0;
  return new FossilError(code, err.method, err.path, err.serverMessage, hint);
}

// src/targets/fossil/target.ts
var FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;
function fossilBranchName(gitBranch) {
  const reason = invalidBecause(gitBranch);
  if (reason) {
    throw new InputError(`Branch '${gitBranch}' cannot be mapped to a Fossil branch: ${reason}. It is not a valid git branch name; check the 'branch' input.`);
  }
  return gitBranch;
}
function invalidBecause(name2) {
  if (!name2) return "the name is empty";
  const bad = FORBIDDEN.exec(name2);
  if (bad) return `it contains ${/[\x00-\x20\x7f]/.test(bad[0]) ? "a blank or control character" : `'${bad[0]}'`}`;
  if (name2.startsWith("-")) return "it starts with '-'";
  if (name2 === "@" || name2.includes("@{")) return "it is '@' or contains '@{'";
  if (name2.includes("..")) return "it contains '..'";
  if (name2.startsWith("/") || name2.endsWith("/") || name2.includes("//")) return "it has an empty path component ('/' at an end or '//')";
  if (name2.endsWith(".")) return "it ends with '.'";
  for (const part of name2.split("/")) {
    if (part.startsWith(".")) return `its component '${part}' starts with '.'`;
    if (part.endsWith(".lock")) return `its component '${part}' ends with '.lock'`;
  }
  return void 0;
}
function createTarget(settings, deps) {
  if (!settings.fossil) throw new InputError(`Input 'fossil-url' is required for target 'fossil'.`);
  const { url, user, password } = settings.fossil;
  return new FossilTarget(new FossilClient({ url, user, password }, deps), settings.fossil, deps);
}
var FossilTarget = class {
  constructor(client, settings, deps) {
    this.client = client;
    this.settings = settings;
    this.deps = deps;
  }
  client;
  settings;
  deps;
  name = "fossil";
  nameFor(gitBranch) {
    return fossilBranchName(gitBranch);
  }
  async ensure(req) {
    const name2 = this.nameFor(req.gitBranch);
    const basis = this.settings.basis;
    const found = await this.find(name2);
    if (found !== "missing") return this.keep(name2, req, found);
    if (req.dryRun) return this.outcome(name2, req.gitBranch, "planned", `Would create the Fossil branch '${name2}' from '${basis}' (POST /json/branch/create).`);
    try {
      const created = await this.client.createBranch({ name: name2, basis });
      return this.outcome(name2, req.gitBranch, "created", `Created the Fossil branch '${name2}' from '${basis}' (first check-in ${created.uuid.slice(0, 10)}).`);
    } catch (err) {
      if (!(err instanceof FossilError && err.category === 3e3 && /exists/i.test(err.resultText))) throw err;
      const now = await this.find(name2);
      if (now !== "missing") return this.keep(name2, req, now);
      throw new RefusedError(
        `Fossil refused to create branch '${name2}': "${err.resultText}" Yet it is not in Fossil's branch list, so a tag of that name exists (Fossil tags and branches share one namespace). Nothing was changed.`
      );
    }
  }
  /** An existing branch: open stays as it is, closed is reopened (git re-created the branch). */
  async keep(name2, req, state) {
    if (state === "open") return this.outcome(name2, req.gitBranch, "unchanged", `The Fossil branch '${name2}' already exists and is open.`);
    if (req.dryRun) return this.outcome(name2, req.gitBranch, "planned", `Would reopen the closed Fossil branch '${name2}' (POST /json/tag/cancel).`);
    await this.client.reopenBranch(name2);
    return this.outcome(name2, req.gitBranch, "updated", `Reopened the closed Fossil branch '${name2}'.`);
  }
  async deploy(req) {
    const name2 = this.nameFor(req.gitBranch);
    const found = await this.find(name2);
    if (found === "missing") {
      return notLinked(
        req,
        { target: "fossil", name: name2, url: this.urlFor(name2), gitBranch: req.gitBranch, results: [], notes: [] },
        `There is no Fossil branch '${name2}'`,
        "the Fossil branch"
      );
    }
    const state = found === "open" ? "is open" : "is closed (a create event or 'operation: create' reopens it)";
    return this.outcome(name2, req.gitBranch, "unchanged", `Fossil has no deploy step: the branch '${name2}' ${state}; the action keeps branches in step, not commits.`);
  }
  async remove(req) {
    const name2 = this.nameFor(req.gitBranch);
    if (this.isProtected(name2)) {
      throw new RefusedError(`The Fossil branch '${name2}' is trunk or the basis of new branches ('fossil-basis'); the action never closes it. Nothing was changed.`);
    }
    const found = req.known?.name === name2 && (req.known.state === "open" || req.known.state === "closed") ? req.known.state : await this.find(name2);
    if (found === "missing") return this.outcome(name2, req.gitBranch, "absent", `There is no Fossil branch '${name2}'.`);
    if (found === "closed") return this.outcome(name2, req.gitBranch, "absent", `The Fossil branch '${name2}' is already closed.`);
    if (req.dryRun)
      return this.outcome(name2, req.gitBranch, "planned", `Would close the Fossil branch '${name2}' (POST /json/tag/add 'closed'); Fossil cannot delete a branch.`, "remove");
    await this.client.closeBranch(name2);
    return this.outcome(
      name2,
      req.gitBranch,
      "deleted",
      `Closed the Fossil branch '${name2}' (Fossil cannot delete a branch; closing is its reversible equivalent), confirmed in Fossil's closed list.`
    );
  }
  async list() {
    const states = await this.client.branchStates();
    return [...states].map(([name2, state]) => ({
      name: name2,
      gitBranch: name2,
      isDefault: this.isProtected(name2),
      state,
      // SPEC §3: the `branches` output holds names for fossil.
      raw: name2
    }));
  }
  /** Fossil's main branch and the basis: the equivalent of DJ's default-branch namespace. */
  isProtected(name2) {
    return name2 === this.settings.basis || name2 === "trunk";
  }
  async find(name2) {
    const state = (await this.client.branchStates()).get(name2) ?? "missing";
    this.deps.log(`Fossil branch '${name2}': ${state}.`);
    return state;
  }
  outcome(name2, gitBranch, operation, note, of) {
    return simpleOutcome({ target: "fossil", name: name2, url: this.urlFor(name2), gitBranch, results: [], notes: [note] }, operation, of);
  }
  urlFor(name2) {
    return `${this.settings.url}/timeline?r=${encodeURIComponent(name2)}`;
  }
};
export {
  createTarget,
  fossilBranchName
};
