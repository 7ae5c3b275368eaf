/**
 * A realistic day, delivered to the README's own quick-start workflow: a branch is pushed
 * (create + push), a pull request is opened, two commits follow (push + synchronize each), it is
 * merged (closed + push to main) and the branch is deleted (delete + a deleting push). Each event
 * the workflow subscribes to runs the action once, in order (the workflow's concurrency group
 * runs them one at a time), with the `with:` inputs of the README. Counted: DJ deployments per
 * commit and the pull request's comments, with and without `statuses: write`.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startWorld, pushBranch, MAIN_YAML, ROOT, DJ_TOKEN, type World } from '../../harness/world.js';
import { branchRefEvent, prEvent, pushEvent } from '../../harness/payloads.js';
import { ROOT as REPO_ROOT } from '../../harness/run-action.js';

/**
 * Warnings other than the merge preview's note: the quick-start workflow keeps `impact: true`,
 * and the emulator has no impact analysis, so each pull-request run notes that once
 * (dj-merge-preview.test.ts tests the note).
 */
const ownWarnings = (warnings: string[]): string[] => warnings.filter(m => !m.startsWith('No merge preview:'));
import type { ActionRun } from '../../harness/run-action.js';

interface Workflow {
  on: Record<string, { types?: string[] } | null>;
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: Record<string, { steps: { uses: string; with: Record<string, string> }[] }>;
}

/** The first YAML block under "## Quick start" in the README. */
function quickStart(): Workflow {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  return parse(block) as Workflow;
}

/** `${{ vars.X }}` and `${{ secrets.X }}` as GitHub fills them in; anything else is refused. */
function evaluate(value: string, ctx: { vars: Record<string, string>; secrets: Record<string, string> }): string {
  return String(value).replace(/\$\{\{\s*(vars|secrets)\.([A-Z_]+)\s*\}\}/g, (_, kind: 'vars' | 'secrets', name: string) => ctx[kind][name] ?? '');
}

const BRANCH = 'feature/revenue-v2';
const NS = `${ROOT}.feature_revenue_v2`;
const MAIN_NS = `${ROOT}.main`;
const PR = 77;
const sha = (c: string) => c.repeat(40);
const [MAIN0, A, B, C, M] = [sha('9'), sha('a'), sha('b'), sha('c'), sha('e')];

interface Day {
  /** sync-from-git requests per "namespace@commit". */
  deployments: Record<string, number>;
  /** Our comments on the pull request. */
  comments: number;
  runs: { event: string; run: ActionRun }[];
}

async function liveTheDay(w: World, workflow: Workflow, token: string): Promise<Day> {
  const step = Object.values(workflow.jobs)[0]!.steps.find(s => s.uses.includes('dj-branch-sync'))!;
  const ctx = { vars: { DJ_URL: w.dj.url, DJ_UI_URL: 'https://dj.example' }, secrets: { DJ_TOKEN } };
  const inputs = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, evaluate(v, ctx)]));
  const heads: Record<string, string> = { [NS]: A, [MAIN_NS]: MAIN0 };
  const day: Day = { deployments: {}, comments: 0, runs: [] };

  /** Delivers an event when the workflow subscribes to it (and to its action). */
  const deliver = async (event: string, payload: Record<string, unknown>): Promise<void> => {
    const on = workflow.on[event];
    if (on === undefined) return;
    const action = payload.action as string | undefined;
    if (action && on?.types && !on.types.includes(action)) return;
    w.resetLogs();
    const run = await w.run(event, payload, { ...inputs, 'github-token': token });
    assert.equal(run.exitCode, 0, `${event} ${action ?? ''}\n${run.stdout}`);
    day.runs.push({ event: `${event}${action ? `.${action}` : ''}`, run });
    for (const line of w.djLog()) {
      const m = /^POST \/namespaces\/([^/]+)\/sync-from-git$/.exec(line);
      if (m) {
        const ns = decodeURIComponent(m[1]!);
        const key = `${ns}@${heads[ns]!.slice(0, 1)}`;
        day.deployments[key] = (day.deployments[key] ?? 0) + 1;
      }
    }
  };
  const push = (branch: string, before: string, after: string, extra: Record<string, unknown> = {}) => ({
    ...pushEvent(branch, after),
    before,
    created: before === sha('0'),
    ...extra,
  });

  // 09:00 a branch is pushed with its first commit: create + push.
  pushBranch(w, BRANCH, [...MAIN_YAML, { name: '${prefix}net_revenue', query: 'SUM(net)' }], A);
  w.gh.addCommit(A, { parent: MAIN0, files: ['nodes/net_revenue.yaml'] });
  await deliver('create', branchRefEvent('create', BRANCH));
  await deliver('push', push(BRANCH, sha('0'), A));
  // 09:30 the pull request is opened.
  await deliver('pull_request', prEvent('opened', BRANCH, { number: PR, sha: A }));
  // 11:00 and 15:00 two more commits: push + synchronize each.
  for (const [before, next, query] of [
    [A, B, 'SUM(net) - SUM(tax)'],
    [B, C, 'SUM(net) - SUM(tax) - SUM(fees)'],
  ] as const) {
    w.dj.setYaml(BRANCH, [...MAIN_YAML, { name: '${prefix}net_revenue', query }]);
    w.dj.setHead(BRANCH, next);
    w.gh.addCommit(next, { parent: before, files: ['nodes/net_revenue.yaml'] });
    heads[NS] = next;
    await deliver('push', push(BRANCH, before, next));
    await deliver('pull_request', { ...prEvent('synchronize', BRANCH, { number: PR, sha: next }), before, after: next });
  }
  // 16:00 merged: closed, then the merge's push to main.
  await deliver('pull_request', prEvent('closed', BRANCH, { number: PR, sha: C, merged: true }));
  w.dj.setYaml('main', [...MAIN_YAML, { name: '${prefix}net_revenue', query: 'SUM(net) - SUM(tax) - SUM(fees)' }]);
  w.dj.setHead('main', M);
  w.gh.addCommit(M, { parent: MAIN0, files: ['nodes/net_revenue.yaml'] });
  heads[MAIN_NS] = M;
  await deliver('push', push('main', MAIN0, M));
  // 16:05 the branch is deleted: delete, and a push that says so.
  w.gh.removeBranch(BRANCH);
  await deliver('delete', branchRefEvent('delete', BRANCH));
  await deliver('push', push(BRANCH, C, sha('0'), { deleted: true }));
  day.comments = w.gh.comments(PR).filter(c => c.login === 'github-actions[bot]').length;
  return day;
}

