/**
 * PDC (Product Definition Center) REST client for component branches and their SLA links,
 * usable on its own. Follows reference/pdc-api.md: numeric ids in every detail URL (names go
 * only in query strings), trailing slashes always, `Authorization: Token <key>`, DRF pages
 * followed through `next`, and Django REST error bodies decoded into {@link PDCError}.
 */
import { HttpClient, HttpError, messageFromBody, path, type RetryListener } from '../../http.js';
import { InputError } from '../../errors.js';
import type * as v from 'valibot';
import { checkAnswer, problemText } from '../../schema.js';
import * as schemas from './schemas.js';

/** Thrown for a refused rename before anything is sent; exported so a library user can catch it. */
export { InputError };

/** An SLA attached to a branch, as the branch lists it. */
export interface PDCBranchSla {
  id: number;
  sla: string;
  /** End of life, `YYYY-MM-DD`. */
  eol: string;
}

/** A component branch as PDC returns it. */
export interface ComponentBranch {
  id: number;
  global_component: string;
  name: string;
  type: string;
  critical_path: boolean;
  /** Computed by PDC: some SLA has `eol >= today (UTC)`. */
  active: boolean;
  slas: PDCBranchSla[];
}

/** The writable fields of a component branch (the body of a create). */
export interface NewComponentBranch {
  global_component: string;
  name: string;
  type: string;
  /** PDC defaults it to false. */
  critical_path?: boolean;
}

/** What a PUT or PATCH may change. `name` is accepted only when it equals the current name. */
export interface ComponentBranchChanges {
  global_component?: string;
  type?: string;
  critical_path?: boolean;
  name?: string;
}

/** Filters of `GET /component-branches/`. */
export interface BranchFilters {
  active?: boolean;
  critical_path?: boolean;
  global_component?: string;
  name?: string;
  type?: string;
}

/** Options of a branch list: filters, order, output fields and paging. */
export interface BranchListOptions extends BranchFilters {
  /** Field names, `-` prefix for descending; sent comma-separated. */
  ordering?: string[];
  /** Sent in the repeated form (`fields=a&fields=b`), which every PDC version understands. */
  fields?: (keyof ComponentBranch)[];
  exclude_fields?: (keyof ComponentBranch)[];
  /** 1..100; PDC caps it at 100. 0 or less turns paging off (a bare array comes back). */
  page_size?: number;
  /** For {@link PDCClient.listBranchesPage} only. */
  page?: number;
}

/** One DRF page. */
export interface PDCPage<T> {
  count: number;
  /** Absolute URL of the next page as the server builds it (its host may not be reachable). */
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Body of `POST /component-branch-slas/`: creates the branch too when it is missing. */
export interface NewSlaLink {
  sla: string;
  eol: string;
  branch: NewComponentBranch;
}

/** An SLA link as `/component-branch-slas/` returns it. */
export interface SlaLink {
  id: number;
  sla: string;
  eol: string;
  branch: Omit<ComponentBranch, 'slas'>;
}

/** Filters of `GET /component-branch-slas/`. `branch` is the branch name. */
export interface SlaLinkFilters {
  sla?: string;
  branch?: string;
  global_component?: string;
  branch_type?: string;
  branch_active?: boolean;
  branch_critical_path?: boolean;
  eol?: string;
  eol_after?: string;
  eol_before?: string;
  page_size?: number;
}

/** Options of every write. */
export interface WriteOptions {
  /** Stored by PDC on the changeset (`PDC-Change-Comment`), e.g. `git create feature/x`. */
  comment?: string;
}

/** How to reach a PDC server. */
export interface PDCClientOptions {
  /** Server URL (`https://pdc.example.com`) or API root (`…/rest_api/v1`). */
  url: string;
  /** 40-hex DRF token; sent as `Authorization: Token <key>`. */
  token?: string;
  timeoutMs: number;
  retries: number;
  onRetry?: RetryListener;
}

/** A failed PDC request, with the server's messages flattened for people. */
export class PDCError extends Error {
  override readonly name = 'PDCError';
  /** HTTP status; 0 when no answer came (network, timeout). */
  readonly status: number;
  readonly method: string;
  /** Path and query under the server root (`/rest_api/v1/…`); never credentials. */
  readonly path: string;
  /** The server's messages, one per field message, `field: message` for field errors. */
  readonly errors: string[];
  /** The decoded error body. */
  readonly body: unknown;

