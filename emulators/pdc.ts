/**
 * A stateful PDC (Product Definition Center) following reference/pdc-api.md: component
 * branches, SLA types and SLA links under /rest_api/v1/, DRF token auth (anonymous reads),
 * strict query parameters and bodies, DRF pages with absolute `next` / `previous`, the
 * computed `active`, field errors and the "unique set" answer, bulk create / update / delete
 * with `id_of_invalid_data`, the name blacklist regex, and the trailing-slash redirect.
 */
import { Emulator, type RecordedRequest, type Reply } from './server.js';

interface Branch {
  id: number;
  global_component: string;
  name: string;
  type: string;
  critical_path: boolean;
}

interface Link {
  id: number;
  sla: string;
  branchId: number;
  eol: string;
}

interface SlaType {
  id: number;
  name: string;
  description: string;
}

/** What a token may do. */
export interface TokenRights {
  /** create / update / delete permission (or superuser). */
  canWrite: boolean;
}

/** A branch to seed. */
export interface SeedBranch {
  global_component: string;
  name: string;
  type?: string;
  critical_path?: boolean;
  slas?: { sla: string; eol: string }[];
}

type Json = Record<string, unknown>;
type Snapshot = { branches: Map<number, Branch>; links: Map<number, Link>; next: { branch: number; link: number; sla: number } };
type FieldErrors = Record<string, unknown>;

const API = '/rest_api/v1/';
const BRANCH_FIELDS = ['id', 'global_component', 'name', 'slas', 'type', 'active', 'critical_path'];
const BRANCH_WRITABLE = ['global_component', 'name', 'type', 'critical_path'];
const BRANCH_ORDERING = ['critical_path', 'global_component', 'id', 'name', 'type'];
const LINK_FIELDS = ['id', 'sla', 'branch', 'eol'];
const PAGING = ['page', 'page_size', 'ordering', 'fields', 'exclude_fields'];
const TRUE_SPELLINGS = ['true', 't', 'True', '1'];
const FALSE_SPELLINGS = ['false', 'f', 'False', '0'];
const NOT_FOUND: Reply = { status: 404, json: { detail: 'Not found.' } };

const bad = (json: unknown): Reply => ({ status: 400, json });
const required = ['This field is required.'];

function pyType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'unicode';
  return 'dict';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** DRF BooleanField input. */
function drfBool(value: unknown): boolean | undefined {
  if ([true, 'true', 'True', 'TRUE', 't', 'T', '1', 1].includes(value as never)) return true;
  if ([false, 'false', 'False', 'FALSE', 'f', 'F', '0', 0].includes(value as never)) return false;
  return undefined;
}

function validDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value + 'T00:00:00Z'));
}

/** The PDC emulator. State is public so tests can seed and inspect it. */
export class PDCEmulator extends Emulator {
  readonly components = new Set<string>();
  /** ReleaseComponentTypes; upstream migration 0004 seeds these. */
  readonly types: string[] = ['rpm', 'container', 'zip', 'iso', 'composite'];
  readonly slaTypes: SlaType[] = [];
  branches = new Map<number, Branch>();
  links = new Map<number, Link>();
  readonly tokens = new Map<string, TokenRights>();
  /** `ALLOW_ALL_USER_READ`. */
  anonymousReads = true;
  /** `COMPONENT_BRANCH_NAME_BLACKLIST_REGEX` (Python `re.match`: anchored at the start); '' disables it. */
  blacklist = '';
  /** Behave like release 1.9.0-2 for `fields`: no comma splitting, unknown names ignored. */
  legacyFields = false;
  /** What `next` / `previous` start with instead of `http://<Host><prefix>` (a proxy's internal name). */
  linkBase?: string;
  /** Where the server is mounted (`/pdc`), as behind a proxy. */
  prefix = '';
  /** Today as the server sees it (UTC). */
  today: () => string = () => new Date().toISOString().slice(0, 10);
  private nextId = { branch: 1, link: 1, sla: 1 };

  /** Adds global components. */
  seedComponent(...names: string[]): void {
    names.forEach(n => this.components.add(n));
  }

  /** Adds SLA types to the catalogue. */
  seedSlaType(...names: string[]): void {
    for (const name of names) {
      if (!this.slaTypes.some(s => s.name === name)) this.slaTypes.push({ id: this.nextId.sla++, name, description: '' });
    }
  }

