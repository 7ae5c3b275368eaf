import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  HttpClient,
  messageFromBody
} from "./chunk-JARWE66J.js";
import {
  notLinked,
  simpleOutcome
} from "./chunk-AEQUHH6R.js";
import {
  InputError
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
  problemText
} from "./chunk-HQS6BK2T.js";
import "./chunk-3INSD2OQ.js";
import {
  array,
  boolean,
  integer,
  minValue,
  nullish,
  number,
  object,
  partial,
  pipe,
  string,
  transform,
  unknown
} from "./chunk-V3S35252.js";
import "./chunk-ULGGNWNB.js";

// src/targets/pdc/schemas.ts
var id = pipe(number(), integer(), minValue(1));
var branchSla = object({ id, sla: name, eol: string() });
var branchFields = {
  id,
  global_component: name,
  name,
  type: name,
  critical_path: boolean(),
  active: boolean()
};
var componentBranch = object({ ...branchFields, slas: array(branchSla) });
var partialComponentBranch = partial(object({ ...branchFields, slas: array(branchSla) }));
var branchList = array(componentBranch);
var slaLink = object({ id, sla: name, eol: string(), branch: object(branchFields) });
function page(item) {
  return pipe(
    unknown(),
    transform((data) => Array.isArray(data) ? { count: data.length, next: null, previous: null, results: data } : data),
    object({ count, next: nullish(string(), null), previous: nullish(string(), null), results: array(item) })
  );
}

