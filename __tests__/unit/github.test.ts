import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { GitHubClient, GitHubError } from '../../src/github.js';
import { WORKFLOW_TOKEN_LOGIN } from '../../src/github/identity.js';
import { parseLink } from '../../src/github/pages.js';
import { GitHubEmulator } from '../../emulators/github.js';

const WORKFLOW = 'ghs_workflow';
const PAT = 'ghp_pat';
const emu = new GitHubEmulator({ pathPrefix: '/api/v3' });
emu.addToken(WORKFLOW, { kind: 'workflow' }).addToken(PAT, { kind: 'pat', login: 'octo-dev' }).addToken('ghs_ro', { kind: 'workflow', readOnly: true });

function client(token = WORKFLOW, retries = 1): GitHubClient {
  return new GitHubClient({ baseUrl: emu.apiUrl, token, timeoutMs: 5_000, retries, backoffBaseMs: 1 });
}

describe('GitHubClient (GHES-style base with /api/v3)', () => {
  before(() => emu.start().then(() => undefined));
  after(() => emu.stop());
  beforeEach(() => {
    emu.resetLog();
    emu.clearFaults();
    emu.rateLimit = undefined;
  });

  test('listIssueComments reads every page through Link headers, relative to the base', async () => {
    emu.seedComments(7, 250, 'reviewer');
    const all = await client().listIssueComments(emu.owner, emu.repo, 7);
    assert.equal(all.length, 250);
    assert.deepEqual(
      all.slice(0, 2).map(c => c.body),
      ['comment 1 by reviewer', 'comment 2 by reviewer'],
    );
    assert.equal(all[249]!.body, 'comment 250 by reviewer');
    assert.deepEqual(
      emu.log().filter(l => l !== 'POST /api/graphql'),
      [
        `GET /api/v3/repos/${emu.owner}/${emu.repo}/issues/7/comments?per_page=100`,
        `GET /api/v3/repositories/${emu.repoId}/issues/7/comments?per_page=100&page=2`,
        `GET /api/v3/repositories/${emu.repoId}/issues/7/comments?per_page=100&page=3`,
      ],
    );
  });

  test('branchExists encodes a name with slashes as one segment; renamed (301) and missing are false', async () => {
    emu.addBranches(['main', 'feature/x-y']);
    const gh = client();
    assert.equal(await gh.branchExists(emu.owner, emu.repo, 'feature/x-y'), true);
    assert.equal(await gh.branchExists(emu.owner, emu.repo, 'feature/nope'), false);
    assert.deepEqual(emu.log(), [`GET /api/v3/repos/${emu.owner}/${emu.repo}/branches/feature%2Fx-y`, `GET /api/v3/repos/${emu.owner}/${emu.repo}/branches/feature%2Fnope`]);
    emu.addFault({ path: '/api/v3/repos/*', status: 301, body: { message: 'Moved Permanently' }, headers: { location: `${emu.apiUrl}/repositories/1/branches/new` } });
    assert.equal(await gh.branchExists(emu.owner, emu.repo, 'main'), false);
  });

  test('listBranchNames: all pages', async () => {
    const names = Array.from({ length: 230 }, (_, i) => `b-${i}`);
    emu.addBranches(names);
    const got = await client().listBranchNames(emu.owner, emu.repo);
    for (const n of names) assert.ok(got.includes(n), n);
    assert.equal(emu.log().length, 3);
  });

  test('ownLogin through GraphQL viewer (at /api/graphql beside /api/v3): PAT, fine-grained PAT, GITHUB_TOKEN, App token', async () => {
    emu.addToken('github_pat_fine', { kind: 'fine-grained', login: 'fine-dev' }).addToken('ghs_app', { kind: 'app', slug: 'deploy-bot' });
    assert.equal(await client(PAT).ownLogin(), 'octo-dev');
    assert.equal(await client('github_pat_fine').ownLogin(), 'fine-dev');
    assert.equal(await client(WORKFLOW).ownLogin(), WORKFLOW_TOKEN_LOGIN);
    assert.equal(await client('ghs_app').ownLogin(), 'deploy-bot[bot]');
    assert.deepEqual(emu.log(), Array(4).fill('POST /api/graphql'));
  });

  test('ownLogin falls back when GraphQL refuses', async () => {
    emu.addFault({ path: '/api/graphql', status: 403, body: { message: 'Resource not accessible by integration' } });
    const custom = new GitHubClient({ baseUrl: emu.apiUrl, token: WORKFLOW, timeoutMs: 5_000, retries: 0, fallbackLogin: 'my-app[bot]' });
    assert.equal(await custom.ownLogin(), 'my-app[bot]');
  });

  test('429 is retried; the retry is invisible to the caller', async () => {
    emu.addFault({ path: '/api/v3/repos/*', status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '0' } });
    emu.addBranches(['main']);
    assert.equal(await client(WORKFLOW, 2).branchExists(emu.owner, emu.repo, 'main'), true);
    assert.equal(emu.log().length, 2);
  });

  test('rate-limit 403 names the reset time and is not retried', async () => {
    emu.rateLimit = { limit: 5000, remaining: 0, resetEpochSeconds: 1_800_000_000 };
    await assert.rejects(client(WORKFLOW, 3).listBranchNames(emu.owner, emu.repo), (err: unknown) => {
      assert.ok(err instanceof GitHubError);
      assert.equal(err.status, 403);
      assert.equal(err.rateLimitResetAt?.toISOString(), new Date(1_800_000_000_000).toISOString());
      assert.match(err.message, /rate limit exhausted .*resets at 2027-01-15T08:00:00\.000Z/);
      return true;
    });
    assert.equal(emu.log().length, 1);
  });

  test('writes go out when due: the identity query, two comments and a commit status are not spaced apart', async () => {
    emu.latencyMs = 50;
    try {
      const gh = client();
      const started = Date.now();
      await Promise.all([
        gh.ownLogin(),
        gh.createIssueComment(emu.owner, emu.repo, 21, 'one'),
        gh.createIssueComment(emu.owner, emu.repo, 22, 'two'),
        gh.request({ method: 'POST', path: `/repos/${emu.owner}/${emu.repo}/statuses/${'a'.repeat(40)}`, json: { state: 'success', context: 'c' } }),
      ]);
      const elapsed = Date.now() - started;
      // plugin-throttling's default groups space writes 1 s apart and comments 3 s apart: ≥ 3 s here.
      assert.ok(elapsed < 900, `four writes took ${elapsed} ms`);
      assert.equal(emu.log().filter(l => l.startsWith('POST ')).length, 4);
    } finally {
      emu.latencyMs = 0;
    }
  });

  test('eleven pages of comments take two steps even with the identity query still in flight', async () => {
    emu.seedComments(30, 1001, 'reviewer');
    emu.latencyMs = 150;
    // The identity query hangs on: it holds a request slot while pages 2…11 go out together.
    emu.addFault({ method: 'POST', path: '/api/graphql', delayMs: 700, status: 401, body: { message: 'Bad credentials' } });
    try {
      const all = await client().listIssueComments(emu.owner, emu.repo, 30);
      assert.equal(all.length, 1001);
      // Steps: the longest chain of page requests each sent after an earlier one was answered.
      // Page 1, then pages 2…11 at once: 2. With plugin-throttling's 10 slots one of them waits for a free slot: 3.
      const pages = emu.requests.filter(r => r.method === 'GET').sort((a, b) => a.receivedAt - b.receivedAt);
      const depth: number[] = [];
      pages.forEach((r, i) => depth.push(1 + Math.max(0, ...pages.slice(0, i).map((p, j) => (p.answer!.sentAt <= r.receivedAt ? depth[j]! : 0)))));
      assert.equal(pages.length, 11);
      assert.equal(Math.max(...depth), 2, JSON.stringify(depth));
    } finally {
      emu.latencyMs = 0;
    }
  });

  test('a secondary rate limit with Retry-After is still waited out, then the comment is written once', async () => {
    emu.addFault({
      method: 'POST',
      path: `/api/v3/repos/${emu.owner}/${emu.repo}/issues/23/comments`,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
    });
    const started = Date.now();
    const c = await client().createIssueComment(emu.owner, emu.repo, 23, 'after the wait');
    assert.ok(Date.now() - started >= 1000, `resent after ${Date.now() - started} ms`);
    assert.equal(c.body, 'after the wait');
    assert.deepEqual(
      emu.comments(23).map(x => x.body),
      ['after the wait'],
    );
    assert.equal(emu.log().filter(l => l.endsWith('/issues/23/comments')).length, 2);
  });

  test('secondary rate limit says to wait', async () => {
    emu.addFault({
      path: '/api/v3/repos/*',
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '60' },
    });
    await assert.rejects(client().branchExists(emu.owner, emu.repo, 'main'), /secondary rate limit.*wait 60 s/);
  });

  test('missing permission names it: contents: read for branches, pull-requests: write for comments', async () => {
    emu.addFault({ path: '/api/v3/repos/*', status: 403, body: { message: 'Resource not accessible by integration' } });
    await assert.rejects(client().listBranchNames(emu.owner, emu.repo), /`contents: read`/);
    await assert.rejects(client('ghs_ro').createIssueComment(emu.owner, emu.repo, 3, 'hi'), /`pull-requests: write`/);
  });

  test('bad credentials point at github-token and never echo the token', async () => {
    await assert.rejects(client('ghp_wrong_secret').listBranchNames(emu.owner, emu.repo), (err: unknown) => {
      assert.ok(err instanceof GitHubError);
      assert.match(err.message, /HTTP 401: Bad credentials.*github-token/);
      assert.ok(!err.message.includes('ghp_wrong_secret'));
      return true;
    });
  });

  test('a Link to another host is followed on our base only', async () => {
    emu.seedComments(8, 3, 'reviewer');
    emu.addFault({
      method: 'GET',
      path: `/api/v3/repos/${emu.owner}/${emu.repo}/issues/8/comments`,
      status: 200,
      body: [{ id: 1, body: 'first page', html_url: 'h', user: { login: 'x' } }],
      headers: { link: `<https://evil.example/api/v3/repositories/${emu.repoId}/issues/8/comments?per_page=100&page=1>; rel="next"` },
    });
    const all = await client().listIssueComments(emu.owner, emu.repo, 8);
    assert.deepEqual(
      all.map(c => c.body),
      ['first page', 'comment 1 by reviewer', 'comment 2 by reviewer', 'comment 3 by reviewer'],
    );
    // The identity query (POST /api/graphql) runs beside the listing, in any order: the GETs alone.
    assert.equal(emu.log().filter(l => l.startsWith('GET '))[1], `GET /api/v3/repositories/${emu.repoId}/issues/8/comments?per_page=100&page=1`);
  });
});

describe('parseLink (rel="next")', () => {
  const cases: [string | null, string | undefined][] = [
    [null, undefined],
    ['<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"', 'https://api.github.com/x?page=2'],
    ['<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"', undefined],
    ['<https://a/x?page=3>; rel="last", <https://a/x?page=2>; rel="next"', 'https://a/x?page=2'],
    ['<https://a/x?page=2>; rel=next', 'https://a/x?page=2'],
  ];
  for (const [header, expected] of cases) test(String(header), () => assert.equal(parseLink(header, 'next'), expected));
});