  /** What to do about it, when the caller knows ('' otherwise). */
  readonly hint: string;

  constructor(init: { status: number; method: string; path: string; errors: string[]; body: unknown; hint?: string }) {
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
  withHint(hint: string): PDCError {
    const joined = this.hint ? `${this.hint}${/[.!?]$/.test(this.hint) ? '' : '.'} ${hint}` : hint;
    return new PDCError({ status: this.status, method: this.method, path: this.path, errors: this.errors, body: this.body, hint: joined });
  }

  /** A duplicate `(global_component, name, type)`: the 400 "unique set" answer or a 409 from a lost race. */
  get alreadyExists(): boolean {
    return this.status === 409 || (this.status === 400 && this.errors.some(e => /must make a unique set/.test(e)));
  }

  /** The SLA link being created exists already. */
  get duplicateSlaLink(): boolean {
    return this.status === 400 && this.errors.some(e => /^branch: The SLA ".*" tied to .* already exists$/.test(e));
  }
}

const API_ROOT = '/rest_api/v1';

/** The API root for a configured PDC URL: the server URL gets `/rest_api/v1` appended. */
export function pdcApiRoot(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(API_ROOT) ? trimmed : trimmed + API_ROOT;
}

/**
 * Django REST error body → messages. `detail` and `non_field_errors` carry no field name;
 * field errors read `field: message`, nested ones `branch.type: message`; bulk answers
 * (`id_of_invalid_data`) say which item failed.
 */
export function pdcErrorMessages(body: unknown, method = ''): string[] {
  const out: string[] = [];
  const walk = (value: unknown, field: string): void => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value)) {
      value.forEach(v => walk(v, field));
    } else if (typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'id_of_invalid_data' || key === 'invalid_data') continue;
        const unnamed = key === 'detail' || key === 'non_field_errors';
        walk(v, unnamed ? field : field ? `${field}.${key}` : key);
      }
    } else {
      out.push(field ? `${field}: ${String(value)}` : String(value));
    }
  };
  walk(body, '');
  if (body && typeof body === 'object' && !Array.isArray(body) && 'id_of_invalid_data' in body) {
    // Bulk create reports the index of the item, bulk delete and update its id.
    const which = `${method === 'POST' ? 'item' : 'id'} ${JSON.stringify((body as Record<string, unknown>).id_of_invalid_data)}`;
    return out.length ? out.map(m => `${which}: ${m}`) : [`${which} is invalid`];
  }
  return out;
}

type QueryValue = string | number | boolean | undefined | string[];

