/**
 * Reliability class "data loss": runs for another repository than the one the DJ root follows,
 * listings that cannot be trusted, and ref names that could be taken apart into another
 * branch's name. Every case runs dist/index.js and checks that no namespace of a live branch
 * is touched (and, where the action is told to act, that exactly the named one is).
 */
import { test, describe, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { DJEmulator } from '../../emulators/dj.js';
import { GitHubEmulator } from '../../emulators/github.js';
import { runAction, type ActionRun } from '../../harness/run-action.js';
import { branchRefEvent, prEvent, pushEvent, setRepo } from '../../harness/payloads.js';
import { count, oneClearError } from './support.js';

const ROOT = 'demo.metrics';
const REPO = 'acme/dj-definitions';
const OPS = 'acme/ops';
const DJ_TOKEN = 'dj-token-for-data-loss-cases';
const GH_TOKEN = 'ghs_datalosstoken0123456789';
const OLD = '2026-01-01T00:00:00Z';
const LIVE = ['feature/a', 'feature/b', 'fix/c'];

let dj: DJEmulator;
let gh: GitHubEmulator;

/** A DJ root following REPO with a namespace per live branch plus one orphan, and a GitHub emulator for `ghRepo`. */
async function world(ghRepo: string, ghBranches: string[]): Promise<void> {
  dj = new DJEmulator();
  const [owner, name] = ghRepo.split('/');
  gh = new GitHubEmulator({ owner, repo: name });
  dj.seedRoot(ROOT, { repo: REPO, defaultBranch: 'main', nodes: [{ name: 'orders', type: 'source' }] });
  dj.addToken(DJ_TOKEN);
  gh.addToken(GH_TOKEN, { kind: 'workflow' });
  gh.addBranches(ghBranches);
  for (const b of [...LIVE, 'gone/old']) {
    dj.addGitBranch(b);
    dj.seedNamespace(`${ROOT}.${b.replace(/[-/]/g, '_')}`, { git_branch: b, parent_namespace: ROOT, nodes: [{ name: 'orders', updatedAt: OLD }] });
  }
  await Promise.all([dj.start(), gh.start()]);
}

function run(eventName: string, payload: unknown, repo: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    eventName,
    payload,
    inputs: { 'dj-url': dj.url, namespace: ROOT, 'dj-token': DJ_TOKEN, 'github-token': GH_TOKEN, ...inputs },
    env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: repo },
  });
}

/** No request that changes state reached DJ, and every live namespace is still there. */
function nothingChanged(r: ActionRun): void {
  const changes = dj.log().filter(l => !l.startsWith('GET '));
  assert.deepEqual(changes, [], `no DJ request that changes state\n${r.stdout}`);
  for (const b of [...LIVE, 'gone/old']) assert.ok(dj.namespace(`${ROOT}.${b.replace(/[-/]/g, '_')}`), `${b}'s namespace is still there`);
}

const schedule = (repo: string) => {
  const p: Record<string, unknown> = { schedule: '17 3 * * *' };
  setRepo(p, repo);
  return p;
};

afterEach(async () => {
  await Promise.all([dj.stop(), gh.stop()]);
});

describe('data loss: a run for another repository than the root follows', () => {
  beforeEach(() => world(OPS, ['main']));

  test.each([
    ['prune from an ops repository', 'schedule', () => schedule(OPS), { operation: 'prune' }],
    ['prune dry-run from an ops repository', 'schedule', () => schedule(OPS), { operation: 'prune', 'dry-run': 'true' }],
    ['list from an ops repository', 'schedule', () => schedule(OPS), { operation: 'list' }],
    ['delete event in another repository', 'delete', () => branchRefEvent('delete', 'feature/a', OPS), {}],
    ['push in another repository', 'push', () => pushEvent('feature/a', undefined, OPS), {}],
    ['pull request opened in another repository', 'pull_request', () => prEvent('opened', 'feature/a', { repo: OPS }), {}],
    ['pull request closed in another repository', 'pull_request', () => prEvent('closed', 'feature/b', { repo: OPS }), {}],
    ['explicit delete from another repository', 'workflow_dispatch', () => schedule(OPS), { operation: 'delete', branch: 'fix/c' }],
    ['explicit create from another repository', 'workflow_dispatch', () => schedule(OPS), { operation: 'create', branch: 'feature/new' }],
  ] as const)('%s is refused with one clear error, nothing changed', async (_name, eventName, payload, inputs) => {
    count('dataLoss.cases');
    const r = await run(eventName, payload(), OPS, { ...inputs });
    const error = oneClearError(r);
    assert.match(error, /follows repository acme\/dj-definitions/);
    assert.match(error, /acme\/ops/);
    assert.match(error, /allow-other-repository/);
    nothingChanged(r);
    // The pull request hears about the refusal in its comment; nothing else is written.
    assert.ok(
      !gh.log().some(l => /^(POST|PATCH|DELETE)/.test(l) && !/\/issues\/\d+\/comments$/.test(l) && l !== 'POST /graphql'),
      `no GitHub write (the identity query POST /graphql reads)\n${gh.log().join('\n')}`,
    );
    count('dataLoss.held');
  });

  test('a root whose repository differs only in case is the same repository', async () => {
    count('dataLoss.cases');
    // GitHub serves the root's repository here: the delete event asks it whether the branch is
    // back and whether its pull request carries the keep label (an unanswered look-up keeps).
    await Promise.all([dj.stop(), gh.stop()]);
    await world(REPO, ['main']);
    dj.namespace(ROOT)!.github_repo_path = 'ACME/DJ-Definitions';
    const r = await run('delete', branchRefEvent('delete', 'gone/old', REPO), REPO);
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'deleted');
    count('dataLoss.held');
  });
});