/** A fresh world whose workflow token has the given `statuses` and `checks` permissions. */
async function world(statuses: 'write' | 'none', checks: 'write' | 'none' = 'write'): Promise<World> {
  const w = await startWorld();
  w.gh.addToken('ghs_day', { kind: 'workflow', statuses, checks });
  return w;
}

describe("a day of events on the README's quick-start workflow", () => {
  const workflow = quickStart();

  test('the quick start is a workflow this test can run: the events, the concurrency group, statuses: write, a version tag', () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ['create', 'delete', 'pull_request', 'push']);
    assert.deepEqual(workflow.on.pull_request?.types, ['opened', 'reopened', 'synchronize', 'ready_for_review', 'closed']);
    assert.equal(workflow.permissions.statuses, 'write');
    assert.equal(workflow.permissions.checks, 'write');
    assert.match(workflow.concurrency.group, /github\.head_ref/);
    const step = Object.values(workflow.jobs)[0]!.steps[0]!;
    assert.match(step.uses, /^[A-Za-z0-9-]+\/dj-branch-sync@v1$/);
    assert.ok(step.with['dj-ui-url'], 'dj-ui-url is in the quick start');
  });

  test('with statuses: write and checks: write, each commit is deployed exactly once (the check run is the record) and the pull request has one comment', async () => {
    const w = await world(workflow.permissions.statuses === 'write' ? 'write' : 'none', workflow.permissions.checks === 'write' ? 'write' : 'none');
    try {
      const day = await liveTheDay(w, workflow, 'ghs_day');
      assert.deepEqual(day.deployments, { [`${NS}@a`]: 1, [`${NS}@b`]: 1, [`${NS}@c`]: 1, [`${MAIN_NS}@e`]: 1 });
      assert.equal(day.comments, 1);
      // The runs that did not deploy say so; every deployed commit links to its namespace in DJ.
      const ops = day.runs.map(r => `${r.event}:${r.run.outputs.operation}`);
      assert.deepEqual(ops, [
        'create:created',
        'push:unchanged',
        'pull_request.opened:unchanged',
        'push:updated',
        'pull_request.synchronize:unchanged',
        'push:updated',
        'pull_request.synchronize:unchanged',
        'pull_request.closed:deleted',
        'push:updated',
        'delete:absent',
        'push:skipped',
      ]);
      // One check run per deployed commit, and no commit status beside it (SPEC §4.1).
      for (const [c, ns] of [
        [A, NS],
        [B, NS],
        [C, NS],
        [M, MAIN_NS],
      ] as const) {
        const runs = w.gh.checkRuns(c).filter(r => r.externalId.endsWith(`/${ns}`));
        assert.equal(runs.length, 1, c);
        assert.equal(runs[0]!.name, `dj / ${ROOT}`);
        assert.equal(runs[0]!.conclusion, 'success');
        assert.equal(runs[0]!.detailsUrl, `https://dj.example/namespaces/${ns}`);
        assert.deepEqual(w.gh.statuses(c), [], c);
      }
      const synchronized = day.runs.find(r => r.event === 'pull_request.synchronize')!.run;
      assert.match(synchronized.summary, /^### ✅ Already deployed, nothing sent again · /);
      assert.match(synchronized.summary, /This commit was deployed to demo\.metrics\.feature\\_revenue\\_v2 \(check run dj \/ demo\.metrics\)/);
      const comment = w.gh.comments(PR).find(c => c.login === 'github-actions[bot]')!.body;
      assert.match(comment, /🗑️ Deleted with its 5 nodes/);
      assert.deepEqual(
        day.runs.flatMap(r => ownWarnings(r.run.warnings)),
        [],
        'no run warned: statuses work',
      );
    } finally {
      await w.stop();
    }
  });

  test('without statuses: write, the check run alone keeps each commit deployed once, without a word', async () => {
    const w = await world('none', 'write');
    try {
      const day = await liveTheDay(w, workflow, 'ghs_day');
      assert.deepEqual(day.deployments, { [`${NS}@a`]: 1, [`${NS}@b`]: 1, [`${NS}@c`]: 1, [`${MAIN_NS}@e`]: 1 });
      assert.deepEqual(
        day.runs.flatMap(r => ownWarnings(r.run.warnings)),
        [],
      );
    } finally {
      await w.stop();
    }
  });

  test('without statuses: write nor checks: write, runs deploy as before and each says why once per record; still one comment', async () => {
    const w = await world('none', 'none');
    try {
      const day = await liveTheDay(w, workflow, 'ghs_day');
      assert.deepEqual(day.deployments, { [`${NS}@a`]: 3, [`${NS}@b`]: 2, [`${NS}@c`]: 2, [`${MAIN_NS}@e`]: 1 });
      assert.equal(day.comments, 1);
      for (const r of day.runs) {
        const deployed = ['created', 'updated'].includes(r.run.outputs.operation!);
        const warnings = ownWarnings(r.run.warnings);
        assert.deepEqual(warnings.length, deployed ? 2 : 0, `${r.event}: ${JSON.stringify(r.run.warnings)}`);
        if (deployed) {
          assert.equal(warnings.filter(m => /checks: write/.test(m)).length, 1, JSON.stringify(warnings));
          assert.equal(warnings.filter(m => /statuses: write/.test(m)).length, 1, JSON.stringify(warnings));
        }
      }
    } finally {
      await w.stop();
    }
  });

  test('deploy: changed skips a commit that touches nothing under git_path, and deploys the next one that does', async () => {
    const w = await world('write');
    try {
      const branch = 'feature/docs-only';
      const ns = `${ROOT}.feature_docs_only`;
      const inputs = { 'github-token': 'ghs_day', deploy: 'changed' };
      pushBranch(w, branch, MAIN_YAML, A);
      w.gh.addCommit(A, { parent: MAIN0, files: ['nodes/orders.yaml'] });
      const created = await w.run('create', branchRefEvent('create', branch), inputs);
      assert.equal(created.outputs.operation, 'created', created.stdout);
      // B changes only the README: not deployed, recorded, and the comment would say why.
      w.dj.setHead(branch, B);
      w.gh.addCommit(B, { parent: A, files: ['README.md', 'docs/nodes.md'] });
      w.resetLogs();
      const docs = await w.run('push', { ...pushEvent(branch, B), before: A }, inputs);
      assert.equal(docs.exitCode, 0, docs.stdout);
      assert.equal(docs.outputs.operation, 'unchanged', docs.stdout);
      assert.ok(!w.djLog().some(l => l.endsWith('/sync-from-git')), JSON.stringify(w.djLog()));
      assert.ok(w.ghLog().includes(`GET /repos/acme/dj-definitions/compare/${A}...${B}?per_page=100`), JSON.stringify(w.ghLog()));
      assert.match(docs.summary, /^### ✅ No changes under `git_path`, nothing deployed \(`deploy: changed`\) · `feature\/docs-only` @ \[`bbbbbbb`\]/);
      assert.ok(!docs.summary.includes('[!WARNING]'), 'no moved-branch warning: the namespace holds an equivalent commit');
      assert.equal(w.gh.statuses(B).filter(st => st.context === `dj-branch-sync/${ns}`)[0]?.state, 'success');
      // C changes a node file: deployed.
      w.dj.setHead(branch, C);
      w.gh.addCommit(C, { parent: B, files: ['nodes/orders.yaml'] });
      w.resetLogs();
      const nodes = await w.run('push', { ...pushEvent(branch, C), before: B }, inputs);
      assert.equal(nodes.outputs.operation, 'updated', nodes.stdout);
      assert.equal(w.djLog().filter(l => l.endsWith('/sync-from-git')).length, 1);
    } finally {
      await w.stop();
    }
  });
});
