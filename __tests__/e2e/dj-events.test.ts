/**
 * Every row of SPEC §4 for target dj, through dist/index.js as a runner runs it, against the
 * DJ and GitHub emulators. Each test asserts outputs, exit code and the exact requests sent.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, example, examples, prEvent, pushEvent } from '../../harness/payloads.js';

const NS = `${ROOT}.feature_x_y`;
const ENC = encodeURIComponent;

/**
 * Compares a request log with expected steps; each step is one request or a set of requests
 * sent in parallel (any order among themselves).
 */
function assertSteps(actual: string[], steps: (string | string[])[]): void {
  const flat: string[] = [];
  let i = 0;
  for (const step of steps) {
    const group = Array.isArray(step) ? step : [step];
    const got = actual.slice(i, i + group.length);
    assert.deepEqual([...got].sort(), [...group].sort(), `requests ${i}..${i + group.length - 1}\nall: ${JSON.stringify(actual, null, 1)}`);
    flat.push(...group);
    i += group.length;
  }
  assert.equal(actual.length, flat.length, `unexpected extra requests: ${JSON.stringify(actual.slice(flat.length))}`);
}

const gitGet = (ns: string) => `GET /namespaces/${ENC(ns)}/git`;
const COMMENTS = (n: number) => `GET /repos/acme/dj-definitions/issues/${n}/comments?per_page=100`;
const STATUSES = (sha: string) => `GET /repos/acme/dj-definitions/commits/${sha}/statuses?per_page=100`;
const SET_STATUS = (sha: string) => `POST /repos/acme/dj-definitions/statuses/${sha}`;

