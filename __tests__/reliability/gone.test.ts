/**
 * Reliability class "prune and delete act on what is gone, not on what a listing missed"
 * (issue 19, class 2): a branch deleted while prune pages through the listing (page 2 shifts by
 * one), a proxy that strips `Link` headers, a branch look-up that fails, and a `delete` event
 * whose branch was pushed again. Every case runs dist/index.js and checks which namespaces are
 * left.
 */
import { test, describe, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { DJEmulator } from '../../emulators/dj.js';
import { GitHubEmulator } from '../../emulators/github.js';
import { runAction, type ActionRun } from '../../harness/run-action.js';
import { branchRefEvent, setRepo } from '../../harness/payloads.js';
import { count, oneClearError } from './support.js';

const ROOT = 'demo.metrics';
const REPO = 'acme/dj-definitions';
const DJ_TOKEN = 'dj-token-for-gone-cases';
const GH_TOKEN = 'ghs_gonetoken0123456789';
const OLD = '2026-01-01T00:00:00Z';
/** 150 live branches: the listing takes two pages of 100. */
const LIVE = Array.from({ length: 150 }, (_, i) => `live/b${String(i).padStart(3, '0')}`);
const nsOf = (b: string) => `${ROOT}.${b.replace(/[-/]/g, '_')}`;

let dj: DJEmulator;
let gh: GitHubEmulator;

/** Namespaces for `withNamespace` (plus the orphan `gone/old`), and GitHub listing main + LIVE. */
async function world(withNamespace: string[]): Promise<void> {
  dj = new DJEmulator();
  gh = new GitHubEmulator({ owner: 'acme', repo: 'dj-definitions' });
  dj.seedRoot(ROOT, { repo: REPO, defaultBranch: 'main', nodes: [{ name: 'orders', type: 'source' }] });
  dj.addToken(DJ_TOKEN);
  gh.addToken(GH_TOKEN, { kind: 'workflow' });
  gh.addBranches(['main', ...LIVE]);
  for (const b of [...withNamespace, 'gone/old']) {
    dj.addGitBranch(b);
    dj.seedNamespace(nsOf(b), { git_branch: b, parent_namespace: ROOT, nodes: [{ name: 'orders', updatedAt: OLD }] });
  }
  await Promise.all([dj.start(), gh.start()]);
}

afterEach(async () => {
  await Promise.all([dj.stop(), gh.stop()]);
});

function run(eventName: string, payload: unknown, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    eventName,
    payload,
    inputs: { 'dj-url': dj.url, namespace: ROOT, 'dj-token': DJ_TOKEN, 'github-token': GH_TOKEN, ...inputs },
    env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: REPO },
  });
}

const schedule = () => {
  const p: Record<string, unknown> = { schedule: '17 3 * * *' };
  setRepo(p, REPO);
  return p;
};

describe('prune confirms each candidate is gone', () => {
  // The branch listed first on page 2 (index 100 of main + LIVE) is the one a shift hides.
  const SHIFTED = LIVE[99]!;
  beforeEach(() => world([SHIFTED, LIVE[0]!, LIVE[149]!]));

  test('a branch deleted while the listing is paged: the live branch page 2 lost keeps its namespace', async () => {
    count('gone.cases');
    gh.beforePage = (path, page) => {
      if (path.endsWith('/branches') && page === 2) gh.removeBranch(LIVE[10]!);
    };
    const r = await run('schedule', schedule(), { operation: 'prune' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.outputs.pruned!), [nsOf('gone/old')]);
    assert.ok(dj.namespace(nsOf(SHIFTED)), `${SHIFTED} kept\n${r.stdout}`);
    assert.match(r.stdout, /kept, git branch exists \(asked by name\)/);
    assert.ok(
      gh.log().some(l => l.startsWith('GET /repos/acme/dj-definitions/branches/live%2Fb099')),
      gh.log().join('\n'),
    );
    count('gone.held');
  });

  test('a proxy that strips Link headers: the next page is asked for by number, nothing live is lost', async () => {
    count('gone.cases');
    gh.stripLinkHeaders = true;
    const r = await run('schedule', schedule(), { operation: 'prune' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.outputs.pruned!), [nsOf('gone/old')]);
    assert.ok(
      gh.log().some(l => /\/branches\?per_page=100&page=2$/.test(l)),
      gh.log().join('\n'),
    );
    for (const b of [SHIFTED, LIVE[0]!, LIVE[149]!]) assert.ok(dj.namespace(nsOf(b)));
    count('gone.held');
  });

  test('a listing that never ends is refused: nothing deleted', async () => {
    count('gone.cases');
    // Every page says there is a next one, pointing at itself.
    gh.addFault({
      method: 'GET',
      path: '/repos/acme/dj-definitions/branches*',
      times: Infinity,
      status: 200,
      body: Array.from({ length: 100 }, (_, i) => ({ name: `loop/${i}`, commit: { sha: 'a'.repeat(40), url: 'x' }, protected: false })),
      headers: { link: `<${gh.apiUrl}/repos/acme/dj-definitions/branches?per_page=100&page=2>; rel="next"` },
    });
    const r = await run('schedule', schedule(), { operation: 'prune' });
    oneClearError(r);
    assert.ok(
      dj.log().every(l => !l.startsWith('DELETE')),
      dj.log().join('\n'),
    );
    count('gone.held');
  });

  test('a candidate whose look-up fails is kept and named as a failure', async () => {
    count('gone.cases');
    gh.addFault({ method: 'GET', path: '/repos/acme/dj-definitions/branches/gone%2Fold', times: Infinity, status: 500, body: { message: 'Server Error' } });
    const r = await run('schedule', schedule(), { operation: 'prune', retries: '0' });
    assert.ok(dj.namespace(nsOf('gone/old')), r.stdout);
    assert.deepEqual(JSON.parse(r.outputs.pruned!), []);
    assert.match(r.stdout, /could not be told/);
    count('gone.held');
  });
});

describe('a delete event checks the branch is gone', () => {
  beforeEach(() => world([LIVE[0]!]));

  test('the branch was pushed again: its namespace stays, and the run says why', async () => {
    count('gone.cases');
    const r = await run('delete', branchRefEvent('delete', LIVE[0]!, REPO));
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'unchanged');
    assert.ok(dj.namespace(nsOf(LIVE[0]!)));
    assert.match(r.summary, /exists again/);
    assert.ok(dj.log().every(l => !l.startsWith('DELETE')));
    count('gone.held');
  });

  test('the branch is gone: deleted as before', async () => {
    count('gone.cases');
    const r = await run('delete', branchRefEvent('delete', 'gone/old', REPO));
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.operation, 'deleted');
    assert.equal(dj.namespace(nsOf('gone/old')), undefined);
    count('gone.held');
  });

  test('the look-up fails: one clear error, the namespace stays', async () => {
    count('gone.cases');
    gh.addFault({ method: 'GET', path: '/repos/acme/dj-definitions/branches/gone%2Fold', times: Infinity, status: 500, body: { message: 'Server Error' } });
    const r = await run('delete', branchRefEvent('delete', 'gone/old', REPO), { retries: '0' });
    assert.match(oneClearError(r), /was not deleted/);
    assert.ok(dj.namespace(nsOf('gone/old')));
    count('gone.held');
  });
});
