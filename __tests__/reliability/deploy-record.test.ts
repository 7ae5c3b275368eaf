/**
 * Reliability class "the deploy-once record describes what the namespace holds" (issue 19,
 * class 1): history rewritten under `deploy: changed` (a branch reset to its parent, an amended
 * commit), a branch reset to an older deployed commit, 150 statuses of other CI jobs on the
 * commit, two DJ servers for one root (staging and production), and records and comment markers
 * written by the earlier version. Every case runs dist/index.js against the emulators and counts
 * the deployments DJ saw.
 */
import { test, describe, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, MAIN_YAML, ROOT, DJ_TOKEN, type World } from '../../harness/world.js';
import { DJEmulator, type YamlNode } from '../../emulators/dj.js';
import { branchRefEvent, prEvent, pushEvent } from '../../harness/payloads.js';
import { stickyMarker } from '../../src/report/markdown.js';
import { serverIdentity } from '../../src/server-identity.js';
import { statusDescription, judgeRecords } from '../../src/report/commit-status.js';
import type { ActionRun } from '../../harness/run-action.js';
import { count } from './support.js';

const BRANCH = 'feature/record';
const NS = `${ROOT}.feature_record`;
const CONTEXT = `dj-branch-sync/${NS}`;
const sha = (c: string) => c.repeat(40);
const [MAIN0, A, B, C] = [sha('9'), sha('a'), sha('b'), sha('c')];
const WITH_NODE: YamlNode[] = [...MAIN_YAML, { name: '${prefix}net_revenue', type: 'metric', query: 'SUM(net)' }];

let w: World;
beforeEach(async () => {
  w = await startWorld();
  // The commit status as the record (SPEC §4.1's fallback), which these cases read; the check
  // run as the record runs the same rule (report/check-run-record.ts, dj-check-runs e2e).
  const run = w.run.bind(w);
  w.run = (name, payload, inputs = {}, ...rest) => run(name, payload, { checks: 'false', ...inputs }, ...rest);
});
afterEach(async () => {
  await w.stop();
});

/** Deployments (sync-from-git) DJ saw since the last reset. */
const deployments = (log = w.djLog()) => log.filter(l => /\/sync-from-git$/.test(l)).length;

/** Sets the branch on both sides to `head` with `yaml`, and delivers its push with `before`. */
async function push(head: string, before: string | undefined, yaml: YamlNode[], inputs: Record<string, string> = {}): Promise<ActionRun> {
  w.dj.setYaml(BRANCH, yaml);
  w.dj.setHead(BRANCH, head);
  w.resetLogs();
  const r = await w.run('push', { ...pushEvent(BRANCH, head), ...(before ? { before } : {}) }, inputs);
  assert.equal(r.exitCode, 0, r.stdout + r.stderr);
  return r;
}

/** The branch is created (create event): its namespace is made and `head` deployed and recorded. */
async function create(head: string, yaml: YamlNode[], inputs: Record<string, string> = {}): Promise<void> {
  w.dj.setYaml(BRANCH, yaml);
  w.dj.setHead(BRANCH, head);
  const r = await w.run('create', branchRefEvent('create', BRANCH), inputs);
  assert.equal(r.outputs.operation, 'created', r.stdout);
}

