/**
 * The DJ scenarios that run unchanged on both backends (env DJ_BACKEND=emulator|real): every
 * row of SPEC §4, the explicit operations, the three ways to authenticate, the sticky comment,
 * re-runs and dry-run, through dist/index.js. Each asserts the outputs, the requests sent, and
 * the server's resulting state read back (through the DJ API on the real server): the
 * namespace exists and is linked, its nodes, the deployed commit; gone after a delete.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from './counted-assert.js';
import { startDjWorld, variantNodes, BACKEND, type DjWorld } from '../../harness/dj-world.js';
import { branchRefEvent, example, examples, prEvent, pushEvent, setRepo } from '../../harness/payloads.js';

const ENC = encodeURIComponent;
const gitGet = (ns: string) => `GET /namespaces/${ENC(ns)}/git`;
const sync = (ns: string) => `POST /namespaces/${ENC(ns)}/sync-from-git`;
const patch = (ns: string) => `PATCH /namespaces/${ENC(ns)}/git`;
const MAIN_NODES = variantNodes('main');
const dispatch = () => {
  const p = example('workflow_dispatch');
  setRepo(p, 'acme/dj-definitions');
  return p;
};

interface Result {
  name: string;
  deploy_type: string;
  status: string;
  operation: string;
  message: string;
}
const results = (outputs: Record<string, string>): Result[] => JSON.parse(outputs.results ?? '[]') as Result[];
const nodeResults = (outputs: Record<string, string>) => results(outputs).filter(r => r.deploy_type === 'node');

/** Each step is one request or a set sent in parallel (any order among themselves). */
function assertSteps(actual: string[], steps: (string | string[])[]): void {
  let i = 0;
  for (const step of steps) {
    const group = Array.isArray(step) ? step : [step];
    assert.deepEqual([...actual.slice(i, i + group.length)].sort(), [...group].sort(), `requests ${i}..\nall: ${JSON.stringify(actual, null, 1)}`);
    i += group.length;
  }
  assert.equal(actual.length, i, `unexpected extra requests: ${JSON.stringify(actual.slice(i))}`);
}