  /** A valid token; returns it. */
  setToken(token: string, rights: TokenRights = { canWrite: true }): string {
    this.tokens.set(token, rights);
    return token;
  }

  /** Adds a branch (its component and SLA types too) and returns it as the API shows it. */
  seedBranch(seed: SeedBranch): Json {
    this.seedComponent(seed.global_component);
    const b: Branch = {
      id: this.nextId.branch++,
      global_component: seed.global_component,
      name: seed.name,
      type: seed.type ?? 'rpm',
      critical_path: seed.critical_path ?? false,
    };
    this.branches.set(b.id, b);
    for (const l of seed.slas ?? []) {
      this.seedSlaType(l.sla);
      const link: Link = { id: this.nextId.link++, sla: l.sla, branchId: b.id, eol: l.eol };
      this.links.set(link.id, link);
    }
    return this.branchJson(b);
  }

  /** The branch `(component, name, type)` as the API shows it, or undefined. */
  branch(global_component: string, name: string, type = 'rpm'): Json | undefined {
    const b = [...this.branches.values()].find(x => x.global_component === global_component && x.name === name && x.type === type);
    return b && this.branchJson(b);
  }

  protected handle(req: RecordedRequest): Reply {
    const root = this.prefix + API;
    if (!req.rawPath.startsWith(root)) return this.djangoNotFound();
    const rest = req.rawPath.slice(root.length);
    const parts = rest.split('/').map(s => decodeURIComponent(s));
    if (parts[0] === 'auth') {
      // Obtaining a token needs Kerberos / SSO in front of PDC, which no test (or CI job) has.
      return { status: 401, json: { 'Obtain Token Error': 'Failed to authenticate.' } };
    }
    const routes: Record<string, (req: RecordedRequest, id?: string) => Reply> = {
      'component-branches': (r, i) => this.branchesRoute(r, i),
      'component-branch-slas': (r, i) => this.linksRoute(r, i),
      'component-sla-types': (r, i) => (i === undefined && r.method === 'GET' ? this.slaTypesList(r) : notAllowed(r.method)),
    };
    const route = routes[parts[0] ?? ''];
    if (!route) return this.djangoNotFound();
    if (!rest.endsWith('/')) {
      // Django's APPEND_SLASH: a redirect that drops the body of a write.
      const q = req.query.toString();
      return { status: 301, headers: { location: `${req.rawPath}/${q ? '?' + q : ''}` }, text: '' };
    }
    parts.pop();
    const [, id, ...more] = parts;
    if (more.length) return this.djangoNotFound();
    const denied = this.authorize(req);
    if (denied) return denied;
    if (req.method !== 'GET' && req.method !== 'DELETE' && req.body && req.json === undefined) {
      const type = String(req.headers['content-type'] ?? '');
      if (!type.includes('json')) return { status: 415, json: { detail: `Unsupported media type "${type}" in request.` } };
      return bad({ detail: 'JSON parse error - No JSON object could be decoded' });
    }
    return route(req, id);
  }

  private djangoNotFound(): Reply {
    return { status: 404, text: '<h1>Not Found</h1><p>The requested URL was not found on this server.</p>', headers: { 'content-type': 'text/html' } };
  }

  /** DRF TokenAuthentication + APIPermission. */
  private authorize(req: RecordedRequest): Reply | undefined {
    const unauthorized = (detail: string): Reply => ({ status: 401, json: { detail }, headers: { 'www-authenticate': 'Token' } });
    const header = String(req.headers.authorization ?? '');
    const words = header.split(/\s+/).filter(Boolean);
    let rights: TokenRights | undefined;
    if (words.length && words[0]!.toLowerCase() === 'token') {
      if (words.length === 1) return unauthorized('Invalid token header. No credentials provided.');
      if (words.length > 2) return unauthorized('Invalid token header. Token string should not contain spaces.');
      rights = this.tokens.get(words[1]!);
      if (!rights) return unauthorized('Invalid token.');
    }
    const read = req.method === 'GET';
    if (!rights && !(read && this.anonymousReads)) return unauthorized('Authentication credentials were not provided.');
    if (!read && !rights!.canWrite) return { status: 403, json: { detail: 'You do not have permission to perform this action.' } };
    return undefined;
  }

  // ---------------------------------------------------------------- component branches