describe('deploy-once record: only a commit that descends from the deployed one is judged by its diff', () => {
  const changed = { deploy: 'changed' };

  beforeEach(() => {
    pushBranch(w, BRANCH, WITH_NODE, B);
    w.gh.addCommit(A, { parent: MAIN0, files: ['nodes/orders.yaml'] });
    w.gh.addCommit(B, { parent: A, files: ['nodes/net_revenue.yaml'] });
  });

  test('a force-push that resets the branch to its parent (compare: behind) deploys, and the namespace loses the node', async () => {
    count('record.cases');
    // A and B pushed at once: only B is deployed and recorded.
    await create(B, WITH_NODE, changed);
    assert.ok([...w.dj.namespace(NS)!.nodes.keys()].some(n => n.endsWith('net_revenue')));
    // Reset to A (B's parent): B...A has no files, but A is behind B.
    const reset = await push(A, B, MAIN_YAML, changed);
    assert.equal(deployments(), 1, `deployed again\n${reset.stdout}`);
    assert.ok(![...w.dj.namespace(NS)!.nodes.keys()].some(n => n.endsWith('net_revenue')), 'the node the branch deleted is gone');
    assert.equal(
      w.gh
        .statuses(A)
        .filter(s => s.context === CONTEXT)
        .at(-1)?.state,
      'success',
    );
    assert.doesNotMatch(w.gh.statuses(A).at(-1)!.description, /no changes/);
    count('record.held');
  });

  test('an amended commit (compare: diverged) deploys even when its own files are outside git_path', async () => {
    count('record.cases');
    await create(B, WITH_NODE, changed);
    // B amended into C: parent A, touches only the README, drops the node file.
    w.gh.addCommit(C, { parent: A, files: ['README.md'] });
    const amended = await push(C, B, MAIN_YAML, changed);
    assert.equal(deployments(), 1, amended.stdout);
    assert.equal(amended.outputs.operation, 'updated');
    assert.ok(![...w.dj.namespace(NS)!.nodes.keys()].some(n => n.endsWith('net_revenue')));
    count('record.held');
  });

  test('a descendant (compare: ahead) that touches nothing under git_path is still skipped', async () => {
    count('record.cases');
    await create(B, WITH_NODE, changed);
    w.gh.addCommit(C, { parent: B, files: ['README.md'] });
    const docs = await push(C, B, WITH_NODE, changed);
    assert.equal(deployments(), 0, docs.stdout);
    assert.equal(docs.outputs.operation, 'unchanged');
    count('record.held');
  });

  test('a branch reset to an older commit deployed before a newer one is deployed again (its record is stale)', async () => {
    count('record.cases');
    await create(A, MAIN_YAML);
    await push(B, A, WITH_NODE);
    assert.equal(deployments(), 1);
    assert.ok([...w.dj.namespace(NS)!.nodes.keys()].some(n => n.endsWith('net_revenue')));
    const reset = await push(A, B, MAIN_YAML);
    assert.equal(deployments(), 1, `A's record is older than B's: the namespace holds B\n${reset.stdout}`);
    assert.ok(![...w.dj.namespace(NS)!.nodes.keys()].some(n => n.endsWith('net_revenue')));
    // And the re-run of that push is deployed once only.
    const rerun = await push(A, B, MAIN_YAML);
    assert.equal(deployments(), 0, rerun.stdout);
    count('record.held');
  });

  test('the judge: only success records count, a newer record on the previous head wins, no files means deploy', () => {
    const cases: [Parameters<typeof judgeRecords>[0], string | null, boolean][] = [
      [{}, 'nodes', true],
      [{ head: { state: 'failure' } }, 'nodes', true],
      [{ head: { state: 'success', created_at: '2026-01-01T00:00:02Z' }, prev: { state: 'success', created_at: '2026-01-01T00:00:01Z' } }, 'nodes', false],
      [{ head: { state: 'success', created_at: '2026-01-01T00:00:01Z' }, prev: { state: 'success', created_at: '2026-01-01T00:00:02Z' } }, 'nodes', true],
      [{ prev: { state: 'success' } }, 'nodes', true],
      [{ prev: { state: 'success' }, files: ['README.md'] }, 'nodes', false],
      [{ prev: { state: 'success' }, files: ['nodes/x.yaml'] }, 'nodes', true],
      [{ prev: { state: 'failure' }, files: [] }, 'nodes', true],
      [{ prev: { state: 'success' }, files: [] }, null, true],
    ];
    for (const [read, gitPath, deploy] of cases) {
      count('record.cases');
      assert.equal(judgeRecords(read, gitPath).deploy, deploy, JSON.stringify(read));
      count('record.held');
    }
  });
});

describe('deploy-once record: statuses of other jobs never hide ours', () => {
  test('150 statuses of other CI jobs written after ours: the commit is still deployed once', async () => {
    count('record.cases');
    pushBranch(w, BRANCH, MAIN_YAML, A);
    await create(A, MAIN_YAML);
    for (let i = 0; i < 150; i++) w.gh.addStatus(A, { context: `ci/job-${i}`, description: `job ${i}` });
    const again = await push(A, undefined, MAIN_YAML);
    assert.equal(deployments(), 0, again.stdout);
    assert.equal(again.outputs.operation, 'unchanged');
    assert.ok(
      w.ghLog().some(l => l.includes('/statuses?') && l.includes('page=2')),
      JSON.stringify(w.ghLog()),
    );
    count('record.held');
  });
});