describe('dj target, SPEC §4 events through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  test('create tag (real payload): skipped, nothing sent', async () => {
    const r = await w.run('create', example('create'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'tag');
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.ghLog(), []);
    assert.match(r.summary, /tag/i);
    assert.equal(r.notices.length, 1);
  });

  test('delete tag (every real payload): skipped', async () => {
    for (const payload of examples('delete')) {
      const r = await w.run('delete', payload);
      assert.equal(r.exitCode, 0);
      assert.equal(r.outputs['skip-reason'], 'tag');
    }
    assert.deepEqual(w.djLog(), []);
  });

  test('create branch: link with PATCH (never POST /branches), then sync; re-run is a success', async () => {
    pushBranch(w, 'feature/x-y', undefined, 'a'.repeat(40));
    const r = await w.run('create', branchRefEvent('create', 'feature/x-y'), { checks: 'false', deployments: 'false' }); // check runs: dj-check-runs.test.ts
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, NS);
    assert.equal(r.outputs['git-branch'], 'feature/x-y');
    assert.equal(r.outputs['deployed-sha'], 'a'.repeat(40));
    assert.equal(JSON.parse(r.outputs.results!).length, 4);
    assert.deepEqual(JSON.parse(r.outputs.counts!), { success: 4, failed: 0, invalid: 0, skipped: 0, warning: 0 });
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(NS)], `PATCH /namespaces/${ENC(NS)}/git`, `POST /namespaces/${ENC(NS)}/sync-from-git`]);
    const patch = w.dj.requests.find(q => q.method === 'PATCH')!;
    assert.deepEqual(patch.json, { parent_namespace: ROOT, git_branch: 'feature/x-y' });
    assert.equal(w.dj.namespace(NS)?.git_branch, 'feature/x-y');
    assert.equal(w.dj.namespace(NS)?.parent_namespace, ROOT);
    // The deployed commit is recorded (SPEC §4.1); a create event names no commit to look up first.
    assert.deepEqual(w.ghLog(), [SET_STATUS('a'.repeat(40))]);
    assert.ok(r.stdout.indexOf('Decision:') < r.stdout.indexOf('::group::'), 'decision printed first');

    w.resetLogs();
    const again = await w.run('create', branchRefEvent('create', 'feature/x-y'), { checks: 'false', deployments: 'false' });
    assert.equal(again.exitCode, 0);
    assert.equal(again.outputs.operation, 'updated');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(NS)], `POST /namespaces/${ENC(NS)}/sync-from-git`]);
    assert.deepEqual(JSON.parse(again.outputs.counts!).skipped, 4, 'second sync reports the nodes unchanged');
  });

  test('create default branch: skipped default-branch', async () => {
    const r = await w.run('create', branchRefEvent('create', 'main'));
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'default-branch');
    assert.deepEqual(w.djLog(), []);
  });

  test('ignored branch: skipped ignored-branch', async () => {
    const r = await w.run('create', branchRefEvent('create', 'dependabot/npm_and_yarn/x'), { 'ignore-branches': 'dependabot/**' });
    assert.equal(r.outputs['skip-reason'], 'ignored-branch');
    assert.deepEqual(w.djLog(), []);
  });

  test('push to a linked branch deploys; push to an unlinked branch is skipped not-linked', async () => {
    pushBranch(w, 'feature/pushy');
    await w.run('create', branchRefEvent('create', 'feature/pushy'));
    w.dj.setYaml('feature/pushy', [{ name: '${prefix}orders', type: 'source', query: 'orders v2' }]);
    w.dj.setHead('feature/pushy', 'b'.repeat(40));
    w.resetLogs();
    const ns = `${ROOT}.feature_pushy`;
    const r = await w.run('push', pushEvent('feature/pushy', 'b'.repeat(40)));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs['deployed-sha'], 'b'.repeat(40));
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)], `POST /namespaces/${ENC(ns)}/sync-from-git`]);
    const results = JSON.parse(r.outputs.results!) as { operation: string }[];
    assert.deepEqual(results.map(x => x.operation).sort(), ['delete', 'delete', 'delete', 'update']);

    w.resetLogs();
    const other = await w.run('push', pushEvent('feature/never-linked'));
    assert.equal(other.exitCode, 0);
    assert.equal(other.outputs.operation, 'skipped');
    assert.equal(other.outputs['skip-reason'], 'not-linked');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(`${ROOT}.feature_never_linked`)]]);
  });

  test('a branch name DJ would mangle: create is refused with a clear error, nothing sent; its pushes are skipped not-linked', async () => {
    const r = await w.run('create', branchRefEvent('create', 'release/1.2'));
    assert.equal(r.exitCode, 1);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /release\/1\.2/);
    assert.match(r.errors[0]!, /demo\.metrics\.release_1\.2/);
    assert.match(r.errors[0]!, /ignore-branches/);
    assert.equal(r.outputs['git-branch'], 'release/1.2');
    assert.deepEqual(w.djLog(), []);
    const p = await w.run('push', pushEvent('release/1.2'));
    assert.equal(p.exitCode, 0);
    assert.equal(p.outputs.operation, 'skipped');
    assert.equal(p.outputs['skip-reason'], 'not-linked');
    assert.deepEqual(w.djLog(), []);
  });

  test('push to the default branch deploys the default-branch namespace', async () => {
    const r = await w.run('push', pushEvent('main'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs.namespace, `${ROOT}.main`);
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(`${ROOT}.main`)], `POST /namespaces/${ENC(`${ROOT}.main`)}/sync-from-git`]);
  });

  test('push of a tag (real payload): skipped tag', async () => {
    const payload = examples('push').find(e => String(e.ref).startsWith('refs/tags/'))!;
    const r = await w.run('push', payload);
    assert.equal(r.outputs['skip-reason'], 'tag');
    assert.deepEqual(w.djLog(), []);
  });

  test('delete branch: DELETE with delete_git_branch=false; again → absent', async () => {
    pushBranch(w, 'feature/gone');
    await w.run('create', branchRefEvent('create', 'feature/gone'));
    w.resetLogs();
    const ns = `${ROOT}.feature_gone`;
    w.gh.removeBranch('feature/gone');
    const r = await w.run('delete', branchRefEvent('delete', 'feature/gone'));
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'deleted');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)], `DELETE /namespaces/${ENC(ROOT)}/branches/${ENC(ns)}?delete_git_branch=false`]);
    assert.equal(w.dj.namespace(ns), undefined);
    assert.ok(w.dj.gitBranches().includes('feature/gone'), 'the git branch is never deleted');

    w.resetLogs();
    const again = await w.run('delete', branchRefEvent('delete', 'feature/gone'));
    assert.equal(again.exitCode, 0);
    assert.equal(again.outputs.operation, 'absent');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)]]);
  });

  test('workflow_dispatch and schedule with operation auto: unsupported-event', async () => {
    for (const [name, payload] of [
      ['workflow_dispatch', example('workflow_dispatch')],
      ['schedule', {}],
    ] as const) {
      const r = await w.run(name, payload);
      assert.equal(r.exitCode, 0);
      assert.equal(r.outputs['skip-reason'], 'unsupported-event');
    }
    assert.deepEqual(w.djLog(), []);
  });
});

