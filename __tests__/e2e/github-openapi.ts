/**
 * GitHub's own description of its REST API (`@octokit/openapi`, OpenAPI 3.0.3) as a validator
 * of recorded traffic: each exchange is mapped to its operation by method and path template,
 * then checked for a documented status, the answer's body against the operation's response
 * schema, the request's body against its requestBody schema, query parameters against the
 * documented ones, and the `Link` header's form on paginated listings.
 *
 * OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` (which JSON Schema does not know)
 * is turned into `type: [T, 'null']` (and `null` added to an `enum`), or `anyOf: [schema, null]`
 * where the schema has no `type`; `example`, `discriminator`, `xml` and `externalDocs` are
 * annotations. Nothing else is relaxed: Ajv runs in strict mode with every format checked.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RecordedRequest } from '../../emulators/server.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  template: string;
  operationId: string;
  op: Json;
}

/** One problem found in one exchange. */
export interface Violation {
  exchange: string;
  operation?: string;
  problem: string;
}

/** The documented statuses and schemas of one operation. */
export interface OperationInfo {
  operationId: string;
  template: string;
  statuses: string[];
  paginated: boolean;
}

/** The schema-bearing keys below which a value is again a schema. */
const SCHEMA_MAPS = ['properties', 'patternProperties'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not'];

/** An OpenAPI 3.0 schema as JSON Schema (draft-07), `$ref`s pointed at `gh#/definitions/…`. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const src = schema as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\/components\/schemas\//, 'gh#/definitions/');
    else if (SCHEMA_MAPS.includes(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v as Json).map(([n, s]) => [n, toJsonSchema(s)]));
    else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out[k] = v.map(toJsonSchema);
    else if (SCHEMA_ONE.includes(k) && v && typeof v === 'object') out[k] = toJsonSchema(v);
    else out[k] = v;
  }
  if (src.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // No type of its own (allOf/anyOf/oneOf/$ref): null besides whatever the schema allows.
  return { anyOf: [out, { type: 'null' }] };
}

/** The validator over one description (default: api.github.com). */
export class GitHubOpenApi {
  readonly doc: Json;
  private readonly ajv: Ajv;
  private readonly ops: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file = 'api.github.com.json') {
    const pkg = require.resolve('@octokit/openapi/package.json');
    this.doc = JSON.parse(readFileSync(pkg.replace(/package\.json$/, `generated/${file}`), 'utf8')) as Json;
    // strictRequired off: checks/create's body requires `conclusion` inside an `anyOf` branch while
    // the property is defined beside it (valid JSON Schema; Ajv's strict mode only lints the form).
    this.ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false, strictRequired: false });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    const components = this.doc.components as { schemas: Json };
    const definitions = Object.fromEntries(Object.entries(components.schemas).map(([n, s]) => [n, toJsonSchema(s)]));
    this.ajv.addSchema({ $id: 'gh', definitions });
    for (const [template, item] of Object.entries(this.doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
        this.ops.push({ method: method.toUpperCase(), template, operationId: String((op as Json).operationId), op: op as Json });
      }
    }
  }

  /** The operation of `method` and an (encoded) request path, by path template; literal segments win. */
  operation(method: string, rawPath: string): Operation | undefined {
    const segs = rawPath.split('/').filter(Boolean);
    let best: { op: Operation; params: number } | undefined;
    for (const op of this.ops) {
      if (op.method !== method) continue;
      const t = op.template.split('/').filter(Boolean);
      // A last parameter marked `x-multi-segment` (contents/{path}) spans the rest of the path, slashes included.
      const multi = this.multiSegment(op);
      if (multi && segs.length > t.length && t.at(-1) === `{${multi}}`) t.push(...Array<string>(segs.length - t.length).fill(`{${multi}}`));
      if (t.length !== segs.length) continue;
      let params = 0;
      const ok = t.every((part, i) => {
        if (/^\{[^}]+\}$/.test(part)) return ++params && segs[i] !== '';
        return part === segs[i];
      });
      if (ok && (!best || params < best.params)) best = { op, params };
    }
    return best?.op;
  }

  /** The name of the operation's path parameter that may span several segments, if any. */
  private multiSegment(op: Operation): string | undefined {
    const params = (op.op.parameters ?? []) as Json[];
    return params.find(p => p.in === 'path' && p['x-multi-segment'] === true)?.name as string | undefined;
  }

  /** What the description says about one operation. */
  info(operationId: string): OperationInfo {
    const op = this.ops.find(o => o.operationId === operationId);
    if (!op) throw new Error(`no operation ${operationId}`);
    return { operationId, template: op.template, statuses: Object.keys(op.op.responses as Json), paginated: this.paginated(op) };
  }

  /** The `#/components/…` object a `$ref` names, or the object itself. */
  private deref<T = Json>(obj: unknown): T {
    let o = obj as Json;
    while (o && typeof o.$ref === 'string') {
      const path = (o.$ref as string).replace(/^#\//, '').split('/');
      o = path.reduce<Json>((at, key) => at[key] as Json, this.doc);
    }
    return o as T;
  }

  private parameters(op: Operation): { name: string; in: string; required?: boolean; schema?: unknown }[] {
    const item = (this.doc.paths as Record<string, Json>)[op.template]!;
    return [...((item.parameters as unknown[]) ?? []), ...((op.op.parameters as unknown[]) ?? [])].map(p => this.deref(p));
  }

  private paginated(op: Operation): boolean {
    const documented = Object.values(op.op.responses as Json).some(r => Object.keys(this.deref<{ headers?: Json }>(r).headers ?? {}).some(h => h.toLowerCase() === 'link'));
    return documented || this.parameters(op).some(p => p.in === 'query' && p.name === 'page');
  }

  /** A compiled validator for a (converted) schema, cached by `key`. */
  private validator(key: string, schema: unknown): ValidateFunction {
    let v = this.compiled.get(key);
    if (!v) {
      v = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, v);
    }
    return v;
  }

  /** The errors of `value` against the JSON schema of `content` (media type JSON), or undefined when it validates. */
  schemaErrors(key: string, schema: unknown, value: unknown): string | undefined {
    const v = this.validator(key, schema);
    if (v(value)) return undefined;
    return formatErrors(v.errors ?? []);
  }

  /** The documented response of `operationId` for `status` (dereferenced), if any. */
  response(operationId: string, status: number | string): { schema?: unknown; examples: { name: string; value: unknown }[] } | undefined {
    const op = this.ops.find(o => o.operationId === operationId);
    const r = op && (op.op.responses as Json)[String(status)];
    if (!r) return undefined;
    const res = this.deref<{ content?: Record<string, { schema?: unknown; examples?: Json; example?: unknown }> }>(r);
    const media = res.content?.['application/json'];
    const examples = Object.entries(media?.examples ?? {}).map(([name, e]) => ({ name, value: this.deref<{ value: unknown }>(e).value }));
    return { schema: media?.schema, examples };
  }

  /**
   * Every problem of one exchange. `base` is the API path prefix the emulator serves under;
   * `/repositories/{id}/…` (the form of GitHub's own Link headers, not in the description) is
   * checked as `/repos/{owner}/{repo}/…`.
   */
  check(req: RecordedRequest, base = ''): Violation[] {
    const query = req.query.toString();
    const exchange = `${req.method} ${req.rawPath}${query ? `?${query}` : ''}`;
    const out: Violation[] = [];
    const add = (problem: string, operation?: string) => out.push({ exchange, operation, problem });
    const rel = req.rawPath.startsWith(base) ? req.rawPath.slice(base.length) : req.rawPath;
    const path = rel.replace(/^\/repositories\/\d+(?=\/)/, '/repos/{owner}/{repo}');
    const op = this.operation(req.method, path);
    if (!op) {
      add('no operation in the description has this method and path');
      return out;
    }
    const id = op.operationId;
    // The request: query parameters and body.
    const params = this.parameters(op);
    for (const [name, value] of req.query) {
      const p = params.find(x => x.in === 'query' && x.name === name);
      if (!p) {
        add(`query parameter '${name}' is not documented`, id);
        continue;
      }
      const coerced = /^-?\d+$/.test(value) && (p.schema as { type?: string })?.type === 'integer' ? Number(value) : value;
      const e = this.schemaErrors(`${id} query ${name}`, p.schema, coerced);
      if (e) add(`query parameter '${name}=${value}': ${e}`, id);
    }
    for (const p of params) if (p.in === 'query' && p.required && !req.query.has(p.name)) add(`required query parameter '${p.name}' missing`, id);
    const requestBody = op.op.requestBody ? this.deref<{ required?: boolean; content?: Record<string, { schema?: unknown }> }>(op.op.requestBody) : undefined;
    if (req.body) {
      const schema = requestBody?.content?.['application/json']?.schema;
      if (!requestBody) add('sends a body; the operation takes none', id);
      else if (!/json/.test(String(req.headers['content-type'] ?? ''))) add(`body sent as ${String(req.headers['content-type'])}, not JSON`, id);
      else if (req.malformedJson) add('body is not valid JSON', id);
      else if (schema) {
        const e = this.schemaErrors(`${id} request`, schema, req.json);
        if (e) add(`request body: ${e}`, id);
      }
    } else if (requestBody?.required) {
      add('the operation requires a body; none sent', id);
    }
    // The answer.
    const answer = req.answer;
    if (!answer) {
      add('no answer was recorded', id);
      return out;
    }
    const documented = (op.op.responses as Json)[String(answer.status)];
    if (!documented) {
      add(`status ${answer.status} is not documented (documented: ${Object.keys(op.op.responses as Json).join(', ')})`, id);
      return out;
    }
    const res = this.response(id, answer.status)!;
    // A raw media type asked for (`Accept: application/vnd.github.raw`) where the operation documents
    // one (contents): the answer is the file itself, not the JSON schema's object.
    const rawAsked = /application\/vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept ?? '')) && String(op.op.description ?? '').includes('application/vnd.github.raw');
    if (rawAsked && answer.status === 200) {
      if (!/vnd\.github\.raw/.test(String(answer.headers['content-type'] ?? '')))
        add(`status 200: a raw media type was asked for, answered as ${String(answer.headers['content-type'])}`, id);
    } else if (res.schema) {
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        add(`status ${answer.status}: body is not JSON (${answer.body.slice(0, 80)})`, id);
        return out;
      }
      const e = this.schemaErrors(`${id} ${answer.status}`, res.schema, body);
      if (e) add(`answer ${answer.status}: ${e}`, id);
    } else if (answer.body && answer.status >= 400) {
      // An error documented without content (pulls/request-reviewers' 422): GitHub still sends
      // its error body, which must then be GitHub's `basic-error`.
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        add(`status ${answer.status}: body is not JSON (${answer.body.slice(0, 80)})`, id);
        return out;
      }
      const e = this.schemaErrors(`${id} ${answer.status} basic-error`, { $ref: 'gh#/definitions/basic-error' }, body);
      if (e) add(`answer ${answer.status} (documented without a body; GitHub sends basic-error): ${e}`, id);
    } else if (answer.body && answer.status !== 302 && answer.status !== 301) {
      add(`status ${answer.status} is documented without a body, but one was sent (${answer.body.slice(0, 80)})`, id);
    }
    const link = header(answer.headers, 'link');
    if (link !== undefined) {
      if (!this.paginated(op)) add('sends a Link header on an operation that is not paginated', id);
      const e = linkProblem(link, req);
      if (e) add(`Link header: ${e}`, id);
    }
    return out;
  }
}

