/**
 * The check run (SPEC §12) through dist/index.js, against the git-backed GitHub emulator and
 * either DJ backend: `dj / <root>` on the commit DJ deployed, completed with the verdict, an
 * annotation at the `name:` line of every failed or invalid node's YAML file (50 per request),
 * the level by `fail-on`; nothing more for a commit already deployed; one warning for a token
 * that cannot write check runs, and the commit status as before.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from './counted-assert.js';
import { startDjWorld, type DjWorld } from '../../harness/dj-world.js';
import { branchRefEvent, prEvent, pushEvent } from '../../harness/payloads.js';

/** A node file whose `name:` is on line 3 (after a comment and a blank line), reading a node nobody defined: invalid. */
function brokenNode(i: number): string {
  return `# metric ${i}: reads a node that does not exist\n\nname: \${prefix}broken_${i}\nnode_type: metric\ndescription: Broken ${i}\nquery: SELECT SUM(amount) FROM \${prefix}missing_${i}\n`;
}

describe('check runs through dist/index.js', () => {
  /** A commit of the branch's own (a README), so check runs of other tests on main's head do not count. */
  const own = (branch: string) => w.git.commitFiles(branch, { [`docs/${branch.replace(/\//g, '-')}.md`]: branch });
  let w: DjWorld;
  let pr = 70;
  before(async () => {
    w = await startDjWorld();
  });
  after(async () => {
    await w?.stop();
  });

  test('60 invalid nodes: one check run on the deployed commit, 60 annotations at their name: lines in two requests', async () => {
    const branch = 'feature/many-broken';
    w.branch(branch);
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`nodes/broken/broken_${i}.yaml`, brokenNode(i)]));
    const sha = w.git.commitFiles(branch, files, { message: '60 broken metrics' });
    const number = ++pr;
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('opened', branch, { number, sha }), { 'fail-on': 'invalid', impact: 'false' });
    assert.equal(r.exitCode, 1, r.stdout);
    const runs = w.gh.checkRuns(sha);
    assert.equal(runs.length, 1, r.stdout);
    const run = runs[0]!;
    const ns = `${w.root}.feature_many_broken`;
    assert.equal(run.name, `dj / ${w.root}`);
    assert.equal(run.externalId, `${new URL(w.djFront.url).host}/${ns}`);
    assert.equal(run.status, 'completed');
    assert.equal(run.conclusion, 'failure');
    assert.match(run.title ?? '', /^60 of \d+ (?:nodes|results) invalid · feature\/many-broken @ [0-9a-f]{7} → /);
    assert.ok(run.summary?.startsWith('### ❌'), run.summary ?? '');
    assert.equal(run.annotations.length, 60);
    assert.equal(run.annotationRequests, 2, 'all 60 in two requests (50 + 10)');
    const posts = w.gh.requests.filter(q => q.rawPath.includes('/check-runs'));
    assert.deepEqual(
      posts.map(q => `${q.method} ${q.answer?.status}`),
      ['GET 200', 'POST 201', 'PATCH 200'],
      'the record read before deploying (GET), then the check run in two requests',
    );
    for (let i = 0; i < 60; i++) {
      const a = run.annotations.find(x => x.path === `nodes/broken/broken_${i}.yaml`);
      assert.ok(a, `annotation of broken_${i}`);
      assert.equal(a.start_line, 3);
      assert.equal(a.end_line, 3);
      assert.equal(a.annotation_level, 'failure');
      assert.equal(a.title, `DJ node broken_${i}: invalid`);
      assert.match(String(a.message), /not found|invalid/i);
    }
    assert.ok(!/Not annotated/.test(run.summary ?? ''), 'every node placed');
    assert.deepEqual(w.gh.statuses(sha), [], 'no commit status beside the check run (SPEC §4.1)');
  });

  test('fail-on: never gives warnings only and a successful check run; a re-run of the deployed commit adds none', async () => {
    const branch = 'feature/never-fails';
    w.branch(branch);
    const sha = w.git.commitFiles(branch, { 'nodes/broken/a.yaml': brokenNode(100), 'nodes/broken/b.yaml': brokenNode(101) });
    const number = ++pr;
    const r = await w.run('pull_request', prEvent('opened', branch, { number, sha }), { 'fail-on': 'never', impact: 'false' });
    assert.equal(r.exitCode, 0, r.stdout);
    const [run] = w.gh.checkRuns(sha);
    assert.ok(run, r.stdout);
    assert.equal(run.conclusion, 'success');
    assert.deepEqual(
      run.annotations.map(a => [a.path, a.start_line, a.annotation_level]),
      [
        ['nodes/broken/a.yaml', 3, 'warning'],
        ['nodes/broken/b.yaml', 3, 'warning'],
      ],
    );
    // The same commit again: already deployed, no second check run.
    const again = await w.run('pull_request', prEvent('synchronize', branch, { number, sha }), { 'fail-on': 'never', impact: 'false' });
    assert.equal(again.outputs.operation, 'unchanged', again.stdout);
    assert.equal(w.gh.checkRuns(sha).length, 1, 'a re-run of a deployed commit adds no check run');
    assert.deepEqual(w.gh.statuses(sha), [], 'the check run is the record the re-run read');
    assert.match(again.summary, /check run dj \/ /, 'the note names the record');
  });

  test('create and push events get their check run on the commit DJ deployed', async () => {
    const branch = 'feature/pushed';
    w.branch(branch);
    const first = own(branch);
    const created = await w.run('create', branchRefEvent('create', branch));
    assert.equal(created.exitCode, 0, created.stdout);
    assert.equal(w.gh.checkRuns(first).length, 1, `create: ${created.stdout}`);
    assert.equal(w.gh.checkRuns(first)[0]!.conclusion, 'success');
    const second = w.git.commitFiles(branch, { 'nodes/broken/c.yaml': brokenNode(200) });
    const pushed = await w.run('push', pushEvent(branch, second));
    assert.equal(pushed.exitCode, 0, pushed.stdout);
    const [run] = w.gh.checkRuns(second);
    assert.ok(run, pushed.stdout);
    assert.equal(run.headSha, pushed.outputs['deployed-sha']);
    assert.deepEqual(
      run.annotations.map(a => [a.path, a.start_line, a.annotation_level]),
      [['nodes/broken/c.yaml', 3, 'warning']],
    );
  });

  test('a token without checks: write, and a personal access token: one warning each, the commit status as before', async () => {
    w.gh.addToken('ghs_nochecks0123456789', { kind: 'workflow', checks: 'read' });
    w.gh.addToken('ghp_classicpat0123456789', { kind: 'pat', login: 'octocat' });
    for (const [token, why] of [
      ['ghs_nochecks0123456789', /lacks the `checks: write` permission/],
      ['ghp_classicpat0123456789', /cannot write check runs .*personal access token/],
    ] as const) {
      const branch = `feature/no-checks-${token.slice(0, 3)}`;
      w.branch(branch);
      const sha = own(branch);
      const r = await w.run('pull_request', prEvent('opened', branch, { number: ++pr, sha }), { 'github-token': token, impact: 'false' });
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(w.gh.checkRuns(sha).length, 0);
      const warned = r.warnings.filter(m => /check run/.test(m));
      assert.equal(warned.length, 1, r.warnings.join('\n'));
      assert.match(warned[0]!, why);
      assert.equal(w.gh.statuses(sha).length, 1, 'the commit status records the deployment');
    }
  });

  test('a commit status written by an older version still counts as deployed', async () => {
    const branch = 'feature/old-record';
    w.branch(branch);
    const sha = own(branch);
    const number = ++pr;
    const first = await w.run('pull_request', prEvent('opened', branch, { number, sha }), { checks: 'false', impact: 'false' });
    assert.equal(first.outputs.operation, 'created', first.stdout);
    assert.equal(w.gh.statuses(sha).length, 1);
    const again = await w.run('pull_request', prEvent('synchronize', branch, { number, sha }), { impact: 'false' });
    assert.equal(again.outputs.operation, 'unchanged', again.stdout);
    assert.equal(w.gh.checkRuns(sha).length, 0);
  });

  test('checks: false writes no check run and says nothing', async () => {
    const branch = 'feature/quiet';
    w.branch(branch);
    const sha = own(branch);
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('opened', branch, { number: ++pr, sha }), { checks: 'false', impact: 'false' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(w.gh.checkRuns(sha).length, 0);
    assert.ok(!r.warnings.some(m => /check run/.test(m)), r.warnings.join('\n'));
    assert.ok(!w.gh.requests.some(q => q.rawPath.includes('/git/trees/')), 'no tree read');
  });

  test('deployments: one per deployed commit, in_progress then success with the DJ link and the log; a new commit marks the previous inactive; a re-run adds none; closing leaves all inactive', async () => {
    const branch = 'feature/deployed';
    const ns = `${w.root}.feature_deployed`;
    w.branch(branch);
    const first = own(branch);
    const number = ++pr;
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: w.repo, GITHUB_RUN_ID: '777' };
    const opened = await w.run('pull_request', prEvent('opened', branch, { number, sha: first }), { impact: 'false' }, env);
    assert.equal(opened.exitCode, 0, opened.stdout);
    const ours = () => w.gh.deployments().filter(d => d.task === `dj:${ns}`);
    assert.equal(ours().length, 1, opened.stdout);
    const d = ours()[0]!;
    assert.deepEqual(
      [d.sha, d.environment, d.transient, d.production, d.description, d.payload],
      [first, `DJ preview (${w.root})`, true, false, ns, { namespace: ns, server: new URL(w.djFront.url).host }],
    );
    assert.deepEqual(
      d.statuses.map(st => st.state),
      ['in_progress', 'success'],
    );
    assert.match(d.statuses[1]!.environmentUrl, new RegExp(`/namespaces/${ns.replace(/\./g, '\\.')}$`));
    assert.equal(d.statuses[1]!.logUrl, `https://github.com/${w.repo}/actions/runs/777`);

    // The same commit again: no new deployment.
    await w.run('pull_request', prEvent('synchronize', branch, { number, sha: first }), { impact: 'false' }, env);
    assert.equal(ours().length, 1, 'a re-run of a deployed commit adds no deployment');

    // A new commit: a new deployment; the previous one inactive.
    const second = w.git.commitFiles(branch, { 'docs/more.md': 'more' });
    const sync = await w.run('pull_request', prEvent('synchronize', branch, { number, sha: second }), { impact: 'false' }, env);
    assert.equal(sync.exitCode, 0, sync.stdout);
    assert.deepEqual(
      ours().map(x => [x.sha, x.state]),
      [
        [first, 'inactive'],
        [second, 'success'],
      ],
    );

    // Closed: the namespace is deleted, every deployment of it inactive.
    const closed = await w.run('pull_request', prEvent('closed', branch, { number, sha: second }), { impact: 'false' }, env);
    assert.equal(closed.outputs.operation, 'deleted', closed.stdout);
    assert.deepEqual(
      ours().map(x => x.state),
      ['inactive', 'inactive'],
    );
  });

  test('the default branch deploys to the production environment DJ (<root>)', async () => {
    const sha = w.git.commitFiles('main', { 'docs/main.md': 'main' });
    const payload = pushEvent('main', sha) as { repository: { default_branch: string } };
    payload.repository.default_branch = 'main';
    const pushed = await w.run('push', payload);
    assert.equal(pushed.exitCode, 0, pushed.stdout);
    const d = w.gh.deployments().find(x => x.sha === sha);
    assert.ok(d, pushed.stdout);
    assert.deepEqual([d.environment, d.production, d.transient, d.state], [`DJ (${w.root})`, true, false, 'success']);
  });

  test('a token without deployments: write: one warning, the check run and the comment still written', async () => {
    w.gh.addToken('ghs_nodeployments0123456789', { kind: 'workflow', deployments: 'read' });
    const branch = 'feature/no-deployments';
    w.branch(branch);
    const sha = own(branch);
    const before = w.gh.deployments().length;
    const r = await w.run('pull_request', prEvent('opened', branch, { number: ++pr, sha }), { 'github-token': 'ghs_nodeployments0123456789', impact: 'false' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(w.gh.deployments().length, before);
    const warned = r.warnings.filter(m => /deployment/.test(m));
    assert.equal(warned.length, 1, r.warnings.join('\n'));
    assert.match(warned[0]!, /lacks the `deployments: write` permission/);
    assert.equal(w.gh.checkRuns(sha).length, 1);
  });

  /** A `labeled` / `unlabeled` event of `label` on an open pull request. */
  const labelEvent = (action: 'labeled' | 'unlabeled', branch: string, number: number, sha: string, label: string, labels: string[]) => {
    const p = prEvent(action, branch, { number, sha });
    p.label = { ...p.label, name: label };
    p.pull_request.labels = labels.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: 'https://api.github.com/x', name, color: 'ededed', default: false, description: null }));
    return p;
  };
  const syncs = (ns: string) => w.djLog().filter(l => l.startsWith('POST') && l.includes('/sync-from-git') && l.includes(encodeURIComponent(ns)));

  test('label events bring the check run up to date without deploying, only on a commit already deployed; the deploy-once record is not confused', async () => {
    const branch = 'feature/label-refresh';
    const ns = `${w.root}.feature_label_refresh`;
    const host = new URL(w.djFront.url).host;
    w.branch(branch);
    const first = own(branch);
    const number = ++pr;
    const opened = await w.run('pull_request', prEvent('opened', branch, { number, sha: first }), { impact: 'false' });
    assert.equal(opened.exitCode, 0, opened.stdout);
    const deployments = () => w.gh.deployments().filter(d => d.task === `dj:${ns}`).length;
    assert.equal(deployments(), 1);

    // A new commit nobody has deployed yet: a label event writes no check run on it.
    const second = w.git.commitFiles(branch, { 'docs/label-2.md': 'two' });
    w.resetLogs();
    const early = await w.run('pull_request', labelEvent('labeled', branch, number, second, 'dj:accept-impact', ['dj:accept-impact']), { impact: 'false' });
    assert.equal(early.exitCode, 0, early.stdout);
    assert.equal(early.outputs.operation, 'unchanged', early.stdout);
    assert.equal(w.gh.checkRuns(second).length, 0, early.stdout);
    assert.match(early.stdout, /carries no check run/);
    assert.deepEqual(syncs(ns), [], 'nothing deployed');
    assert.equal(deployments(), 1, 'no GitHub deployment');
    // ... so the next run still deploys that commit.
    w.resetLogs();
    const sync = await w.run('pull_request', prEvent('synchronize', branch, { number, sha: second }), { impact: 'false' });
    assert.equal(sync.outputs.operation, 'updated', sync.stdout);
    assert.equal(syncs(ns).length, 1, 'deployed by the run after the label event');
    assert.equal(w.gh.checkRuns(second).length, 1);
    assert.match(w.gh.checkRuns(second)[0]!.summary ?? '', /<!-- dj-branch-sync deployment: 0 nodes fail the step -->/);

    // Now deployed: the label's check run is written, marked apart from the deployment's.
    w.resetLogs();
    const labeled = await w.run('pull_request', labelEvent('labeled', branch, number, second, 'dj:accept-impact', ['dj:accept-impact']), { impact: 'false' });
    assert.equal(labeled.exitCode, 0, labeled.stdout);
    const runs = w.gh.checkRuns(second);
    assert.equal(runs.length, 2, labeled.stdout);
    const refreshed = runs[1]!;
    assert.deepEqual([refreshed.name, refreshed.externalId, refreshed.status, refreshed.conclusion], [`dj / ${w.root}`, `${host}/${ns}#refresh`, 'completed', 'success']);
    assert.deepEqual(syncs(ns), [], 'nothing deployed');
    assert.equal(deployments(), 2, 'no GitHub deployment for the label event');
    // The record still reads the deployment only: a re-run of the commit deploys nothing.
    w.resetLogs();
    const again = await w.run('pull_request', prEvent('synchronize', branch, { number, sha: second }), { impact: 'false' });
    assert.equal(again.outputs.operation, 'unchanged', again.stdout);
    assert.deepEqual(syncs(ns), []);
  });

  test('label events on a deployed commit with a failing node: the refreshed check run keeps the deployment’s failure', async () => {
    const branch = 'feature/label-broken';
    const ns = `${w.root}.feature_label_broken`;
    w.branch(branch);
    const sha = w.git.commitFiles(branch, { 'nodes/broken/label_broken.yaml': brokenNode(900) }, { message: 'a broken metric' });
    const number = ++pr;
    const opened = await w.run('pull_request', prEvent('opened', branch, { number, sha }), { impact: 'false', 'fail-on': 'invalid' });
    assert.equal(opened.exitCode, 1, opened.stdout);
    w.resetLogs();
    for (const [action, labels] of [
      ['labeled', ['dj:accept-impact']],
      ['unlabeled', []],
    ] as const) {
      const r = await w.run('pull_request', labelEvent(action, branch, number, sha, 'dj:accept-impact', [...labels]), { impact: 'false', 'fail-on': 'invalid' });
      const latest = w.gh.checkRuns(sha).at(-1)!;
      assert.equal(latest.conclusion, 'failure', `${action}: ${r.stdout}`);
      assert.match(latest.title ?? '', /has 1 node that fails the step/);
    }
    assert.equal(w.gh.checkRuns(sha).length, 3);
    assert.deepEqual(syncs(ns), []);
  });

  test('a label event on an open pull request without a namespace creates nothing, and says so', async () => {
    const branch = 'feature/label-nothing';
    const ns = `${w.root}.feature_label_nothing`;
    w.branch(branch);
    const sha = own(branch);
    w.resetLogs();
    const r = await w.run('pull_request', labelEvent('labeled', branch, ++pr, sha, 'dj:accept-impact', ['dj:accept-impact']), { impact: 'false' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.deepEqual([r.outputs.operation, r.outputs['skip-reason']], ['skipped', 'not-linked'], r.stdout);
    assert.equal(await w.namespace(ns), undefined, 'nothing created');
    assert.ok(!w.djLog().some(l => !l.startsWith('GET')), w.djLog().join('\n'));
    assert.match(r.summary, /nothing to preview, and nothing was created/);
    assert.equal(w.gh.checkRuns(sha).length, 0);
  });

  test('prune leaves the pruned namespaces’ deployments inactive', async () => {
    const branches = ['feature/prune-a', 'feature/prune-b'];
    const nss = branches.map(b => `${w.root}.${b.replace('/', '_').replace('-', '_')}`);
    for (const branch of branches) {
      w.branch(branch);
      const sha = own(branch);
      const r = await w.run('pull_request', prEvent('opened', branch, { number: ++pr, sha }), { impact: 'false' });
      assert.equal(r.exitCode, 0, r.stdout);
    }
    const ours = () => w.gh.deployments().filter(d => nss.some(ns => d.task === `dj:${ns}`));
    assert.deepEqual(
      ours().map(d => d.state),
      ['success', 'success'],
    );
    for (const branch of branches) w.git.deleteBranch(branch);
    const pruned = await w.run(
      'schedule',
      { schedule: '17 3 * * *', repository: { full_name: w.repo, default_branch: 'main' } },
      { operation: 'prune', 'prune-min-age-hours': '0' },
    );
    assert.equal(pruned.exitCode, 0, pruned.stdout);
    for (const ns of nss) assert.ok(JSON.parse(pruned.outputs.pruned ?? '[]').includes(ns), pruned.outputs.pruned);
    assert.deepEqual(
      ours().map(d => d.state),
      ['inactive', 'inactive'],
      pruned.stdout,
    );
    assert.match(pruned.stdout, /GitHub deployments of \d+ pruned namespaces: \d+ marked inactive/);
  });
});
