/**
 * `npm run demo`: the real dist/index.js, as a runner runs it, against the local DJ and GitHub
 * emulators on real git content (a git repository of the fixture project, fixtures/dj-project,
 * that both emulators read: branches, commits, compare, file contents), for a pull request that
 * is opened with a failing node and a change that breaks nodes downstream, fixed by a second
 * push, deployed again by a reviewer's `/dj deploy` comment, and closed. Prints what a reviewer sees: the decision, the step's annotations, the sticky
 * comment (with the merge preview) and whatever the GitHub emulator recorded of commit statuses,
 * check runs, deployments and reactions. The DJ emulator's impact analysis is a model of the
 * real server's (emulators/dj-impact.ts).
 *
 * `npm run demo -- --real`: the same pull request against a real datajunction-server (started
 * and stopped here by scripts/dj-server.mjs; `--version V` picks a supported release).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { commentEvent, prEvent } from '../harness/payloads.js';
import { ROOT as REPO_ROOT, type ActionRun } from '../harness/run-action.js';
import { fixture } from '../emulators/git-repo.js';
import type { DjWorld } from '../harness/dj-world.js';

const rule = (title: string) => console.log(`\n${'═'.repeat(100)}\n${title}\n${'═'.repeat(100)}`);

function show(step: string, run: ActionRun, comment: string | undefined): void {
  rule(step);
  console.log(run.stdout.split('\n').find(l => l.startsWith('Decision:')) ?? '(no decision line)');
  console.log(`exit code: ${run.exitCode}`);
  // The step's annotations, as the runner shows them on the pull request's checks: one per
  // failed or invalid node (titled), and the step's own errors and warnings. CI (.ci/run) fails
  // when a line starts with "warning:" (a warning a real setup would not print).
  for (const line of run.stdout.split('\n')) {
    const m = /^::(error|warning|notice) [^:]*title=([^:]*)::(.*)$/.exec(line);
    // Shown as the pull request shows it: level, title, message (the runner's escapes undone).
    const text = (t: string) => t.replace(/%0A/g, ' / ').replace(/%0D/g, '').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    if (m) console.log(`annotation (${m[1]}) ${text(m[2]!)}: ${text(m[3]!)}`);
  }
  for (const e of run.stdout.split('\n').filter(l => l.startsWith('::error::'))) console.log(`error: ${e.slice('::error::'.length)}`);
  for (const w of run.stdout.split('\n').filter(l => l.startsWith('::warning::'))) console.log(`warning: ${w.slice('::warning::'.length)}`);
  console.log('\n── outputs ──');
  for (const [k, v] of Object.entries(run.outputs)) console.log(`${k.padEnd(14)} ${v.length > 160 ? v.slice(0, 160) + ` … (${v.length} chars)` : v}`);
  console.log('\n── sticky comment on the pull request ──');
  console.log(comment ?? '(none)');
}

/** What the action wrote to GitHub besides comments: statuses, check runs, deployments, reactions (whatever the emulator recorded). */
function showGitHubRecords(w: DjWorld): void {
  rule('what the action wrote to GitHub besides the comment');
  const writes = w.gh.requests.filter(r => r.method !== 'GET' && /\/(statuses|check-runs|deployments|reactions)(\/|$)/.test(r.rawPath) && (r.answer?.status ?? 0) < 300);
  for (const r of writes) {
    const body = (r.json ?? {}) as Record<string, unknown>;
    const fields = ['context', 'name', 'state', 'status', 'conclusion', 'environment', 'content', 'description']
      .filter(k => typeof body[k] === 'string')
      .map(k => `${k}=${String(body[k])}`);
    const output = body.output as { title?: string; annotations?: unknown[] } | undefined;
    if (output?.title) fields.push(`title=${output.title}`);
    if (output?.annotations?.length) fields.push(`annotations=${output.annotations.length}`);
    console.log(`${r.method} ${r.rawPath.replace(/^\/repos\/[^/]+\/[^/]+/, '')}  ${fields.join('  ')}`);
  }
  if (!writes.length) console.log('(none)');
}

const BREAKING_COMPLETED_ORDERS = fixture('main')['nodes/completed_orders.yaml']!.replace('FROM ${prefix}orders', 'FROM ${prefix}paid_orders');
const MAX_ORDER = `name: \${prefix}max_order
node_type: metric
description: Largest completed order
query: SELECT MAX(amount) FROM \${prefix}completed_orders
`;