function header(headers: Record<string, string | string[]>, name: string): string | undefined {
  const v = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The form of GitHub's pagination header: `<absolute URL>; rel="next|last|first|prev"`, comma
 * separated, each relation once; every URL the same path with a positive `page` and the same
 * other parameters; `next` with `last`, `prev` with `first`; the next page is this one plus one.
 */
export function linkProblem(link: string, req: RecordedRequest): string | undefined {
  const parts = link.split(/,\s*/);
  const rels = new Map<string, URL>();
  for (const part of parts) {
    const m = /^<([^<>\s]+)>; rel="(next|last|first|prev)"$/.exec(part);
    if (!m) return `'${part}' is not <URL>; rel="next|last|first|prev"`;
    let url: URL;
    try {
      url = new URL(m[1]!);
    } catch {
      return `'${m[1]}' is not an absolute URL`;
    }
    if (rels.has(m[2]!)) return `rel="${m[2]}" twice`;
    rels.set(m[2]!, url);
  }
  const urls = [...rels.values()];
  const strip = (u: URL) => {
    const q = new URLSearchParams(u.search);
    q.delete('page');
    return `${u.origin}${u.pathname}?${[...q]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join('&')}`;
  };
  if (urls.some(u => strip(u) !== strip(urls[0]!))) return 'the URLs differ in more than their page';
  for (const [rel, u] of rels) if (!/^[1-9]\d*$/.test(u.searchParams.get('page') ?? '')) return `rel="${rel}" has no positive page`;
  if (rels.has('next') !== rels.has('last')) return 'next without last, or last without next';
  if (rels.has('prev') !== rels.has('first')) return 'prev without first, or first without prev';
  const page = Number(req.query.get('page') ?? 1);
  if (rels.has('next') && Number(rels.get('next')!.searchParams.get('page')) !== page + 1) return `next is not page ${page + 1}`;
  if (rels.has('prev') && Number(rels.get('prev')!.searchParams.get('page')) !== page - 1) return `prev is not page ${page - 1}`;
  if (page === 1 && rels.has('prev')) return 'page 1 has a prev';
  return undefined;
}

function formatErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 6)
    .map(e => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${e.params && 'missingProperty' in e.params ? '' : ` ${JSON.stringify(e.params)}`}`)
    .join('; ');
}