describe('dj target, pull requests through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  test('opened → synchronize → closed: link, deploy, one sticky comment edited, namespace deleted', async () => {
    const branch = 'feature/pr-one';
    const ns = `${ROOT}.feature_pr_one`;
    pushBranch(w, branch, undefined, 'c'.repeat(40));
    // The exact requests of a pull request's run; the merge preview's are tested in dj-merge-preview.test.ts.
    const opened = await w.run('pull_request', prEvent('opened', branch, { number: 11, sha: 'c'.repeat(40) }), { impact: 'false', checks: 'false', deployments: 'false' });
    assert.equal(opened.exitCode, 0, opened.stdout + opened.stderr);
    assert.equal(opened.outputs.operation, 'created');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)], `PATCH /namespaces/${ENC(ns)}/git`, `POST /namespaces/${ENC(ns)}/sync-from-git`]);
    // Statuses, comments and the token's identity (GraphQL viewer) are looked up in parallel;
    // the status and the comment written in parallel.
    assertSteps(w.ghLog(), [
      [STATUSES('c'.repeat(40)), COMMENTS(11), 'POST /graphql'],
      [SET_STATUS('c'.repeat(40)), 'POST /repos/acme/dj-definitions/issues/11/comments'],
    ]);
    assert.equal(w.gh.comments(11).length, 1);
    assert.ok(opened.outputs['comment-id']);
    assert.ok(opened.outputs['comment-url']);
    assert.match(w.gh.comments(11)[0]!.body, /feature\\?_pr\\?_one/);

    w.resetLogs();
    w.dj.setYaml(branch, [...(await import('../../harness/world.js')).MAIN_YAML, { name: '${prefix}broken', query: 'x', status: 'failed', message: 'Column amount not found' }]);
    w.dj.setHead(branch, 'd'.repeat(40));
    const sync = await w.run('pull_request', prEvent('synchronize', branch, { number: 11, sha: 'd'.repeat(40) }), { impact: 'false', checks: 'false', deployments: 'false' });
    assert.equal(sync.exitCode, 1, 'a failed node fails the step (fail-on: failed)');
    assert.equal(sync.outputs.operation, 'updated');
    assert.equal(JSON.parse(sync.outputs.counts!).failed, 1);
    // One annotation for the failed node (its message), then the step's failure line.
    assert.equal(sync.errors.length, 2);
    assert.equal(sync.errors[0], 'Column amount not found');
    assert.match(sync.errors[1]!, /broken/);
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)], `POST /namespaces/${ENC(ns)}/sync-from-git`]);
    const ghSync = w.ghLog();
    // The previous head's statuses are read beside them (a record newer than the head's makes it stale).
    assert.deepEqual(
      ghSync
        .filter(l => !l.includes('/statuses?') || l === STATUSES('d'.repeat(40)))
        .slice(0, 2)
        .sort(),
      [COMMENTS(11), STATUSES('d'.repeat(40))].sort(),
    );
    assert.ok(
      ghSync.some(l => l.startsWith('PATCH /repos/acme/dj-definitions/issues/comments/')),
      JSON.stringify(ghSync),
    );
    assert.equal(w.gh.comments(11).length, 1, 'still one comment');
    assert.match(w.gh.comments(11)[0]!.body, /Column amount not found/);

    w.resetLogs();
    const closed = await w.run('pull_request', prEvent('closed', branch, { number: 11, sha: 'd'.repeat(40), merged: true }));
    assert.equal(closed.exitCode, 0, closed.stdout);
    assert.equal(closed.outputs.operation, 'deleted');
    assertSteps(w.djLog(), [[gitGet(ROOT), gitGet(ns)], `DELETE /namespaces/${ENC(ROOT)}/branches/${ENC(ns)}?delete_git_branch=false`]);
    assert.equal(w.dj.namespace(ns), undefined);
    assert.ok(w.dj.gitBranches().includes(branch));
    assert.equal(w.gh.comments(11).length, 1);
    assert.match(w.gh.comments(11)[0]!.body, /deleted/i);

    w.resetLogs();
    const rerun = await w.run('pull_request', prEvent('closed', branch, { number: 11, sha: 'd'.repeat(40), merged: true }));
    assert.equal(rerun.exitCode, 0);
    assert.equal(rerun.outputs.operation, 'absent');
    assert.equal(w.gh.comments(11).length, 1, 'a re-run never adds a second comment');
  });

  test('re-running the same synchronize leaves the comment untouched', async () => {
    const branch = 'feature/stable';
    pushBranch(w, branch, undefined, 'e'.repeat(40));
    await w.run('pull_request', prEvent('opened', branch, { number: 12, sha: 'e'.repeat(40) }));
    await w.run('pull_request', prEvent('synchronize', branch, { number: 12, sha: 'e'.repeat(40) }));
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('synchronize', branch, { number: 12, sha: 'e'.repeat(40) }));
    assert.equal(r.exitCode, 0);
    assert.ok(!w.ghLog().some(l => l.startsWith('PATCH') || (l.startsWith('POST') && l !== 'POST /graphql')), JSON.stringify(w.ghLog()));
    assert.equal(w.gh.comments(12).length, 1);
  });

  test('closed with on-pr-close: keep → unchanged, namespace kept, comment says so', async () => {
    const branch = 'feature/keeper';
    const ns = `${ROOT}.feature_keeper`;
    pushBranch(w, branch);
    await w.run('pull_request', prEvent('opened', branch, { number: 13 }));
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('closed', branch, { number: 13 }), { 'on-pr-close': 'keep' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'unchanged');
    assert.ok(w.dj.namespace(ns));
    assert.ok(!w.djLog().some(l => l.startsWith('DELETE')));
    assert.match(w.gh.comments(13)[0]!.body, /kept/i);
  });

  test('other actions (real labeled/assigned payloads) are skipped unsupported-action', async () => {
    for (const action of ['labeled', 'assigned', 'unlabeled', 'locked', 'review_requested']) {
      const r = await w.run('pull_request', example('pull_request', action));
      assert.equal(r.exitCode, 0);
      assert.equal(r.outputs['skip-reason'], 'unsupported-action', action);
    }
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.ghLog(), []);
  });

  test('a DJ failure on opened fails the step with one error and still tells the pull request', async () => {
    const branch = 'feature/doomed';
    pushBranch(w, branch);
    w.dj.githubConfigured = false;
    try {
      const r = await w.run('pull_request', prEvent('opened', branch, { number: 16 }));
      assert.equal(r.exitCode, 1);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!, /GitHub authentication not configured/);
      assert.match(r.errors[0]!, /503/);
      assert.match(r.errors[0]!, /sync-from-git/);
      assert.equal(w.gh.comments(16).length, 1);
      assert.match(w.gh.comments(16)[0]!.body, /GitHub authentication not configured/);
      assert.match(r.summary, /GitHub authentication not configured/);
      assert.equal(w.dj.namespace(`${ROOT}.feature_doomed`)?.git_branch, branch, 'the link stays; a re-run deploys');
    } finally {
      w.dj.githubConfigured = true;
    }
    const again = await w.run('pull_request', prEvent('synchronize', branch, { number: 16 }));
    assert.equal(again.exitCode, 0, again.stdout);
    assert.equal(again.outputs.operation, 'updated');
    assert.equal(w.gh.comments(16).length, 1, 'the same comment now shows the deployment');
    assert.doesNotMatch(w.gh.comments(16)[0]!.body, /GitHub authentication not configured/);
  });

  test('fork pull request: skipped fork, notice and summary explain', async () => {
    const r = await w.run('pull_request', prEvent('opened', 'feature/from-fork', { fork: true, number: 14 }));
    assert.equal(r.exitCode, 0);
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'fork');
    assert.match(r.notices.join('\n'), /fork/);
    assert.match(r.summary, /fork/i);
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.ghLog(), []);
  });

  test('PR from the default branch: skipped default-branch', async () => {
    const r = await w.run('pull_request', prEvent('opened', 'main', { number: 15 }));
    assert.equal(r.outputs['skip-reason'], 'default-branch');
    assert.deepEqual(w.djLog(), []);
  });

  test('real opened payload (head in the same repository) goes through', async () => {
    const payload = example('pull_request', 'opened');
    const head = payload.pull_request.head.ref as string;
    const r = await w.run('pull_request', payload, {}, { GITHUB_REPOSITORY: payload.repository.full_name });
    // The example repository has no DJ root of its own; what matters is the decision and a clear outcome.
    assert.ok(r.stdout.includes('Decision:'), r.stdout);
    assert.ok(r.stdout.includes(head));
  });
});