/** The pull request's walk, on either backend. */
async function walk(w: DjWorld, intro: string): Promise<void> {
  const branch = 'feature/revenue-v2';
  const pr = 42;
  console.log(intro);
  const comment = () => w.gh.comments(pr)[0]?.body;
  const base = w.git.head('main')!;
  // The first push: a node with a link to a dimension nobody defined (it fails), a metric on a
  // missing table (invalid), a new metric, and completed_orders reading a table that does not
  // exist (the metrics on it would break on main).
  const first = w.git.commitFiles(
    branch,
    { ...fixture('broken'), 'nodes/completed_orders.yaml': BREAKING_COMPLETED_ORDERS, 'nodes/max_order.yaml': MAX_ORDER },
    { from: 'main', message: 'revenue v2' },
  );
  const opened = prEvent('opened', branch, { number: pr, sha: first }) as { pull_request: { base: { sha: string } } };
  opened.pull_request.base.sha = base;
  show(`1. pull_request opened (#${pr}, ${branch}): a failing node, a change that breaks nodes downstream`, await w.run('pull_request', opened), comment());

  const fixed = w.git.commitFiles(
    branch,
    { 'nodes/completed_orders.yaml': fixture('main')['nodes/completed_orders.yaml']!, ...Object.fromEntries(Object.keys(fixture('broken')).map(f => [f, null])) },
    { message: 'fix: completed_orders reads orders again; drop churn and order_facts' },
  );
  const sync = prEvent('synchronize', branch, { number: pr, sha: fixed }) as { pull_request: { base: { sha: string } } };
  sync.pull_request.base.sha = base;
  show('2. pull_request synchronize (the fix: every node deploys, merging only adds max_order; the comment is edited)', await w.run('pull_request', sync), comment());

  // A reviewer with write access asks for a fresh deployment from the pull request.
  w.gh.addPull({ number: pr, branch, sha: fixed, baseSha: base });
  w.gh.setRole('reviewer', 'write');
  const command = w.gh.addComment(pr, 'reviewer', '/dj deploy');
  show(
    '3. issue_comment "/dj deploy" by a reviewer who may push (permission asked from GitHub; eyes, then rocket)',
    await w.run('issue_comment', commentEvent('/dj deploy', { number: pr, id: command.id, login: 'reviewer', repo: w.repo })),
    comment(),
  );

  show('4. pull_request closed (namespace deleted, git branch kept)', await w.run('pull_request', prEvent('closed', branch, { number: pr, sha: fixed, merged: true })), comment());
  showGitHubRecords(w);
  rule('requests the DJ server received');
  console.log(w.djLog().join('\n'));
  console.log(`\nnamespace after close: ${JSON.stringify(await w.namespace(`${w.root}.feature_revenue_v2`)) ?? 'gone'}`);
  console.log(`comments on #${pr}: ${w.gh.comments(pr).filter(c => c.id !== command.id).length} (the sticky comment; besides the reviewer's command)`);
}

if (process.argv.includes('--real')) {
  const server = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'dj-server.mjs')).href)) as {
    start(o: { stateFile: string; seed: boolean; version?: string }): Promise<{ version: string; url: string }>;
    stop(o: { stateFile: string }): Promise<boolean>;
  };
  const v = process.argv.indexOf('--version');
  const stateFile = join(tmpdir(), `djbs-demo-${process.pid}`, 'state.json');
  const state = await server.start({ stateFile, seed: false, version: v === -1 ? undefined : process.argv[v + 1] });
  process.env.DJ_BACKEND = 'real';
  process.env.DJ_REAL_STATE = stateFile;
  try {
    const { startDjWorld } = await import('../harness/dj-world.js');
    const w = await startDjWorld();
    try {
      await walk(w, `DataJunction ${state.version} at ${state.url} (git root ${w.root}), the action's GitHub emulator at ${w.gh.apiUrl}`);
    } finally {
      await w.stop();
    }
  } finally {
    await server.stop({ stateFile });
  }
} else {
  const { startDjWorld } = await import('../harness/dj-world.js');
  const w = await startDjWorld();
  try {
    w.dj.impactAnalysis = true;
    await walk(w, `DJ emulator at ${w.dj.url} (git root ${w.root}, repository ${w.repo}), GitHub emulator at ${w.gh.apiUrl}`);
  } finally {
    await w.stop();
  }
}
