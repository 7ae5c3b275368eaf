/**
 * The sticky comment is found again for every kind of token, through dist/index.js: a GitHub
 * App's installation token (starts with `ghs_` like GITHUB_TOKEN, but writes as `<app>[bot]`),
 * a classic PAT and a fine-grained PAT. Each leaves exactly one comment over opened →
 * synchronize → re-run, and the identity question runs beside the comment search.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, type World } from '../../harness/world.js';
import { prEvent } from '../../harness/payloads.js';
import type { TokenInfo } from '../../emulators/github.js';

const kinds: { label: string; token: string; info: TokenInfo; author: string }[] = [
  { label: 'GitHub App installation token', token: 'ghs_appinstallation0123456789', info: { kind: 'app', slug: 'dj-deployer' }, author: 'dj-deployer[bot]' },
  { label: 'classic PAT', token: 'ghp_classicpat0123456789abcdef', info: { kind: 'pat', login: 'octo-dev' }, author: 'octo-dev' },
  { label: 'fine-grained PAT', token: 'github_pat_11AAfinegrained_0123456789', info: { kind: 'fine-grained', login: 'fine-dev' }, author: 'fine-dev' },
];

describe('comment identity for every kind of token, through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  kinds.forEach(({ label, token, info, author }, i) => {
    test(`${label}: opened → synchronize → re-run leaves exactly one comment, by ${author}`, async () => {
      const pr = 70 + i;
      const branch = `feature/identity-${i}`;
      pushBranch(w, branch, undefined, 'a'.repeat(40));
      w.gh.addToken(token, info);
      // Someone else's comment carrying nothing of ours, and one by the workflow bot.
      w.gh.addComment(pr, 'octocat', 'LGTM');
      const inputs = { 'github-token': token };

      const opened = await w.run('pull_request', prEvent('opened', branch, { number: pr, sha: 'a'.repeat(40) }), inputs);
      assert.equal(opened.exitCode, 0, opened.stdout);
      const ours = () => w.gh.comments(pr).filter(c => c.login === author);
      assert.equal(ours().length, 1, JSON.stringify(w.gh.comments(pr).map(c => c.login)));
      const id = ours()[0]!.id;

      w.dj.setHead(branch, 'b'.repeat(40));
      w.resetLogs();
      const sync = await w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: 'b'.repeat(40) }), inputs);
      assert.equal(sync.exitCode, 0, sync.stdout);
      assert.equal(ours().length, 1);
      assert.equal(ours()[0]!.id, id, 'edited in place');
      assert.match(ours()[0]!.body, /bbbbbbb/);
      const log = w.ghLog();
      assert.ok(log.includes('POST /graphql'), JSON.stringify(log));
      assert.ok(!log.includes('GET /user'), 'no REST identity look-up');
      assert.ok(
        log.some(l => l.startsWith('PATCH ')),
        JSON.stringify(log),
      );

      w.resetLogs();
      const rerun = await w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: 'b'.repeat(40) }), inputs);
      assert.equal(rerun.exitCode, 0, rerun.stdout);
      assert.equal(w.gh.comments(pr).length, 2, 'the other comment and ours');
      assert.equal(ours().length, 1);
      assert.equal(ours()[0]!.id, id);
      // The re-run finds its commit already deployed (commit status) and may refresh the comment
      // to say so, but never writes a second one.
      assert.ok(!w.ghLog().some(l => /^POST \/repos\/[^ ]*\/issues\/\d+\/comments$/.test(l)), JSON.stringify(w.ghLog()));
      assert.ok(
        w
          .ghLog()
          .filter(l => l.startsWith('PATCH '))
          .every(l => l.endsWith(`/issues/comments/${id}`)),
        JSON.stringify(w.ghLog()),
      );
      assert.equal(rerun.outputs['comment-id'], String(id));
    });
  });

  test('an App token is not taken for GITHUB_TOKEN: a github-actions[bot] comment with our marker is not ours', async () => {
    const pr = 79;
    const branch = 'feature/identity-other-bot';
    pushBranch(w, branch);
    const token = 'ghs_secondapp0123456789';
    w.gh.addToken(token, { kind: 'app', slug: 'other-app' });
    const first = await w.run('pull_request', prEvent('opened', branch, { number: pr }));
    assert.equal(first.exitCode, 0, first.stdout);
    const bots = w.gh.comments(pr);
    assert.equal(bots.length, 1);
    assert.equal(bots[0]!.login, 'github-actions[bot]');
    const second = await w.run('pull_request', prEvent('synchronize', branch, { number: pr }), { 'github-token': token });
    assert.equal(second.exitCode, 0, second.stdout);
    const after = w.gh.comments(pr);
    assert.equal(after.length, 2, "its own comment beside the other identity's");
    assert.equal(after.find(c => c.id === bots[0]!.id)!.body, bots[0]!.body, "the other identity's comment is never edited");
    assert.equal(after.filter(c => c.login === 'other-app[bot]').length, 1);
  });
});