// src/targets/pdc/client.ts
var PDCError = class _PDCError extends Error {
  name = "PDCError";
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
    const what = init.status ? `HTTP ${init.status}` : "no answer";
    const said = init.errors.join("; ") || "(no message)";
    super(`PDC ${init.method} ${init.path} \u2192 ${what}: ${said}${init.hint ? `${/[.!?]$/.test(said) ? "" : "."} ${init.hint}` : ""}`);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.errors = init.errors;
    this.body = init.body;
    this.hint = init.hint ?? "";
  }
  /** The same error with one more sentence telling the user what to do. */
  withHint(hint) {
    const joined = this.hint ? `${this.hint}${/[.!?]$/.test(this.hint) ? "" : "."} ${hint}` : hint;
    return new _PDCError({ status: this.status, method: this.method, path: this.path, errors: this.errors, body: this.body, hint: joined });
  }
  /** A duplicate `(global_component, name, type)`: the 400 "unique set" answer or a 409 from a lost race. */
  get alreadyExists() {
    return this.status === 409 || this.status === 400 && this.errors.some((e) => /must make a unique set/.test(e));
  }
  /** The SLA link being created exists already. */
  get duplicateSlaLink() {
    return this.status === 400 && this.errors.some((e) => /^branch: The SLA ".*" tied to .* already exists$/.test(e));
  }
};
var API_ROOT = "/rest_api/v1";
function pdcApiRoot(url) {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith(API_ROOT) ? trimmed : trimmed + API_ROOT;
}
function pdcErrorMessages(body, method = "") {
  const out = [];
  const walk = (value, field) => {
    if (value === null || value === void 0 || value === "") return;
    if (Array.isArray(value)) {
      value.forEach((v) => walk(v, field));
    } else if (typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "id_of_invalid_data" || key === "invalid_data") continue;
        const unnamed = key === "detail" || key === "non_field_errors";
        walk(v, unnamed ? field : field ? `${field}.${key}` : key);
      }
    } else {
      out.push(field ? `${field}: ${String(value)}` : String(value));
    }
  };
  walk(body, "");
  if (body && typeof body === "object" && !Array.isArray(body) && "id_of_invalid_data" in body) {
    const which = `${method === "POST" ? "item" : "id"} ${JSON.stringify(body.id_of_invalid_data)}`;
    return out.length ? out.map((m) => `${which}: ${m}`) : [`${which} is invalid`];
  }
  return out;
}
function queryString(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === void 0) continue;
    if (Array.isArray(value)) value.forEach((v) => qs.append(key, v));
    else qs.append(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : "";
}
var PDCClient = class {
  /** `https://host[/prefix]/rest_api/v1`, where every request goes. */
  apiRoot;
  http;
  rootPath;
  constructor(options) {
    this.apiRoot = pdcApiRoot(options.url);
    this.rootPath = new URL(this.apiRoot).pathname.replace(/\/+$/, "");
    this.http = new HttpClient({
      baseUrl: this.apiRoot,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      onRetry: options.onRetry,
      // Sent on reads too: a server with anonymous reads turned off needs it, and a wrong
      // token then fails on the first request rather than after the decision.
      headers: options.token ? { authorization: `Token ${options.token}` } : {},
      decodeError: (err) => this.toPDCError(err)
    });
  }
  /** Browsable-API page of one branch (PDC has no other UI for it). */
  branchUrl(id2) {
    return this.apiRoot + path`/component-branches/${id2}/`;
  }
  /** One page of branches, as the server sends it; `page_size <= 0` gives every branch in one page. */
  async listBranchesPage(options = {}) {
    const route = path`/component-branches/` + queryString(branchQuery(options));
    const res = await this.http.request({ method: "GET", path: route });
    return this.checked("GET", route, res, page(componentBranch));
  }
  async listBranches(options = {}) {
    const { page: _ignored, ...rest } = options;
    const partial2 = Boolean(options.fields?.length || options.exclude_fields?.length);
    return this.collect(path`/component-branches/` + queryString(branchQuery({ page_size: 100, ...rest })), partial2 ? partialComponentBranch : componentBranch);
  }
  /** The branch `(global_component, name, type)`, or null. */
  async findBranch(key) {
    const page2 = await this.listBranchesPage({ ...key, page_size: 100 });
    return page2.results.find((b) => b.global_component === key.global_component && b.name === key.name && b.type === key.type) ?? null;
  }
  /** One branch by id; a missing one is a 404 {@link PDCError}. */
  async getBranch(id2) {
    const route = path`/component-branches/${id2}/`;
    return this.checked("GET", route, await this.http.request({ method: "GET", path: route }), componentBranch);
  }
  /** Creates one branch (inactive until an SLA is attached). */
  async createBranch(branch, options = {}) {
    return this.checked("POST", path`/component-branches/`, await this.write("POST", path`/component-branches/`, branch, options), componentBranch);
  }
  /** Creates several branches atomically: on the first invalid item nothing is saved. */
  async createBranches(branches, options = {}) {
    const res = await this.write("POST", path`/component-branches/`, branches, options);
    return this.checked("POST", path`/component-branches/`, res, branchList);
  }
  /**
   * PUT: replaces the writable fields of `branch`. The name is immutable in PDC, so a body
   * naming another branch is refused here, before anything is sent.
   */
  async putBranch(branch, body, options = {}) {
    refuseRename(branch, body);
    const full = { ...body, name: branch.name };
    const route = path`/component-branches/${branch.id}/`;
    return this.checked("PUT", route, await this.write("PUT", route, full, options), componentBranch);
  }
  /** PATCH: changes some writable fields of `branch`; a name change is refused here. */
  async patchBranch(branch, changes, options = {}) {
    refuseRename(branch, changes);
    const route = path`/component-branches/${branch.id}/`;
    return this.checked("PATCH", route, await this.write("PATCH", route, changes, options), componentBranch);
  }
  /** Deletes a branch and (by cascade) its SLA links. False when it was already gone (404). */
  async deleteBranch(id2, options = {}) {
    const res = await this.write("DELETE", path`/component-branches/${id2}/`, void 0, options, [404]);
    return res.status !== 404;
  }
  /** Deletes several branches atomically: one unknown id and nothing is deleted. */
  async deleteBranches(ids, options = {}) {
    await this.write("DELETE", path`/component-branches/`, ids, options);
  }
  /** Attaches an SLA to a branch, creating the branch when it does not exist yet. */
  async createSlaLink(link, options = {}) {
    return this.checked("POST", path`/component-branch-slas/`, await this.write("POST", path`/component-branch-slas/`, link, options), slaLink);
  }
  /** Every SLA link matching `filters`, all pages. */
  async listSlaLinks(filters = {}) {
    const { page_size = 100, ...rest } = filters;
    return this.collect(path`/component-branch-slas/` + queryString({ ...rest, page_size }), slaLink);
  }
  async write(method, route, json, options, accept) {
    const headers = {};
    if (options.comment) headers["pdc-change-comment"] = options.comment.replace(/[^\x20-\x7e]/g, "?");
    return this.http.request({ method, path: route, json, headers, accept });
  }
  /** Follows `next` from `first` to the end. A bare array (paging off) is the whole answer. */
  async collect(first, item) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const pageSchema = page(item);
    for (let route = first; route !== null; ) {
      seen.add(route);
      const current = route;
      const res = await this.http.request({ method: "GET", path: current });
      const page2 = this.checked("GET", current, res, pageSchema);
      out.push(...page2.results);
      route = page2.next ? this.routeOf(page2.next) : null;
      if (route !== null && seen.has(route)) throw new Error(`PDC sent the same next page twice (${route}); stopped paging.`);
    }
    return out;
  }
  /**
   * `next` is absolute and built from the server's idea of its own host (behind a proxy that
   * can be an internal name): keep only what follows the API root and send it to ours.
   */
  routeOf(next) {
    const url = new URL(next, this.apiRoot + "/");
    const at = url.pathname.indexOf(API_ROOT + "/");
    let route = url.pathname;
    if (at >= 0) route = route.slice(at + API_ROOT.length);
    else if (this.rootPath && route.startsWith(this.rootPath + "/")) route = route.slice(this.rootPath.length);
    return route + url.search;
  }
  /** The answer as `schema` reads it, or a {@link PDCError} naming the request and the field. */
  checked(method, route, res, schema) {
    const found = checkAnswer(schema, res.data);
    if (found.ok) return found.value;
    throw new PDCError({
      status: res.status,
      method,
      path: this.rootPath + route,
      errors: [`the answer cannot be used: ${problemText(found.problem)}`],
      body: void 0,
      hint: "Check that 'pdc-url' is the PDC server's base URL."
    });
  }
  toPDCError(err) {
    const where = this.rootPath + err.path;
    if (err.kind !== "http") return new PDCError({ status: 0, method: err.method, path: where, errors: [err.serverMessage], body: void 0 });
    const errors = typeof err.body === "object" && err.body !== null ? pdcErrorMessages(err.body, err.method) : [];
    return new PDCError({
      status: err.status,
      method: err.method,
      path: where,
      errors: errors.length ? errors : [messageFromBody(err.body, typeof err.body === "string" ? err.body : "")],
      body: err.body
    });
  }
};
function branchQuery(o) {
  return {
    global_component: o.global_component,
    name: o.name,
    type: o.type,
    active: o.active,
    critical_path: o.critical_path,
    ordering: o.ordering?.length ? o.ordering.join(",") : void 0,
    fields: o.fields,
    exclude_fields: o.exclude_fields,
    page: o.page,
    page_size: o.page_size
  };
}
function refuseRename(branch, body) {
  if (body.name !== void 0 && body.name !== branch.name) {
    throw new InputError(`PDC branch names are immutable: branch ${branch.id} is '${branch.name}' and cannot become '${body.name}'. Delete it and create the new name instead.`);
  }
}

