/**
 * Fault injection over every request the action makes, through dist/index.js: each request of
 * each event path gets every transient fault (429 with Retry-After, 502, 503, 504, connection
 * reset, an answer slower than `timeout-seconds`; once or twice) and every permanent one (400,
 * 401, 403, 404 where it means nothing, 409, 422 in DJ's and FastAPI's shape, 500 {detail}, an
 * HTML proxy page, an HTML 200 from a UI, malformed JSON, 503 past the retry budget).
 *
 * Transient faults must be survived within the retry budget (success, and exactly `times` more
 * requests on that route). Permanent ones must fail with one `::error::` line carrying the
 * server's message, the HTTP status, the method and the path, and no credential; a failing
 * sticky comment is a warning instead (the namespace work stands). After a failure on a request
 * that changes state, the same run again must converge. A last block plays "the server acted
 * but its answer was lost" (afterHandler faults) and the half-done states the action must avoid.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, DJ_TOKEN, GH_TOKEN, type World } from '../../harness/world.js';
import { branchRefEvent, example, prEvent, pushEvent, setRepo } from '../../harness/payloads.js';
import { stickyMarker } from '../../src/report/markdown.js';
import type { ActionRun } from '../../harness/run-action.js';
import type { Fault } from '../../emulators/server.js';
import { count, leaksOf, oneClearError } from './support.js';

const ENC = encodeURIComponent;
const BRANCH = 'feature/fault-x';
const NS = `${ROOT}.feature_fault_x`;
const GONE_BRANCH = 'feature/gone-x';
const GONE_NS = `${ROOT}.feature_gone_x`;
const PR_OPEN = 7;
const PR_SYNC = 8;
const PAT = 'ghp_personaltoken0123456789abcdef';
const SA_ID = 'ci-bot';
const SA_SECRET = 'sa-secret-7f0c2a9d1e';
const USER = 'alice';
const PASSWORD = 'alice-password-5b8e1c';
const REPO_PATH = '/repos/acme/dj-definitions';
/** Retries the action gets (the default). */
const RETRIES = 3;

const dispatch = () => {
  const p = example('workflow_dispatch');
  setRepo(p, 'acme/dj-definitions');
  return p;
};
const schedule = () => ({ schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } });

/** One event path of the action, from a freshly seeded world. */
interface Scenario {
  name: string;
  setup(w: World): { secrets: string[] };
  run(w: World, inputs: Record<string, string>): Promise<ActionRun>;
  /** Asserts the run did all it should and the final state is right. */
  succeeded(w: World, r: ActionRun): void;
}

function linked(w: World, ns: string, branch: string): void {
  const row = w.dj.namespace(ns);
  assert.ok(row, `${ns} exists`);
  assert.equal(row.git_branch, branch);
  assert.equal(row.parent_namespace, ROOT);
}

function ok(r: ActionRun): void {
  assert.equal(r.exitCode, 0, `exit code\n${r.stdout}\n${r.stderr}`);
  assert.deepEqual(r.errors, [], 'no ::error::');
}

function seedLinked(w: World, ns: string, branch: string, updatedAt?: string): void {
  w.dj.seedNamespace(ns, { git_branch: branch, parent_namespace: ROOT, nodes: [{ name: 'orders', type: 'source', query: 'orders', updatedAt }] });
}

/** A synchronize over an older sticky comment by `login`, run with `token` (default: the workflow's). */
function prSyncScenario(name: string, author: { login: string; token?: string }): Scenario {
  return {
    name,
    setup: w => {
      pushBranch(w, BRANCH);
      seedLinked(w, NS, BRANCH);
      if (author.token) w.gh.addToken(author.token, { kind: 'pat', login: author.login });
      w.gh.addComment(PR_SYNC, author.login, `${stickyMarker('dj', NS)}\n<!-- dj-branch-sync-digest:000000000000 -->\n\nan older report`);
      return { secrets: author.token ? [author.token] : [] };
    },
    run: (w, inputs) => w.run('pull_request', prEvent('synchronize', BRANCH, { number: PR_SYNC }), { ...(author.token ? { 'github-token': author.token } : {}), ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'updated');
      const comments = w.gh.comments(PR_SYNC);
      assert.equal(comments.length, 1, 'exactly one comment');
      assert.doesNotMatch(comments[0]!.body, /an older report/, 'edited in place');
      assert.equal(r.outputs['comment-id'], String(comments[0]!.id));
    },
  };
}