describe(`DJ ${BACKEND}: SPEC §4 events`, () => {
  let w: DjWorld;
  before(async () => {
    w = await startDjWorld();
  });
  after(async () => {
    await w?.stop();
  });
  beforeEach(() => w.resetLogs());

  test('tags (create, delete, push): skipped tag, nothing sent', async () => {
    const runs = [
      await w.run('create', example('create')),
      await w.run('delete', examples('delete')[0]),
      await w.run(
        'push',
        examples('push').find(e => String(e.ref).startsWith('refs/tags/'))!,
      ),
    ];
    for (const r of runs) {
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.operation, 'skipped');
      assert.equal(r.outputs['skip-reason'], 'tag');
    }
    assert.deepEqual(w.djLog(), []);
  });

  test("create branch: linked with PATCH, deployed; the namespace holds the branch's nodes at its head; a re-run deploys nothing new", async () => {
    const head = w.branch('feature/x-y');
    const ns = `${w.root}.feature_x_y`;
    const r = await w.run('create', branchRefEvent('create', 'feature/x-y'));
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, ns);
    assert.equal(r.outputs['deployed-sha'], head);
    assert.deepEqual(
      nodeResults(r.outputs)
        .map(x => x.name.slice(ns.length + 1))
        .sort(),
      MAIN_NODES,
    );
    assert.ok(
      nodeResults(r.outputs).every(x => x.status === 'success' && x.operation === 'create'),
      r.outputs.results,
    );
    assert.deepEqual(
      results(r.outputs)
        .filter(x => x.deploy_type === 'link')
        .map(x => x.status),
      ['success'],
      'the dimension link',
    );
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], patch(ns), sync(ns)]);
    assert.deepEqual(w.djRequests().find(q => q.method === 'PATCH')!.json, { parent_namespace: w.root, git_branch: 'feature/x-y' });
    const state = await w.namespace(ns);
    assert.equal(state?.git_branch, 'feature/x-y');
    assert.equal(state?.parent_namespace, w.root);
    assert.deepEqual(state?.nodes, MAIN_NODES);

    w.resetLogs();
    const again = await w.run('create', branchRefEvent('create', 'feature/x-y'));
    assert.equal(again.exitCode, 0, again.stdout);
    assert.equal(again.outputs.operation, 'updated');
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], sync(ns)]);
    assert.equal(JSON.parse(again.outputs.counts!).skipped, MAIN_NODES.length, 'every node unchanged');
    assert.deepEqual(
      results(again.outputs).filter(x => x.deploy_type === 'link'),
      [],
      'an unchanged link is not reported',
    );
  });

  test('default branch and ignored branches: skipped, nothing sent', async () => {
    const d = await w.run('create', branchRefEvent('create', 'main'));
    assert.equal(d.outputs['skip-reason'], 'default-branch');
    const i = await w.run('create', branchRefEvent('create', 'dependabot/npm_and_yarn/x'), { 'ignore-branches': 'dependabot/**' });
    assert.equal(i.outputs['skip-reason'], 'ignored-branch');
    const pr = await w.run('pull_request', prEvent('opened', 'main', { number: 15 }));
    assert.equal(pr.outputs['skip-reason'], 'default-branch');
    assert.deepEqual(w.djLog(), []);
  });

  test('push to a linked branch deploys the new commit (one node changed, one added); push to an unlinked branch is skipped not-linked', async () => {
    w.branch('feature/pushy');
    const ns = `${w.root}.feature_pushy`;
    assert.equal((await w.run('create', branchRefEvent('create', 'feature/pushy'))).exitCode, 0);
    const sha = w.commit('feature/pushy', 'v2');
    w.resetLogs();
    const r = await w.run('push', pushEvent('feature/pushy', sha));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs['deployed-sha'], sha);
    // The root is asked beside the namespace: it names the repository the run must belong to.
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], sync(ns)]);
    const changed = nodeResults(r.outputs)
      .filter(x => x.operation !== 'noop')
      .map(x => `${x.name.slice(ns.length + 1)}:${x.operation}`)
      .sort();
    assert.deepEqual(changed, ['avg_order_value:update', 'customer_count:create']);
    assert.deepEqual((await w.namespace(ns))?.nodes, variantNodes('v2'));

    w.resetLogs();
    const other = await w.run('push', pushEvent('feature/never-linked'));
    assert.equal(other.exitCode, 0);
    assert.equal(other.outputs['skip-reason'], 'not-linked');
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(`${w.root}.feature_never_linked`)]]);
    assert.equal(await w.namespace(`${w.root}.feature_never_linked`), undefined, 'nothing created');
  });

  test('push to the default branch deploys the default-branch namespace', async () => {
    const sha = w.commit('main', 'v2');
    const r = await w.run('push', pushEvent('main', sha));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs.namespace, `${w.root}.main`);
    assert.equal(r.outputs['deployed-sha'], sha);
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(`${w.root}.main`)], sync(`${w.root}.main`)]);
    assert.deepEqual((await w.namespace(`${w.root}.main`))?.nodes, variantNodes('v2'));
  });

  test('delete branch: the namespace is deleted, the git branch kept; again → absent', async () => {
    w.branch('feature/gone');
    const ns = `${w.root}.feature_gone`;
    assert.equal((await w.run('create', branchRefEvent('create', 'feature/gone'))).exitCode, 0);
    w.resetLogs();
    // GitHub no longer has the branch (what a delete event means); the git repository DJ reads keeps it, so DJ never deleting it shows.
    w.gh.addFault({ method: 'GET', path: /\/branches\/feature%2Fgone$/, status: 404, body: { message: 'Branch not found' }, times: 2 });
    const r = await w.run('delete', branchRefEvent('delete', 'feature/gone'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'deleted');
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], `DELETE /namespaces/${ENC(w.root)}/branches/${ENC(ns)}?delete_git_branch=false`]);
    assert.equal(await w.namespace(ns), undefined);
    assert.ok(w.gitBranches().includes('feature/gone'), 'the git branch is never deleted');
    const again = await w.run('delete', branchRefEvent('delete', 'feature/gone'));
    assert.equal(again.exitCode, 0);
    assert.equal(again.outputs.operation, 'absent');
  });

  test('workflow_dispatch and schedule with operation auto: unsupported-event', async () => {
    for (const [name, payload] of [
      ['workflow_dispatch', dispatch()],
      ['schedule', {}],
    ] as const) {
      const r = await w.run(name, payload);
      assert.equal(r.outputs['skip-reason'], 'unsupported-event');
    }
    assert.deepEqual(w.djLog(), []);
  });
});

