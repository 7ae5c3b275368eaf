import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { GitHubClient, GitHubError } from '../../src/github.js';
import { findStickyComment, writeStickyComment, MAX_COMMENT_CHARS } from '../../src/report/comment.js';
import { renderReport, stickyMarker, digestMarker, type ReportContext } from '../../src/report/markdown.js';
import type { Outcome } from '../../src/targets/target.js';
import { GitHubEmulator, ACTIONS_BOT } from '../../emulators/github.js';

/** The run's two steps, search then write, back to back (the action overlaps the search with the target's work). */
async function findThenWrite(gh: GitHubClient, req: Parameters<typeof writeStickyComment>[2]) {
  return writeStickyComment(gh, await findStickyComment(gh, req), req);
}

const WORKFLOW = 'ghs_workflow_token';
const PAT = 'ghp_personal_token';
const READ_ONLY = 'ghs_read_only_token';
const ISSUE = 12;
const OWNER = 'acme';
const REPO = 'dj-definitions';

const emu = new GitHubEmulator({ owner: OWNER, repo: REPO });
emu.addToken(WORKFLOW, { kind: 'workflow' }).addToken(PAT, { kind: 'pat', login: 'octo-dev' }).addToken(READ_ONLY, { kind: 'workflow', readOnly: true });

function client(token = WORKFLOW): GitHubClient {
  return new GitHubClient({ baseUrl: emu.apiUrl, token, timeoutMs: 5_000, retries: 1, backoffBaseMs: 1 });
}

const marker = stickyMarker('dj', 'demo.metrics.feature_x');
let issue = ISSUE;

function report(status: string, now = new Date('2026-08-22T10:00:00Z')): string {
  const outcome: Outcome = {
    target: 'dj',
    operation: 'updated',
    name: 'demo.metrics.feature_x',
    gitBranch: 'feature/x',
    results: [{ name: 'demo.metrics.feature_x.revenue', deploy_type: 'node', status, operation: 'update', message: 'm' }],
    notes: [],
  };
  const ctx: ReportContext = {
    eventName: 'pull_request',
    prNumber: issue,
    dryRun: false,
    failOn: 'failed',
    now,
    runUrl: `https://github.com/acme/x/actions/runs/${now.getTime()}`,
  };
  return renderReport(outcome, ctx);
}

/** REST requests (the identity query, POST /graphql, runs beside the listing: see below). */
function methods(): string[] {
  return emu
    .log()
    .map(l => l.replace(/\?.*$/, ''))
    .filter(l => l !== 'POST /graphql');
}

