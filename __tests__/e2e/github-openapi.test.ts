/**
 * The GitHub emulator held against GitHub's own OpenAPI description (@octokit/openapi): every
 * exchange of representative runs of dist/index.js (the answer's status documented for the
 * operation, its body against the response schema, Link headers on listings; the action's
 * request body and query against the operation's), and GitHub's own examples of the same
 * operations as a check that the validator accepts real answers and rejects broken ones.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from './counted-assert.js';
import { GitHubOpenApi, linkProblem, type Violation } from './github-openapi.js';
import { startWorld, pushBranch, MAIN_YAML, GH_TOKEN, type World } from '../../harness/world.js';
import { startDjWorld, type DjWorld } from '../../harness/dj-world.js';
import { branchRefEvent, commentEvent, example, prEvent, pushEvent, setRepo } from '../../harness/payloads.js';
import type { RecordedRequest } from '../../emulators/server.js';
import { stickyMarker } from '../../src/report/markdown.js';
import { GitHubClient } from '../../src/github.js';

/** The operations the action uses (src/github.ts, src/report/commit-status.ts). */
const OPERATIONS = [
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'repos/get-branch',
  'repos/list-branches',
  'repos/list-commit-statuses-for-ref',
  'repos/create-commit-status',
  'repos/compare-commits-with-basehead',
  'pulls/get',
  'pulls/list',
  'repos/get-collaborator-permission-level',
  'reactions/create-for-issue-comment',
  'issues/add-labels',
  'checks/create',
  'checks/update',
  'git/get-tree',
  'repos/create-deployment',
  'repos/list-deployments',
  'repos/create-deployment-status',
];

const api = new GitHubOpenApi();

/**
 * Where GitHub's own example disagrees with its own schema (the validator is right: the schema
 * requires the field, the example predates it). Asserted exactly, so a fixed description shows.
 */
const KNOWN_EXAMPLE_GAPS: Record<string, string> = {
  'repos/list-branches 200 default': "/0/protection/required_status_checks must have required property 'checks'",
  'pulls/get 200 default': "/requested_teams/0 must have required property 'type'",
  'pulls/list 200 default': "/0/requested_teams/0 must have required property 'type'",
  'repos/get-collaborator-permission-level 200 response-if-user-has-admin-permissions': "/user must have required property 'role_name'",
};

/** The validator's findings for recorded exchanges, GraphQL aside (not part of the REST description). */
function violations(requests: RecordedRequest[], base = ''): Violation[] {
  return requests.filter(r => r.rawPath !== '/graphql').flatMap(r => api.check(r, base));
}

const dispatch = () => {
  const p = example('workflow_dispatch');
  setRepo(p, 'acme/dj-definitions');
  return p;
};
const schedule = { schedule: '17 3 * * *', repository: { full_name: 'acme/dj-definitions', default_branch: 'main' } };

