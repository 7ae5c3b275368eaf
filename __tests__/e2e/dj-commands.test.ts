/**
 * SPEC §13 through dist/index.js: `/dj` comment commands on real `issue_comment` payloads
 * (@octokit/webhooks-examples, mutated per case), who may command, reactions, the keep label on
 * close, the branch's delete event and prune, `labeled` / `unlabeled`, and hostile comment text.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, MAIN_YAML, type World } from '../../harness/world.js';
import { branchRefEvent, commentEvent, prEvent } from '../../harness/payloads.js';
import type { ActionRun } from '../../harness/run-action.js';
import { stickyMarker } from '../../src/report/markdown.js';
import { serverIdentity } from '../../src/server-identity.js';

const ENC = encodeURIComponent;
const sha = (c: string) => c.repeat(40).slice(0, 40);
const SYNC = (ns: string) => `POST /namespaces/${ENC(ns)}/sync-from-git`;

describe('dj target, SPEC §13 commands and labels through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
    w.gh.setRole('maintainer', 'write');
    w.gh.setRole('admin-person', 'admin');
    w.gh.setRole('maintain-person', 'maintain');
    w.gh.setRole('triager', 'triage');
    w.gh.setRole('reader', 'read');
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  /** A pull request #n of `branch` (pushed to DJ's git and GitHub) with head `head`. */
  function openPull(n: number, branch: string, head: string): string {
    pushBranch(w, branch, MAIN_YAML, head);
    w.gh.addPull({ number: n, branch, sha: head });
    return `${ROOT}.${branch.replace(/[^A-Za-z0-9]/g, '_')}`;
  }

  /** The comment is written to the pull request (so it can be reacted to), then the run. */
  async function comment(n: number, body: string, opts: Parameters<typeof commentEvent>[1] = {}, inputs: Record<string, string> = {}): Promise<{ r: ActionRun; id: number }> {
    const c = w.gh.addComment(n, opts.login ?? 'maintainer', body);
    const r = await w.run('issue_comment', commentEvent(body, { number: n, id: c.id, ...opts }), inputs);
    return { r, id: c.id };
  }

  const sticky = (n: number, ns: string) => w.gh.comments(n).find(c => c.body.startsWith(stickyMarker('dj', ns, serverIdentity(w.dj.url))));
  const djWrites = () => w.djLog().filter(l => !l.startsWith('GET '));

  test('/dj deploy by a writer: the pull request read with the permission (one step), deployed, eyes then rocket, the comment names the command', async () => {
    const ns = openPull(7, 'feature/cmd-deploy', sha('a'));
    const { r, id } = await comment(7, '/dj deploy');
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, ns);
    assert.equal(r.outputs['deployed-sha'], sha('a'));
    const gh = w.ghLog();
    // The permission and the pull request come first, together.
    assert.deepEqual(gh.slice(0, 2).sort(), ['GET /repos/acme/dj-definitions/collaborators/maintainer/permission', 'GET /repos/acme/dj-definitions/pulls/7']);
    assert.ok(w.djLog().includes(SYNC(ns)), w.djLog().join('\n'));
    assert.deepEqual(
      w.gh.reactions(id).map(x => x.content),
      ['eyes', 'rocket'],
    );
    const body = sticky(7, ns)?.body ?? '';
    assert.match(body, /Last command: \*\*\/dj deploy\*\* by maintainer/);
    assert.match(r.stdout, /issue_comment \(\/dj deploy\) #7/);

    // Deployed already (the commit status says so): a synchronize re-run sends nothing, the command deploys again.
    w.resetLogs();
    const rerun = await w.run('pull_request', prEvent('synchronize', 'feature/cmd-deploy', { number: 7, sha: sha('a') }));
    assert.equal(rerun.outputs.operation, 'unchanged', rerun.stdout);
    assert.ok(!w.djLog().includes(SYNC(ns)));
    w.resetLogs();
    const again = await comment(7, '/dj deploy\nplease');
    assert.equal(again.r.outputs.operation, 'updated', again.r.stdout);
    assert.ok(w.djLog().includes(SYNC(ns)), 'deployed although already deployed');
    assert.equal(w.gh.comments(7).filter(c => c.body.startsWith(stickyMarker('dj', ns, serverIdentity(w.dj.url)))).length, 1, 'one sticky comment');
  });

  test('admin and maintain are obeyed; read, triage, a bot and anyone else are not-permitted with nothing sent to DJ', async () => {
    const ns = openPull(8, 'feature/cmd-who', sha('b'));
    for (const login of ['admin-person', 'maintain-person']) {
      w.resetLogs();
      const { r } = await comment(8, '/dj deploy', { login });
      assert.equal(r.outputs.operation, login === 'admin-person' ? 'created' : 'updated', `${login}: ${r.stdout}`);
    }
    const readers = ['reader', 'triager', 'stranger'].flatMap(login => ['/dj deploy', '/dj preview', '/dj keep', '/dj delete', '/dj help'].map(body => [login, body] as const));
    for (const [login, body] of readers) {
      w.resetLogs();
      // author_association OWNER in the payload: not trusted.
      const { r, id } = await comment(8, body, { login, association: 'OWNER' });
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.operation, 'skipped');
      assert.equal(r.outputs['skip-reason'], 'not-permitted');
      assert.deepEqual(w.djLog(), [], `${login} ${body}: nothing sent to DJ`);
      assert.deepEqual(w.gh.pull(8)!.labels, [], 'no label added');
      assert.deepEqual(w.ghLog().sort(), [`GET /repos/acme/dj-definitions/collaborators/${login}/permission`, 'GET /repos/acme/dj-definitions/pulls/8']);
      assert.deepEqual(w.gh.reactions(id), []);
      assert.equal(r.notices.length, 1, r.stdout);
      assert.ok(w.dj.namespace(ns), 'the namespace stands');
    }
    w.resetLogs();
    const bot = await comment(8, '/dj delete', { login: 'helper', bot: true });
    assert.equal(bot.r.outputs['skip-reason'], 'not-permitted');
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.ghLog(), [], 'a bot: not even its permission is asked');
  });

  test('not a command: an edited or deleted comment, a comment on an issue, a command on the second line, another prefix; nothing sent anywhere', async () => {
    openPull(9, 'feature/cmd-not', sha('c'));
    const cases: [string, Parameters<typeof commentEvent>[1]][] = [
      ['/dj deploy', { action: 'edited' }],
      ['/dj deploy', { action: 'deleted' }],
      ['/dj deploy', { onIssue: true }],
      ['Looks good!\n/dj deploy', {}],
      ['/djdeploy', {}],
      ['/other deploy', {}],
      ['please /dj deploy', {}],
    ];
    for (const [body, opts] of cases) {
      w.resetLogs();
      const { r } = await comment(9, body, opts);
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.operation, 'skipped', `${JSON.stringify(body)} ${JSON.stringify(opts)}`);
      assert.equal(r.outputs['skip-reason'], 'not-a-command', `${JSON.stringify(body)} ${JSON.stringify(opts)}`);
      assert.deepEqual([...w.djLog(), ...w.ghLog()], []);
    }
    // Another prefix configured: '/dj' is then not a command, '/ns deploy' is.
    w.resetLogs();
    const other = await comment(9, '/ns deploy', {}, { 'command-prefix': '/ns' });
    assert.equal(other.r.outputs.operation, 'created', other.r.stdout);
  });

  test("a fork's pull request: skipped fork after the permission is known; nothing sent to DJ", async () => {
    pushBranch(w, 'feature/cmd-fork', MAIN_YAML, sha('d'));
    w.gh.addPull({ number: 10, branch: 'feature/cmd-fork', sha: sha('d'), fork: true });
    const { r, id } = await comment(10, '/dj deploy');
    assert.equal(r.outputs.operation, 'skipped');
    assert.equal(r.outputs['skip-reason'], 'fork');
    assert.deepEqual(w.djLog(), []);
    assert.deepEqual(w.gh.reactions(id), []);
  });

  test('help and an unknown command: one reply listing the commands, skipped help, eyes then rocket', async () => {
    openPull(11, 'feature/cmd-help', sha('e'));
    for (const body of ['/dj help', '/dj', '/dj frobnicate now']) {
      w.resetLogs();
      const before = w.gh.comments(11).length;
      const { r, id } = await comment(11, body);
      assert.equal(r.outputs.operation, 'skipped', r.stdout);
      assert.equal(r.outputs['skip-reason'], 'help');
      const replies = w.gh.comments(11).slice(before + 1);
      assert.equal(replies.length, 1, body);
      for (const c of ['deploy', 'preview', 'keep', 'delete', 'help']) assert.ok(replies[0]!.body.includes(`/dj ${c}`), `${c} in ${replies[0]!.body}`);
      assert.equal(/not a command/.test(replies[0]!.body), body.includes('frobnicate'));
      assert.ok(!replies[0]!.body.includes('frobnicate'), 'the unknown word is not echoed');
      assert.deepEqual(w.djLog(), []);
      assert.deepEqual(
        w.gh.reactions(id).map(x => x.content),
        ['eyes', 'rocket'],
      );
    }
  });

  test('a failed command: eyes then confused', async () => {
    openPull(12, 'feature/cmd-fail', sha('f'));
    const { r, id } = await comment(12, '/dj deploy', {}, { 'dj-token': 'not-the-token' });
    assert.equal(r.exitCode, 1, r.stdout);
    assert.deepEqual(
      w.gh.reactions(id).map(x => x.content),
      ['eyes', 'confused'],
    );
  });

  test('/dj preview: unchanged, nothing deployed', async () => {
    const ns = openPull(13, 'feature/cmd-preview', sha('1'));
    await w.run('pull_request', prEvent('opened', 'feature/cmd-preview', { number: 13, sha: sha('1') }));
    w.resetLogs();
    const { r } = await comment(13, '/dj preview');
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'unchanged');
    assert.deepEqual(
      djWrites().filter(l => l.includes(ENC(ns))),
      [],
      'the branch namespace is not deployed again',
    );
    assert.match(sticky(13, ns)?.body ?? '', /Last command: \*\*\/dj preview\*\*/);
    // The deployed head's check run brought up to date beside the deployment's, marked apart from it; no GitHub deployment.
    assert.deepEqual(
      w.gh.checkRuns(sha('1')).map(c => [c.name, c.externalId?.endsWith('#refresh')]),
      [
        [`dj / ${ROOT}`, false],
        [`dj / ${ROOT}`, true],
      ],
      r.stdout,
    );
    assert.equal(w.gh.deployments().filter(d => d.task === `dj:${ns}`).length, 1);
  });

  test('/dj preview on an open pull request without a namespace: nothing created, and the comment says so', async () => {
    const ns = openPull(23, 'feature/cmd-preview-none', sha('d'));
    w.resetLogs();
    const { r } = await comment(23, '/dj preview');
    assert.equal(r.exitCode, 0, r.stdout);
    assert.deepEqual([r.outputs.operation, r.outputs['skip-reason']], ['skipped', 'not-linked'], r.stdout);
    assert.equal(w.dj.namespace(ns), undefined, 'nothing created');
    assert.deepEqual(djWrites(), []);
    assert.match(sticky(23, ns)?.body ?? '', /nothing to preview, and nothing was created/);
    assert.deepEqual(w.gh.checkRuns(sha('d')), []);
  });

  test('on a closed pull request: deploy and preview are skipped; delete and keep act', async () => {
    const ns = openPull(14, 'feature/cmd-closed', sha('2'));
    await w.run('pull_request', prEvent('opened', 'feature/cmd-closed', { number: 14, sha: sha('2') }));
    w.gh.pull(14)!.state = 'closed';
    for (const body of ['/dj deploy', '/dj preview']) {
      w.resetLogs();
      const { r, id } = await comment(14, body);
      assert.equal(r.outputs.operation, 'skipped', r.stdout);
      assert.equal(r.outputs['skip-reason'], 'unsupported-action');
      assert.deepEqual(w.djLog(), []);
      assert.deepEqual(
        w.gh.reactions(id).map(x => x.content),
        ['eyes', 'confused'],
        'not carried out',
      );
    }
    w.resetLogs();
    const del = await comment(14, '/dj delete');
    assert.equal(del.r.outputs.operation, 'deleted', del.r.stdout);
    assert.equal(w.dj.namespace(ns), undefined);
  });

  test('/dj keep, then closed: kept because of the label; the branch delete event and prune leave it; removing the label deletes it', async () => {
    const ns = openPull(15, 'feature/cmd-keep', sha('3'));
    await w.run('pull_request', prEvent('opened', 'feature/cmd-keep', { number: 15, sha: sha('3') }));
    w.resetLogs();
    const keep = await comment(15, '/dj keep');
    assert.equal(keep.r.outputs.operation, 'unchanged', keep.r.stdout);
    assert.deepEqual(w.gh.pull(15)!.labels, ['dj:keep']);
    assert.ok(w.ghLog().includes('POST /repos/acme/dj-definitions/issues/15/labels'));
    assert.deepEqual(djWrites(), []);

    // closed (merged) with the label in the payload: kept whatever on-pr-close says.
    const closed = prEvent('closed', 'feature/cmd-keep', { number: 15, sha: sha('3'), merged: true });
    closed.pull_request.labels = [{ id: 1, node_id: 'L', url: 'https://api.github.com/x', name: 'dj:keep', color: 'ededed', default: false, description: null }];
    w.resetLogs();
    const r = await w.run('pull_request', closed, { 'on-pr-close': 'delete' });
    assert.equal(r.outputs.operation, 'unchanged', r.stdout);
    assert.ok(w.dj.namespace(ns), 'kept');
    assert.match(sticky(15, ns)?.body ?? '', /Kept because of the label dj:keep/);
    assert.deepEqual(djWrites(), []);
    w.gh.pull(15)!.state = 'closed';

    // GitHub deletes the merged branch: the delete event finds the pull request (one request) and leaves it.
    w.gh.removeBranch('feature/cmd-keep');
    w.dj.setGitBranches(w.dj.gitBranches().filter(b => b !== 'feature/cmd-keep'));
    w.resetLogs();
    const deleted = await w.run('delete', branchRefEvent('delete', 'feature/cmd-keep'));
    assert.equal(deleted.outputs.operation, 'unchanged', deleted.stdout);
    assert.ok(w.ghLog().includes(`GET /repos/acme/dj-definitions/pulls?head=${ENC('acme:feature/cmd-keep')}&state=all&per_page=10`), w.ghLog().join('\n'));
    assert.ok(w.dj.namespace(ns), 'kept by the delete event');

    // prune: the branch is gone, the namespace old enough, but its pull request carries the label.
    w.resetLogs();
    const pruned = await w.run(
      'schedule',
      { schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } },
      {
        operation: 'prune',
        'prune-min-age-hours': '0',
      },
    );
    assert.equal(pruned.exitCode, 0, pruned.stdout);
    assert.ok(!JSON.parse(pruned.outputs.pruned ?? '[]').includes(ns), pruned.outputs.pruned);
    assert.ok(w.dj.namespace(ns), 'kept by prune');

    // The label removed from the closed pull request: deleted then.
    const unlabeled = prEvent('unlabeled', 'feature/cmd-keep', { number: 15, sha: sha('3') });
    unlabeled.label = { ...unlabeled.label, name: 'dj:keep' };
    unlabeled.pull_request.labels = [];
    unlabeled.pull_request.state = 'closed';
    w.resetLogs();
    const u = await w.run('pull_request', unlabeled);
    assert.equal(u.outputs.operation, 'deleted', u.stdout);
    assert.equal(w.dj.namespace(ns), undefined);
  });

  test('a dry run: no label, no reaction, no reply, nothing sent to DJ that changes state', async () => {
    openPull(19, 'feature/cmd-dry', sha('8'));
    for (const body of ['/dj keep', '/dj help', '/dj delete']) {
      w.resetLogs();
      const before = w.gh.comments(19).length;
      const { r, id } = await comment(19, body, {}, { 'dry-run': 'true' });
      assert.equal(r.exitCode, 0, r.stdout);
      assert.deepEqual(w.gh.pull(19)!.labels, []);
      assert.deepEqual(w.gh.reactions(id), []);
      assert.equal(w.gh.comments(19).length, before + 1, 'only the command comment itself');
      assert.deepEqual(djWrites(), []);
      assert.ok(
        w.ghLog().every(l => l.startsWith('GET ')),
        w.ghLog().join('\n'),
      );
    }
  });

  test("the branch's delete event: no pull request or one without the label → deleted; a look-up that fails → left in place, one warning", async () => {
    const plain = openPull(20, 'feature/cmd-nolabel', sha('9'));
    await w.run('create', branchRefEvent('create', 'feature/cmd-nolabel'));
    const orphan = `${ROOT}.feature_cmd_orphan`;
    pushBranch(w, 'feature/cmd-orphan', MAIN_YAML, sha('a'));
    await w.run('create', branchRefEvent('create', 'feature/cmd-orphan'));
    const failing = openPull(22, 'feature/cmd-lookup', sha('b'));
    await w.run('create', branchRefEvent('create', 'feature/cmd-lookup'));
    w.gh.pull(22)!.labels = ['dj:keep'];

    for (const [branch, ns] of [
      ['feature/cmd-nolabel', plain],
      ['feature/cmd-orphan', orphan],
    ] as const) {
      // The delete event comes once the branch is gone on GitHub.
      w.gh.removeBranch(branch);
      w.resetLogs();
      const r = await w.run('delete', branchRefEvent('delete', branch));
      assert.equal(r.outputs.operation, 'deleted', r.stdout);
      assert.equal(w.dj.namespace(ns), undefined);
    }
    w.gh.addFault({ method: 'GET', path: /^\/repos\/acme\/dj-definitions\/pulls$/, status: 500, body: { message: 'Server Error' }, times: Infinity });
    try {
      w.gh.removeBranch('feature/cmd-lookup');
      w.resetLogs();
      const r = await w.run('delete', branchRefEvent('delete', 'feature/cmd-lookup'), { retries: '0' });
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.operation, 'unchanged');
      assert.ok(w.dj.namespace(failing), 'left in place');
      assert.equal(r.warnings.filter(m => /Could not tell whether the pull request of 'feature\/cmd-lookup' carries the label 'dj:keep'/.test(m)).length, 1, r.stdout);
      assert.ok(!w.djLog().some(l => l.startsWith('DELETE')), w.djLog().join('\n'));
    } finally {
      w.gh.clearFaults();
    }
  });

  test('/dj delete, then a new commit: deleted, and created again by the synchronize', async () => {
    const ns = openPull(16, 'feature/cmd-delete', sha('4'));
    await w.run('pull_request', prEvent('opened', 'feature/cmd-delete', { number: 16, sha: sha('4') }));
    w.resetLogs();
    const { r, id } = await comment(16, '/dj delete');
    assert.equal(r.outputs.operation, 'deleted', r.stdout);
    assert.equal(w.dj.namespace(ns), undefined);
    assert.deepEqual(
      w.gh.reactions(id).map(x => x.content),
      ['eyes', 'rocket'],
    );
    w.dj.setHead('feature/cmd-delete', sha('5'));
    w.resetLogs();
    const next = await w.run('pull_request', prEvent('synchronize', 'feature/cmd-delete', { number: 16, sha: sha('5') }));
    assert.equal(next.outputs.operation, 'created', next.stdout);
    assert.ok(w.dj.namespace(ns));
  });

  test('labeled / unlabeled: the keep or accept label brings the report up to date without deploying; another label is unsupported-action', async () => {
    const ns = openPull(17, 'feature/cmd-label', sha('6'));
    await w.run('pull_request', prEvent('opened', 'feature/cmd-label', { number: 17, sha: sha('6') }));
    for (const [action, label] of [
      ['labeled', 'dj:accept-impact'],
      ['unlabeled', 'dj:accept-impact'],
      ['labeled', 'dj:keep'],
    ] as const) {
      const p = prEvent(action, 'feature/cmd-label', { number: 17, sha: sha('6') });
      p.label = { ...p.label, name: label };
      w.resetLogs();
      const r = await w.run('pull_request', p);
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.operation, 'unchanged', `${action} ${label}: ${r.stdout}`);
      assert.ok(!w.djLog().includes(SYNC(ns)), 'nothing deployed');
    }
    const bug = prEvent('labeled', 'feature/cmd-label', { number: 17, sha: sha('6') });
    w.resetLogs();
    const r = await w.run('pull_request', bug);
    assert.equal(r.outputs['skip-reason'], 'unsupported-action');
    assert.deepEqual(w.djLog(), []);
  });

  test('hostile text after the command (Markdown, mentions, workflow commands) stays inert in every reply and log line', async () => {
    const ns = openPull(18, 'feature/cmd-hostile', sha('7'));
    const hostile = ' @octocat **bold** <img src=x> [x](https://evil.example) ::error::pwned ##[error]pwned2';
    const bodies = [`/dj deploy${hostile}\n::error::line2\n::add-mask::x`, `/dj help${hostile}`, `/dj ::error::word${hostile}`];
    for (const body of bodies) {
      w.resetLogs();
      const before = w.gh.comments(18).length;
      const { r } = await comment(18, body);
      assert.equal(r.exitCode, 0, r.stdout);
      assert.deepEqual(r.errors, [], body);
      assert.ok(!/pwned/.test(r.stdout), `the comment's text is not in the log:\n${r.stdout}`);
      assert.ok(!/pwned|octocat|evil/.test(r.summary), r.summary);
      for (const c of w.gh.comments(18).slice(before + 1)) assert.ok(!/pwned|octocat|evil|<img/.test(c.body), c.body);
      const s = sticky(18, ns)?.body ?? '';
      assert.ok(!/pwned|octocat|evil|<img/.test(s), s);
    }
  });
});