describe('sticky comment', () => {
  before(() => emu.start().then(() => undefined));
  after(() => emu.stop());
  beforeEach(() => {
    issue += 1; // a fresh pull request per test
    emu.resetLog();
    emu.clearFaults();
    emu.rateLimit = undefined;
  });

  test('created on the first run: one GET, one POST (the identity query runs beside the GET)', async () => {
    const res = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(res.ok, String(!res.ok && res.error));
    assert.equal(res.action, 'created');
    assert.deepEqual(methods(), [`GET /repos/${OWNER}/${REPO}/issues/${issue}/comments`, `POST /repos/${OWNER}/${REPO}/issues/${issue}/comments`]);
    const [c] = emu.comments(issue);
    assert.equal(c!.id, res.id);
    assert.equal(c!.login, ACTIONS_BOT);
    assert.ok(c!.body.startsWith(`${marker}\n<!-- dj-branch-sync-digest:`));
    assert.ok(c!.body.includes(digestMarker(report('success'))));
    assert.equal(res.url, `https://github.com/${OWNER}/${REPO}/pull/${issue}#issuecomment-${res.id}`);
    // The request carried GitHub's headers.
    const post = emu.requests.find(q => q.method === 'POST' && q.rawPath.endsWith('/comments'))!;
    assert.equal(post.headers.authorization, `token ${WORKFLOW}`);
    assert.equal(post.headers.accept, 'application/vnd.github+json');
    assert.equal(post.headers['x-github-api-version'], '2022-11-28');
  });

  test('unchanged content (a re-run at another time) sends no PATCH', async () => {
    const first = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(first.ok);
    const before = emu.comments(issue)[0]!.body;
    emu.resetLog();
    const again = await findThenWrite(client(), {
      owner: OWNER,
      repo: REPO,
      issueNumber: issue,
      marker,
      body: report('success', new Date('2026-08-23T08:00:00Z')),
    });
    assert.ok(again.ok);
    assert.equal(again.action, 'unchanged');
    assert.equal(again.id, first.id);
    assert.ok(!methods().some(m => m.startsWith('PATCH') || m.startsWith('POST')), methods().join('\n'));
    // The token's identity (GraphQL viewer) is asked beside the listing: no request after it.
    assert.deepEqual(methods(), [`GET /repos/${OWNER}/${REPO}/issues/${issue}/comments`]);
    assert.deepEqual(
      emu.log().filter(l => l === 'POST /graphql'),
      ['POST /graphql'],
    );
    assert.equal(emu.comments(issue)[0]!.body, before);
  });

  test('changed content updates the same comment in place', async () => {
    const first = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(first.ok);
    emu.resetLog();
    const body = report('failed');
    const res = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body });
    assert.ok(res.ok);
    assert.equal(res.action, 'updated');
    assert.equal(res.id, first.id);
    assert.ok(methods().includes(`PATCH /repos/${OWNER}/${REPO}/issues/comments/${first.id}`));
    const all = emu.comments(issue);
    assert.equal(all.length, 1);
    assert.ok(all[0]!.body.endsWith(body));
  });

  test('150 unrelated comments and a spoofed marker by another user: ours found on page 2, the spoof never edited', async () => {
    emu.seedComments(issue, 120, 'reviewer');
    const body = report('success');
    // Someone copies our marker and even the right digest, hoping we would take it as ours.
    const spoof = emu.addComment(issue, 'mallory', `${marker}\n${digestMarker(body)}\n\nlooks official`);
    emu.seedComments(issue, 30, 'another-bot[bot]');
    emu.resetLog();

    const created = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body });
    assert.ok(created.ok, String(!created.ok && created.error));
    assert.equal(created.action, 'created');
    // Both pages were read, the second through the Link header (GitHub's /repositories/{id} form).
    assert.deepEqual(methods(), [
      `GET /repos/${OWNER}/${REPO}/issues/${issue}/comments`,
      `GET /repositories/${emu.repoId}/issues/${issue}/comments`,
      `POST /repos/${OWNER}/${REPO}/issues/${issue}/comments`,
    ]);
    // The identity query (POST /graphql) runs beside the listing, in any order: the REST requests alone.
    const rest = emu.requests.filter(r => r.rawPath !== '/graphql');
    assert.equal(rest[0]!.query.get('per_page'), '100');
    assert.equal(rest[1]!.query.get('page'), '2');

    emu.seedComments(issue, 5, 'reviewer');
    emu.resetLog();
    const updated = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('invalid') });
    assert.ok(updated.ok);
    assert.equal(updated.action, 'updated');
    assert.equal(updated.id, created.id);
    assert.ok(!emu.log().some(l => l.includes(`/comments/${spoof.id}`)), 'the spoof is never touched');
    const all = emu.comments(issue);
    assert.equal(all.length, 157);
    assert.equal(all.find(c => c.id === spoof.id)!.body, spoof.body);
    assert.equal(all.filter(c => c.body.includes(marker) && c.login === ACTIONS_BOT).length, 1);
  });

  test('a deleted comment is written again', async () => {
    const first = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(first.ok);
    emu.deleteComment(first.id);
    const again = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(again.ok);
    assert.equal(again.action, 'created');
    assert.notEqual(again.id, first.id);
    assert.equal(emu.comments(issue).length, 1);
  });

  test('deleted between the search and the write: PATCH 404, then created', async () => {
    const first = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(first.ok);
    const gh = client();
    const where = { owner: OWNER, repo: REPO, issueNumber: issue, marker };
    const found = await findStickyComment(gh, where);
    assert.ok(found.ok && found.existing?.id === first.id);
    emu.deleteComment(first.id);
    emu.resetLog();
    const res = await writeStickyComment(gh, found, { ...where, body: report('failed') });
    assert.ok(res.ok, String(!res.ok && res.error));
    assert.equal(res.action, 'created');
    assert.deepEqual(methods(), [`PATCH /repos/${OWNER}/${REPO}/issues/comments/${first.id}`, `POST /repos/${OWNER}/${REPO}/issues/${issue}/comments`]);
  });

  test('search in parallel with other work, write afterwards', async () => {
    const gh = client();
    const where = { owner: OWNER, repo: REPO, issueNumber: issue, marker };
    const pending = findStickyComment(gh, where);
    await new Promise(r => setTimeout(r, 5)); // "the server works"
    const res = await writeStickyComment(gh, await pending, { ...where, body: report('success') });
    assert.ok(res.ok);
    assert.equal(res.action, 'created');
  });

  test('a read-only token: the error names pull-requests: write', async () => {
    const res = await findThenWrite(client(READ_ONLY), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.equal(res.ok, false);
    assert.ok(!res.ok);
    assert.match(res.error.message, /`pull-requests: write`/);
    assert.match(res.error.message, /Resource not accessible by integration/);
    assert.ok(res.error instanceof GitHubError);
    assert.equal(res.error.permission, 'pull-requests: write');
    assert.equal(emu.comments(issue).length, 0);
  });

  test('a PAT writes as its user and finds its own comment again, not the bot one', async () => {
    const botBody = `${marker}\nby the bot`;
    const bot = emu.addComment(issue, ACTIONS_BOT, botBody);
    const first = await findThenWrite(client(PAT), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('success') });
    assert.ok(first.ok);
    assert.equal(first.action, 'created');
    assert.equal(emu.comments(issue).find(c => c.id === first.id)!.login, 'octo-dev');
    const second = await findThenWrite(client(PAT), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: report('failed') });
    assert.ok(second.ok);
    assert.equal(second.action, 'updated');
    assert.equal(second.id, first.id);
    assert.equal(emu.comments(issue).find(c => c.id === bot.id)!.body, botBody);
  });

  test("a token's identity is asked once per client, for a personal and an installation token alike", async () => {
    const gh = client(PAT);
    const where = { owner: OWNER, repo: REPO, issueNumber: issue, marker };
    await findThenWrite(gh, { ...where, body: report('success') });
    await findThenWrite(gh, { ...where, body: report('failed') });
    await findThenWrite(gh, { ...where, body: report('invalid') });
    assert.equal(emu.log().filter(l => l === 'POST /graphql').length, 1);
    assert.equal(emu.log().filter(l => l === 'GET /user').length, 0);
    emu.resetLog();
    const app = client();
    await findThenWrite(app, { ...where, body: report('success') });
    await findThenWrite(app, { ...where, body: report('failed') });
    assert.equal(emu.log().filter(l => l === 'POST /graphql').length, 1);
  });

  test('duplicates of ours (a race, a resent POST) are removed by the next write; the oldest is kept', async () => {
    const where = { owner: OWNER, repo: REPO, issueNumber: issue, marker };
    const first = await findThenWrite(client(), { ...where, body: report('success') });
    assert.ok(first.ok);
    const dup = emu.addComment(issue, ACTIONS_BOT, `${marker}\n<!-- dj-branch-sync-digest:000000000000 -->\n\nracing copy`);
    const spoof = emu.addComment(issue, 'mallory', `${marker}\nnot ours`);
    emu.resetLog();
    const res = await findThenWrite(client(), { ...where, body: report('failed') });
    assert.ok(res.ok);
    assert.equal(res.id, first.id);
    assert.ok(methods().includes(`DELETE /repos/${OWNER}/${REPO}/issues/comments/${dup.id}`), methods().join('\n'));
    const ours = emu.comments(issue).filter(c => c.login === ACTIONS_BOT);
    assert.deepEqual(
      ours.map(c => c.id),
      [first.id],
    );
    assert.ok(
      emu.comments(issue).some(c => c.id === spoof.id),
      "someone else's comment is never deleted",
    );
  });

  test('a rate-limited search is an error with the reset time, never a throw', async () => {
    const reset = Math.floor(Date.parse('2026-08-22T11:00:00Z') / 1000);
    emu.rateLimit = { limit: 1000, remaining: 0, resetEpochSeconds: reset };
    const found = await findStickyComment(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker });
    assert.equal(found.ok, false);
    assert.ok(!found.ok);
    assert.match(found.error.message, /rate limit exhausted .* resets at 2026-08-22T11:00:00\.000Z/);
    const res = await writeStickyComment(client(), found, { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: 'x' });
    assert.equal(res.ok, false);
  });

  test('an unreachable API is an error value, not a rejection', async () => {
    const gh = new GitHubClient({ baseUrl: 'http://127.0.0.1:1', token: WORKFLOW, timeoutMs: 2_000, retries: 0 });
    const found = await findStickyComment(gh, { owner: OWNER, repo: REPO, issueNumber: issue, marker });
    assert.equal(found.ok, false);
  });

  test("a body over GitHub's limit is refused before sending", async () => {
    const res = await findThenWrite(client(), { owner: OWNER, repo: REPO, issueNumber: issue, marker, body: 'x'.repeat(MAX_COMMENT_CHARS) });
    assert.equal(res.ok, false);
    assert.ok(!methods().some(m => m.startsWith('POST')));
  });
});
