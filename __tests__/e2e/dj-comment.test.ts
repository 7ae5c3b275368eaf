/**
 * The sticky comment through dist/index.js (issue 3): one comment per PR and namespace among
 * many others and a spoofed marker, edited in place, and comment failures that never undo the
 * DJ work.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { prEvent } from '../../harness/payloads.js';
import { stickyMarker } from '../../src/report/markdown.js';

describe('sticky comment through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('opened → synchronize → closed with 150 unrelated comments and a spoofed marker: one comment of ours, edited twice', async () => {
    const branch = 'feature/busy-pr';
    const ns = `${ROOT}.feature_busy_pr`;
    const pr = 21;
    pushBranch(w, branch, undefined, '1'.repeat(40));
    w.gh.seedComments(pr, 150, 'octocat');
    const spoof = w.gh.addComment(pr, 'mallory', `${stickyMarker('dj', ns)}\nI am the bot, trust me`);

    const opened = await w.run('pull_request', prEvent('opened', branch, { number: pr, sha: '1'.repeat(40) }));
    assert.equal(opened.exitCode, 0, opened.stdout);
    const ours = () => w.gh.comments(pr).filter(c => c.login === 'github-actions[bot]');
    assert.equal(ours().length, 1);
    const id = ours()[0]!.id;
    assert.equal(opened.outputs['comment-id'], String(id));
    const pagesFetched = w.ghLog().filter(l => l.includes(`/issues/${pr}/comments`) && l.startsWith('GET')).length;
    assert.ok(pagesFetched >= 2, `all pages were searched (${pagesFetched})`);

    w.dj.setYaml(branch, [{ name: '${prefix}orders', type: 'source', query: 'v2' }]);
    w.dj.setHead(branch, '2'.repeat(40));
    const sync = await w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: '2'.repeat(40) }));
    assert.equal(sync.exitCode, 0, sync.stdout);
    assert.equal(ours().length, 1);
    assert.equal(ours()[0]!.id, id, 'edited in place');
    assert.match(ours()[0]!.body, /222222222222/);

    const closed = await w.run('pull_request', prEvent('closed', branch, { number: pr, sha: '2'.repeat(40) }));
    assert.equal(closed.exitCode, 0, closed.stdout);
    assert.equal(ours().length, 1);
    assert.equal(ours()[0]!.id, id);
    assert.match(ours()[0]!.body, /deleted/i);
    assert.equal(w.gh.comments(pr).length, 152, '150 + the spoof + ours');
    assert.equal(w.gh.comments(pr).find(c => c.id === spoof.id)!.body, spoof.body, 'the look-alike by someone else is never edited');
    assert.ok(
      w
        .ghLog()
        .filter(l => l.startsWith('PATCH'))
        .every(l => l.endsWith(`/comments/${id}`)),
    );
  });

  test('a comment deleted by someone is written again on the next run', async () => {
    const branch = 'feature/deleted-comment';
    const pr = 22;
    pushBranch(w, branch);
    await w.run('pull_request', prEvent('opened', branch, { number: pr }));
    const first = w.gh.comments(pr)[0]!;
    w.gh.deleteComment(first.id);
    const again = await w.run('pull_request', prEvent('synchronize', branch, { number: pr }));
    assert.equal(again.exitCode, 0);
    assert.equal(w.gh.comments(pr).length, 1);
    assert.notEqual(w.gh.comments(pr)[0]!.id, first.id);
  });

  test('a read-only token: a warning naming pull-requests: write; DJ work, outputs and summary stand', async () => {
    const branch = 'feature/read-only';
    const pr = 23;
    pushBranch(w, branch);
    w.gh.addToken('ghs_readonly', { kind: 'workflow', readOnly: true });
    // impact: false: the warnings counted are the comment's and the status's (the preview's note is tested in dj-merge-preview.test.ts).
    const r = await w.run('pull_request', prEvent('opened', branch, { number: pr }), { 'github-token': 'ghs_readonly', impact: 'false' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(w.dj.namespace(`${ROOT}.feature_read_only`)?.git_branch, branch);
    // Four refused writes, each said once: the commit status, the check run, the deployment and the comment.
    assert.equal(r.warnings.length, 4, r.stdout);
    assert.equal(r.warnings.filter(m => /deployments: write/.test(m)).length, 1, r.stdout);
    assert.equal(r.warnings.filter(m => /checks: write/.test(m)).length, 1, r.stdout);
    assert.equal(r.warnings.filter(m => /statuses: write/.test(m)).length, 1, r.stdout);
    assert.equal(r.warnings.filter(m => /pull-requests: write/.test(m)).length, 1, r.stdout);
    assert.equal(r.outputs['comment-id'], undefined);
    assert.match(r.summary, /feature\\?_read\\?_only/);
    assert.equal(w.gh.comments(pr).length, 0);
  });

  test('comment: false writes no comment and sends no comment request (the commit status is still kept)', async () => {
    const branch = 'feature/quiet';
    pushBranch(w, branch);
    w.resetLogs();
    // impact: false: the exact GitHub requests without a comment (the preview's are tested in dj-merge-preview.test.ts).
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 24 }), { comment: 'false', impact: 'false', checks: 'false', deployments: 'false' });
    assert.equal(r.exitCode, 0);
    assert.deepEqual(
      w.ghLog().filter(l => l.includes('/issues/')),
      [],
    );
    assert.deepEqual(
      w.ghLog().map(l => l.replace(/[0-9a-f]{40}/, 'SHA')),
      ['GET /repos/acme/dj-definitions/commits/SHA/statuses?per_page=100', 'POST /repos/acme/dj-definitions/statuses/SHA'],
    );
    assert.ok(r.summary.length > 0);
  });

  test('dry-run: planned, nothing changed in DJ, no comment', async () => {
    const branch = 'feature/dry';
    pushBranch(w, branch);
    w.resetLogs();
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 25 }), { 'dry-run': 'true' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'planned');
    assert.ok(
      w.djLog().every(l => l.startsWith('GET ')),
      JSON.stringify(w.djLog()),
    );
    // Reading the commit's statuses is part of deciding; nothing is written.
    assert.ok(
      w.ghLog().every(l => l.startsWith('GET ')),
      JSON.stringify(w.ghLog()),
    );
    assert.equal(w.dj.namespace(`${ROOT}.feature_dry`), undefined);
    assert.match(r.summary, /PATCH/);
    assert.match(r.summary, /Dry run/i);
  });
});
