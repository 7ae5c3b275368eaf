/**
 * Reliability class "unexpected answers": a server answers 2xx with something that is not
 * what its API promises (empty, null, missing or wrongly typed fields, non-numeric counts,
 * `__proto__` keys, absurd nesting). Every case runs dist/index.js: one clear error naming
 * the request and the field (never a TypeError, never a decision from an empty answer), or
 * the documented handling; when DJ had already acted, the outputs still say what is known.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { prEvent, pushEvent, branchRefEvent, setRepo } from '../../harness/payloads.js';
import { count, oneClearError } from './support.js';
import type { ActionRun } from '../../harness/run-action.js';

const ENC = encodeURIComponent;
const NS = `${ROOT}.feature_odd`;
const gitPath = (ns: string) => `/namespaces/${ENC(ns)}/git`;
/** JSON text nested `n` levels deep (no JSON.stringify can write it). */
const DEEP = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** No TypeError, no stack, no "undefined"/"NaN"/"[object Object]" anywhere people or steps read. */
function noJavaScriptLeak(r: ActionRun): void {
  const shown = [r.stdout, r.stderr, r.summary, ...Object.values(r.outputs)].join('\n');
  assert.doesNotMatch(shown, /TypeError|ReferenceError|RangeError|Cannot read properties|\[object Object\]|\bNaN\b/, shown.slice(0, 3000));
  for (const key of ['results', 'counts', 'branches', 'pruned']) {
    if (r.outputs[key] !== undefined && r.outputs[key] !== '') assert.doesNotThrow(() => JSON.parse(r.outputs[key]!), `output ${key} is JSON`);
  }
}