const scenarios = {
  create: {
    name: 'create event (link + sync)',
    setup: w => (pushBranch(w, BRANCH), { secrets: [] }),
    run: (w, inputs) => w.run('create', branchRefEvent('create', BRANCH), inputs),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
      assert.equal(w.dj.namespace(NS)!.nodes.size, 4);
    },
  },
  push: {
    name: 'push to a linked branch (deploy)',
    setup: w => {
      pushBranch(w, BRANCH);
      seedLinked(w, NS, BRANCH);
      return { secrets: [] };
    },
    run: (w, inputs) => w.run('push', pushEvent(BRANCH), inputs),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'updated');
      assert.equal(w.dj.namespace(NS)!.nodes.size, 4);
    },
  },
  leftover: {
    name: 'create event over an empty namespace left by a failed link',
    setup: w => {
      pushBranch(w, BRANCH);
      w.dj.seedNamespace(NS);
      return { secrets: [] };
    },
    run: (w, inputs) => w.run('create', branchRefEvent('create', BRANCH), inputs),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
    },
  },
  delete: {
    name: 'delete event',
    setup: w => {
      pushBranch(w, BRANCH);
      // A delete event comes once the branch is gone on GitHub (the action asks).
      w.gh.removeBranch(BRANCH);
      seedLinked(w, NS, BRANCH);
      return { secrets: [] };
    },
    run: (w, inputs) => w.run('delete', branchRefEvent('delete', BRANCH), inputs),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'deleted');
      assert.equal(w.dj.namespace(NS), undefined);
      assert.ok(w.dj.gitBranches().includes(BRANCH), 'git branch kept');
    },
  },
  explicitCreate: {
    name: 'operation create of a new git branch',
    setup: () => ({ secrets: [] }),
    run: (w, inputs) => w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: BRANCH, ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
      assert.ok(w.dj.gitBranches().includes(BRANCH));
    },
  },
  list: {
    name: 'operation list',
    setup: w => (seedLinked(w, NS, BRANCH), { secrets: [] }),
    run: (w, inputs) => w.run('workflow_dispatch', dispatch(), { operation: 'list', ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'listed');
      assert.deepEqual(
        (JSON.parse(r.outputs.branches!) as { namespace: string }[]).map(b => b.namespace),
        [`${ROOT}.main`, NS],
      );
    },
  },
  prune: {
    name: 'operation prune',
    setup: w => (seedLinked(w, GONE_NS, GONE_BRANCH, '2020-01-01T00:00:00Z'), { secrets: [] }),
    run: (w, inputs) => w.run('schedule', schedule(), { operation: 'prune', ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'pruned');
      assert.deepEqual(JSON.parse(r.outputs.pruned!), [GONE_NS]);
      assert.equal(w.dj.namespace(GONE_NS), undefined);
    },
  },
  serviceAccount: {
    name: 'create event with a service account',
    setup: w => {
      pushBranch(w, BRANCH);
      return { secrets: [SA_SECRET, w.dj.addServiceAccount(SA_ID, SA_SECRET)] };
    },
    run: (w, inputs) => w.run('create', branchRefEvent('create', BRANCH), { 'dj-token': '', 'dj-client-id': SA_ID, 'dj-client-secret': SA_SECRET, ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
    },
  },
  basicLogin: {
    name: 'create event with basic login',
    setup: w => {
      pushBranch(w, BRANCH);
      return { secrets: [PASSWORD, w.dj.addUser(USER, PASSWORD)] };
    },
    run: (w, inputs) => w.run('create', branchRefEvent('create', BRANCH), { 'dj-token': '', 'dj-username': USER, 'dj-password': PASSWORD, ...inputs }),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
    },
  },
  prOpened: {
    name: 'pull_request opened (new comment)',
    setup: w => (pushBranch(w, BRANCH), { secrets: [] }),
    run: (w, inputs) => w.run('pull_request', prEvent('opened', BRANCH, { number: PR_OPEN }), inputs),
    succeeded: (w, r) => {
      ok(r);
      assert.equal(r.outputs.operation, 'created');
      linked(w, NS, BRANCH);
      const comments = w.gh.comments(PR_OPEN);
      assert.equal(comments.length, 1, 'exactly one comment');
      assert.equal(r.outputs['comment-id'], String(comments[0]!.id));
      assert.ok(!r.warnings.some(m => /comment was not written/.test(m)), r.warnings.join('\n'));
    },
  },
  // A personal token: the sticky comment's author is the token's user, asked with GraphQL
  // `viewer` beside the comment listing.
  prSyncPat: prSyncScenario('pull_request synchronize with a personal token (identity looked up, comment edited)', { login: 'octo-dev', token: PAT }),
  prSync: prSyncScenario('pull_request synchronize (comment edited)', { login: 'github-actions[bot]' }),
} satisfies Record<string, Scenario>;