  private branchesRoute(req: RecordedRequest, id?: string): Reply {
    if (id === undefined) {
      switch (req.method) {
        case 'GET':
          return this.branchList(req);
        case 'POST':
          return Array.isArray(req.json) ? this.bulkCreate(req.json) : this.createBranch(req.json);
        case 'PUT':
        case 'PATCH':
          return this.bulkUpdate(req.json, req.method === 'PATCH');
        case 'DELETE':
          return this.bulkDelete(req.json);
        default:
          return notAllowed(req.method);
      }
    }
    const b = /^\d+$/.test(id) ? this.branches.get(Number(id)) : undefined;
    if (!b) return NOT_FOUND;
    switch (req.method) {
      case 'GET':
        return this.fieldsError(req, BRANCH_FIELDS) ?? { status: 200, json: this.shape(this.branchJson(b), req, BRANCH_FIELDS) };
      case 'PUT':
      case 'PATCH': {
        const partial = req.method === 'PATCH';
        if (partial && isObject(req.json) && !Object.keys(req.json).length) {
          return bad({ detail: 'Partial update with no changes does not make much sense.' });
        }
        const result = this.validateBranch(req.json, { partial, current: b });
        if ('error' in result) return bad(result.error);
        Object.assign(b, result.value);
        return { status: 200, json: this.branchJson(b) };
      }
      case 'DELETE':
        this.deleteBranch(b.id);
        return { status: 204 };
      default:
        return notAllowed(req.method);
    }
  }

  private deleteBranch(id: number): void {
    this.branches.delete(id);
    for (const [lid, l] of this.links) if (l.branchId === id) this.links.delete(lid);
  }

  private createBranch(body: unknown): Reply {
    const result = this.validateBranch(body, { partial: false });
    if ('error' in result) return bad(result.error);
    const b = { id: this.nextId.branch++, critical_path: false, ...result.value } as Branch;
    this.branches.set(b.id, b);
    return { status: 201, json: this.branchJson(b) };
  }

  /** Atomic: validated one by one against what the earlier items would have created. */
  private bulkCreate(items: unknown[]): Reply {
    const snapshot = this.snapshot();
    const created: Json[] = [];
    for (const [index, item] of items.entries()) {
      const reply = this.createBranch(item);
      if (reply.status !== 201) {
        this.restore(snapshot);
        return bad({ detail: reply.json, id_of_invalid_data: index, invalid_data: item });
      }
      created.push(reply.json as Json);
    }
    return { status: 201, json: created };
  }

  private bulkUpdate(body: unknown, partial: boolean): Reply {
    if (!isObject(body)) return bad({ detail: 'Bulk update needs a mapping.' });
    const snapshot = this.snapshot();
    const out: Record<string, Json> = {};
    for (const [key, changes] of Object.entries(body)) {
      const b = /^\d+$/.test(key) ? this.branches.get(Number(key)) : undefined;
      const result = b ? this.validateBranch(changes, { partial, current: b }) : { error: { detail: 'Not found.' } };
      if ('error' in result) {
        this.restore(snapshot);
        return { status: b ? 400 : 404, json: { detail: result.error, id_of_invalid_data: key } };
      }
      Object.assign(b!, result.value);
      out[key] = this.branchJson(b!);
    }
    return { status: 200, json: out };
  }

  private bulkDelete(body: unknown): Reply {
    if (!Array.isArray(body)) return bad({ detail: 'Bulk delete needs a list of identifiers.' });
    for (const ident of body) {
      if (!this.branches.has(Number(ident)) || !/^\d+$/.test(String(ident))) {
        return { status: 404, json: { detail: 'Not found.', id_of_invalid_data: ident } };
      }
    }
    body.forEach(ident => this.deleteBranch(Number(ident)));
    return { status: 204 };
  }

  private snapshot(): Snapshot {
    return {
      branches: new Map([...this.branches].map(([k, v]) => [k, { ...v }])),
      links: new Map([...this.links].map(([k, v]) => [k, { ...v }])),
      next: { ...this.nextId },
    };
  }

  private restore(s: Snapshot): void {
    this.branches = s.branches;
    this.links = s.links;
    this.nextId = s.next;
  }