describe(`DJ ${BACKEND}: pull requests and the sticky comment`, () => {
  let w: DjWorld;
  before(async () => {
    w = await startDjWorld();
  });
  after(async () => {
    await w?.stop();
  });
  beforeEach(() => w.resetLogs());

  test('opened → synchronize (a failed link, an invalid node) → closed → closed again: one comment edited in place; namespace created, updated, deleted', async () => {
    const branch = 'feature/pr-one';
    const ns = `${w.root}.feature_pr_one`;
    const first = w.branch(branch);
    const opened = await w.run('pull_request', prEvent('opened', branch, { number: 11, sha: first }));
    assert.equal(opened.exitCode, 0, opened.stdout + opened.stderr);
    assert.equal(opened.outputs.operation, 'created');
    assert.equal(opened.outputs['deployed-sha'], first);
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], patch(ns), sync(ns)]);
    assert.equal(w.gh.comments(11).length, 1);
    const id = w.gh.comments(11)[0]!.id;
    assert.equal(opened.outputs['comment-id'], String(id));
    assert.match(w.gh.comments(11)[0]!.body, new RegExp(first.slice(0, 12)));
    assert.deepEqual((await w.namespace(ns))?.nodes, MAIN_NODES);

    const broken = w.commit(branch, 'broken');
    w.resetLogs();
    const synced = await w.run('pull_request', prEvent('synchronize', branch, { number: 11, sha: broken }));
    assert.equal(synced.exitCode, 1, 'a failed result fails the step (fail-on: failed)');
    // One annotation per failed result, then the step's failure line.
    assert.equal(synced.errors.length, 2, synced.errors.join('\n'));
    assert.match(synced.errors[0]!, /does not exist/);
    assert.match(synced.stdout, /^::error [^\n]*title=[^\n]*order_facts/m, 'the annotation names the link');
    assert.match(synced.errors.at(-1)!, /1 failed link/);
    assert.equal(synced.outputs.operation, 'updated');
    assert.equal(synced.outputs['deployed-sha'], broken);
    const counts = JSON.parse(synced.outputs.counts!) as Record<string, number>;
    assert.equal(counts.failed, 1, synced.outputs.results);
    assert.equal(counts.invalid, 1, synced.outputs.results);
    const failed = results(synced.outputs).find(x => x.status === 'failed')!;
    assert.equal(failed.deploy_type, 'link');
    assert.equal(failed.name, `${ns}.order_facts -> ${ns}.region`);
    const state = await w.namespace(ns);
    assert.deepEqual(state?.nodes, variantNodes('broken'));
    assert.deepEqual(state?.invalid, ['churn']);
    assert.equal(w.gh.comments(11).length, 1, 'still one comment');
    assert.equal(w.gh.comments(11)[0]!.id, id, 'edited in place');
    assert.match(w.gh.comments(11)[0]!.body, /does not exist/);
    // The invalid node's reason names what it reads: 0.0.272 says the table `subscriptions` is
    // not found, 0.0.116 that it cannot resolve the type of `subscription_id`.
    assert.match(w.gh.comments(11)[0]!.body, w.version === '0.0.116' ? /subscription\\_id/ : /subscriptions/);

    w.resetLogs();
    const closed = await w.run('pull_request', prEvent('closed', branch, { number: 11, sha: broken, merged: true }));
    assert.equal(closed.exitCode, 0, closed.stdout);
    assert.equal(closed.outputs.operation, 'deleted');
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], `DELETE /namespaces/${ENC(w.root)}/branches/${ENC(ns)}?delete_git_branch=false`]);
    assert.equal(await w.namespace(ns), undefined);
    assert.ok(w.gitBranches().includes(branch));
    assert.match(w.gh.comments(11)[0]!.body, /deleted/i);

    const rerun = await w.run('pull_request', prEvent('closed', branch, { number: 11, sha: broken, merged: true }));
    assert.equal(rerun.exitCode, 0);
    assert.equal(rerun.outputs.operation, 'absent');
    assert.equal(w.gh.comments(11).length, 1, 'a re-run never adds a second comment');
  });

  test('re-running the same synchronize deploys nothing (the commit status says it is deployed) and leaves the comment untouched', async () => {
    const branch = 'feature/stable';
    const sha = w.branch(branch);
    await w.run('pull_request', prEvent('opened', branch, { number: 12, sha }));
    await w.run('pull_request', prEvent('synchronize', branch, { number: 12, sha }));
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('synchronize', branch, { number: 12, sha }));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.ok(!w.ghLog().some(l => (l.startsWith('PATCH') || l.startsWith('POST')) && l.includes('/comments')), JSON.stringify(w.ghLog()));
    assert.equal(w.gh.comments(12).length, 1);
    assert.equal(r.outputs.operation, 'unchanged');
    assert.ok(!w.djLog().some(l => l.includes('sync-from-git')), JSON.stringify(w.djLog()));
  });

  test('reopened deploys, ready_for_review of the same commit deploys nothing again; closed with on-pr-close: keep leaves the namespace, and the comment says so', async () => {
    const branch = 'feature/keeper';
    const ns = `${w.root}.feature_keeper`;
    const sha = w.branch(branch);
    const reopened = await w.run('pull_request', prEvent('reopened', branch, { number: 13, sha }));
    assert.equal(reopened.exitCode, 0, reopened.stdout);
    assert.equal(reopened.outputs.operation, 'created');
    const ready = await w.run('pull_request', prEvent('ready_for_review', branch, { number: 13, sha }));
    assert.equal(ready.exitCode, 0, ready.stdout);
    assert.equal(ready.outputs.operation, 'unchanged', 'the commit is already deployed (each commit once)');
    const r = await w.run('pull_request', prEvent('closed', branch, { number: 13, sha }), { 'on-pr-close': 'keep' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'unchanged');
    assert.deepEqual((await w.namespace(ns))?.nodes, MAIN_NODES);
    assert.match(w.gh.comments(13)[0]!.body, /kept/i);
    assert.equal(w.gh.comments(13).length, 1);
  });

  test('other actions and forks: skipped, nothing sent to DJ or GitHub', async () => {
    for (const action of ['labeled', 'assigned']) {
      const r = await w.run('pull_request', example('pull_request', action));
      assert.equal(r.outputs['skip-reason'], 'unsupported-action', action);
    }
    const fork = await w.run('pull_request', prEvent('opened', 'feature/from-fork', { fork: true, number: 14 }));
    assert.equal(fork.outputs['skip-reason'], 'fork');
    assert.match(fork.summary, /fork/i);
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.ghLog(), []);
  });

  test('SQL that does not parse: DJ rejects the whole deployment (422); the step fails with its message, the namespace keeps what it had', async () => {
    const branch = 'feature/unparsable';
    const ns = `${w.root}.feature_unparsable`;
    const sha = w.branch(branch);
    assert.equal((await w.run('pull_request', prEvent('opened', branch, { number: 16, sha }))).exitCode, 0);
    const bad = w.commit(branch, 'unparsable');
    const r = await w.run('pull_request', prEvent('synchronize', branch, { number: 16, sha: bad }));
    assert.equal(r.exitCode, 1);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /422/);
    assert.match(r.errors[0]!, /Error parsing SQL/);
    assert.match(r.errors[0]!, /sync-from-git/);
    assert.deepEqual((await w.namespace(ns))?.nodes, MAIN_NODES, 'nothing of the rejected commit was deployed');
    assert.match(w.gh.comments(16)[0]!.body, /Error parsing SQL/);
  });

  test('dry-run: planned, only GETs sent, nothing changed in DJ, no comment', async () => {
    const branch = 'feature/dry';
    w.branch(branch);
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 25 }), { 'dry-run': 'true' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'planned');
    assert.ok(w.djLog().length > 0 && w.djLog().every(l => l.startsWith('GET ')), JSON.stringify(w.djLog()));
    assert.ok(
      w.ghLog().every(l => l.startsWith('GET ')),
      `only look-ups on GitHub too: ${JSON.stringify(w.ghLog())}`,
    );
    assert.match(r.summary, /PATCH/);
    const state = await w.namespace(`${w.root}.feature_dry`);
    assert.equal(state, undefined, 'no namespace');
  });
});