type ScenarioName = keyof typeof scenarios;

/** One request the action makes, and what a failure of it must look like. */
interface Route {
  label: string;
  scenario: ScenarioName;
  server: 'dj' | 'gh';
  method: string;
  path: string | RegExp;
  /** Statuses that are answers on this route (a 404 look-up), not faults. */
  meaningful?: number[];
  /** A failing comment request is a warning; the namespace work stands. */
  failure: 'error' | 'warning';
  /** A POST the server may have acted on when its answer is lost: not resent blindly. */
  ambiguousPost?: boolean;
  /** The request changes state: after a permanent failure, running again must converge. */
  rerun?: boolean;
  /**
   * After a lost answer the action does not resend blindly: it looks for what the request may
   * have made (the sticky comment by its marker) and sends it again only if it is not there.
   */
  recoversBySearch?: boolean;
}

const routes: Route[] = [
  { label: 'DJ GET root git config', scenario: 'create', server: 'dj', method: 'GET', path: `/namespaces/${ROOT}/git`, meaningful: [404], failure: 'error' },
  { label: 'DJ GET namespace git config', scenario: 'create', server: 'dj', method: 'GET', path: `/namespaces/${NS}/git`, meaningful: [404], failure: 'error' },
  { label: 'DJ PATCH link', scenario: 'create', server: 'dj', method: 'PATCH', path: `/namespaces/${NS}/git`, failure: 'error', rerun: true },
  // sync-from-git deploys inside the request (SPEC §7): resent only after a 429 or 503 at once.
  { label: 'DJ POST sync-from-git', scenario: 'create', server: 'dj', method: 'POST', path: `/namespaces/${NS}/sync-from-git`, failure: 'error', ambiguousPost: true, rerun: true },
  { label: 'DJ GET namespace git config (push)', scenario: 'push', server: 'dj', method: 'GET', path: `/namespaces/${NS}/git`, meaningful: [404], failure: 'error' },
  {
    label: 'DJ POST sync-from-git (push)',
    scenario: 'push',
    server: 'dj',
    method: 'POST',
    path: `/namespaces/${NS}/sync-from-git`,
    failure: 'error',
    ambiguousPost: true,
    rerun: true,
  },
  { label: 'DJ GET namespace nodes', scenario: 'leftover', server: 'dj', method: 'GET', path: `/namespaces/${NS}/`, failure: 'error' },
  {
    label: 'DJ DELETE branch namespace',
    scenario: 'delete',
    server: 'dj',
    method: 'DELETE',
    path: `/namespaces/${ROOT}/branches/${NS}`,
    meaningful: [404],
    failure: 'error',
    rerun: true,
  },
  {
    label: 'DJ POST branches (create)',
    scenario: 'explicitCreate',
    server: 'dj',
    method: 'POST',
    path: `/namespaces/${ROOT}/branches`,
    failure: 'error',
    ambiguousPost: true,
    rerun: true,
  },
  { label: 'DJ GET branches (list)', scenario: 'list', server: 'dj', method: 'GET', path: `/namespaces/${ROOT}/branches`, failure: 'error' },
  {
    label: 'DJ DELETE in prune',
    scenario: 'prune',
    server: 'dj',
    method: 'DELETE',
    path: `/namespaces/${ROOT}/branches/${GONE_NS}`,
    meaningful: [404],
    failure: 'error',
    rerun: true,
  },
  { label: 'DJ POST /service-accounts/token', scenario: 'serviceAccount', server: 'dj', method: 'POST', path: '/service-accounts/token', failure: 'error' },
  { label: 'DJ POST /basic/login/', scenario: 'basicLogin', server: 'dj', method: 'POST', path: '/basic/login/', failure: 'error' },
  { label: 'GitHub GET comments', scenario: 'prOpened', server: 'gh', method: 'GET', path: `${REPO_PATH}/issues/${PR_OPEN}/comments`, failure: 'warning' },
  { label: 'GitHub POST comment', scenario: 'prOpened', server: 'gh', method: 'POST', path: `${REPO_PATH}/issues/${PR_OPEN}/comments`, failure: 'warning', recoversBySearch: true },
  { label: 'GitHub POST /graphql (viewer)', scenario: 'prSyncPat', server: 'gh', method: 'POST', path: '/graphql', meaningful: [401, 403, 404], failure: 'warning' },
  {
    label: 'GitHub PATCH comment',
    scenario: 'prSync',
    server: 'gh',
    method: 'PATCH',
    path: new RegExp(`^${REPO_PATH}/issues/comments/\\d+$`),
    meaningful: [404],
    failure: 'warning',
  },
  { label: 'GitHub GET branch', scenario: 'explicitCreate', server: 'gh', method: 'GET', path: `${REPO_PATH}/branches/${ENC(BRANCH)}`, meaningful: [404], failure: 'error' },
  { label: 'GitHub GET branches (prune)', scenario: 'prune', server: 'gh', method: 'GET', path: `${REPO_PATH}/branches`, failure: 'error' },
  {
    label: 'GitHub GET branch (delete event: is it gone?)',
    scenario: 'delete',
    server: 'gh',
    method: 'GET',
    path: `${REPO_PATH}/branches/${ENC(BRANCH)}`,
    meaningful: [404],
    failure: 'error',
    rerun: true,
  },
];

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_504 = NGINX_502.replace(/502 Bad Gateway/g, '504 Gateway Time-out');
const PROXY_403 =
  '<!DOCTYPE html><html><head><title>Access blocked</title></head><body><h1>403 Forbidden</h1><p>Request blocked by the corporate proxy (srv-html)</p></body></html>';
