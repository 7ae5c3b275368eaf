/**
 * The merge preview's edges: the GitHub calls (compare with three dots and its 300-file cap, a
 * file's raw text at a ref) against the GitHub emulator serving a real git repository; the DJ
 * client's impact calls (headers sent, lenient schemas); the inputs and action.yml in step;
 * `fail-on: impact`; the `impact` output within the outputs budget; the preview in the report.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GitHubClient } from '../../src/github.js';
import { COMPARE_FILE_CAP } from '../../src/github/repo.js';
import { GitHubEmulator } from '../../emulators/github.js';
import { GitRepo } from '../../emulators/git-repo.js';
import { DJEmulator } from '../../emulators/dj.js';
import { DJClient, DJClientError } from '../../src/targets/dj/client.js';
import { checkAnswer } from '../../src/schema.js';
import * as djSchemas from '../../src/targets/dj/schemas.js';
import { KNOWN_INPUTS, readSettings } from '../../src/settings.js';
import { stepVerdict } from '../../src/verdict.js';
import { planOutputs, OUTPUT_LIMIT, OUTPUT_RESERVE } from '../../src/outputs.js';
import { renderReport, MAX_REPORT_CHARS, type ReportContext } from '../../src/report/markdown.js';
import { previewProblem } from '../../src/targets/dj/target.js';
import { PreviewUnavailable } from '../../src/targets/dj/merge-preview.js';
import type { DownstreamImpact, ImpactSummary } from '../../src/targets/dj/preview.js';
import type { Outcome } from '../../src/targets/target.js';

const ROOT_DIR = join(import.meta.dirname, '..', '..', '..');
const TOKEN = 'ghs_workflowtoken';
const BASE = 'demo.metrics.main';

const down = (name: string, current: string, predicted: string, extra: Partial<DownstreamImpact> = {}): DownstreamImpact => ({
  name: `${BASE}.${name}`,
  node_type: 'metric',
  current_status: current,
  predicted_status: predicted,
  impact_type: predicted === 'invalid' ? 'will_invalidate' : 'may_affect',
  impact_reason: 'Revalidation failed: Column `amount` not found',
  depth: 1,
  caused_by: [`${BASE}.completed_orders`],
  is_external: false,
  owners: ['alice'],
  ...extra,
});
const impact = (over: Partial<ImpactSummary> = {}): ImpactSummary => ({
  base: BASE,
  changes: { created: [], updated: [`${BASE}.completed_orders`], deleted: [] },
  failed: [],
  downstream: [down('revenue', 'valid', 'invalid'), down('order_count', 'valid', 'valid')],
  ...over,
});
const outcome = (over: Record<string, unknown> = {}): Outcome =>
  ({ target: 'dj', operation: 'updated', name: 'demo.metrics.feature_x', gitBranch: 'feature/x', deployedSha: 'a'.repeat(40), results: [], notes: [], ...over }) as Outcome;
const ctx = (over: Partial<ReportContext> = {}): ReportContext => ({
  eventName: 'pull_request',
  prNumber: 3,
  dryRun: false,
  failOn: 'failed',
  now: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('GitHub: compare (three dots) and file contents at a ref', () => {
  let dir: string;
  let git: GitRepo;
  let emu: GitHubEmulator;
  let gh: GitHubClient;
  let main1: string;
  let head: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'djbs-preview-io-'));
    git = GitRepo.init(join(dir, 'repo.git'));
    main1 = git.commitFiles('main', { 'nodes/a.yaml': 'name: a\n', 'nodes/b.yaml': 'name: b\n', 'README.md': 'hi\n' }, { message: 'one', replace: true });
    head = git.commitFiles(
      'feature/x',
      { 'nodes/a.yaml': 'name: a\nquery: SELECT 1\n', 'nodes/b.yaml': null, 'nodes/c d.yaml': 'name: c\n' },
      { from: 'main', message: 'feature' },
    );
    // main moves on after the branch was cut: its new file is not the pull request's change.
    git.commitFiles('main', { 'nodes/newer.yaml': 'name: newer\n' }, { message: 'newer on main' });
    emu = new GitHubEmulator({ owner: 'acme', repo: 'defs', git: (o, r) => (o === 'acme' && r === 'defs' ? git : undefined) });
    emu.addToken(TOKEN, { kind: 'workflow' });
    await emu.start();
    gh = new GitHubClient({ baseUrl: emu.apiUrl, token: TOKEN, timeoutMs: 5000, retries: 0, backoffBaseMs: 1 });
  });
  after(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("compareFiles lists the pull request's own changes from the merge base, not main's newer file; complete below the cap", async () => {
    const { files, complete } = await gh.compareFiles('acme', 'defs', 'main', head);
    assert.equal(complete, true);
    assert.deepEqual(files.map(f => [f.filename, f.status]).sort(), [
      ['nodes/a.yaml', 'modified'],
      ['nodes/b.yaml', 'removed'],
      ['nodes/c d.yaml', 'added'],
    ]);
    assert.ok(
      emu.log().some(l => l.startsWith(`GET /repos/acme/defs/compare/main...${head}`)),
      emu.log().join('\n'),
    );
  });

  test('compareFiles says the list is not complete when GitHub lists its maximum of 300 files', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < COMPARE_FILE_CAP + 5; i++) many[`nodes/n${i}.yaml`] = `name: n${i}\n`;
    const big = git.commitFiles('big', many, { from: main1, message: 'many' });
    const { files, complete } = await gh.compareFiles('acme', 'defs', main1, big);
    assert.equal(files.length, COMPARE_FILE_CAP);
    assert.equal(complete, false);
  });

  test('fileAt reads raw text at a ref (path segments encoded), undefined when the file is not there', async () => {
    emu.resetLog();
    assert.equal(await gh.fileAt('acme', 'defs', head, 'nodes/a.yaml'), 'name: a\nquery: SELECT 1\n');
    assert.equal(await gh.fileAt('acme', 'defs', head, 'nodes/c d.yaml'), 'name: c\n');
    assert.equal(await gh.fileAt('acme', 'defs', main1, 'nodes/a.yaml'), 'name: a\n');
    assert.equal(await gh.fileAt('acme', 'defs', head, 'nodes/b.yaml'), undefined);
    assert.ok(emu.log().includes(`GET /repos/acme/defs/contents/nodes/c%20d.yaml?ref=${head}`), emu.log().join('\n'));
  });
});

describe('DJ client: the impact requests', () => {
  let dj: DJEmulator;
  before(async () => {
    dj = new DJEmulator();
    dj.addToken('tok-0123456789', 'ci');
    await dj.start();
  });
  after(() => dj.stop());

  test('submitImpact sends Prefer: respond-async with the spec; a server without the endpoint is a DJClientError the note explains', async () => {
    const client = new DJClient({ url: dj.url, token: 'tok-0123456789' }, { log: () => undefined, mask: () => undefined, http: { timeoutMs: 5000, retries: 0 } });
    const spec = { namespace: BASE, nodes: [{ name: '${prefix}a', node_type: 'metric', query: 'SELECT 1' }] };
    dj.resetLog();
    const err = await client.submitImpact(spec).then(
      () => assert.fail('the emulator has no impact analysis'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof DJClientError);
    assert.equal(err.status, 404);
    const req = dj.requests.find(r => r.rawPath === '/deployments/impact')!;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers.prefer, 'respond-async');
    assert.deepEqual(req.json, spec);
    assert.match(previewProblem(err), /^this DJ server has no impact analysis \(POST \/deployments\/impact answered HTTP 404\)/);
    const spec404 = await client.exportSpec(BASE).then(
      () => assert.fail('no export either'),
      (e: unknown) => e,
    );
    assert.match(previewProblem(spec404), /no spec export \(GET \/namespaces\/demo\.metrics\.main\/export\/spec answered HTTP 404\)/);
  });

  test('previewProblem: 426 names the protocol, 405 is a missing endpoint, other errors keep their sentence', () => {
    const mk = (status: number, body: unknown, message = 'm') =>
      new DJClientError({ status, method: 'POST', path: '/deployments/impact', message, serverMessage: 'This endpoint is now asynchronous', errors: [], body });
    assert.match(previewProblem(mk(426, { message: 'x' })), /HTTP 426: This endpoint is now asynchronous/);
    assert.match(previewProblem(mk(405, { detail: 'Method Not Allowed' })), /has no impact analysis/);
    assert.equal(previewProblem(mk(500, {}, 'DJ POST /deployments/impact failed with HTTP 500: boom')), 'DJ POST /deployments/impact failed with HTTP 500: boom');
    assert.equal(previewProblem(new PreviewUnavailable('took too long')), 'took too long');
  });

  test('schemas: an exported spec keeps every field (it goes back to DJ); an impact answer reads leniently, a wrong one is refused', () => {
    const spec = {
      namespace: BASE,
      nodes: [{ name: '${prefix}a', node_type: 'source', columns: [{ name: 'x', type: 'int', attributes: ['primary_key'] }], future_field: 1 }],
      tags: [],
      force: false,
    };
    const read = checkAnswer(djSchemas.deploymentSpec, spec);
    assert.ok(read.ok);
    assert.deepEqual(read.value, spec);
    const answer = checkAnswer(djSchemas.impactDeployment, {
      uuid: 'u1',
      status: 'success',
      results: [{ name: `${BASE}.a`, deploy_type: 'node', status: 'success', operation: 'update', message: 'Updated', changed_fields: [] }],
      downstream_impacts: [
        {
          name: `${BASE}.b`,
          node_type: 'metric',
          current_status: 'valid',
          predicted_status: 'invalid',
          impact_type: 'will_invalidate',
          impact_reason: 'r',
          depth: 1,
          caused_by: [`${BASE}.a`],
          is_external: false,
          owners: null,
          semantic_fingerprint: { version: 1 },
        },
      ],
    });
    assert.ok(answer.ok);
    assert.deepEqual(answer.value.downstream_impacts[0]!.owners, []);
    assert.equal(checkAnswer(djSchemas.impactDeployment, { uuid: 'u1', status: 'success', results: 'nope' }).ok, false);
    assert.equal(checkAnswer(djSchemas.deploymentSpec, { namespace: BASE, nodes: [{ node_type: 'metric' }] }).ok, false);
  });
});

describe('inputs impact, impact-base, fail-on: impact', () => {
  const env = (inputs: Record<string, string>) =>
    Object.fromEntries(Object.entries({ 'dj-url': 'http://dj.test', namespace: 'demo.metrics', ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));

  test('action.yml: impact defaults to true, impact-base to empty (the default-branch namespace), fail-on names impact (action-yml.test.ts keeps the lists in step)', () => {
    const doc = parseYaml(readFileSync(join(ROOT_DIR, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }>; outputs: Record<string, unknown> };
    assert.ok(KNOWN_INPUTS.includes('impact') && KNOWN_INPUTS.includes('impact-base'));
    assert.equal(doc.inputs.impact!.default, 'true');
    assert.equal(doc.inputs['impact-base']!.default, '');
    assert.match(String((doc.inputs['fail-on'] as { description: string }).description), /`impact`/);
    assert.ok('impact' in doc.outputs);
  });

  test('defaults: preview on, into the default-branch namespace; values read; bad values are input errors', () => {
    const s = readSettings(env({}), () => undefined);
    assert.equal(s.dj!.impact, true);
    assert.equal(s.dj!.impactBase, '');
    assert.equal(s.failOn, 'failed');
    const t = readSettings(env({ impact: 'FALSE', 'impact-base': 'demo.metrics.release', 'fail-on': 'impact' }), () => undefined);
    assert.deepEqual([t.dj!.impact, t.dj!.impactBase, t.failOn], [false, 'demo.metrics.release', 'impact']);
    assert.throws(() => readSettings(env({ impact: 'yes' }), () => undefined), /Input 'impact' must be 'true' or 'false'/);
    assert.throws(() => readSettings(env({ 'impact-base': 'demo/x' }), () => undefined), /Input 'impact-base' must be a dotted DJ namespace/);
  });

  test("fail-on: impact fails when merging would make a downstream node invalid, what 'invalid' fails too, and nothing else", () => {
    const ok = outcome({ results: [{ name: 'demo.metrics.feature_x.a', deploy_type: 'node', status: 'success', operation: 'update', message: '' }] });
    const v = stepVerdict(ok, 'impact', impact());
    assert.ok(v.fails);
    assert.match(v.line, /Merge preview into demo\.metrics\.main: merging would make 1 downstream node invalid \(`fail-on: impact`\): demo\.metrics\.main\.revenue/);
    assert.equal(stepVerdict(ok, 'invalid', impact()).fails, false, "'invalid' looks at the branch only");
    assert.equal(
      stepVerdict(ok, 'impact', impact({ downstream: [down('revenue', 'invalid', 'invalid'), down('x', 'valid', 'valid')] })).fails,
      false,
      'already invalid is not a change',
    );
    assert.equal(stepVerdict(ok, 'impact', undefined).fails, false, 'no preview, nothing to fail on');
    const invalid = outcome({ results: [{ name: 'demo.metrics.feature_x.a', deploy_type: 'node', status: 'invalid', operation: 'update', message: '' }] });
    const both = stepVerdict(invalid, 'impact', impact());
    assert.ok(both.fails);
    assert.match(both.reason, /1 invalid node \(`fail-on: impact`\); merging would also make 1 downstream node invalid/);
  });
});

describe('output impact', () => {
  test('the JSON of SPEC §10 when there is a preview, empty otherwise', () => {
    const none = planOutputs(outcome(), undefined);
    assert.equal(none.values.impact, '');
    const some = planOutputs(outcome(), undefined, undefined, impact());
    const parsed = JSON.parse(some.values.impact!) as ImpactSummary;
    assert.deepEqual(Object.keys(parsed).sort(), ['base', 'changes', 'downstream', 'failed']);
    assert.deepEqual(parsed.changes, { created: [], updated: [`${BASE}.completed_orders`], deleted: [] });
    assert.deepEqual(Object.keys(parsed.downstream[0]!).sort(), [
      'caused_by',
      'current_status',
      'depth',
      'impact_reason',
      'impact_type',
      'is_external',
      'name',
      'node_type',
      'owners',
      'predicted_status',
    ]);
  });

  test('a huge preview is cut to a quarter of the budget with a note; all outputs stay within 1 MB', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => down(`n${i}`, 'valid', i % 2 ? 'valid' : 'invalid', { impact_reason: 'x'.repeat(50) }));
    const planned = planOutputs(outcome(), undefined, undefined, impact({ downstream: many }));
    const kept = (JSON.parse(planned.values.impact!) as ImpactSummary).downstream.length;
    assert.ok(kept > 0 && kept < many.length, String(kept));
    assert.ok(Buffer.byteLength(planned.values.impact!) <= (OUTPUT_LIMIT - OUTPUT_RESERVE) / 4);
    assert.ok(
      planned.notes.some(n => n.includes(`Output 'impact' holds the first ${kept} of 20000 downstream nodes`)),
      planned.notes.join('\n'),
    );
    const total = Object.entries(planned.values).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    assert.ok(total <= OUTPUT_LIMIT - OUTPUT_RESERVE);
  });
});

describe('the preview in the report', () => {
  test('right under the verdict line, before the branch results; the headline line of the issue', () => {
    const md = renderReport(
      outcome({ results: [{ name: 'demo.metrics.feature_x.completed_orders', deploy_type: 'node', status: 'success', operation: 'update', message: 'Updated' }] }),
      ctx({ impact: { summary: impact() } }),
    );
    const lines = md.split('\n');
    assert.match(lines[0]!, /^### /);
    assert.equal(lines[2], '**Merging would update 1 node, add 0, remove 0; 2 downstream nodes affected, 1 would become invalid.** (into demo.metrics.main)');
    assert.ok(md.indexOf('Would become invalid') < md.indexOf('1 updated'), md);
  });

  test('fail-on: impact turns the verdict red and says where to look; the note of an unavailable preview never does', () => {
    const failing = renderReport(outcome(), ctx({ failOn: 'impact', impact: { summary: impact() } }));
    assert.match(failing.split('\n')[0]!, /❌/);
    assert.match(failing, /This fails the step: merging would make 1 downstream node invalid \(`fail-on: impact`\); the merge preview above says which nodes and why\./);
    const note = renderReport(outcome(), ctx({ failOn: 'impact', impact: { unavailable: 'this DJ server has no impact analysis <b>@team</b>' } }));
    assert.doesNotMatch(note.split('\n')[0]!, /❌/);
    assert.match(note, /> \[!NOTE\]\n> No merge preview: this DJ server has no impact analysis &lt;b&gt;@\u200dteam&lt;\/b&gt;/);
  });

  test('owners are shown, never as live mentions; a preview of thousands of nodes keeps the report within its limit', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => down(`n${i}`, 'valid', 'invalid', { owners: ['@octocat', 'team@org'], impact_reason: 'r'.repeat(400) }));
    const md = renderReport(outcome(), ctx({ impact: { summary: impact({ downstream: many }) } }));
    assert.ok(md.length <= MAX_REPORT_CHARS, String(md.length));
    assert.ok(!/@octocat/.test(md), 'no live mention');
    assert.ok(md.includes('@\u200doctocat'));
    assert.match(md, /…and \d+ more \(the `impact` output has them all\)/);
    assert.ok(md.includes('<details><summary>Details</summary>'), 'the rest of the report still fits');
  });
});