describe(`DJ ${BACKEND}: explicit operations`, () => {
  let w: DjWorld;
  before(async () => {
    w = await startDjWorld();
  });
  after(async () => {
    await w?.stop();
  });
  beforeEach(() => w.resetLogs());

  test("create for a git branch that does not exist: DJ creates it (POST /branches) and copies main's nodes", async () => {
    const ns = `${w.root}.feature_brand_new`;
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/brand-new' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, ns);
    assert.deepEqual(
      nodeResults(r.outputs)
        .map(x => x.name.slice(ns.length + 1))
        .sort(),
      MAIN_NODES,
    );
    // The root first: its repository is where DJ would create the git branch, and must be the run's.
    assert.deepEqual(w.djLog(), [gitGet(w.root), `POST /namespaces/${ENC(w.root)}/branches`]);
    assert.deepEqual(w.djRequests().find(q => q.method === 'POST')!.json, { branch_name: 'feature/brand-new' });
    assert.equal(w.git.head('feature/brand-new'), w.git.head('main'), "DJ made the git branch at main's head");
    const state = await w.namespace(ns);
    assert.equal(state?.git_branch, 'feature/brand-new');
    assert.deepEqual(state?.nodes, MAIN_NODES);
  });

  test('create for a git branch that exists: link and deploy, never POST /branches; again → updated', async () => {
    w.branch('feature/exists', 'v2');
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/exists' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.ok(!w.djLog().some(l => l.startsWith('POST') && l.endsWith('/branches')), JSON.stringify(w.djLog()));
    assert.deepEqual((await w.namespace(`${w.root}.feature_exists`))?.nodes, variantNodes('v2'));
    const again = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/exists' });
    assert.equal(again.outputs.operation, 'updated');
  });

  test('sync deploys a linked branch again; an unlinked one fails clearly and creates nothing', async () => {
    w.branch('feature/syncme');
    const ns = `${w.root}.feature_syncme`;
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/syncme' });
    const sha = w.commit('feature/syncme', 'v2');
    w.resetLogs();
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'sync', branch: 'feature/syncme' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs['deployed-sha'], sha);
    assertSteps(w.djLog(), [[gitGet(w.root), gitGet(ns)], sync(ns)]);
    assert.deepEqual((await w.namespace(ns))?.nodes, variantNodes('v2'));
    const bad = await w.run('workflow_dispatch', dispatch(), { operation: 'sync', branch: 'feature/nothing-here' });
    assert.equal(bad.exitCode, 1);
    assert.match(bad.errors[0]!, /feature_nothing_here/);
    assert.equal(await w.namespace(`${w.root}.feature_nothing_here`), undefined);
  });

  test('delete keeps the git branch by default; delete-git-branch: true lets DJ delete it; twice is absent; the default branch is never deleted', async () => {
    w.branch('feature/del-a');
    w.branch('feature/del-b');
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/del-a' });
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/del-b' });
    const a = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-a' });
    assert.equal(a.exitCode, 0, a.stdout);
    assert.equal(a.outputs.operation, 'deleted');
    assert.equal(await w.namespace(`${w.root}.feature_del_a`), undefined);
    assert.ok(w.gitBranches().includes('feature/del-a'));

    w.resetLogs();
    const b = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-b', 'delete-git-branch': 'true' });
    assert.equal(b.exitCode, 0, b.stdout);
    assert.ok(w.djLog().includes(`DELETE /namespaces/${ENC(w.root)}/branches/${ENC(`${w.root}.feature_del_b`)}?delete_git_branch=true`));
    assert.equal(await w.namespace(`${w.root}.feature_del_b`), undefined);
    assert.ok(!w.gitBranches().includes('feature/del-b'), 'DJ deleted the git branch');
    const again = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-b' });
    assert.equal(again.outputs.operation, 'absent');

    w.resetLogs();
    const main = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'main' });
    assert.equal(main.exitCode, 0, main.stdout);
    assert.equal(main.outputs['skip-reason'], 'default-branch');
    assert.ok(!w.djLog().some(l => l.startsWith('DELETE')));
    assert.deepEqual((await w.namespace(`${w.root}.main`))?.nodes, MAIN_NODES);
  });

  test('list: default branch first, a summary table; prune deletes namespaces whose git branch is gone (dry-run first), never the default', async () => {
    w.branch('feature/stale');
    w.branch('feature/alive');
    for (const b of ['feature/stale', 'feature/alive']) await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: b });
    const listed = await w.run('schedule', { schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } }, { operation: 'list' });
    assert.equal(listed.exitCode, 0, listed.stdout);
    const branches = JSON.parse(listed.outputs.branches!) as { namespace: string; num_nodes: number }[];
    assert.equal(branches[0]!.namespace, `${w.root}.main`);
    assert.ok(
      branches.some(b => b.namespace === `${w.root}.feature_stale` && b.num_nodes === MAIN_NODES.length),
      listed.outputs.branches,
    );
    assert.match(listed.summary, /Last updated/i);

    w.git.deleteBranch('feature/stale');
    const schedule = { schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } };
    const dry = await w.run('schedule', schedule, { operation: 'prune', 'dry-run': 'true', 'prune-min-age-hours': '0' });
    assert.equal(dry.exitCode, 0, dry.stdout);
    assert.deepEqual(JSON.parse(dry.outputs.pruned!), [`${w.root}.feature_stale`]);
    assert.ok(await w.namespace(`${w.root}.feature_stale`), 'dry-run deletes nothing');
    const r = await w.run('schedule', schedule, { operation: 'prune', 'prune-min-age-hours': '0' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'pruned');
    assert.deepEqual(JSON.parse(r.outputs.pruned!), [`${w.root}.feature_stale`]);
    assert.equal(await w.namespace(`${w.root}.feature_stale`), undefined);
    assert.ok(await w.namespace(`${w.root}.feature_alive`));
    assert.ok(await w.namespace(`${w.root}.main`));
  });

  test('the three ways to authenticate: bearer token, service account, basic login; bad credentials fail naming the inputs', async () => {
    const { token, clientId, clientSecret, username, password } = w.credentials;
    const ways: [string, Record<string, string>][] = [
      ['token', { 'dj-token': token }],
      ['service', { 'dj-token': '', 'dj-client-id': clientId, 'dj-client-secret': clientSecret }],
      ['basic', { 'dj-token': '', 'dj-username': username, 'dj-password': password }],
    ];
    for (const [name, inputs] of ways) {
      const branch = `auth/${name}`;
      w.branch(branch);
      w.resetLogs();
      const r = await w.run('create', branchRefEvent('create', branch), inputs);
      assert.equal(r.exitCode, 0, `${name}: ${r.stdout}`);
      assert.equal(r.outputs.operation, 'created', name);
      assert.equal((await w.namespace(`${w.root}.auth_${name}`))?.git_branch, branch, name);
      const first = w.djLog()[0]!;
      if (name === 'service') assert.equal(first, 'POST /service-accounts/token');
      if (name === 'basic') assert.equal(first, 'POST /basic/login/');
      assert.ok(
        w
          .djRequests()
          .filter(q => !q.rawPath.startsWith('/service-accounts') && !q.rawPath.startsWith('/basic'))
          .every(q => /^Bearer /.test(String(q.headers.authorization))),
        name,
      );
    }
    const none = await w.run('create', branchRefEvent('create', 'auth/token'), { 'dj-token': '' });
    assert.equal(none.exitCode, 1);
    assert.match(none.errors[0]!, /403/);
    assert.match(none.errors[0]!, /dj-token/);
    const wrong = await w.run('create', branchRefEvent('create', 'auth/token'), { 'dj-token': '', 'dj-username': username, 'dj-password': 'wrong' });
    assert.equal(wrong.exitCode, 1);
    assert.match(wrong.errors[0]!, /dj-password/);
  });
});