const UI_200 =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DataJunction</title></head><body><div id="root"></div><script src="/static/js/main.js"></script></body></html>';
const HTML = { 'content-type': 'text/html; charset=utf-8' };

type Flavor = 'dj' | 'gh';

/** An error body in the server's own shape. */
function errorBody(flavor: Flavor, message: string): unknown {
  return flavor === 'dj'
    ? { message, errors: [{ code: null, message, debug: null, context: '' }], warnings: [] }
    : { message, documentation_url: 'https://docs.github.com/rest', status: '' };
}

interface FaultKind {
  label: string;
  transient: boolean;
  /** HTTP status the failure line must show (undefined: a network failure or timeout). */
  status?: number;
  /** The server's message the failure line must carry. */
  message?: RegExp;
  flavors?: Flavor[];
  fault(flavor: Flavor): Omit<Fault, 'path' | 'method' | 'times'>;
  inputs?: Record<string, string>;
  /** Every attempt is faulted (the retry budget runs out). */
  persistent?: boolean;
  /** Minimum duration of a run per faulted attempt (Retry-After honoured). */
  waitMs?: number;
}

const transientKinds: FaultKind[] = [
  {
    label: '429 with Retry-After: 1',
    transient: true,
    waitMs: 1000,
    fault: f => ({ status: 429, headers: { 'retry-after': '1' }, body: errorBody(f, 'Too many requests') }),
  },
  { label: '502 HTML from a proxy', transient: true, fault: () => ({ status: 502, body: NGINX_502, headers: HTML }) },
  { label: '503 {detail}', transient: true, fault: () => ({ status: 503, body: { detail: 'Service Unavailable' } }) },
  { label: '504 HTML from a proxy', transient: true, fault: () => ({ status: 504, body: NGINX_504, headers: HTML }) },
  { label: 'connection reset', transient: true, fault: () => ({ reset: true }) },
  { label: 'slower than timeout-seconds', transient: true, inputs: { 'timeout-seconds': '1' }, fault: () => ({ delayMs: 1500, status: 200, body: {} }) },
];

