import { test, describe, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { DJEmulator } from '../../emulators/dj.js';
import { createTarget } from '../../src/targets/dj/target.js';
import { parseTimestamp } from '../../src/schema.js';
import { DJClientError } from '../../src/targets/dj/client.js';
import { InputError, RefusedError } from '../../src/errors.js';
import { commitOf, deployBranch, type BranchTarget, type TargetDeps } from '../../src/targets/target.js';
import type { Settings } from '../../src/settings.js';
import { readReview } from '../../src/settings.js';

const ROOT = 'demo.metrics';
const REPO = 'acme/dj-definitions';
const UI = 'https://dj.example.com';
const SHA = '3f9c1e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6';

const GET_ROOT = 'GET /namespaces/demo.metrics/git';
const nsGit = (ns: string) => `GET /namespaces/${ns}/git`;

let emu: DJEmulator;
let logs: string[];

function settingsFor(url: string, namespace = ROOT, deploy = true): Settings {
  return {
    target: 'dj',
    operation: 'auto',
    branch: '',
    deploy,
    deployChanged: false,
    onPrClose: 'delete',
    deleteGitBranch: false,
    ignoreBranches: [],
    failOn: 'failed',
    comment: true,
    githubToken: '',
    dryRun: false,
    timeoutMs: 5000,
    retries: 0,
    pruneMinAgeHours: 24,
    allowOtherRepository: false,
    keepLabel: 'dj:keep',
    commandPrefix: '/dj',
    acceptImpactLabel: 'dj:accept-impact',
    checks: false,
    deployments: false,
    dj: { url, uiUrl: UI, namespace, impact: true, impactBase: '', review: readReview({}) },
  };
}

function target(namespace = ROOT): BranchTarget {
  const deps: TargetDeps = { log: m => logs.push(m), mask: () => {}, http: { timeoutMs: 5000, retries: 0 } };
  return createTarget(settingsFor(emu.url, namespace), deps);
}

/** The first `parallel.length` requests in any order (they were sent together), then `rest` in order. */
function assertLog(parallel: string[], rest: string[] = []): void {
  const log = emu.log();
  assert.deepEqual([...log.slice(0, parallel.length)].sort(), [...parallel].sort(), `parallel part of ${JSON.stringify(log)}`);
  assert.deepEqual(log.slice(parallel.length), rest);
}

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected a ${type.name}`);
}

beforeEach(async () => {
  emu = new DJEmulator();
  await emu.start();
  logs = [];
  emu.seedRoot(ROOT, { repo: REPO, nodes: [{ name: 'orders', type: 'source' }, { name: 'revenue' }] });
  emu.addGitBranch('feature/x-y');
  emu.setHead('feature/x-y', SHA);
  emu.setYaml('feature/x-y', [
    { name: '${prefix}orders', type: 'source' },
    { name: '${prefix}revenue', query: 'SELECT 2' },
    { name: 'aov', status: 'invalid' },
  ]);
});
afterEach(() => emu.stop());

/** A namespace already linked to `branch` under the root, as DJ's Create Branch leaves it. */
function seedLinked(ns: string, branch: string, nodes = [{ name: 'orders' }]): void {
  emu.addGitBranch(branch);
  emu.seedNamespace(ns, { git_branch: branch, parent_namespace: ROOT, nodes });
}

describe('ensure', () => {
  test('new: links with PATCH /git, then deploys with sync-from-git → created', async () => {
    const out = await target().ensure({ gitBranch: 'feature/x-y', deploy: true, dryRun: false, expectedSha: SHA });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')], ['PATCH /namespaces/demo.metrics.feature_x_y/git', 'POST /namespaces/demo.metrics.feature_x_y/sync-from-git']);
    assert.deepEqual(emu.requests[2]!.json, { parent_namespace: ROOT, git_branch: 'feature/x-y' });
    assert.equal(out.operation, 'created');
    assert.equal(out.name, 'demo.metrics.feature_x_y');
    assert.equal(out.gitBranch, 'feature/x-y');
    assert.equal(out.url, `${UI}/namespaces/demo.metrics.feature_x_y`);
    assert.equal(commitOf(out).deployedSha, SHA);
    assert.equal(commitOf(out).expectedSha, SHA);
    assert.deepEqual(
      out.results.map(r => [r.name, r.status, r.operation]),
      [
        ['demo.metrics.feature_x_y.orders', 'success', 'create'],
        ['demo.metrics.feature_x_y.revenue', 'success', 'create'],
        ['demo.metrics.feature_x_y.aov', 'invalid', 'create'],
      ],
    );
    assert.deepEqual(out.notes, ['Linked demo.metrics.feature_x_y to git branch feature/x-y', 'Deployed 3 nodes from 3f9c1e2d4b5a (3 created)']);
    const ns = emu.namespace('demo.metrics.feature_x_y')!;
    assert.equal(ns.git_branch, 'feature/x-y');
    assert.equal(ns.parent_namespace, ROOT);
    assert.ok(
      logs.some(l => l.startsWith('DJ: deploying git branch feature/x-y')),
      'phases are logged',
    );
  });

  test('already linked: no PATCH; deploy → updated, no deploy → unchanged', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const deployed = await target().ensure({ gitBranch: 'feature/x-y', deploy: true, dryRun: false });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')], ['POST /namespaces/demo.metrics.feature_x_y/sync-from-git']);
    assert.equal(deployed.operation, 'updated');
    assert.deepEqual(
      deployed.results.map(r => r.operation),
      ['update', 'create', 'create'],
      'orders had a different query; revenue and aov are new',
    );
    assert.equal(deployed.notes[0], 'demo.metrics.feature_x_y is already linked to git branch feature/x-y');

    emu.resetLog();
    const kept = await target().ensure({ gitBranch: 'feature/x-y', deploy: false, dryRun: false });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
    assert.equal(kept.operation, 'unchanged');
    assert.deepEqual(kept.results, []);
  });

  test('collision: a namespace linked to another git branch is refused, nothing sent but the look-ups', async () => {
    seedLinked('demo.metrics.feature_x', 'feature-x');
    emu.addGitBranch('feature_x');
    const err = await rejects(target().ensure({ gitBranch: 'feature_x', deploy: true, dryRun: false }), RefusedError);
    assert.match(err.message, /demo\.metrics\.feature_x/);
    assert.match(err.message, /'feature-x'/);
    assert.match(err.message, /'feature_x'/);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x')]);
    assert.equal(emu.namespace('demo.metrics.feature_x')!.git_branch, 'feature-x', 'not repointed');
  });

  test('dry run: only GETs; planned, with each request that would be sent', async () => {
    const out = await target().ensure({ gitBranch: 'feature/x-y', deploy: true, dryRun: true });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
    assert.equal(out.operation, 'planned');
    assert.equal(out.notes.length, 2);
    assert.match(out.notes[0]!, /PATCH \/namespaces\/demo\.metrics\.feature_x_y\/git \{"parent_namespace":"demo\.metrics","git_branch":"feature\/x-y"\}/);
    assert.match(out.notes[1]!, /POST \/namespaces\/demo\.metrics\.feature_x_y\/sync-from-git/);
    assert.equal(emu.namespace('demo.metrics.feature_x_y'), undefined);
  });

  test('dry run of a linked namespace without deploy plans nothing to send', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const out = await target().ensure({ gitBranch: 'feature/x-y', deploy: false, dryRun: true });
    assert.equal(out.operation, 'planned');
    assert.deepEqual(out.notes, ['demo.metrics.feature_x_y is already linked to git branch feature/x-y']);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
  });

  test('a refused branch name sends nothing', async () => {
    const err = await rejects(target().ensure({ gitBranch: 'release/1.2', deploy: true, dryRun: false }), InputError);
    assert.match(err.message, /demo\.metrics\.release_1\.2/);
    assert.deepEqual(emu.log(), []);
  });

  test('a failed link says the empty namespace DJ created may remain; the next run reuses it', async () => {
    // The git branch is not on the remote (yet): DJ creates the namespace, then refuses the link.
    const err = await rejects(target().ensure({ gitBranch: 'late', deploy: true, dryRun: false }), DJClientError);
    assert.equal(err.status, 422);
    assert.equal(
      err.serverMessage,
      "Branch 'late' does not exist in 'acme/dj-definitions'. Create the branch on the remote (or use Create Branch) before pointing this namespace at it.",
    );
    assert.match(err.message, /an empty namespace demo\.metrics\.late may remain/);
    assertLog([GET_ROOT, nsGit('demo.metrics.late')], ['PATCH /namespaces/demo.metrics.late/git', nsGit('demo.metrics.late')]);
    const leftover = emu.namespace('demo.metrics.late')!;
    assert.equal(leftover.git_branch, null);
    assert.equal(leftover.parent_namespace, null);

    emu.resetLog();
    emu.addGitBranch('late');
    emu.setYaml('late', [{ name: 'orders' }]);
    const out = await target().ensure({ gitBranch: 'late', deploy: true, dryRun: false });
    assertLog(
      [GET_ROOT, nsGit('demo.metrics.late')],
      ['GET /namespaces/demo.metrics.late/', 'PATCH /namespaces/demo.metrics.late/git', 'POST /namespaces/demo.metrics.late/sync-from-git'],
    );
    assert.equal(out.operation, 'created');
    assert.match(out.notes[0]!, /empty namespace left by an earlier failed link/);
  });

  test('an unlinked namespace that holds nodes is a collision', async () => {
    emu.seedNamespace('demo.metrics.feature_x_y', { nodes: [{ name: 'hand_made' }] });
    const err = await rejects(target().ensure({ gitBranch: 'feature/x-y', deploy: true, dryRun: false }), RefusedError);
    assert.match(err.message, /no git branch/);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')], ['GET /namespaces/demo.metrics.feature_x_y/']);
  });

  test('a sync that fails after linking says the namespace is linked', async () => {
    emu.addGitBranch('empty');
    const err = await rejects(target().ensure({ gitBranch: 'empty', deploy: true, dryRun: false }), DJClientError);
    assert.match(err.serverMessage, /^No node or hierarchy definitions found/);
    assert.match(err.message, /demo\.metrics\.empty is linked to git branch empty; run the action again/);
    assert.equal(emu.namespace('demo.metrics.empty')!.git_branch, 'empty');
  });

  test('the deployed commit is compared with the expected one', async () => {
    const out = await target().ensure({ gitBranch: 'feature/x-y', deploy: true, dryRun: false, expectedSha: 'b'.repeat(40) });
    assert.equal(commitOf(out).deployedSha, SHA);
    assert.match(out.notes.at(-1)!, /DJ deployed 3f9c1e2d4b5a.*not bbbbbbbbbbbb/);
  });

  test('the root must be a git root', async () => {
    emu.seedNamespace('plain');
    const notGit = await rejects(target('plain').ensure({ gitBranch: 'x', deploy: false, dryRun: false }), InputError);
    assert.match(notGit.message, /'plain' \(input 'namespace'\) has no git repository/);
    // A branch namespace is not refused: DJ's branch API puts siblings beside it, under its git
    // root, and so does the action (covered in the e2e tests). One with a parent that is not its
    // string prefix has no sibling form and is refused.
    emu.seedNamespace('elsewhere.branchy', { git_branch: 'b', parent_namespace: 'demo.metrics' });
    const branchNs = await rejects(target('elsewhere.branchy').ensure({ gitBranch: 'x', deploy: false, dryRun: false }), InputError);
    assert.match(branchNs.message, /branch namespace of git root 'demo\.metrics'.*set input 'namespace' to 'demo\.metrics'/);
    const missing = await rejects(target('nope').ensure({ gitBranch: 'x', deploy: false, dryRun: false }), InputError);
    assert.match(missing.message, /'nope' \(input 'namespace'\) does not exist/);
    assert.ok(
      emu.log().every(l => l.startsWith('GET ')),
      'nothing but look-ups',
    );
  });
});

describe('deploy', () => {
  test('linked: the root and namespace look-ups in parallel, then sync-from-git → updated', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const out = await target().deploy!({ gitBranch: 'feature/x-y', skipWhenNotLinked: true, dryRun: false });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')], ['POST /namespaces/demo.metrics.feature_x_y/sync-from-git']);
    assert.equal(out.operation, 'updated');
    assert.equal(commitOf(out).deployedSha, SHA);
  });

  test('the default branch deploys into the default-branch namespace', async () => {
    const out = await target().deploy!({ gitBranch: 'main', skipWhenNotLinked: true, dryRun: false });
    assertLog([GET_ROOT, nsGit('demo.metrics.main')], ['POST /namespaces/demo.metrics.main/sync-from-git']);
    assert.equal(out.operation, 'updated');
    assert.deepEqual(
      out.results.map(r => r.operation),
      ['noop', 'noop'],
    );
    assert.match(out.notes[0]!, /Deployed 2 nodes from .* \(2 unchanged\)/);
  });

  test('not linked: skipped (not-linked) on push, an error for an explicit sync', async () => {
    const out = await target().deploy!({ gitBranch: 'feature/x-y', skipWhenNotLinked: true, dryRun: false });
    assert.equal(out.operation, 'skipped');
    assert.equal(out.skipReason, 'not-linked');
    // The root is asked in parallel: it names the repository and tells a branch namespace from a root.
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);

    seedLinked('demo.metrics.feature_x', 'feature-x');
    const err = await rejects(target().deploy!({ gitBranch: 'feature_x', skipWhenNotLinked: false, dryRun: false }), RefusedError);
    assert.match(err.message, /git branch 'feature-x'/);
    assert.ok(!emu.log().some(l => l.includes('sync-from-git')));
  });

  test('deployBranch, the one not-linked decision: a branch DJ cannot name is skipped on push before any request, an input error for an explicit sync', async () => {
    const out = await deployBranch(target(), { gitBranch: 'release/1.2', skipWhenNotLinked: true, dryRun: false });
    assert.equal(out.operation, 'skipped');
    assert.equal(out.operation === 'skipped' && out.skipReason, 'not-linked');
    assert.match(out.notes[0]!, /maps to DJ namespace 'demo\.metrics\.release_1\.2'.*contains a dot/);
    assert.deepEqual(emu.log(), []);
    await rejects(deployBranch(target(), { gitBranch: 'release/1.2', skipWhenNotLinked: false, dryRun: false }), InputError);
    assert.deepEqual(emu.log(), []);
  });

  test('deployBranch: a nameable branch goes to the target, which skips it when nothing is linked', async () => {
    const out = await deployBranch(target(), { gitBranch: 'feature/x-y', skipWhenNotLinked: true, dryRun: false });
    assert.equal(out.operation === 'skipped' && out.skipReason, 'not-linked');
    assert.deepEqual(out.notes, ['No DJ namespace demo.metrics.feature_x_y exists for git branch feature/x-y; nothing was deployed']);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
  });

  test('dry run: planned, no sync', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const out = await target().deploy!({ gitBranch: 'feature/x-y', skipWhenNotLinked: true, dryRun: true });
    assert.equal(out.operation, 'planned');
    assert.deepEqual(out.notes, ['Would deploy git branch feature/x-y: POST /namespaces/demo.metrics.feature_x_y/sync-from-git']);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
  });
});

describe('remove', () => {
  test('deleted: DELETE with delete_git_branch=false, node count reported, git branch kept', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y', [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const out = await target().remove({ gitBranch: 'feature/x-y', dryRun: false });
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')], ['DELETE /namespaces/demo.metrics/branches/demo.metrics.feature_x_y?delete_git_branch=false']);
    assert.equal(out.operation, 'deleted');
    assert.equal(out.operation === 'deleted' && out.dj?.nodesDeleted, 3);
    assert.deepEqual(out.notes, ['Deleted demo.metrics.feature_x_y (3 nodes)']);
    assert.equal(emu.namespace('demo.metrics.feature_x_y'), undefined);
    assert.ok(emu.gitBranches().includes('feature/x-y'));
  });

  test('explicit delete-git-branch asks DJ to delete the git branch too', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const out = await target().remove({ gitBranch: 'feature/x-y', dj: { deleteGitBranch: true }, dryRun: false });
    assert.equal(emu.log().at(-1), 'DELETE /namespaces/demo.metrics/branches/demo.metrics.feature_x_y?delete_git_branch=true');
    assert.ok(!emu.gitBranches().includes('feature/x-y'));
    assert.deepEqual(out.notes, ['Deleted demo.metrics.feature_x_y (1 node)', 'DJ deleted git branch feature/x-y']);
  });

  test('absent: a 404 look-up is success, no DELETE', async () => {
    const out = await target().remove({ gitBranch: 'gone', dryRun: false });
    assert.equal(out.operation, 'absent');
    assertLog([GET_ROOT, nsGit('demo.metrics.gone')]);
  });

  test('the default-branch namespace is refused', async () => {
    const err = await rejects(target().remove({ gitBranch: 'main', dryRun: false }), RefusedError);
    assert.match(err.message, /default-branch namespace/);
    assertLog([GET_ROOT, nsGit('demo.metrics.main')]);
    assert.ok(emu.namespace('demo.metrics.main'));
  });

  test('a namespace linked to another git branch is refused', async () => {
    seedLinked('demo.metrics.feature_x', 'feature-x');
    const err = await rejects(target().remove({ gitBranch: 'feature/x', dryRun: false }), RefusedError);
    assert.match(err.message, /'feature-x'.*'feature\/x'/);
    assert.ok(emu.namespace('demo.metrics.feature_x'));
    assert.ok(!emu.log().some(l => l.startsWith('DELETE')));
  });

  test('known entries from list(): no look-up; the root and the default namespace are refused without a request', async () => {
    seedLinked('demo.metrics.stale', 'stale');
    const branches = await target().list();
    emu.resetLog();
    const stale = branches.find(b => b.name === 'demo.metrics.stale')!;
    const out = await target().remove({ gitBranch: 'stale', dryRun: false, known: stale });
    assert.deepEqual(emu.log(), ['DELETE /namespaces/demo.metrics/branches/demo.metrics.stale?delete_git_branch=false']);
    assert.equal(out.operation, 'deleted');

    // Gone since the listing: the DELETE's 404 is "absent".
    const again = await target().remove({ gitBranch: 'stale', dryRun: false, known: stale });
    assert.equal(again.operation, 'absent');

    emu.resetLog();
    const main = branches.find(b => b.isDefault)!;
    await rejects(target().remove({ gitBranch: 'main', dryRun: false, known: main }), RefusedError);
    const root = { ...stale, name: ROOT };
    await rejects(target().remove({ gitBranch: 'stale', dryRun: false, known: root }), RefusedError);
    assert.deepEqual(emu.log(), []);
  });

  test('dry run: planned with the DELETE it would send', async () => {
    seedLinked('demo.metrics.feature_x_y', 'feature/x-y');
    const out = await target().remove({ gitBranch: 'feature/x-y', dryRun: true });
    assert.equal(out.operation, 'planned');
    assert.match(out.notes[0]!, /DELETE \/namespaces\/demo\.metrics\/branches\/demo\.metrics\.feature_x_y\?delete_git_branch=false/);
    assertLog([GET_ROOT, nsGit('demo.metrics.feature_x_y')]);
    assert.ok(emu.namespace('demo.metrics.feature_x_y'));
  });
});

describe('createWithGitBranch', () => {
  test('new git branch: the root checked, one POST, results are the copied nodes', async () => {
    const out = await target().createWithGitBranch!({ gitBranch: 'new-idea', dryRun: false });
    assert.deepEqual(emu.log(), [GET_ROOT, 'POST /namespaces/demo.metrics/branches']);
    assert.deepEqual(emu.requests[1]!.json, { branch_name: 'new-idea' });
    assert.equal(out.operation, 'created');
    assert.equal(out.name, 'demo.metrics.new_idea');
    assert.deepEqual(
      out.results.map(r => r.name),
      ['demo.metrics.new_idea.orders', 'demo.metrics.new_idea.revenue'],
    );
    assert.match(out.notes[0]!, /DJ copied 2 nodes \(2 created\)/);
    assert.ok(emu.gitBranches().includes('new-idea'));
  });

  test('409 and linked to the same git branch → unchanged', async () => {
    seedLinked('demo.metrics.new_idea', 'new-idea');
    emu.setGitBranches(['main']);
    const out = await target().createWithGitBranch!({ gitBranch: 'new-idea', dryRun: false });
    assert.deepEqual(emu.log(), [GET_ROOT, 'POST /namespaces/demo.metrics/branches', nsGit('demo.metrics.new_idea')]);
    assert.equal(out.operation, 'unchanged');
  });

  test('409 from a namespace of another git branch → collision', async () => {
    seedLinked('demo.metrics.new_idea', 'new_idea');
    emu.setGitBranches(['main']);
    const err = await rejects(target().createWithGitBranch!({ gitBranch: 'new-idea', dryRun: false }), RefusedError);
    assert.match(err.message, /'new_idea'.*'new-idea'/);
  });

  test('the git branch exists after all (422 Reference already exists): linked and deployed instead', async () => {
    const out = await target().createWithGitBranch!({ gitBranch: 'feature/x-y', dryRun: false });
    const log = emu.log();
    // The root's config is asked once and reused by the link that follows.
    assert.deepEqual(log.slice(0, 3), [GET_ROOT, 'POST /namespaces/demo.metrics/branches', nsGit('demo.metrics.feature_x_y')]);
    assert.deepEqual(log.slice(3), ['PATCH /namespaces/demo.metrics.feature_x_y/git', 'POST /namespaces/demo.metrics.feature_x_y/sync-from-git']);
    assert.equal(out.operation, 'created');
    assert.match(out.notes[0]!, /already exists, so it was linked/);
  });

  test('dry run: look-ups only', async () => {
    const out = await target().createWithGitBranch!({ gitBranch: 'new-idea', dryRun: true });
    assert.equal(out.operation, 'planned');
    assert.match(out.notes[0]!, /POST \/namespaces\/demo\.metrics\/branches \{"branch_name":"new-idea"\}/);
    assertLog([GET_ROOT, nsGit('demo.metrics.new_idea')]);
  });
});

describe('list', () => {
  test('default first, then alphabetical; counts and timestamps', async () => {
    emu.seedNamespace('demo.metrics.zeta', {
      git_branch: 'zeta',
      parent_namespace: ROOT,
      nodes: [
        { name: 'a', updatedAt: '2026-08-21T09:12:40.001Z' },
        { name: 'b', status: 'invalid', updatedAt: '2026-08-20T00:00:00.000Z' },
      ],
    });
    emu.seedNamespace('demo.metrics.alpha', { git_branch: 'alpha', parent_namespace: ROOT });
    emu.timestampsWithOffset = false;
    const branches = await target().list();
    assertLog([GET_ROOT, 'GET /namespaces/demo.metrics/branches']);
    assert.deepEqual(
      branches.map(b => [b.name, b.gitBranch, b.isDefault, b.nodes, b.invalidNodes]),
      [
        ['demo.metrics.main', 'main', true, 2, 0],
        ['demo.metrics.alpha', 'alpha', false, 0, 0],
        ['demo.metrics.zeta', 'zeta', false, 2, 1],
      ],
    );
    assert.equal(branches[1]!.lastUpdatedAt, null);
    assert.equal(branches[2]!.lastUpdatedAt, '2026-08-21T09:12:40.001Z', 'a timestamp without offset is UTC');
    assert.equal((branches[2]!.raw as { last_updated_at: string }).last_updated_at, '2026-08-21T09:12:40.001000');
  });

  test('a root that is not a git root is reported as such, not as an empty list', async () => {
    emu.seedNamespace('plain');
    await rejects(target('plain').list(), InputError);
  });
});

describe('parseTimestamp (DJ on SQLite drops the offset: read as UTC)', () => {
  const rows: [string | null, string | undefined][] = [
    ['2026-08-20T17:03:11.482913Z', '2026-08-20T17:03:11.482Z'],
    ['2026-08-20T17:03:11.482913', '2026-08-20T17:03:11.482Z'],
    ['2026-08-20T19:03:11+02:00', '2026-08-20T17:03:11.000Z'],
    ['2026-08-20T19:03:11+0200', '2026-08-20T17:03:11.000Z'],
    ['not a date', undefined],
    [null, undefined],
  ];
  for (const [input, expected] of rows) {
    test(String(input), () => {
      const ms = parseTimestamp(input);
      assert.equal(ms === undefined ? undefined : new Date(ms).toISOString(), expected);
    });
  }
});