  /** StrictSerializerMixin, the field validators, unique-together, then the name policy. */
  private validateBranch(body: unknown, opts: { partial: boolean; current?: Branch }): { value: Partial<Branch> } | { error: unknown } {
    if (!isObject(body)) {
      return { error: { detail: [`Invalid data. Expected a dictionary, but got ${pyType(body)}.`] } };
    }
    const unknown = Object.keys(body).filter(k => !BRANCH_FIELDS.includes(k));
    if (unknown.length) return { error: { detail: `Unknown fields: ${unknown.map(k => `"${k}"`).join(', ')}.` } };
    const readOnly = Object.keys(body).filter(k => !BRANCH_WRITABLE.includes(k));
    if (readOnly.length) return { error: { detail: `Can not update read only fields: ${readOnly.map(k => `"${k}"`).join(', ')}.` } };
    const errors: FieldErrors = {};
    const value: Partial<Branch> = {};
    const nameError = this.checkName(body, opts.partial);
    if (nameError) errors.name = nameError;
    else if ('name' in body) value.name = body.name as string;
    const gc = this.checkComponent(body, opts.partial);
    if (gc.error) errors.global_component = gc.error;
    else if (gc.value !== undefined) value.global_component = gc.value;
    const type = this.checkType(body, opts.partial);
    if (type.error) errors.type = type.error;
    else if (type.value !== undefined) value.type = type.value;
    if ('critical_path' in body) {
      const cp = drfBool(body.critical_path);
      if (cp === undefined) errors.critical_path = [`"${String(body.critical_path)}" is not a valid boolean.`];
      else value.critical_path = cp;
    }
    if (Object.keys(errors).length) return { error: errors };
    const merged = { ...(opts.current ?? {}), ...value } as Branch;
    const clash = [...this.branches.values()].some(
      b => b.id !== opts.current?.id && b.global_component === merged.global_component && b.name === merged.name && b.type === merged.type,
    );
    if (clash) return { error: { detail: ['The fields global_component, name, type must make a unique set.'] } };
    if (opts.current && value.name !== undefined && value.name !== opts.current.name) {
      return { error: { name: ["You may not modify the branch's name due to policy"] } };
    }
    return { value };
  }

  /** BranchNameField.to_internal_value. */
  private checkName(body: Json, partial: boolean): string[] | undefined {
    if (!('name' in body)) return partial ? undefined : required;
    const name = body.name;
    if (name === null) return ['This field may not be null.'];
    if (typeof name !== 'string') return [`A string was not supplied. The type was "${pyType(name)}".`];
    if ([...name].length > 300) return ['The string must be less than 300 characters'];
    if (this.blacklist && new RegExp(`^(?:${this.blacklist})`).test(name)) {
      return [`The branch name is not allowed based on the regex "${this.blacklist}"`];
    }
    return undefined;
  }

  private checkComponent(body: Json, partial: boolean): { value?: string; error?: string[] } {
    if (!('global_component' in body)) return partial ? {} : { error: required };
    const v = body.global_component;
    if (v === null) return { error: ['This field may not be null.'] };
    if (!this.components.has(String(v))) return { error: [`Object with name=${String(v)} does not exist.`] };
    return { value: String(v) };
  }

  private checkType(body: Json, partial: boolean): { value?: string; error?: string[] } {
    if (!('type' in body)) return partial ? {} : { error: required };
    const v = body.type;
    if (v === null) return { error: ['This field may not be null.'] };
    if (!this.types.includes(String(v))) {
      const choices = [...this.types]
        .sort()
        .map(t => `'${t}'`)
        .join(', ');
      return { error: [`'${String(v)}' is not allowed value. Use one of ${choices}.`] };
    }
    return { value: String(v) };
  }

  private isActive(branchId: number): boolean {
    const today = this.today();
    return [...this.links.values()].some(l => l.branchId === branchId && l.eol >= today);
  }

  private branchJson(b: Branch): Json {
    const slas = [...this.links.values()].filter(l => l.branchId === b.id).map(l => ({ id: l.id, sla: l.sla, eol: l.eol }));
    return {
      id: b.id,
      global_component: b.global_component,
      name: b.name,
      slas,
      type: b.type,
      active: this.isActive(b.id),
      critical_path: b.critical_path,
    };
  }