const permanentKinds: FaultKind[] = [
  { label: '400', transient: false, status: 400, message: /srv-400/, fault: f => ({ status: 400, body: errorBody(f, 'Bad request (srv-400)') }) },
  { label: '401', transient: false, status: 401, message: /srv-401/, fault: f => ({ status: 401, body: errorBody(f, 'Invalid credentials (srv-401)') }) },
  { label: '403', transient: false, status: 403, message: /srv-403/, fault: f => ({ status: 403, body: errorBody(f, 'Access denied to 1 resource(s) (srv-403)') }) },
  { label: '404', transient: false, status: 404, message: /srv-404/, fault: f => ({ status: 404, body: errorBody(f, 'Not found (srv-404)') }) },
  { label: '409', transient: false, status: 409, message: /srv-409/, fault: f => ({ status: 409, body: errorBody(f, 'Already exists (srv-409)') }) },
  { label: '422 in DJ/GitHub shape', transient: false, status: 422, message: /srv-422/, fault: f => ({ status: 422, body: errorBody(f, 'Invalid input (srv-422)') }) },
  {
    label: '422 in FastAPI detail shape',
    transient: false,
    status: 422,
    flavors: ['dj'],
    message: /body\.branch_name: Field required \(srv-422f\)/,
    fault: () => ({ status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'branch_name'], msg: 'Field required (srv-422f)', input: null }] } }),
  },
  {
    label: '500 {detail}',
    transient: false,
    status: 500,
    message: /Internal Server Error \(srv-500\)/,
    fault: () => ({ status: 500, body: { detail: 'Internal Server Error (srv-500)' } }),
  },
  {
    label: '403 HTML page from a proxy',
    transient: false,
    status: 403,
    message: /Request blocked by the corporate proxy \(srv-html\)/,
    fault: () => ({ status: 403, body: PROXY_403, headers: HTML }),
  },
  { label: '200 HTML (a UI, not the API)', transient: false, status: 200, message: /not JSON/i, fault: () => ({ status: 200, body: UI_200, headers: HTML }) },
  {
    label: '200 malformed JSON',
    transient: false,
    status: 200,
    message: /not (valid )?JSON/i,
    fault: () => ({ status: 200, body: '{"namespace": "demo.metr', headers: { 'content-type': 'application/json' } }),
  },
  {
    label: '503 past the retry budget',
    transient: false,
    status: 503,
    message: /Service Unavailable/,
    persistent: true,
    fault: () => ({ status: 503, body: { detail: 'Service Unavailable' } }),
  },
];

function matches(route: Route, method: string, rawPath: string): boolean {
  return method === route.method && (typeof route.path === 'string' ? rawPath === route.path : route.path.test(rawPath));
}

function routeCount(w: World, route: Route): number {
  return (route.server === 'dj' ? w.dj : w.gh).requests.filter(q => matches(route, q.method, q.rawPath)).length;
}

/** How often a fault-free run of each scenario sends each route. */
const baselines = new Map<string, number>();

async function world(scenario: Scenario): Promise<{ w: World; secrets: string[] }> {
  const w = await startWorld();
  const { secrets } = scenario.setup(w);
  return { w, secrets: [DJ_TOKEN, GH_TOKEN, ...secrets] };
}

function noCredential(text: string, secrets: string[]): void {
  for (const s of secrets) assert.ok(!text.includes(s), `no credential in: ${text}`);
}

/** The warning that tells the comment was not written, exactly one. */
function commentWarning(r: ActionRun): string {
  const found = r.warnings.filter(m => /comment was not written/.test(m));
  assert.equal(found.length, 1, `one comment warning\n${r.stdout}`);
  return found[0]!;
}

describe('baselines: every scenario succeeds without faults', () => {
  for (const [key, scenario] of Object.entries(scenarios) as [ScenarioName, Scenario][]) {
    test(scenario.name, async () => {
      const { w } = await world(scenario);
      try {
        const r = await scenario.run(w, {});
        scenario.succeeded(w, r);
        for (const route of routes.filter(x => x.scenario === key)) {
          const n = routeCount(w, route);
          assert.ok(n >= 1, `${route.label} is sent by ${scenario.name}`);
          baselines.set(route.label, n);
        }
      } finally {
        await w.stop();
      }
    });
  }
});

interface Case {
  route: Route;
  kind: FaultKind;
  times: number;
}

const cases: Case[] = [];
routes.forEach((route, ri) => {
  transientKinds.forEach((kind, ki) => cases.push({ route, kind, times: ((ri + ki) % 2) + 1 }));
  for (const kind of permanentKinds) {
    if (kind.flavors && !kind.flavors.includes(route.server)) continue;
    if (kind.status && route.meaningful?.includes(kind.status)) continue;
    cases.push({ route, kind, times: kind.persistent ? Infinity : 1 });
  }
});

