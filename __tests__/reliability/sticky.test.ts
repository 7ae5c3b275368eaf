/**
 * Reliability class "the sticky comment touches only its own" (issue 19, class 8): a comment is
 * ours only when it starts with our exact marker line and is by our identity. Another
 * workflow's comment by the same `github-actions[bot]` that quotes the marker is never edited or
 * deleted; when GitHub refuses the identity query (an App token whose GraphQL is refused), the
 * action finds its own comment by the marker and the one bot that wrote it, or says once why it
 * cannot, and never posts a new comment on every run. Every case runs dist/index.js.
 */
import { test, describe, beforeEach, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { prEvent } from '../../harness/payloads.js';
import { stickyMarker } from '../../src/report/markdown.js';
import { serverIdentity } from '../../src/server-identity.js';
import { count } from './support.js';

const BRANCH = 'feature/sticky';
const NS = `${ROOT}.feature_sticky`;
const APP_TOKEN = 'ghs_appwithoutgraphql0123456789';
let w: World;
let pr = 500;

beforeEach(async () => {
  w = await startWorld();
  pushBranch(w, BRANCH);
});
afterEach(async () => {
  await w.stop();
});

const marker = () => stickyMarker('dj', NS, serverIdentity(w.dj.url));
const run = (action: string, number: number, inputs: Record<string, string> = {}) => w.run('pull_request', prEvent(action, BRANCH, { number }), inputs);
const refuseGraphql = () => w.gh.addFault({ method: 'POST', path: '/graphql', times: Infinity, status: 403, body: { message: 'Resource not accessible by integration' } });

describe('sticky comment: a comment is ours only if it starts with our marker line', () => {
  test.each([
    ['quotes the marker in a reply', (m: string) => `Another workflow's report:\n> ${m}\n> old text`],
    ['carries the marker in its middle', (m: string) => `Deploy report\n\n${m}\n\nsee above`],
    ['starts with the marker but with more on its line', (m: string) => `${m} and more\nbody`],
    ['starts with an older marker and more on its line', (_m: string) => `${stickyMarker('dj', NS)} copy\nbody`],
  ])('a github-actions[bot] comment that %s is never edited nor deleted', async (_name, body) => {
    count('sticky.cases');
    const number = ++pr;
    const other = w.gh.addComment(number, 'github-actions[bot]', body(marker()));
    assert.equal((await run('opened', number)).exitCode, 0);
    assert.equal((await run('synchronize', number)).exitCode, 0);
    const after = w.gh.comments(number);
    assert.equal(after.find(c => c.id === other.id)?.body, other.body, 'the other comment is untouched');
    assert.equal(after.filter(c => c.body.startsWith(`${marker()}\n`)).length, 1, 'one comment of ours');
    count('sticky.held');
  });
});

describe('sticky comment: the identity query refused', () => {
  test('an App token without GraphQL: three runs, one comment, edited in place', async () => {
    count('sticky.cases');
    const number = ++pr;
    w.gh.addToken(APP_TOKEN, { kind: 'app', slug: 'dj-deployer' });
    refuseGraphql();
    const inputs = { 'github-token': APP_TOKEN };
    for (const action of ['opened', 'synchronize', 'synchronize']) {
      const r = await run(action, number, inputs);
      assert.equal(r.exitCode, 0, r.stdout);
      assert.deepEqual(
        r.warnings.filter(m => /comment/i.test(m)),
        [],
      );
    }
    const ours = w.gh.comments(number).filter(c => c.login === 'dj-deployer[bot]');
    assert.equal(ours.length, 1, JSON.stringify(w.gh.comments(number).map(c => c.login)));
    count('sticky.held');
  });

  test("two bots' comments start with our marker: one warning says why, no comment is written or deleted", async () => {
    count('sticky.cases');
    const number = ++pr;
    w.gh.addToken(APP_TOKEN, { kind: 'app', slug: 'dj-deployer' });
    w.gh.addComment(number, 'dj-deployer[bot]', `${marker()}\nours`);
    w.gh.addComment(number, 'other-app[bot]', `${marker()}\nnot ours`);
    refuseGraphql();
    const before = w.gh.comments(number);
    const r = await run('synchronize', number, { 'github-token': APP_TOKEN });
    assert.equal(r.exitCode, 0, r.stdout);
    const warned = r.warnings.filter(m => /cannot be told/.test(m));
    assert.equal(warned.length, 1, r.warnings.join('\n'));
    assert.match(warned[0]!, /identity query/);
    assert.deepEqual(w.gh.comments(number), before);
    count('sticky.held');
  });

  test("a person's comment that starts with our marker is never taken for ours when the identity is unknown", async () => {
    count('sticky.cases');
    const number = ++pr;
    w.gh.addToken(APP_TOKEN, { kind: 'app', slug: 'dj-deployer' });
    const mallory = w.gh.addComment(number, 'mallory', `${marker()}\nI am the bot`);
    refuseGraphql();
    const r = await run('synchronize', number, { 'github-token': APP_TOKEN });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(w.gh.comments(number).find(c => c.id === mallory.id)?.body, mallory.body);
    assert.ok(!w.ghLog().some(l => l.startsWith('PATCH ')), w.ghLog().join('\n'));
    count('sticky.held');
  });
});