/** Query string with repeated keys for arrays; booleans as lowercase `true`/`false` (PDC ignores `TRUE`). */
function queryString(params: Record<string, QueryValue>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach(v => qs.append(key, v));
    else qs.append(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** Client of one PDC server's component-branch API. */
export class PDCClient {
  /** `https://host[/prefix]/rest_api/v1`, where every request goes. */
  readonly apiRoot: string;
  private readonly http: HttpClient;
  private readonly rootPath: string;

  constructor(options: PDCClientOptions) {
    this.apiRoot = pdcApiRoot(options.url);
    this.rootPath = new URL(this.apiRoot).pathname.replace(/\/+$/, '');
    this.http = new HttpClient({
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
  branchUrl(id: number): string {
    return this.apiRoot + path`/component-branches/${id}/`;
  }

  /** One page of branches, as the server sends it; `page_size <= 0` gives every branch in one page. */
  async listBranchesPage(options: BranchListOptions = {}): Promise<PDCPage<ComponentBranch>> {
    const route = path`/component-branches/` + queryString(branchQuery(options));
    const res = await this.http.request({ method: 'GET', path: route });
    return this.checked('GET', route, res, schemas.page(schemas.componentBranch));
  }

  /**
   * Every branch matching `options`, following `next` until it is null. `fields` /
   * `exclude_fields` make the objects partial, hence the second signature.
   */
  listBranches(options?: Omit<BranchListOptions, 'fields' | 'exclude_fields' | 'page'>): Promise<ComponentBranch[]>;
  listBranches(options: BranchListOptions): Promise<Partial<ComponentBranch>[]>;
  async listBranches(options: BranchListOptions = {}): Promise<Partial<ComponentBranch>[]> {
    const { page: _ignored, ...rest } = options;
    const partial = Boolean(options.fields?.length || options.exclude_fields?.length);
    return this.collect(path`/component-branches/` + queryString(branchQuery({ page_size: 100, ...rest })), partial ? schemas.partialComponentBranch : schemas.componentBranch);
  }

  /** The branch `(global_component, name, type)`, or null. */
  async findBranch(key: { global_component: string; name: string; type: string }): Promise<ComponentBranch | null> {
    const page = await this.listBranchesPage({ ...key, page_size: 100 });
    // Exact match again here: older servers matched these filters case-insensitively.
    return page.results.find(b => b.global_component === key.global_component && b.name === key.name && b.type === key.type) ?? null;
  }

  /** One branch by id; a missing one is a 404 {@link PDCError}. */
  async getBranch(id: number): Promise<ComponentBranch> {
    const route = path`/component-branches/${id}/`;
    return this.checked('GET', route, await this.http.request({ method: 'GET', path: route }), schemas.componentBranch);
  }

  /** Creates one branch (inactive until an SLA is attached). */
  async createBranch(branch: NewComponentBranch, options: WriteOptions = {}): Promise<ComponentBranch> {
    return this.checked('POST', path`/component-branches/`, await this.write('POST', path`/component-branches/`, branch, options), schemas.componentBranch);
  }

  /** Creates several branches atomically: on the first invalid item nothing is saved. */
  async createBranches(branches: NewComponentBranch[], options: WriteOptions = {}): Promise<ComponentBranch[]> {
    const res = await this.write('POST', path`/component-branches/`, branches, options);
    return this.checked('POST', path`/component-branches/`, res, schemas.branchList);
  }

  /**
   * PUT: replaces the writable fields of `branch`. The name is immutable in PDC, so a body
   * naming another branch is refused here, before anything is sent.
   */
  async putBranch(branch: Pick<ComponentBranch, 'id' | 'name'>, body: Omit<NewComponentBranch, 'name'> & { name?: string }, options: WriteOptions = {}): Promise<ComponentBranch> {
    refuseRename(branch, body);
    const full = { ...body, name: branch.name };
    const route = path`/component-branches/${branch.id}/`;
    return this.checked('PUT', route, await this.write('PUT', route, full, options), schemas.componentBranch);
  }

  /** PATCH: changes some writable fields of `branch`; a name change is refused here. */
  async patchBranch(branch: Pick<ComponentBranch, 'id' | 'name'>, changes: ComponentBranchChanges, options: WriteOptions = {}): Promise<ComponentBranch> {
    refuseRename(branch, changes);
    const route = path`/component-branches/${branch.id}/`;
    return this.checked('PATCH', route, await this.write('PATCH', route, changes, options), schemas.componentBranch);
  }

  /** Deletes a branch and (by cascade) its SLA links. False when it was already gone (404). */
  async deleteBranch(id: number, options: WriteOptions = {}): Promise<boolean> {
    const res = await this.write('DELETE', path`/component-branches/${id}/`, undefined, options, [404]);
    return res.status !== 404;
  }

  /** Deletes several branches atomically: one unknown id and nothing is deleted. */
  async deleteBranches(ids: number[], options: WriteOptions = {}): Promise<void> {
    await this.write('DELETE', path`/component-branches/`, ids, options);
  }

  /** Attaches an SLA to a branch, creating the branch when it does not exist yet. */
  async createSlaLink(link: NewSlaLink, options: WriteOptions = {}): Promise<SlaLink> {
    return this.checked('POST', path`/component-branch-slas/`, await this.write('POST', path`/component-branch-slas/`, link, options), schemas.slaLink);
  }

  /** Every SLA link matching `filters`, all pages. */
  async listSlaLinks(filters: SlaLinkFilters = {}): Promise<SlaLink[]> {
    const { page_size = 100, ...rest } = filters;
    return this.collect(path`/component-branch-slas/` + queryString({ ...rest, page_size }), schemas.slaLink);
  }

  private async write(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', route: string, json: unknown, options: WriteOptions, accept?: number[]) {
    const headers: Record<string, string> = {};
    // Header values must be Latin-1; branch names need not be.
    if (options.comment) headers['pdc-change-comment'] = options.comment.replace(/[^\x20-\x7e]/g, '?');
    return this.http.request({ method, path: route, json, headers, accept });
  }

  /** Follows `next` from `first` to the end. A bare array (paging off) is the whole answer. */
  private async collect<T>(first: string, item: v.GenericSchema<unknown, T>): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    const pageSchema = schemas.page(item);
    for (let route: string | null = first; route !== null;) {
      seen.add(route);
      const current: string = route;
      const res = await this.http.request({ method: 'GET', path: current });
      const page: PDCPage<T> = this.checked('GET', current, res, pageSchema);
      out.push(...page.results);
      route = page.next ? this.routeOf(page.next) : null;
      if (route !== null && seen.has(route)) throw new Error(`PDC sent the same next page twice (${route}); stopped paging.`);
    }
    return out;
  }

  /**
   * `next` is absolute and built from the server's idea of its own host (behind a proxy that
   * can be an internal name): keep only what follows the API root and send it to ours.
   */
  private routeOf(next: string): string {
    const url = new URL(next, this.apiRoot + '/');
    const at = url.pathname.indexOf(API_ROOT + '/');
    let route = url.pathname;
    if (at >= 0) route = route.slice(at + API_ROOT.length);
    else if (this.rootPath && route.startsWith(this.rootPath + '/')) route = route.slice(this.rootPath.length);
    return route + url.search;
  }

  /** The answer as `schema` reads it, or a {@link PDCError} naming the request and the field. */
  private checked<T>(method: string, route: string, res: { status: number; data: unknown }, schema: v.GenericSchema<unknown, T>): T {
    const found = checkAnswer(schema, res.data);
    if (found.ok) return found.value;
    throw new PDCError({
      status: res.status,
      method,
      path: this.rootPath + route,
      errors: [`the answer cannot be used: ${problemText(found.problem)}`],
      body: undefined,
      hint: "Check that 'pdc-url' is the PDC server's base URL.",
    });
  }

  private toPDCError(err: HttpError): PDCError {
    const where = this.rootPath + err.path;
    if (err.kind !== 'http') return new PDCError({ status: 0, method: err.method, path: where, errors: [err.serverMessage], body: undefined });
    const errors = typeof err.body === 'object' && err.body !== null ? pdcErrorMessages(err.body, err.method) : [];
    return new PDCError({
      status: err.status,
      method: err.method,
      path: where,
      errors: errors.length ? errors : [messageFromBody(err.body, typeof err.body === 'string' ? err.body : '')],
      body: err.body,
    });
  }
}

function branchQuery(o: BranchListOptions): Record<string, QueryValue> {
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

function refuseRename(branch: Pick<ComponentBranch, 'id' | 'name'>, body: { name?: string }): void {
  if (body.name !== undefined && body.name !== branch.name) {
    throw new InputError(`PDC branch names are immutable: branch ${branch.id} is '${branch.name}' and cannot become '${body.name}'. Delete it and create the new name instead.`);
  }
}