  private branchList(req: RecordedRequest): Reply {
    const q = req.query;
    const strict = this.strictParams(q, ['name', 'global_component', 'type', 'active', 'critical_path']);
    if (strict) return strict;
    let rows = [...this.branches.values()];
    for (const key of ['name', 'global_component', 'type'] as const) {
      const v = q.get(key);
      if (v) rows = rows.filter(b => b[key] === v);
    }
    const active = q.get('active');
    // Only these spellings filter; anything else (TRUE) is silently ignored.
    if (active && TRUE_SPELLINGS.includes(active)) rows = rows.filter(b => this.isActive(b.id));
    else if (active && FALSE_SPELLINGS.includes(active)) rows = rows.filter(b => !this.isActive(b.id));
    const cp = q.get('critical_path');
    if (cp) {
      const v = cp.toLowerCase();
      if (!['true', 't', '1', 'false', 'f', '0'].includes(v)) return bad({ detail: `${cp} is not a valid boolean value` });
      rows = rows.filter(b => b.critical_path === ['true', 't', '1'].includes(v));
    }
    const order = this.ordering(q, ['global_component', 'name', 'type'], BRANCH_ORDERING);
    if ('error' in order) return order.error;
    rows.sort(compareBy(order.keys, (b, k) => b[k as keyof Branch]));
    return this.paginate(
      req,
      rows.map(b => this.branchJson(b)),
      BRANCH_FIELDS,
    );
  }

  // ---------------------------------------------------------------- SLA links

  private linkJson(l: Link): Json {
    const b = this.branches.get(l.branchId)!;
    const branch = { id: b.id, name: b.name, global_component: b.global_component, type: b.type, active: this.isActive(b.id), critical_path: b.critical_path };
    return { id: l.id, sla: l.sla, branch, eol: l.eol };
  }

  private linksRoute(req: RecordedRequest, id?: string): Reply {
    if (id === undefined) {
      if (req.method === 'GET') return this.linkList(req);
      if (req.method === 'POST') return this.createLink(req.json);
      return notAllowed(req.method);
    }
    const l = /^\d+$/.test(id) ? this.links.get(Number(id)) : undefined;
    if (!l) return NOT_FOUND;
    switch (req.method) {
      case 'GET':
        return { status: 200, json: this.linkJson(l) };
      case 'PATCH':
      case 'PUT':
        return this.updateLink(l, req.json, req.method === 'PATCH');
      case 'DELETE':
        this.links.delete(l.id);
        return { status: 204 };
      default:
        return notAllowed(req.method);
    }
  }

  private checkSla(body: Json): { value?: string; error?: string[] } {
    if (!('sla' in body)) return { error: required };
    const v = String(body.sla);
    if (!this.slaTypes.some(s => s.name === v)) {
      return {
        error: [
          `'${v}' is not allowed value. Use one of ${this.slaTypes
            .map(s => `'${s.name}'`)
            .sort()
            .join(', ')}.`,
        ],
      };
    }
    return { value: v };
  }

  /** SLAToComponentBranchSerializer.create: the branch is created when missing. */
  private createLink(body: unknown): Reply {
    if (!isObject(body)) return bad({ detail: ['Invalid data. Expected a dictionary.'] });
    const unknown = Object.keys(body).filter(k => !LINK_FIELDS.includes(k));
    if (unknown.length) return bad({ detail: `Unknown fields: ${unknown.map(k => `"${k}"`).join(', ')}.` });
    if ('id' in body) return bad({ detail: 'Can not update read only fields: "id".' });
    const errors: FieldErrors = {};
    const sla = this.checkSla(body);
    if (sla.error) errors.sla = sla.error;
    if (!validDate(body.eol)) {
      errors.eol = 'eol' in body ? ['Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]].'] : required;
    }
    let wanted: { name: string; global_component: string; type: string; critical_path?: boolean } | undefined;
    if (!isObject(body.branch)) {
      errors.branch = 'branch' in body ? { detail: ['Invalid data. Expected a dictionary.'] } : required;
    } else {
      const nested: FieldErrors = {};
      const nameError = this.checkName(body.branch, false);
      if (nameError) nested.name = nameError;
      const gc = this.checkComponent(body.branch, false);
      if (gc.error) nested.global_component = gc.error;
      const type = this.checkType(body.branch, false);
      if (type.error) nested.type = type.error;
      let cp: boolean | undefined;
      if ('critical_path' in body.branch) {
        cp = drfBool(body.branch.critical_path);
        if (cp === undefined) nested.critical_path = [`"${String(body.branch.critical_path)}" is not a valid boolean.`];
      }
      if (Object.keys(nested).length) errors.branch = nested;
      else wanted = { name: body.branch.name as string, global_component: gc.value!, type: type.value!, critical_path: cp };
    }
    if (Object.keys(errors).length || !wanted) return bad(errors);
    let branch = [...this.branches.values()].find(b => b.name === wanted.name && b.global_component === wanted.global_component && b.type === wanted.type);
    if (branch && wanted.critical_path !== undefined && branch.critical_path !== wanted.critical_path) {
      return bad({ 'branch.critical_path': ["The found branch's critical_path field did not match the supplied value"] });
    }
    if (branch && [...this.links.values()].some(l => l.branchId === branch!.id && l.sla === sla.value)) {
      return bad({
        branch: [`The SLA "${sla.value}" tied to the component "${branch.global_component}" and branch "${branch.name}" already exists`],
      });
    }
    if (!branch) {
      branch = { id: this.nextId.branch++, ...wanted, critical_path: wanted.critical_path ?? false };
      this.branches.set(branch.id, branch);
    }
    const link: Link = { id: this.nextId.link++, sla: sla.value!, branchId: branch.id, eol: body.eol as string };
    this.links.set(link.id, link);
    return { status: 201, json: this.linkJson(link) };
  }