/** Whether a transient fault on this route is ambiguous (the server may have acted) and not resent. */
function ambiguous(c: Case): boolean {
  return Boolean(c.route.ambiguousPost) && !/^(429|503)/.test(c.kind.label);
}

describe('fault matrix: every request × every fault, through dist/index.js', () => {
  for (const c of cases) {
    const { route, kind } = c;
    const scenario: Scenario = scenarios[route.scenario];
    const title = `${route.label} ← ${kind.label}${kind.transient || kind.persistent ? ` ×${c.times === Infinity ? '∞' : c.times}` : ''}`;
    test.concurrent(title, async () => {
      const { w, secrets } = await world(scenario);
      try {
        const fault = (route.server === 'dj' ? w.dj : w.gh).addFault({ method: route.method, path: route.path, times: c.times, ...kind.fault(route.server) });
        const started = Date.now();
        const r = await scenario.run(w, kind.inputs ?? {});
        const elapsed = Date.now() - started;
        const hits = c.times === Infinity ? routeCount(w, route) : c.times - fault.left;
        count('faults.injected', hits);
        const baseline = baselines.get(route.label);
        assert.ok(baseline, 'baseline measured');

        count('faults.cases');
        if (kind.transient && !ambiguous(c)) {
          count('faults.transientCases');
          assert.equal(hits, c.times, 'every scripted fault was played');
          scenario.succeeded(w, r);
          assert.equal(routeCount(w, route), baseline + c.times, `the request was resent ${c.times} time(s)\n${r.stdout}`);
          if (route.recoversBySearch && !/^(429|503)/.test(kind.label)) {
            const searches = w.gh.requests.filter(q => q.method === 'GET' && q.rawPath === `${REPO_PATH}/issues/${PR_OPEN}/comments`).length;
            assert.equal(searches, 1 + c.times, 'each lost answer was followed by a look for the comment before sending again');
          } else {
            assert.ok(
              r.warnings.some(m => /retry \d\/\d/.test(m)),
              'each retry is logged',
            );
          }
          if (kind.waitMs) assert.ok(elapsed >= kind.waitMs * c.times - 50, `Retry-After honoured (${elapsed} ms)`);
          for (const s of secrets) assert.deepEqual(leaksOf(r, s), [], 'credentials masked before any use');
          count('faults.survived');
          return;
        }

        if (route.failure === 'warning') {
          count('faults.warningCases');
          // The namespace work stands: exit 0, and the comment failure is one clear warning.
          assert.equal(r.exitCode, 0, r.stdout);
          assert.deepEqual(r.errors, []);
          const warning = commentWarning(r);
          assert.ok(warning.includes(`HTTP ${kind.status}`), warning);
          assert.ok(warning.includes(route.method), warning);
          assert.ok(kind.message!.test(warning), `server message in: ${warning}`);
          noCredential(warning, secrets);
          count('faults.warned');
          return;
        }

        count('faults.errorCases');
        const line = oneClearError(r);
        if (kind.transient) {
          // A POST whose answer was lost: not resent (it would act twice); the failure says what happened.
          assert.equal(routeCount(w, route), baseline, 'an ambiguous POST is not resent');
          assert.match(line, /timed out|network error|HTTP 50[24]/);
          assert.match(line, /not resent|not sent again/);
          if (/sync-from-git/.test(route.label))
            assert.match(line, /look at the namespace in DJ.*timeout-seconds|timeout-seconds.*look at the namespace in DJ/i, 'says what to do');
        } else {
          assert.ok(line.includes(`HTTP ${kind.status}`), `status in: ${line}`);
          assert.ok(kind.message!.test(line), `server message in: ${line}`);
          if (kind.persistent) assert.equal(hits, RETRIES + 1, 'the whole retry budget was used');
        }
        const sent = (route.server === 'dj' ? w.dj : w.gh).requests.find(q => matches(route, q.method, q.rawPath))!;
        assert.ok(line.includes(`${route.method} ${sent.rawPath}`), `method and path in: ${line}`);
        noCredential(line + r.stderr + r.summary, secrets);
        count('faults.failedClearly');

        if (route.rerun) {
          count('faults.convergeCases');
          // Nothing half-done: running the same event again (the fault gone) converges.
          (route.server === 'dj' ? w.dj : w.gh).clearFaults();
          // DJ may have made the git branch on GitHub before its answer was lost (not for a delete: it is gone there).
          if (route.scenario !== 'delete') w.gh.addBranches(w.dj.gitBranches());
          const again = await scenario.run(w, kind.inputs ?? {});
          assert.equal(again.exitCode, 0, again.stdout);
          assert.deepEqual(again.errors, []);
          if (route.scenario === 'explicitCreate' || route.scenario === 'create') linked(w, NS, BRANCH);
          if (route.scenario === 'push') assert.equal(again.outputs.operation, 'updated');
          if (route.scenario === 'delete') assert.equal(w.dj.namespace(NS), undefined);
          if (route.scenario === 'prune') assert.equal(w.dj.namespace(GONE_NS), undefined);
          count('faults.converged');
        }
      } finally {
        await w.stop();
      }
    });
  }
});