describe("the validator on GitHub's own examples", () => {
  test.each(OPERATIONS)('%s: every documented example validates; a mutated one does not', operationId => {
    const info = api.info(operationId);
    if (!info.statuses.some(st => api.response(operationId, st)?.schema)) {
      // DELETE: documented answers without bodies only.
      assert.ok(info.statuses.includes('204'), `${operationId}: ${info.statuses.join(', ')}`);
      return;
    }
    let checked = 0;
    for (const status of info.statuses) {
      const res = api.response(operationId, status)!;
      for (const { name, value } of res.examples) {
        const errors = api.schemaErrors(`${operationId} ${status}`, res.schema, value);
        const known = KNOWN_EXAMPLE_GAPS[`${operationId} ${status} ${name}`];
        if (known) assert.equal(errors, known, `${operationId} ${status} example '${name}': the description's known gap changed`);
        else assert.equal(errors, undefined, `${operationId} ${status} example '${name}': ${errors}`);
        checked++;
        // Broken copies: a wrong type, and a required field removed, at the first object found.
        const object = (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
        if (object && typeof object === 'object') {
          const key = Object.keys(object).find(k => typeof object[k] === 'number' || typeof object[k] === 'string')!;
          const wrongType = structuredClone(value) as Record<string, unknown> | Record<string, unknown>[];
          const target = (Array.isArray(wrongType) ? wrongType[0] : wrongType)!;
          target[key] = typeof object[key] === 'number' ? `not a number` : { not: 'a string' };
          assert.notEqual(api.schemaErrors(`${operationId} ${status}`, res.schema, wrongType), undefined, `${operationId} ${status}: '${key}' of the wrong type passed`);
        }
      }
    }
    assert.ok(checked >= 1, `${operationId}: no examples in the description`);
  });

  test('nullable (OpenAPI 3.0): null passes where the description allows it and fails where it does not', () => {
    const res = api.response('issues/create-comment', 201)!;
    const comment = structuredClone(res.examples[0]!.value) as Record<string, unknown>;
    // performed_via_github_app is a nullable $ref (nullable-integration), user a nullable object.
    assert.equal(api.schemaErrors('issues/create-comment 201', res.schema, { ...comment, performed_via_github_app: null, user: null }), undefined);
    assert.match(api.schemaErrors('issues/create-comment 201', res.schema, { ...comment, id: null }) ?? '', /\/id must be integer/);
    assert.match(api.schemaErrors('issues/create-comment 201', res.schema, { ...comment, html_url: 'not a uri' }) ?? '', /\/html_url must match format "uri"/);
    const status = api.response('repos/create-commit-status', 201)!;
    const st = structuredClone(status.examples[0]!.value) as Record<string, unknown>;
    assert.equal(api.schemaErrors('repos/create-commit-status 201', status.schema, { ...st, description: null, target_url: null }), undefined);
    assert.match(api.schemaErrors('repos/create-commit-status 201', status.schema, { ...st, state: null }) ?? '', /\/state must be string/);
  });

  test("Link headers: GitHub's form passes; broken forms are named", () => {
    const req = (page: number) => ({ query: new URLSearchParams(page > 1 ? { per_page: '100', page: String(page) } : { per_page: '100' }) }) as RecordedRequest;
    const u = (p: number) => `<https://api.github.com/repositories/1300192/issues/1/comments?per_page=100&page=${p}>`;
    assert.equal(linkProblem(`${u(2)}; rel="next", ${u(5)}; rel="last"`, req(1)), undefined);
    assert.equal(linkProblem(`${u(2)}; rel="prev", ${u(4)}; rel="next", ${u(5)}; rel="last", ${u(1)}; rel="first"`, req(3)), undefined);
    assert.match(linkProblem(`${u(2)}; rel=next`, req(1)) ?? '', /is not <URL>/);
    assert.match(linkProblem(`</issues/1/comments?page=2>; rel="next", ${u(5)}; rel="last"`, req(1)) ?? '', /absolute URL/);
    assert.match(linkProblem(`${u(2)}; rel="next"`, req(1)) ?? '', /next without last/);
    assert.match(linkProblem(`${u(3)}; rel="next", ${u(5)}; rel="last"`, req(1)) ?? '', /next is not page 2/);
  });

  test('the request side: an undocumented query parameter, a missing body and a wrong type are named', () => {
    const rec = (method: string, rawPath: string, json?: unknown, query = ''): RecordedRequest => ({
      method,
      rawPath,
      segments: [],
      query: new URLSearchParams(query),
      headers: json === undefined ? {} : { 'content-type': 'application/json' },
      body: json === undefined ? '' : JSON.stringify(json),
      json,
      receivedAt: 0,
      answer: { status: 201, headers: {}, body: JSON.stringify(api.response('issues/create-comment', 201)!.examples[0]!.value), sentAt: 0 },
    });
    assert.deepEqual(api.check(rec('POST', '/repos/a/b/issues/1/comments', { body: 'hi' })), []);
    assert.match(api.check(rec('POST', '/repos/a/b/issues/1/comments'))[0]?.problem ?? '', /requires a body/);
    assert.match(api.check(rec('POST', '/repos/a/b/issues/1/comments', { body: 7 }))[0]?.problem ?? '', /request body: \/body must be string/);
    assert.match(api.check(rec('POST', '/repos/a/b/issues/1/comments', { body: 'hi' }, 'per_pgae=100'))[0]?.problem ?? '', /'per_pgae' is not documented/);
    assert.match(api.check(rec('GET', '/repos/a/b/issues/1/comments', undefined, 'per_page=100'))[0]?.problem ?? '', /status 201 is not documented/);
  });
});

describe('the emulator against the description: representative runs of dist/index.js', () => {
  let w: World;
  let dj: DjWorld;
  const recorded: RecordedRequest[] = [];
  const gitRecorded: RecordedRequest[] = [];
  before(async () => {
    [w, dj] = await Promise.all([startWorld(), startDjWorld()]);
  });
  after(async () => {
    await Promise.all([w?.stop(), dj?.stop()]);
  });
  /** Runs, asserts it ended as expected, keeps the GitHub traffic. */
  async function run(what: string, eventName: string, payload: unknown, inputs: Record<string, string> = {}, expect: Record<string, string> = {}): Promise<void> {
    w.resetLogs();
    const r = await w.run(eventName, payload, inputs);
    assert.equal(r.exitCode, 0, `${what}:\n${r.stdout}`);
    for (const [k, v] of Object.entries(expect)) assert.equal(r.outputs[k], v, `${what}: output ${k}\n${r.stdout}`);
    recorded.push(...w.gh.requests);
  }

  test('opened, synchronize, re-run, closed; create, push, delete; prune; an App token; a cut report; a missing pull request: every exchange as documented', async () => {
    const head = (tag: string) => tag.repeat(40).slice(0, 40);
    // A pull request with 250 earlier comments, so its comment listing has three pages.
    pushBranch(w, 'feature/orders', MAIN_YAML, head('a'));
    w.gh.seedComments(7, 250, 'octocat');
    await run('opened', 'pull_request', prEvent('opened', 'feature/orders', { number: 7, sha: head('a') }), {}, { operation: 'created' });
    w.dj.setYaml('feature/orders', [...MAIN_YAML.slice(0, 3), { name: '${prefix}aov', type: 'metric', query: 'AVG(amount) -- v2' }]);
    w.dj.setHead('feature/orders', head('b'));
    // A second comment of ours with the same marker (a race's leftover): removed when writing (DELETE).
    w.gh.addComment(7, 'github-actions[bot]', `${stickyMarker('dj', 'demo.metrics.feature_orders')}\nleft by a race`);
    await run('synchronize', 'pull_request', prEvent('synchronize', 'feature/orders', { number: 7, sha: head('b') }), {}, { operation: 'updated' });
    await run('re-run', 'pull_request', prEvent('synchronize', 'feature/orders', { number: 7, sha: head('b') }));
    await run('closed', 'pull_request', prEvent('closed', 'feature/orders', { number: 7, sha: head('b'), merged: true }), {}, { operation: 'deleted' });

    pushBranch(w, 'feature/create', MAIN_YAML, head('c'));
    await run('create', 'create', branchRefEvent('create', 'feature/create'), {}, { operation: 'created' });
    // deploy: changed compares the pushed commit with the one before (GET compare).
    w.gh.addCommit(head('c'), { files: ['nodes/orders.yaml'] });
    w.gh.addCommit(head('d'), { parent: head('c'), files: ['README.md'] });
    w.dj.setHead('feature/create', head('d'));
    await run('push (deploy: changed)', 'push', { ...pushEvent('feature/create', head('d')), before: head('c') }, { deploy: 'changed' }, { operation: 'unchanged' });
    w.gh.removeBranch('feature/create');
    await run('delete', 'delete', branchRefEvent('delete', 'feature/create'), {}, { operation: 'deleted' });

    // prune: 150 repository branches (two pages), one namespace whose branch is gone.
    pushBranch(w, 'feature/gone', MAIN_YAML, head('e'));
    await run('create (to prune)', 'create', branchRefEvent('create', 'feature/gone'), {}, { operation: 'created' });
    w.gh.removeBranch('feature/gone');
    w.gh.addBranches(Array.from({ length: 150 }, (_, i) => `keep/b${i}`));
    await run('prune', 'schedule', schedule, { operation: 'prune', 'prune-min-age-hours': '0' }, { operation: 'pruned' });
    // create on an explicit branch looks it up (GET branch, found and not found).
    pushBranch(w, 'feature/explicit', MAIN_YAML, head('f'));
    await run('dispatch create', 'workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/explicit' }, { operation: 'created' });
    w.resetLogs();
    const missingBranch = await w.run('workflow_dispatch', dispatch(), { operation: 'create', branch: 'feature/never-pushed' });
    recorded.push(...w.gh.requests);
    assert.ok(
      w.gh.requests.some(r => r.answer?.status === 404 && r.rawPath.includes('/branches/')),
      `a missing branch is looked up and not found:\n${missingBranch.stdout}`,
    );

    // A GitHub App's installation token: identity by GraphQL, the comment written as the App.
    w.gh.addToken('ghs_appinstallation0123456789', { kind: 'app', slug: 'dj-deployer' });
    pushBranch(w, 'feature/app', MAIN_YAML, head('1'));
    await run(
      'App token',
      'pull_request',
      prEvent('opened', 'feature/app', { number: 8, sha: head('1') }),
      { 'github-token': 'ghs_appinstallation0123456789' },
      { operation: 'created' },
    );
    assert.equal(w.gh.comments(8)[0]?.login, 'dj-deployer[bot]');

    // A report longer than a comment may be: cut to GitHub's limit, accepted.
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `\${prefix}metric_${i}_${'x'.repeat(30)}`, type: 'metric', query: `SUM(amount_${i})` }));
    pushBranch(w, 'feature/huge', [...MAIN_YAML, ...many], head('2'));
    await run('cut report', 'pull_request', prEvent('opened', 'feature/huge', { number: 9, sha: head('2') }), {}, { operation: 'created' });
    const posted = w.gh.requests.find(r => r.method === 'POST' && r.rawPath.endsWith('/issues/9/comments'));
    assert.ok(posted && (posted.json as { body: string }).body.length <= 65_536 && posted.answer?.status === 201, 'the cut report is posted whole');

    // A pull request GitHub does not know (#123456 beyond the repository's last): DJ work
    // stands, the comment is a warning.
    pushBranch(w, 'feature/missing-pr', MAIN_YAML, head('3'));
    w.resetLogs();
    const missing = await w.run('pull_request', prEvent('opened', 'feature/missing-pr', { number: 123456, sha: head('3') }));
    recorded.push(...w.gh.requests);
    assert.equal(missing.exitCode, 0, missing.stdout);
    assert.equal(missing.outputs.operation, 'created');
    assert.ok(
      missing.warnings.some(m => /404/.test(m) && /comment/i.test(m)),
      missing.warnings.join('\n'),
    );
    assert.ok(!w.gh.requests.some(r => r.method === 'POST' && r.rawPath.includes('/issues/123456/comments') && r.answer?.status === 201), 'no comment on a missing pull request');

    // The git-backed GitHub (branches and comparisons from a real repository).
    dj.resetLogs();
    dj.branch('feature/git');
    // 51 invalid nodes: the check run's tree and file reads, its create and one PATCH for the 51st annotation.
    const broken = (i: number) => `name: \${prefix}broken_${i}\nnode_type: metric\nquery: SELECT SUM(x) FROM \${prefix}missing_${i}\n`;
    dj.git.commitFiles('feature/git', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`nodes/broken/b_${i}.yaml`, broken(i)])));
    const opened = await dj.run('pull_request', prEvent('opened', 'feature/git', { number: 11 }));
    assert.equal(opened.exitCode, 0, opened.stdout);
    dj.git.deleteBranch('feature/git');
    const pruned = await dj.run('schedule', schedule, { operation: 'prune', 'prune-min-age-hours': '0' });
    assert.equal(pruned.exitCode, 0, pruned.stdout);
    gitRecorded.push(...dj.gh.requests);

    // Comment commands (SPEC §13): the permission and the pull request, reactions, the keep
    // label, the help reply; the branch's delete event and prune find the branch's pull request.
    pushBranch(w, 'feature/cmd', MAIN_YAML, head('4'));
    w.gh.addPull({ number: 12, branch: 'feature/cmd', sha: head('4') });
    w.gh.setRole('maintainer', 'maintain');
    for (const body of ['/dj deploy', '/dj help', '/dj keep']) {
      const c = w.gh.addComment(12, 'maintainer', body);
      await run(body, 'issue_comment', commentEvent(body, { number: 12, id: c.id }));
    }
    const fromReader = w.gh.addComment(12, 'reader', '/dj delete');
    await run('reader', 'issue_comment', commentEvent('/dj delete', { number: 12, id: fromReader.id, login: 'reader' }), {}, { 'skip-reason': 'not-permitted' });
    const missingPull = w.gh.addComment(404, 'maintainer', '/dj deploy');
    w.resetLogs();
    await w.run('issue_comment', commentEvent('/dj deploy', { number: 404, id: missingPull.id }));
    recorded.push(...w.gh.requests);
    w.gh.pull(12)!.state = 'closed';
    w.gh.removeBranch('feature/cmd');
    await run('delete (kept)', 'delete', branchRefEvent('delete', 'feature/cmd'), {}, { operation: 'unchanged' });

    // Every exchange as the description documents it.
    const found = [...violations(recorded), ...violations(gitRecorded)];
    assert.deepEqual(found, [], `${found.length} exchanges differ from GitHub's description:\n${JSON.stringify(found.slice(0, 20), null, 1)}`);

    // The runs used every operation the action knows, and answers other than 2xx.
    const seen = new Set(
      [...recorded, ...gitRecorded]
        .filter(r => r.rawPath !== '/graphql')
        .map(r => api.operation(r.method, r.rawPath.replace(/^\/repositories\/\d+(?=\/)/, '/repos/{owner}/{repo}'))?.operationId),
    );
    assert.deepEqual(
      OPERATIONS.filter(o => !seen.has(o)),
      [],
      `operations never exercised: seen ${[...seen].join(', ')}`,
    );
    const statuses = new Set(recorded.map(r => `${r.method} ${r.answer?.status}`));
    for (const s of ['GET 200', 'POST 201', 'PATCH 200', 'DELETE 204', 'GET 404']) assert.ok(statuses.has(s), `no ${s} among ${[...statuses].join(', ')}`);
    assert.ok(
      recorded.some(r => /rel="next"/.test(String(r.answer?.headers.link ?? ''))),
      'a paginated listing was answered with a Link header',
    );
    assert.ok(recorded.length >= 40, `${recorded.length} exchanges`);
  });
});