describe("input namespace given as a branch namespace (demo.metrics.main), as DJ's branch API takes it", () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('create, push and delete act on the sibling under the git root', async () => {
    const inputs = { namespace: `${ROOT}.main` };
    const ns = `${ROOT}.feature_sib`;
    pushBranch(w, 'feature/sib');
    const created = await w.run('create', branchRefEvent('create', 'feature/sib'), inputs);
    assert.equal(created.exitCode, 0, created.stdout);
    assert.equal(created.outputs.operation, 'created');
    assert.equal(created.outputs.namespace, ns);
    assert.equal(w.dj.namespace(ns)?.parent_namespace, ROOT);
    assert.equal(w.dj.namespace(`${ROOT}.main.feature_sib`), undefined);

    w.resetLogs();
    const pushed = await w.run('push', pushEvent('feature/sib'), inputs);
    assert.equal(pushed.exitCode, 0, pushed.stdout);
    assert.equal(pushed.outputs.operation, 'updated');
    assert.equal(pushed.outputs.namespace, ns);

    w.gh.removeBranch('feature/sib');
    const deleted = await w.run('delete', branchRefEvent('delete', 'feature/sib'), inputs);
    assert.equal(deleted.exitCode, 0, deleted.stdout);
    assert.equal(deleted.outputs.operation, 'deleted');
    assert.equal(w.dj.namespace(ns), undefined);
    assert.ok(w.dj.namespace(`${ROOT}.main`), 'the default-branch namespace itself is untouched');
  });
});