  private updateLink(l: Link, body: unknown, partial: boolean): Reply {
    if (!isObject(body)) return bad({ detail: ['Invalid data. Expected a dictionary.'] });
    if (partial && !Object.keys(body).length) return bad({ detail: 'Partial update with no changes does not make much sense.' });
    if ('branch' in body) {
      const b = this.branches.get(l.branchId)!;
      const given = isObject(body.branch) ? body.branch : {};
      if (given.name !== b.name || given.type !== b.type || given.global_component !== b.global_component) {
        return bad({ branch: ['The branch cannot be modified using this API'] });
      }
    }
    if ('eol' in body || !partial) {
      if (!validDate(body.eol)) return bad({ eol: ['Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]].'] });
      l.eol = body.eol;
    }
    if ('sla' in body) {
      const sla = this.checkSla(body);
      if (sla.error) return bad({ sla: sla.error });
      l.sla = sla.value!;
    }
    return { status: 200, json: this.linkJson(l) };
  }

  private linkList(req: RecordedRequest): Reply {
    const q = req.query;
    const strict = this.strictParams(q, ['sla', 'branch', 'global_component', 'branch_type', 'branch_active', 'branch_critical_path', 'eol', 'eol_after', 'eol_before']);
    if (strict) return strict;
    let rows = [...this.links.values()];
    const branchOf = (l: Link) => this.branches.get(l.branchId)!;
    const exact: [string, (l: Link) => string][] = [
      ['sla', l => l.sla],
      ['branch', l => branchOf(l).name],
      ['global_component', l => branchOf(l).global_component],
      ['branch_type', l => branchOf(l).type],
      ['eol', l => l.eol],
    ];
    for (const [key, get] of exact) {
      const v = q.get(key);
      if (v) rows = rows.filter(l => get(l) === v);
    }
    const after = q.get('eol_after');
    if (after && validDate(after)) rows = rows.filter(l => l.eol >= after);
    const before = q.get('eol_before');
    if (before && validDate(before)) rows = rows.filter(l => l.eol <= before);
    const active = q.get('branch_active');
    if (active && TRUE_SPELLINGS.includes(active)) rows = rows.filter(l => this.isActive(l.branchId));
    else if (active && FALSE_SPELLINGS.includes(active)) rows = rows.filter(l => !this.isActive(l.branchId));
    const cp = q.get('branch_critical_path');
    if (cp) {
      const v = cp.toLowerCase();
      if (!['true', 't', '1', 'false', 'f', '0'].includes(v)) return bad({ detail: `${cp} is not a valid boolean value` });
      rows = rows.filter(l => branchOf(l).critical_path === ['true', 't', '1'].includes(v));
    }
    rows.sort(compareBy(['global_component', 'branch', 'id'], (l, k) => (k === 'id' ? l.id : k === 'branch' ? branchOf(l).name : branchOf(l).global_component)));
    return this.paginate(
      req,
      rows.map(l => this.linkJson(l)),
      LINK_FIELDS,
    );
  }

  private slaTypesList(req: RecordedRequest): Reply {
    const strict = this.strictParams(req.query, ['name', 'description']);
    if (strict) return strict;
    const name = req.query.get('name');
    const rows = this.slaTypes.filter(s => !name || s.name === name).sort((a, b) => (a.name < b.name ? -1 : 1));
    return this.paginate(
      req,
      rows.map(s => ({ ...s })),
      ['id', 'name', 'description'],
    );
  }

  // ---------------------------------------------------------------- list machinery