describe('unexpected answers from DJ', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => {
    w.dj.clearFaults();
    w.resetLogs();
  });

  const lookUps: [string, unknown][] = [
    ['an empty body', ''],
    ['JSON null', null],
    ['an empty object', {}],
    ['a list', []],
    ['git_branch as a number', { github_repo_path: null, git_branch: 7, git_path: null, default_branch: null, parent_namespace: null }],
    ['parent_namespace as an object', { github_repo_path: null, git_branch: 'feature/odd', git_path: null, default_branch: null, parent_namespace: { name: ROOT } }],
  ];
  test.each(lookUps)('namespace look-up answered 200 with %s: one clear error naming the request, never linked', async (_name, body) => {
    count('answers.cases');
    pushBranch(w, 'feature/odd');
    w.dj.addFault({ method: 'GET', path: gitPath(NS), status: 200, body, times: Infinity });
    const r = await w.run('pull_request', prEvent('opened', 'feature/odd'), { comment: 'false' });
    const error = oneClearError(r);
    assert.match(error, new RegExp(`GET ${gitPath(NS).replace(/[.]/g, '\\.')}`));
    assert.match(error, /answer cannot be used/);
    assert.ok(!w.djLog().some(l => l.startsWith('PATCH') || l.includes('sync-from-git')), `nothing linked or deployed: ${w.djLog().join(', ')}`);
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test.each([
    ['an empty body', ''],
    ['github_repo_path as a list', { github_repo_path: ['acme/dj-definitions'], git_branch: null, git_path: null, default_branch: 'main', parent_namespace: null }],
    ['default_branch missing', { github_repo_path: 'acme/dj-definitions', git_branch: null, git_path: null, parent_namespace: null }],
  ])('root look-up answered 200 with %s on delete: one clear error naming the field, nothing deleted', async (_name, body) => {
    count('answers.cases');
    pushBranch(w, 'feature/gone');
    w.dj.seedNamespace(`${ROOT}.feature_gone`, { git_branch: 'feature/gone', parent_namespace: ROOT });
    w.dj.addFault({ method: 'GET', path: gitPath(ROOT), status: 200, body, times: Infinity });
    w.gh.removeBranch('feature/gone');
    const r = await w.run('delete', branchRefEvent('delete', 'feature/gone'));
    const error = oneClearError(r);
    assert.match(error, /GET \/namespaces\/demo\.metrics\/git/);
    assert.ok(w.dj.namespace(`${ROOT}.feature_gone`), 'still there');
    assert.ok(!w.djLog().some(l => l.startsWith('DELETE')));
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test.each([
    ['num_nodes as a string', (rows: Record<string, unknown>[]) => rows.map(b => ({ ...b, num_nodes: '12' })), /num_nodes/],
    ['a row without namespace', (rows: Record<string, unknown>[]) => [...rows, { git_branch: 'x', num_nodes: 0, invalid_node_count: 0 }], /namespace/],
    ['a row that is null', (rows: Record<string, unknown>[]) => [...rows, null], /answer cannot be used/],
    ['an object instead of a list', () => ({ branches: [] }), /answer cannot be used/],
  ])('prune: branch listing with %s is one clear error, nothing deleted', async (_name, mutate, field) => {
    count('answers.cases');
    w.dj.seedNamespace(`${ROOT}.orphan_a`, { git_branch: 'orphan/a', parent_namespace: ROOT, nodes: [{ name: 'x', updatedAt: '2026-01-01T00:00:00Z' }] });
    const real = await (await fetch(`${w.dj.url}/namespaces/${ENC(ROOT)}/branches`, { headers: { authorization: 'Bearer dj-secret-token-0123456789' } })).json();
    w.resetLogs();
    w.dj.addFault({
      method: 'GET',
      path: `/namespaces/${ENC(ROOT)}/branches`,
      status: 200,
      body: mutate([...(real as Record<string, unknown>[])].map(x => ({ ...x }))),
      times: Infinity,
    });
    const sched = { schedule: '1 2 * * *' };
    setRepo(sched, 'acme/dj-definitions');
    const r = await w.run('schedule', sched, { operation: 'prune' });
    const error = oneClearError(r);
    assert.match(error, /GET \/namespaces\/demo\.metrics\/branches/);
    assert.match(error, field);
    assert.ok(!w.djLog().some(l => l.startsWith('DELETE')));
    assert.ok(w.dj.namespace(`${ROOT}.orphan_a`));
    w.dj.clearFaults();
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test('list: __proto__ and constructor keys in rows are dropped, nothing polluted, counts are numbers', async () => {
    count('answers.cases');
    const row = JSON.parse(
      `{"namespace":"${ROOT}.main","git_branch":"main","parent_namespace":"${ROOT}","github_repo_path":"acme/dj-definitions","num_nodes":4,"invalid_node_count":0,"git_only":false,"last_updated_at":null,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`,
    ) as unknown;
    w.dj.addFault({ method: 'GET', path: `/namespaces/${ENC(ROOT)}/branches`, status: 200, body: [row] });
    const sched = { schedule: '1 2 * * *' };
    setRepo(sched, 'acme/dj-definitions');
    const r = await w.run('schedule', sched, { operation: 'list' });
    assert.equal(r.exitCode, 0, r.stdout);
    const branches = JSON.parse(r.outputs.branches!) as Record<string, unknown>[];
    assert.equal(branches.length, 1);
    assert.ok(!Object.hasOwn(branches[0]!, '__proto__') && !Object.hasOwn(branches[0]!, 'constructor'), r.outputs.branches);
    assert.doesNotMatch(r.outputs.branches! + r.summary, /polluted/);
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test.each([
    ['results null', { uuid: 'u', namespace: NS, status: 'success', results: null, created_at: null, created_by: null, source: null }, /results/],
    [
      'a result status that is a number',
      { uuid: 'u', namespace: NS, status: 'success', results: [{ name: 'a', deploy_type: 'node', status: 7, operation: 'create', message: '' }], source: null },
      /results\.0\.status/,
    ],
    ['an empty body', '', /empty/],
  ])('sync-from-git answered 200 with %s after DJ deployed: one clear error naming the field, outputs say it was deployed', async (_name, body, field) => {
    count('answers.cases');
    pushBranch(w, 'feature/synced');
    await w.run('create', branchRefEvent('create', 'feature/synced'), { deploy: 'none' });
    w.resetLogs();
    w.dj.addFault({ method: 'POST', path: `/namespaces/${ENC(`${ROOT}.feature_synced`)}/sync-from-git`, status: 200, body, afterHandler: true });
    const r = await w.run('push', pushEvent('feature/synced'));
    const error = oneClearError(r);
    assert.match(error, /POST \/namespaces\/demo\.metrics\.feature_synced\/sync-from-git/);
    assert.match(error, field);
    assert.equal(r.outputs.operation, 'updated', 'DJ ran the deployment: the output says so');
    assert.equal(r.outputs.namespace, `${ROOT}.feature_synced`);
    assert.match(r.summary, /its results are unknown/);
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test('sync-from-git with an unknown status and deeply nested extras: reported under its own name, no crash', async () => {
    count('answers.cases');
    pushBranch(w, 'feature/nested');
    await w.run('create', branchRefEvent('create', 'feature/nested'), { deploy: 'none' });
    w.resetLogs();
    const ns = `${ROOT}.feature_nested`;
    const body = {
      uuid: 'u',
      namespace: ns,
      status: 'success',
      results: [
        { name: `${ns}.a`, deploy_type: 'node', status: 'exploded', operation: 'create', message: 'new status', debug: '@DEEP@' },
        { name: `${ns}.b`, deploy_type: 'node', status: 'constructor', operation: 'noop', message: '' },
      ],
      downstream_impacts: '@DEEP@',
      source: { type: 'git', commit_sha: 'abc' },
    };
    const text = JSON.stringify(body).replace(/"@DEEP@"/g, DEEP(50_000));
    w.dj.addFault({ method: 'POST', path: `/namespaces/${ENC(ns)}/sync-from-git`, status: 200, body: text, headers: { 'content-type': 'application/json' }, afterHandler: true });
    const r = await w.run('push', pushEvent('feature/nested'));
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const counts = JSON.parse(r.outputs.counts!) as Record<string, unknown>;
    assert.equal(counts.exploded, 1);
    assert.equal(counts.constructor, 1);
    assert.ok(
      Object.values(counts).every(n => typeof n === 'number'),
      r.outputs.counts,
    );
    assert.doesNotMatch(r.outputs.results!, /debug/);
    noJavaScriptLeak(r);
    count('answers.clear');
  });

  test.each([
    ['nodes_deleted as a string', { message: 'ok', nodes_deleted: '3', git_branch_deleted: false }, /nodes_deleted/],
    ['an empty body', '', /empty/],
  ])('delete answered 200 with %s after DJ deleted: one clear error, outputs say deleted', async (_name, body, field) => {
    count('answers.cases');
    pushBranch(w, 'feature/del');
    w.dj.seedNamespace(`${ROOT}.feature_del`, { git_branch: 'feature/del', parent_namespace: ROOT });
    w.dj.addFault({ method: 'DELETE', path: `/namespaces/${ENC(ROOT)}/branches/${ENC(`${ROOT}.feature_del`)}*`, status: 200, body, afterHandler: true });
    w.gh.removeBranch('feature/del');
    const r = await w.run('delete', branchRefEvent('delete', 'feature/del'));
    const error = oneClearError(r);
    assert.match(error, field);
    assert.equal(r.outputs.operation, 'deleted');
    assert.match(r.summary, /number of nodes deleted is unknown/);
    noJavaScriptLeak(r);
    count('answers.clear');
  });
});

/** A one-route JSON server that answers every request with `body` (text as is, else JSON). */
async function answering(body: unknown): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise(resolve => server.close(() => resolve())) };
}

/** The call fails with an Error whose message matches every pattern, and is no TypeError. */
async function failsClearly(call: Promise<unknown>, ...patterns: RegExp[]): Promise<void> {
  count('answers.cases');
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof Error, 'the call failed');
  assert.ok(!(caught instanceof TypeError) && !(caught instanceof RangeError), String(caught));
  for (const p of patterns) assert.match(caught.message, p);
  count('answers.clear');
}

const deps = { log: () => {}, mask: () => {}, http: { timeoutMs: 5000, retries: 0 } };

describe('unexpected answers from Fossil', () => {
  test.each([
    ['an empty body', '', /no Fossil JSON envelope/],
    ['an envelope whose payload has branches null', { fossil: 'x', payload: { branches: null } }, /payload\.branches/],
    ['branch names that are numbers', { fossil: 'x', payload: { branches: ['trunk', 7] } }, /payload\.branches\.1/],
    ['resultCode as a number', { fossil: 'x', resultCode: 1103 }, /resultCode/],
  ])('branch list answered with %s: one clear FossilError naming the field', async (_name, body, field) => {
    const { FossilClient } = await import('../../src/targets/fossil/client.js');
    const server = await answering(body);
    try {
      await failsClearly(new FossilClient({ url: server.url }, deps).listBranches('all'), /\/json\/branch\/list/, field);
    } finally {
      await server.close();
    }
  });

  test('login answered without an authToken: a clear error, nothing masked or sent with it', async () => {
    const { FossilClient } = await import('../../src/targets/fossil/client.js');
    const server = await answering({ fossil: 'x', payload: { name: 'bot', authToken: null } });
    try {
      await failsClearly(new FossilClient({ url: server.url, user: 'bot', password: 'pw' }, deps).listBranches('all'), /\/json\/login/, /authToken/);
    } finally {
      await server.close();
    }
  });
});

describe('unexpected answers from PDC', () => {
  test.each([
    ['an empty body', '', /answer is empty/],
    ['a page whose results are null', { count: 1, next: null, previous: null, results: null }, /results/],
    [
      'a branch whose id is a string',
      { count: 1, next: null, previous: null, results: [{ id: '1', global_component: 'c', name: 'b', type: 'rpm', critical_path: false, active: true, slas: [] }] },
      /results\.0\.id/,
    ],
    ['a page whose count is not a number', { count: 'many', next: null, previous: null, results: [] }, /count/],
  ])('branch listing answered with %s: one clear PDCError naming the request and the field', async (_name, body, field) => {
    const { PDCClient } = await import('../../src/targets/pdc/client.js');
    const server = await answering(body);
    try {
      await failsClearly(
        new PDCClient({ url: server.url, timeoutMs: 5000, retries: 0 }).listBranches({ global_component: 'c' }),
        /GET \/rest_api\/v1\/component-branches\//,
        field,
      );
    } finally {
      await server.close();
    }
  });

  test('a created branch without an id: a clear error, not a later "undefined" URL', async () => {
    const { PDCClient } = await import('../../src/targets/pdc/client.js');
    const server = await answering({ global_component: 'c', name: 'b', type: 'rpm' });
    try {
      await failsClearly(new PDCClient({ url: server.url, timeoutMs: 5000, retries: 0 }).createBranch({ global_component: 'c', name: 'b', type: 'rpm' }), /POST/, /'id'/);
    } finally {
      await server.close();
    }
  });
});

describe('unexpected answers from GitHub', () => {
  test.each([
    ['a comment without id', [{ body: 'x', html_url: 'https://h/1', user: { login: 'a' } }], /'0\.id'|'id'/],
    ['a comment whose body is a number', [{ id: 1, body: 5, html_url: 'https://h/1', user: null }], /body/],
    ['null instead of a comment', [null], /answer cannot be used/],
  ])('comment listing with %s: one clear error naming the request', async (_name, body, field) => {
    const { GitHubClient } = await import('../../src/github.js');
    const server = await answering(body);
    try {
      await failsClearly(
        new GitHubClient({ baseUrl: server.url, token: 'ghs_x', timeoutMs: 5000, retries: 0 }).listIssueComments('o', 'r', 1),
        /GET \/repos\/o\/r\/issues\/1\/comments/,
        field,
      );
    } finally {
      await server.close();
    }
  });

  test.each([
    ['a branch without a name', [{ commit: {} }], /name/],
    ['a branch name that is a number', [{ name: 1 }], /name/],
  ])('branch listing with %s: one clear error, never a shorter list of names', async (_name, body, field) => {
    const { GitHubClient } = await import('../../src/github.js');
    const server = await answering(body);
    try {
      await failsClearly(new GitHubClient({ baseUrl: server.url, token: 'ghs_x', timeoutMs: 5000, retries: 0 }).listBranchNames('o', 'r'), /GET \/repos\/o\/r\/branches/, field);
    } finally {
      await server.close();
    }
  });

  test('GraphQL viewer answered 200 without a login: an error, never another identity', async () => {
    const { GitHubClient } = await import('../../src/github.js');
    const server = await answering({ data: { viewer: { id: 1 } } });
    try {
      await failsClearly(new GitHubClient({ baseUrl: server.url, token: 'ghp_x', timeoutMs: 5000, retries: 0 }).ownLogin(), /POST \/graphql/, /login/);
    } finally {
      await server.close();
    }
  });
});