describe('deploy-once record and sticky comment: two DJ servers for one root', () => {
  let prod: DJEmulator;
  beforeEach(async () => {
    prod = new DJEmulator();
    prod.seedRoot(ROOT, {
      repo: 'acme/dj-definitions',
      defaultBranch: 'main',
      nodes: MAIN_YAML.map(n => ({ name: n.name.replace('${prefix}', ''), type: n.type, query: n.query })),
    });
    prod.setYaml('main', MAIN_YAML);
    prod.addToken(DJ_TOKEN);
    await prod.start();
    pushBranch(w, BRANCH, MAIN_YAML, A);
    prod.addGitBranch(BRANCH);
    prod.setYaml(BRANCH, MAIN_YAML);
    prod.setHead(BRANCH, A);
  });
  afterEach(async () => {
    await prod.stop();
  });

  test('staging deploys a commit first; production still deploys it, and each re-run skips on its own record', async () => {
    count('record.cases');
    const onProd = { 'dj-url': prod.url };
    await create(A, MAIN_YAML);
    prod.resetLog();
    const p = await w.run('create', branchRefEvent('create', BRANCH), onProd);
    assert.equal(p.outputs.operation, 'created', p.stdout);
    // Staging deploys B first; production's push of B must deploy it all the same.
    w.gh.addCommit(B, { parent: A, files: ['nodes/orders.yaml'] });
    prod.setHead(BRANCH, B);
    await push(B, A, MAIN_YAML);
    assert.equal(deployments(), 1);
    prod.resetLog();
    const p2 = await push(B, A, MAIN_YAML, onProd);
    assert.equal(deployments(prod.log()), 1, `production deploys what staging deployed first\n${p2.stdout}`);
    const records = w.gh.statuses(B).filter(s => s.context === CONTEXT);
    assert.equal(records.length, 2, 'one record per server, the context unchanged');
    assert.deepEqual(
      records.map(s => / · on (\S+) · run/.exec(s.description)?.[1] ?? / · on (\S+)$/.exec(s.description)?.[1]),
      [serverIdentity(w.dj.url), serverIdentity(prod.url)],
    );
    prod.resetLog();
    await push(B, A, MAIN_YAML, onProd);
    await push(B, A, MAIN_YAML);
    assert.equal(deployments() + deployments(prod.log()), 0, 'each re-run finds its own record');
    count('record.held');
  });

  test('a record of the earlier version (no server named) still counts', async () => {
    count('record.cases');
    // The namespace exists (linked by an earlier run), and A carries a record of the earlier version.
    w.dj.seedNamespace(NS, { git_branch: BRANCH, parent_namespace: ROOT, nodes: [{ name: 'orders' }] });
    w.gh.addStatus(A, { context: CONTEXT, description: statusDescription('4 nodes: 4 created', '17') });
    const r = await push(A, undefined, MAIN_YAML);
    assert.equal(deployments(), 0, r.stdout);
    assert.equal(r.outputs.operation, 'unchanged');
    count('record.held');
  });

  test('a pull request gets one comment per server; a comment under the earlier marker is taken over, not duplicated', async () => {
    count('record.cases');
    const pr = 31;
    const legacy = w.gh.addComment(pr, 'github-actions[bot]', `${stickyMarker('dj', NS)}\n<!-- dj-branch-sync-digest:000000000000 -->\n\nan older report`);
    const opened = prEvent('opened', BRANCH, { number: pr, sha: A });
    w.resetLogs();
    assert.equal((await w.run('pull_request', opened)).exitCode, 0);
    const afterStaging = w.gh.comments(pr);
    assert.equal(afterStaging.length, 1, 'the earlier comment was edited in place');
    assert.equal(afterStaging[0]!.id, legacy.id);
    assert.ok(afterStaging[0]!.body.startsWith(stickyMarker('dj', NS, serverIdentity(w.dj.url))));
    assert.equal((await w.run('pull_request', opened, { 'dj-url': prod.url })).exitCode, 0);
    assert.equal(w.gh.comments(pr).length, 2, "production's own comment beside staging's");
    assert.equal(w.gh.comments(pr).find(c => c.id === legacy.id)!.body, afterStaging[0]!.body, "staging's comment untouched by production");
    // Re-runs edit their own.
    assert.equal((await w.run('pull_request', opened, { 'dj-url': prod.url })).exitCode, 0);
    assert.equal((await w.run('pull_request', opened)).exitCode, 0);
    assert.equal(w.gh.comments(pr).length, 2);
    count('record.held');
  });

  test("the server identity is the host, never the URL's credentials, path or query", () => {
    const cases: [string, string | undefined][] = [
      ['https://user:pass@DJ.Example.com/api?x=1', 'dj.example.com'],
      ['https://dj.example.com:443/', 'dj.example.com'],
      ['http://127.0.0.1:8000', '127.0.0.1:8000'],
      ['http://[::1]:8000/', '[::1]:8000'],
      ['not a url', undefined],
    ];
    for (const [url, host] of cases) {
      count('record.cases');
      assert.equal(serverIdentity(url), host);
      count('record.held');
    }
    const long = serverIdentity(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.example.com`)!;
    assert.ok(long.length <= 60 && statusDescription('x'.repeat(200), '123456789012', long).length <= 140);
  });
});