  /** StrictQueryParamMixin. */
  private strictParams(q: URLSearchParams, filters: string[]): Reply | undefined {
    const unknown = [...new Set(q.keys())].filter(k => !filters.includes(k) && !PAGING.includes(k));
    return unknown.length ? bad({ detail: `Unknown query params: ${unknown.join(', ')}.` }) : undefined;
  }

  private ordering(q: URLSearchParams, fallback: string[], allowed: string[]): { keys: string[] } | { error: Reply } {
    const raw = q.get('ordering');
    if (!raw) return { keys: fallback };
    const keys = raw
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const unknown = keys.filter(k => !allowed.includes(k.replace(/^-/, '')));
    if (unknown.length) {
      const list = (xs: string[]) => `[${xs.map(x => `'${x}'`).join(', ')}]`;
      return { error: bad({ detail: `Unknown query key: ${list(unknown)} not in fields: ${list(allowed)}` }) };
    }
    return { keys };
  }

  /** DynamicFieldsSerializerMixin: `fields` / `exclude_fields`, exclude wins (checked by {@link fieldsError} first). */
  private shape(obj: Json, req: RecordedRequest, all: string[]): Json {
    const names = (key: string) =>
      req.query
        .getAll(key)
        .flatMap(v => (this.legacyFields ? [v] : v.split(',')))
        .filter(Boolean);
    const fields = names('fields');
    const exclude = names('exclude_fields');
    if (!fields.length && !exclude.length) return obj;
    // 1.9.0-2 keeps only known names, so `fields=a,b` there leaves an empty object.
    return Object.fromEntries(all.filter(k => (!fields.length || fields.includes(k)) && !exclude.includes(k)).map(k => [k, obj[k]]));
  }

  private fieldsError(req: RecordedRequest, all: string[]): Reply | undefined {
    if (this.legacyFields) return undefined;
    for (const key of ['fields', 'exclude_fields']) {
      const unknown = req.query
        .getAll(key)
        .flatMap(v => v.split(','))
        .filter(n => n && !all.includes(n));
      if (unknown.length) return bad({ detail: `Unknown fields in "${key}" filter: ${unknown.join(', ')}` });
    }
    return undefined;
  }

  /** DRF PageNumberPagination with PDC's page_size <= 0 meaning "no paging". */
  private paginate(req: RecordedRequest, rows: Json[], all: string[]): Reply {
    const fieldsError = this.fieldsError(req, all);
    if (fieldsError) return fieldsError;
    const out = rows.map(r => this.shape(r, req, all));
    const rawSize = req.query.get('page_size');
    let size = 20;
    if (rawSize !== null && /^-?\d+$/.test(rawSize.trim())) {
      const n = Number(rawSize);
      if (n <= 0) return { status: 200, json: out };
      size = Math.min(n, 100);
    }
    const pages = Math.max(1, Math.ceil(out.length / size));
    const rawPage = req.query.get('page') ?? '1';
    const page = rawPage === 'last' ? pages : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
    if (!(page >= 1 && page <= pages)) return { status: 404, json: { detail: 'Invalid page.' } };
    const link = (n: number | null): string | null => {
      if (n === null) return null;
      const params = [...req.query.entries()].filter(([k]) => k !== 'page');
      if (n > 1) params.push(['page', String(n)]);
      // DRF's replace_query_param sorts the keys.
      params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const qs = new URLSearchParams(params).toString();
      const base = this.linkBase !== undefined ? this.linkBase + req.rawPath.slice(this.prefix.length) : `http://${req.headers.host}${req.rawPath}`;
      return qs ? `${base}?${qs}` : base;
    };
    return {
      status: 200,
      json: {
        count: out.length,
        next: link(page < pages ? page + 1 : null),
        previous: link(page > 1 ? page - 1 : null),
        results: out.slice((page - 1) * size, page * size),
      },
    };
  }
}

function notAllowed(method: string): Reply {
  return { status: 405, json: { detail: `Method "${method}" not allowed.` } };
}

function compareBy<T>(keys: string[], get: (row: T, key: string) => unknown): (a: T, b: T) => number {
  return (a, b) => {
    for (const spec of [...keys, 'id']) {
      const desc = spec.startsWith('-');
      const key = desc ? spec.slice(1) : spec;
      const x = get(a, key) as string | number | boolean;
      const y = get(b, key) as string | number | boolean;
      if (x === y) continue;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  };
}
