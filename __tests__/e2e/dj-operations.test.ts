/**
 * Explicit operations (SPEC §4, issue 4) through dist/index.js: create through DJ, delete with
 * and without the git branch, sync, list, and prune over 300 namespaces and 1,000 repository
 * branches with an injected failure and a dry run.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { example, setRepo } from '../../harness/payloads.js';

const ENC = encodeURIComponent;
const dispatch = () => {
  const p = example('workflow_dispatch');
  setRepo(p, 'acme/dj-definitions');
  return p;
};
const schedule = () => ({ schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } });
const OLD = '2026-01-01T00:00:00Z';

describe('explicit operations through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  test('create for a git branch that does not exist: DJ creates it (POST /branches) and reports deployment_results', async () => {
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/brand-new' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, `${ROOT}.feature_brand_new`);
    const results = JSON.parse(r.outputs.results!) as { name: string; status: string }[];
    assert.equal(results.length, 4, 'the four nodes of main were copied');
    assert.ok(results.every(x => x.name.startsWith(`${ROOT}.feature_brand_new.`)));
    assert.deepEqual(w.ghLog(), [`GET /repos/acme/dj-definitions/branches/${ENC('feature/brand-new')}`]);
    assert.deepEqual(w.djLog(), [`GET /namespaces/${ENC(ROOT)}/git`, `POST /namespaces/${ENC(ROOT)}/branches`]);
    assert.deepEqual(w.dj.requests[1]!.json, { branch_name: 'feature/brand-new' });
    assert.ok(w.dj.gitBranches().includes('feature/brand-new'), 'DJ made the git branch');
    assert.equal(w.dj.namespace(`${ROOT}.feature_brand_new`)?.git_branch, 'feature/brand-new');
  });

  test('create for a git branch that exists: link and deploy, never POST /branches', async () => {
    pushBranch(w, 'feature/exists');
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/exists' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.ok(!w.djLog().some(l => l.startsWith('POST') && l.endsWith('/branches')), JSON.stringify(w.djLog()));
    assert.ok(w.djLog().some(l => l.startsWith('PATCH')));
    w.resetLogs();
    const again = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/exists' });
    assert.equal(again.exitCode, 0);
    assert.equal(again.outputs.operation, 'updated');
  });

  test('sync deploys a linked branch again; an unlinked one fails clearly', async () => {
    pushBranch(w, 'feature/syncme');
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/syncme' });
    w.resetLogs();
    const ns = `${ROOT}.feature_syncme`;
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'sync', branch: 'feature/syncme' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.deepEqual(w.djLog().slice(0, 2).sort(), [`GET /namespaces/${ENC(ROOT)}/git`, `GET /namespaces/${ENC(ns)}/git`].sort());
    assert.deepEqual(w.djLog().slice(2), [`POST /namespaces/${ENC(ns)}/sync-from-git`]);
    const bad = await w.run('workflow_dispatch', dispatch(), { operation: 'sync', branch: 'feature/nothing-here' });
    assert.equal(bad.exitCode, 1);
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!, /feature_nothing_here/);
  });

  test('sync of the default branch is allowed', async () => {
    const r = await w.run('workflow_dispatch', dispatch(), { operation: 'sync', branch: 'main' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'updated');
    assert.equal(r.outputs.namespace, `${ROOT}.main`);
  });

  test('delete keeps the git branch by default; delete-git-branch: true lets DJ delete it; twice is absent', async () => {
    pushBranch(w, 'feature/del-a');
    pushBranch(w, 'feature/del-b');
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/del-a' });
    await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/del-b' });
    w.resetLogs();
    const a = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-a' });
    assert.equal(a.exitCode, 0, a.stdout);
    assert.equal(a.outputs.operation, 'deleted');
    assert.ok(w.djLog().includes(`DELETE /namespaces/${ENC(ROOT)}/branches/${ENC(`${ROOT}.feature_del_a`)}?delete_git_branch=false`));
    assert.ok(w.dj.gitBranches().includes('feature/del-a'));

    w.resetLogs();
    const b = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-b', 'delete-git-branch': 'true' });
    assert.equal(b.exitCode, 0, b.stdout);
    assert.equal(b.outputs.operation, 'deleted');
    assert.ok(w.djLog().includes(`DELETE /namespaces/${ENC(ROOT)}/branches/${ENC(`${ROOT}.feature_del_b`)}?delete_git_branch=true`));
    assert.ok(!w.dj.gitBranches().includes('feature/del-b'), 'DJ deleted the git branch');

    const again = await w.run('workflow_dispatch', dispatch(), { operation: 'delete', branch: 'feature/del-b', 'delete-git-branch': 'true' });
    assert.equal(again.exitCode, 0);
    assert.equal(again.outputs.operation, 'absent');
  });

  test('delete-git-branch outside operation delete is an input error, nothing sent', async () => {
    const r = await w.run(
      'delete',
      { ref: 'feature/x', ref_type: 'branch', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } },
      { 'delete-git-branch': 'true' },
    );
    assert.equal(r.exitCode, 1);
    assert.match(r.errors[0]!, /delete-git-branch/);
    assert.deepEqual(w.djLog(), []);
  });

  test('list: branches output in DJ order (default first) and a summary table', async () => {
    const r = await w.run('schedule', schedule(), { operation: 'list' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'listed');
    const branches = JSON.parse(r.outputs.branches!) as { namespace: string; git_branch: string; num_nodes: number }[];
    assert.equal(branches[0]!.namespace, `${ROOT}.main`);
    const rest = branches.slice(1).map(b => b.namespace);
    assert.deepEqual(rest, [...rest].sort());
    assert.ok(branches.length >= 2);
    assert.match(r.summary, /\| *Namespace[^|]*\| *Git branch *\| *Nodes *\| *Invalid nodes *\| *Last updated/i);
    for (const b of branches) assert.ok(r.summary.includes(b.namespace.replace(/_/g, '\\_')), b.namespace);
    assert.deepEqual(w.djLog().sort(), [`GET /namespaces/${ENC(ROOT)}/branches`, `GET /namespaces/${ENC(ROOT)}/git`].sort());
  });
});

describe('prune through dist/index.js: 300 namespaces, 1,000 repository branches', () => {
  let w: World;
  const live: string[] = [];
  const gone: string[] = [];
  const recent: string[] = [];
  const ignored: string[] = [];
  const empty: string[] = [];
  before(async () => {
    w = await startWorld();
    const seed = (branch: string, updatedAt: string | null) =>
      w.dj.seedNamespace(`${ROOT}.${branch.replace(/[-/]/g, '_')}`, {
        git_branch: branch,
        parent_namespace: ROOT,
        nodes: updatedAt ? [{ name: 'orders', updatedAt }] : [],
      });
    for (let i = 0; i < 100; i++) live.push(`feature/live-${i}`);
    for (let i = 0; i < 150; i++) gone.push(`feature/gone-${i}`);
    for (let i = 0; i < 20; i++) recent.push(`feature/recent-${i}`);
    for (let i = 0; i < 10; i++) ignored.push(`keep/old-${i}`);
    for (let i = 0; i < 20; i++) empty.push(`feature/empty-${i}`);
    for (const b of [...live, ...gone, ...ignored]) seed(b, OLD);
    for (const b of recent) seed(b, new Date().toISOString());
    for (const b of empty) seed(b, null);
    const repoBranches = [...live];
    for (let i = 0; repoBranches.length < 999; i++) repoBranches.push(`other/branch-${i}`);
    w.gh.addBranches(repoBranches);
  });
  after(async () => {
    await w.stop();
  });

  test('dry-run: lists what would go, sends no DELETE', async () => {
    const r = await w.run('schedule', schedule(), { operation: 'prune', 'dry-run': 'true', 'ignore-branches': 'keep/**' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'planned');
    const pruned = JSON.parse(r.outputs.pruned!) as string[];
    const expected = [...gone, ...empty].map(b => `${ROOT}.${b.replace(/[-/]/g, '_')}`).sort();
    assert.deepEqual(pruned, expected);
    assert.ok(!w.djLog().some(l => l.startsWith('DELETE')));
    const pages = w.ghLog().filter(l => l.includes('/branches?'));
    // Each candidate's git branch is then asked for by name (a listing may miss a live one).
    assert.ok(w.ghLog().filter(l => /\/branches\/[^?]+$/.test(l)).length > 0, 'candidates confirmed by name');
    assert.equal(pages.length, 10, `1,000 branches are 10 pages: ${pages.join(', ')}`);
    assert.equal(JSON.parse(r.outputs.branches!).length, 301);
  });

  test('prune: deletes the 170 gone namespaces except one that fails; the step fails at the end; the rest stay', async () => {
    const failing = `${ROOT}.feature_gone_7`;
    w.dj.addFault({ method: 'DELETE', path: `/namespaces/${ENC(ROOT)}/branches/${ENC(failing)}`, status: 500, body: { detail: 'Internal Server Error' }, times: Infinity });
    w.resetLogs();
    const r = await w.run('schedule', schedule(), { operation: 'prune', 'ignore-branches': 'keep/**' });
    assert.equal(r.exitCode, 1, 'one failed deletion fails the step');
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /feature_gone_7/);
    const pruned = JSON.parse(r.outputs.pruned!) as string[];
    assert.equal(pruned.length, 169);
    assert.ok(!pruned.includes(failing));
    const deletes = w.djLog().filter(l => l.startsWith('DELETE'));
    assert.equal(deletes.length, 170, 'each candidate got exactly one DELETE (a 500 is not retried)');
    assert.ok(deletes.every(l => l.endsWith('delete_git_branch=false')));
    assert.ok(w.dj.namespace(failing));
    for (const b of [...live, ...recent, ...ignored]) assert.ok(w.dj.namespace(`${ROOT}.${b.replace(/[-/]/g, '_')}`), b);
    assert.ok(w.dj.namespace(`${ROOT}.main`), 'the default-branch namespace is never pruned');
    for (const b of gone.filter(g => g !== 'feature/gone-7')) assert.equal(w.dj.namespace(`${ROOT}.${b.replace(/[-/]/g, '_')}`), undefined, b);
    assert.match(r.summary, /feature\\?_gone\\?_7/);

    w.dj.clearFaults();
    w.resetLogs();
    const rerun = await w.run('schedule', schedule(), { operation: 'prune', 'ignore-branches': 'keep/**' });
    assert.equal(rerun.exitCode, 0, rerun.stdout);
    assert.deepEqual(JSON.parse(rerun.outputs.pruned!), [failing]);
  });
});