describe('data loss: allow-other-repository lists the root repository', () => {
  beforeEach(() => world(REPO, ['main', ...LIVE]));

  test('prune from an ops repository with allow-other-repository: only the orphan goes, judged by the root repository', async () => {
    count('dataLoss.cases');
    const r = await run('schedule', schedule(OPS), OPS, { operation: 'prune', 'allow-other-repository': 'true' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.outputs.pruned!), [`${ROOT}.gone_old`]);
    assert.ok(
      gh.log().some(l => l.startsWith('GET /repos/acme/dj-definitions/branches')),
      gh.log().join('\n'),
    );
    for (const b of LIVE) assert.ok(dj.namespace(`${ROOT}.${b.replace(/[-/]/g, '_')}`), `${b} kept`);
    count('dataLoss.held');
  });

  test('explicit create with allow-other-repository asks the root repository whether the branch exists', async () => {
    count('dataLoss.cases');
    gh.addBranches(['feature/d']);
    dj.addGitBranch('feature/d');
    const r = await run('workflow_dispatch', schedule(OPS), OPS, { operation: 'create', branch: 'feature/d', 'allow-other-repository': 'true', deploy: 'none' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.deepEqual(gh.log(), [`GET /repos/acme/dj-definitions/branches/${encodeURIComponent('feature/d')}`]);
    assert.ok(!dj.log().some(l => l.startsWith('POST') && l.endsWith('/branches')), 'linked, not created through DJ');
    count('dataLoss.held');
  });
});

describe('data loss: a branch listing that cannot be trusted', () => {
  test.each([
    ['GitHub lists no branches at all', [] as string[]],
    ['GitHub lists branches but not the default branch', ['feature/a']],
  ])('%s: prune is refused, nothing deleted', async (_name, branches) => {
    count('dataLoss.cases');
    await world(REPO, branches);
    const r = await run('schedule', schedule(REPO), REPO, { operation: 'prune' });
    const error = oneClearError(r);
    assert.match(error, /Nothing was pruned/);
    nothingChanged(r);
    count('dataLoss.held');
  });
});

describe('data loss: ref names are taken apart once', () => {
  beforeEach(() => world(REPO, ['main', ...LIVE]));

  // A branch may be called `refs/heads/feature/a`: its namespace is demo.metrics.refs_heads_feature_a,
  // never feature/a's.
  test.each([
    ['delete event of a branch named refs/heads/feature/a', 'delete', () => branchRefEvent('delete', 'refs/heads/feature/a'), `${ROOT}.refs_heads_feature_a`, {}],
    ['delete event of a branch named refs/tags/fix/c', 'delete', () => branchRefEvent('delete', 'refs/tags/fix/c'), `${ROOT}.refs_tags_fix_c`, {}],
    ['pull request closed, head branch refs/heads/feature/b', 'pull_request', () => prEvent('closed', 'refs/heads/feature/b'), `${ROOT}.refs_heads_feature_b`, {}],
    [
      'explicit delete of refs/heads/refs/heads/feature/a',
      'workflow_dispatch',
      () => schedule(REPO),
      `${ROOT}.refs_heads_feature_a`,
      { operation: 'delete', branch: 'refs/heads/refs/heads/feature/a' },
    ],
  ] as const)('%s acts on exactly that branch: absent, the other namespace kept', async (_name, eventName, payload, expected, inputs) => {
    count('dataLoss.cases');
    const r = await run(eventName, payload(), REPO, { ...inputs });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.namespace, expected);
    assert.equal(r.outputs.operation, 'absent');
    nothingChanged(r);
    count('dataLoss.held');
  });

  test('create event of a branch named refs/heads/feature/a links its own namespace, not feature/a', async () => {
    count('dataLoss.cases');
    dj.addGitBranch('refs/heads/feature/a');
    const r = await run('create', branchRefEvent('create', 'refs/heads/feature/a'), REPO, { deploy: 'none' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(dj.namespace(`${ROOT}.refs_heads_feature_a`)?.git_branch, 'refs/heads/feature/a');
    assert.equal(dj.namespace(`${ROOT}.feature_a`)?.git_branch, 'feature/a');
    count('dataLoss.held');
  });

  test.each([
    ['a tag ref', 'refs/tags/v1'],
    ['a pull-request ref', 'refs/pull/7/merge'],
  ])('input branch that is %s is an input error, nothing sent', async (_name, branch) => {
    count('dataLoss.cases');
    const r = await run('workflow_dispatch', schedule(REPO), REPO, { operation: 'delete', branch });
    assert.match(oneClearError(r), /Input error: Input 'branch'/);
    assert.deepEqual(dj.log(), []);
    count('dataLoss.held');
  });

  test('a push of a ref that is neither a branch nor a tag deploys nothing', async () => {
    count('dataLoss.cases');
    const p = pushEvent('x');
    p.ref = 'refs/pull/7/merge';
    const r = await run('push', p, REPO);
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'skipped');
    assert.deepEqual(dj.log(), []);
    count('dataLoss.held');
  });

  test('a branch name with Unicode whitespace around it is refused, not mapped onto the trimmed branch', async () => {
    count('dataLoss.cases');
    const r = await run('delete', branchRefEvent('delete', '\u00a0feature/a'), REPO);
    assert.match(oneClearError(r), /whitespace/);
    nothingChanged(r);
    count('dataLoss.held');
  });
});