// src/targets/pdc/target.ts
var PDC_NAME_MAX = 300;
function pdcBranchName(gitBranch) {
  if (!gitBranch) throw new InputError("The git branch name is empty; PDC needs a branch name.");
  const length = [...gitBranch].length;
  if (length > PDC_NAME_MAX) {
    throw new InputError(
      `Branch '${gitBranch.slice(0, 60)}\u2026' has ${length} characters; PDC refuses branch names longer than ${PDC_NAME_MAX}. Add it to 'ignore-branches' or use a shorter name.`
    );
  }
  return gitBranch;
}
function describeSlas(slas) {
  return slas.map((s) => `${s.type} until ${s.eol}`).join(", ");
}
var PdcTarget = class {
  constructor(client, pdc, deps) {
    this.client = client;
    this.pdc = pdc;
    this.deps = deps;
  }
  client;
  pdc;
  deps;
  name = "pdc";
  nameFor(gitBranch) {
    return pdcBranchName(gitBranch);
  }
  async ensure(req) {
    const name2 = this.nameFor(req.gitBranch);
    const outcome = await this.explained(async () => {
      const existing = await this.find(name2);
      return existing ? this.completeSlas(existing, req.dryRun) : this.create(name2, req.dryRun);
    });
    if (req.deploy) outcome.notes.push("PDC has no deploy step: the branch record is all there is.");
    return outcome;
  }
  async deploy(req) {
    const name2 = this.nameFor(req.gitBranch);
    const existing = await this.explained(() => this.find(name2));
    if (!existing) {
      return notLinked(req, { target: "pdc", name: name2, gitBranch: req.gitBranch, results: [], notes: [] }, `PDC has no branch '${name2}' in ${this.where()}`, "the PDC branch");
    }
    return this.outcome(
      name2,
      req.dryRun ? "planned" : "unchanged",
      [`PDC branch '${name2}' exists (id ${existing.id}); PDC has no deploy step, so there is nothing to do.`],
      existing,
      "deploy"
    );
  }
  async remove(req) {
    const name2 = this.nameFor(req.gitBranch);
    return this.explained(async () => {
      const known = req.known && isComponentBranch(req.known.raw) && req.known.raw.name === name2 ? req.known.raw : void 0;
      const existing = known ?? await this.find(name2);
      if (!existing) {
        return this.outcome(name2, req.dryRun ? "planned" : "absent", [`PDC has no branch '${name2}' in ${this.where()}; nothing to delete.`], void 0, "remove");
      }
      const links = existing.slas.length ? `; its SLA links (${existing.slas.map((s) => s.sla).join(", ")}) go with it` : "";
      if (req.dryRun) {
        return this.outcome(name2, "planned", [`Would DELETE PDC branch '${name2}' (id ${existing.id})${links}.`], existing, "remove");
      }
      const deleted = await this.client.deleteBranch(existing.id, { comment: `git delete ${name2}` });
      if (!deleted) return this.outcome(name2, "absent", [`PDC branch '${name2}' (id ${existing.id}) was gone already when the delete arrived.`]);
      this.deps.log(`Deleted PDC branch '${name2}' (id ${existing.id}).`);
      return this.outcome(name2, "deleted", [`Deleted PDC branch '${name2}' (id ${existing.id})${links}.`]);
    });
  }
  async list() {
    const branches = await this.explained(() => this.client.listBranches({ global_component: this.pdc.globalComponent, type: this.pdc.branchType, page_size: 100 }));
    return branches.map((b) => ({
      name: b.name,
      gitBranch: b.name,
      isDefault: false,
      state: b.active ? "active" : "inactive",
      raw: b
    }));
  }
  where() {
    return `component '${this.pdc.globalComponent}' (type ${this.pdc.branchType})`;
  }
  find(name2) {
    return this.client.findBranch({ global_component: this.pdc.globalComponent, name: name2, type: this.pdc.branchType });
  }
  /** The branch exists: attach the configured SLAs it lacks. */
  async completeSlas(existing, dryRun) {
    const name2 = existing.name;
    const notes = [`PDC branch '${name2}' exists (id ${existing.id}, ${existing.active ? "active" : "inactive"}).`];
    for (const want of this.pdc.slas) {
      const have = existing.slas.find((l) => l.sla === want.type);
      if (have && have.eol !== want.eol) notes.push(`SLA ${want.type} ends ${have.eol}, not ${want.eol} as configured; left as it is.`);
    }
    const missing = this.pdc.slas.filter((want) => !existing.slas.some((l) => l.sla === want.type));
    if (!missing.length) return this.outcome(name2, dryRun ? "planned" : "unchanged", notes, existing);
    if (dryRun) return this.outcome(name2, "planned", [...notes, `Would attach SLA ${describeSlas(missing)}.`], existing);
    await Promise.all(missing.map((sla) => this.attach(name2, sla)));
    return this.outcome(name2, "updated", [...notes, `Attached SLA ${describeSlas(missing)}.`], existing);
  }
  /** POSTs one SLA link; one that exists already (a concurrent run) counts as done. */
  async attach(name2, sla) {
    try {
      const link = await this.client.createSlaLink(
        { sla: sla.type, eol: sla.eol, branch: { global_component: this.pdc.globalComponent, name: name2, type: this.pdc.branchType } },
        { comment: `git create ${name2}` }
      );
      return link.branch.id;
    } catch (err) {
      if (err instanceof PDCError && err.duplicateSlaLink) return void 0;
      throw err;
    }
  }
  /**
   * The branch is missing. Without SLAs: POST the branch. With SLAs: the first SLA POST creates
   * the branch and its link in one step (nothing half-made if it fails); the others follow in
   * parallel, and if one fails the new branch is deleted again so no inactive stub remains.
   */
  async create(name2, dryRun) {
    const slas = this.pdc.slas;
    const what = `PDC branch '${name2}' in ${this.where()}${slas.length ? ` with SLA ${describeSlas(slas)}` : ""}`;
    if (dryRun) return this.outcome(name2, "planned", [`Would create ${what}.`]);
    const comment = { comment: `git create ${name2}` };
    if (!slas.length) {
      try {
        const created = await this.client.createBranch({ global_component: this.pdc.globalComponent, name: name2, type: this.pdc.branchType }, comment);
        return this.outcome(name2, "created", [`Created ${what}. PDC reports a branch without SLAs as inactive; set 'pdc-slas' to make it active.`], created);
      } catch (err) {
        if (!(err instanceof PDCError && err.alreadyExists)) throw err;
        const raced = await this.find(name2);
        if (!raced) throw err;
        return this.outcome(name2, "unchanged", [`PDC branch '${name2}' was created by someone else a moment ago (id ${raced.id}).`], raced);
      }
    }
    const [first, ...rest] = slas;
    const id2 = await this.attach(name2, first);
    if (id2 === void 0) {
      const raced = await this.find(name2);
      if (!raced) throw new Error(`PDC says SLA ${first.type} of branch '${name2}' exists, yet the branch is not listed.`);
      return this.completeSlas(raced, false);
    }
    try {
      await Promise.all(rest.map((sla) => this.attach(name2, sla)));
    } catch (err) {
      const undone = await this.client.deleteBranch(id2, { comment: `undo git create ${name2}` }).then(
        () => `the new branch (id ${id2}) was deleted again`,
        (undoErr) => `deleting the new branch (id ${id2}) failed too: ${undoErr.message}`
      );
      throw err instanceof PDCError ? err.withHint(`Attaching the SLAs failed, so ${undone}.`) : err;
    }
    this.deps.log(`Created PDC branch '${name2}' (id ${id2}).`);
    return this.outcome(name2, "created", [`Created ${what}.`], id2);
  }
  outcome(name2, operation, notes, branch, of) {
    const id2 = typeof branch === "number" ? branch : branch?.id;
    const url = id2 === void 0 ? void 0 : this.client.branchUrl(id2);
    return simpleOutcome({ target: "pdc", name: name2, gitBranch: name2, ...url ? { url } : {}, results: [], notes }, operation, of);
  }
  /** Runs `work`, adding to a PDC error the sentence that tells the user which input to fix. */
  async explained(work) {
    try {
      return await work();
    } catch (err) {
      throw err instanceof PDCError ? this.explain(err) : err;
    }
  }
  explain(err) {
    const fields = err.errors.join("\n");
    if (err.status === 401) {
      return err.withHint(
        this.pdc.token ? `Check input 'pdc-token': PDC did not accept it (it takes a 40-hex key from /rest_api/v1/auth/token/obtain/).` : `Set input 'pdc-token': this PDC needs a token (from /rest_api/v1/auth/token/obtain/).`
      );
    }
    if (err.status === 403) {
      return err.withHint(`The user of 'pdc-token' needs create and delete permission on component-branches and component-branch-slas.`);
    }
    if (err.status !== 400) return err;
    if (/(^|\.)global_component: /m.test(fields)) {
      return err.withHint(`PDC has no global component '${this.pdc.globalComponent}' (input 'pdc-global-component'); create it in PDC first.`);
    }
    if (/(^|\.)type: /m.test(fields)) return err.withHint(`Check input 'pdc-branch-type' ('${this.pdc.branchType}').`);
    if (/^sla: /m.test(fields)) return err.withHint(`Check input 'pdc-slas': every SLA type must exist in PDC (/rest_api/v1/component-sla-types/).`);
    if (/(^|\.)name: The branch name is not allowed/m.test(fields)) {
      return err.withHint(`This PDC refuses the name by its blacklist; add the branch to 'ignore-branches'.`);
    }
    return err;
  }
};
function isComponentBranch(raw) {
  const b = raw;
  return !!b && typeof b === "object" && typeof b.id === "number" && typeof b.name === "string" && Array.isArray(b.slas);
}
function createTarget(settings, deps) {
  if (!settings.pdc) throw new InputError(`Target 'pdc' needs input 'pdc-url' and 'pdc-global-component'.`);
  const client = new PDCClient({ url: settings.pdc.url, token: settings.pdc.token, ...deps.http });
  return new PdcTarget(client, settings.pdc, deps);
}
export {
  PDC_NAME_MAX,
  createTarget,
  pdcBranchName
};