describe('lost answers and half-done states', () => {
  test.concurrent('PATCH refused after DJ created the namespace: the failure says an empty namespace may remain; the next run reuses it', async () => {
    const { w, secrets } = await world(scenarios.create);
    try {
      // The branch is on GitHub but DJ's server cannot see it yet: DJ makes the row, then refuses.
      w.gh.addBranches(['feature/late']);
      const ns = `${ROOT}.feature_late`;
      const r = await w.run('create', branchRefEvent('create', 'feature/late'));
      const line = oneClearError(r);
      assert.match(line, /HTTP 422: Branch 'feature\/late' does not exist/);
      assert.match(line, /an empty namespace demo\.metrics\.feature_late may remain \(the next run reuses it\)/);
      noCredential(line, secrets);
      const row = w.dj.namespace(ns)!;
      assert.ok(row && row.nodes.size === 0 && !row.git_branch && !row.parent_namespace, 'DJ left an empty unlinked namespace');
      count('faults.injected');
      count('faults.convergeCases');
      w.dj.addGitBranch('feature/late');
      w.dj.setYaml('feature/late', [{ name: '${prefix}orders', query: 'orders' }]);
      const again = await w.run('create', branchRefEvent('create', 'feature/late'));
      assert.equal(again.exitCode, 0, again.stdout);
      assert.equal(again.outputs.operation, 'created');
      linked(w, ns, 'feature/late');
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('PATCH that created the namespace under the root, then failed: the action deletes it again', async () => {
    const { w } = await world(scenarios.create);
    try {
      const handle = (w.dj as unknown as { handle: (req: { method: string; rawPath: string }) => unknown }).handle.bind(w.dj);
      (w.dj as unknown as { handle: (req: { method: string; rawPath: string }) => unknown }).handle = req => {
        if (req.method === 'PATCH' && req.rawPath === `/namespaces/${NS}/git`) {
          w.dj.seedNamespace(NS, { parent_namespace: ROOT });
          return { status: 500, json: { detail: 'Internal Server Error (srv-half)' } };
        }
        return handle(req);
      };
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.create.run(w, {});
      const line = oneClearError(r);
      assert.match(line, /HTTP 500: Internal Server Error \(srv-half\)/);
      assert.match(line, /was deleted again/);
      assert.equal(w.dj.namespace(NS), undefined, 'no namespace left behind');
      assert.ok(w.djLog().includes(`DELETE /namespaces/${ROOT}/branches/${NS}?delete_git_branch=false`));
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('PATCH acted, answer lost (502 after the handler): resent, and the run succeeds', async () => {
    const { w } = await world(scenarios.create);
    try {
      w.dj.addFault({ method: 'PATCH', path: `/namespaces/${NS}/git`, status: 502, body: NGINX_502, headers: HTML, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.create.run(w, {});
      scenarios.create.succeeded(w, r);
      assert.equal(w.djLog().filter(l => l.startsWith('PATCH')).length, 2);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('PATCH acted, answer lost (500 after the handler): the action sees the link and continues', async () => {
    const { w } = await world(scenarios.create);
    try {
      w.dj.addFault({ method: 'PATCH', path: `/namespaces/${NS}/git`, status: 500, body: { detail: 'Internal Server Error' }, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.create.run(w, {});
      scenarios.create.succeeded(w, r);
      assert.match(r.stdout, /the link request failed .* but demo\.metrics\.feature_fault_x is linked to feature\/fault-x: continuing/);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('sync fails after the link: the namespace stays linked, the message says to run again, and the re-run deploys', async () => {
    const { w, secrets } = await world(scenarios.create);
    try {
      w.dj.addFault({ method: 'POST', path: `/namespaces/${NS}/sync-from-git`, status: 500, body: { detail: 'Internal Server Error (srv-sync)' } });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.create.run(w, {});
      const line = oneClearError(r);
      assert.match(line, /HTTP 500: Internal Server Error \(srv-sync\)/);
      assert.match(line, /is linked to git branch feature\/fault-x; run the action again to deploy it/);
      noCredential(line, secrets);
      linked(w, NS, BRANCH);
      const again = await scenarios.create.run(w, {});
      assert.equal(again.exitCode, 0, again.stdout);
      assert.equal(again.outputs.operation, 'updated');
      assert.equal(w.dj.namespace(NS)!.nodes.size, 4);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('sync acted, answer lost (504 after the handler): not resent (SPEC §7), says what to do; running again converges', async () => {
    const { w } = await world(scenarios.create);
    try {
      w.dj.addFault({ method: 'POST', path: `/namespaces/${NS}/sync-from-git`, status: 504, body: NGINX_504, headers: HTML, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const first = await scenarios.create.run(w, {});
      const line = oneClearError(first);
      assert.match(line, /HTTP 504/);
      assert.match(line, /Look at the namespace in DJ/);
      assert.equal(w.dj.requests.filter(q => q.method === 'POST' && q.rawPath === `/namespaces/${NS}/sync-from-git`).length, 1, 'sent once');
      const r = await scenarios.create.run(w, {});
      ok(r);
      assert.equal(r.outputs.operation, 'updated', 'the namespace was linked and deployed by the first run');
      linked(w, NS, BRANCH);
      assert.equal(JSON.parse(r.outputs.counts!).skipped, 4, 'the second run found everything deployed');
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('DELETE acted, answer lost (502 after the handler): resent, 404 → absent, exit 0', async () => {
    const { w } = await world(scenarios.delete);
    try {
      w.dj.addFault({ method: 'DELETE', path: `/namespaces/${ROOT}/branches/${NS}`, status: 502, body: NGINX_502, headers: HTML, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.delete.run(w, {});
      assert.equal(r.exitCode, 0, r.stdout);
      assert.deepEqual(r.errors, []);
      assert.equal(r.outputs.operation, 'absent');
      assert.equal(w.dj.namespace(NS), undefined);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('POST branches acted, answer lost: fails clearly, says so, and the re-run converges', async () => {
    const { w, secrets } = await world(scenarios.explicitCreate);
    try {
      w.dj.addFault({ method: 'POST', path: `/namespaces/${ROOT}/branches`, status: 502, body: NGINX_502, headers: HTML, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.explicitCreate.run(w, {});
      const line = oneClearError(r);
      assert.match(line, /POST \/namespaces\/demo\.metrics\/branches failed with HTTP 502: 502 Bad Gateway/);
      assert.match(line, /running the action again/i);
      noCredential(line, secrets);
      assert.equal(w.djLog().filter(l => l.startsWith('POST')).length, 1, 'not resent');
      linked(w, NS, BRANCH);
      // DJ made the git branch on GitHub.
      w.gh.addBranches([BRANCH]);
      const again = await scenarios.explicitCreate.run(w, {});
      assert.equal(again.exitCode, 0, again.stdout);
      assert.equal(again.outputs.operation, 'updated');
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('comment POST acted, answer lost (502 after the handler): exactly one comment in the end', async () => {
    const { w } = await world(scenarios.prOpened);
    try {
      w.gh.addFault({ method: 'POST', path: `${REPO_PATH}/issues/${PR_OPEN}/comments`, status: 502, body: NGINX_502, headers: HTML, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.prOpened.run(w, {});
      scenarios.prOpened.succeeded(w, r);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });

  test.concurrent('token exchange acted, answer lost: resent (exchanging again is harmless), run succeeds', async () => {
    const { w } = await world(scenarios.serviceAccount);
    try {
      w.dj.addFault({ method: 'POST', path: '/service-accounts/token', reset: true, afterHandler: true });
      count('faults.injected');
      count('faults.convergeCases');
      const r = await scenarios.serviceAccount.run(w, {});
      scenarios.serviceAccount.succeeded(w, r);
      count('faults.converged');
    } finally {
      await w.stop();
    }
  });
});