describe('the emulator gaps the description showed, answered as GitHub answers', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w?.stop();
  });
  const send = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(`${w.gh.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${GH_TOKEN}`, accept: 'application/vnd.github+json', ...(body !== undefined ? { 'content-type': type } : {}) },
      body,
    });
    return { status: res.status, json: JSON.parse(await res.text()) as { message?: string; errors?: { code: string; field?: string; message?: string }[] } };
  };
  const last = () => w.gh.requests.at(-1)!;

  test('comments on a missing issue: 404 for listing and posting, as documented', async () => {
    const list = await send('GET', '/repos/acme/dj-definitions/issues/123456/comments?per_page=100');
    assert.equal(list.status, 404);
    assert.deepEqual(api.check(last()), []);
    const post = await send('POST', '/repos/acme/dj-definitions/issues/123456/comments', JSON.stringify({ body: 'hello' }));
    assert.equal(post.status, 404);
    assert.deepEqual(api.check(last()), []);
    assert.deepEqual(w.gh.comments(123456), []);
    w.gh.deleteIssue(5);
    assert.equal((await send('POST', '/repos/acme/dj-definitions/issues/5/comments', JSON.stringify({ body: 'hello' }))).status, 404);
  });

  test('a body over 65,536 characters: 422 in the current form (unprocessable, field data, "Body is too long")', async () => {
    const r = await send('POST', '/repos/acme/dj-definitions/issues/3/comments', JSON.stringify({ body: 'x'.repeat(65_537) }));
    assert.equal(r.status, 422);
    assert.equal(r.json.message, 'Validation Failed');
    assert.deepEqual(r.json.errors, [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }]);
    assert.deepEqual(api.check(last()), []);
    const atLimit = await send('POST', '/repos/acme/dj-definitions/issues/3/comments', JSON.stringify({ body: 'x'.repeat(65_536) }));
    assert.equal(atLimit.status, 201);
    assert.deepEqual(api.check(last()), []);
  });

  test('review requests (the review, SPEC §10.1): users and teams, 201 with the pull request; 422 for the author and for a non-collaborator, nobody added; every exchange as documented', async () => {
    const gh = new GitHubClient({ baseUrl: w.gh.apiUrl, token: GH_TOKEN, timeoutMs: 5000, retries: 0, backoffBaseMs: 1 });
    w.gh.collaborators = new Set(['dana-gh', 'carol', 'data-team']);
    w.gh.prAuthors.set(7, 'carol');
    const from = w.gh.requests.length;
    assert.deepEqual(await gh.requestReviewers('acme', 'dj-definitions', 7, { reviewers: ['dana-gh'] }), { ok: true });
    assert.deepEqual(await gh.requestReviewers('acme', 'dj-definitions', 7, { team_reviewers: ['data-team'] }), { ok: true });
    const author = await gh.requestReviewers('acme', 'dj-definitions', 7, { reviewers: ['carol'] });
    assert.deepEqual(author, { ok: false, message: 'Review cannot be requested from pull request author.' });
    const stranger = await gh.requestReviewers('acme', 'dj-definitions', 7, { reviewers: ['dana-gh', 'mallory'] });
    assert.equal(stranger.ok, false);
    assert.deepEqual(w.gh.reviewRequests.get(7), { users: ['dana-gh'], teams: ['data-team'] });
    const exchanges = w.gh.requests.slice(from).filter(r => r.rawPath.includes('requested_reviewers'));
    assert.equal(exchanges.length, 4);
    assert.deepEqual(
      exchanges.flatMap(r => api.check(r)),
      [],
    );
    w.gh.collaborators = undefined;
  });

  test('a malformed JSON body: 400 "Problems parsing JSON", nothing written', async () => {
    const before = w.gh.comments(4).length;
    const r = await send('POST', '/repos/acme/dj-definitions/issues/4/comments', '{"body": "cut off');
    assert.equal(r.status, 400);
    assert.equal(r.json.message, 'Problems parsing JSON');
    assert.equal(w.gh.comments(4).length, before);
    assert.match(
      api
        .check(last())
        .map(v => v.problem)
        .join('\n'),
      /body is not valid JSON/,
    );
    const patch = await send('PATCH', `/repos/acme/dj-definitions/issues/comments/${w.gh.addComment(4, 'github-actions[bot]', 'x').id}`, '{');
    assert.equal(patch.status, 400);
  });
});
