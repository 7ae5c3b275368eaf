/**
 * `npm run demo`: the real dist/index.js against the local DJ and GitHub emulators, for a pull
 * request that is opened, pushed to (with one broken node) and closed. Prints what a user would
 * see: the decision, the outputs, the sticky comment and the job summary.
 */
import { startWorld, pushBranch, MAIN_YAML, ROOT } from '../harness/world.js';
import { prEvent } from '../harness/payloads.js';
import type { ActionRun } from '../harness/run-action.js';

const rule = (title: string) => console.log(`\n${'═'.repeat(100)}\n${title}\n${'═'.repeat(100)}`);

function show(step: string, run: ActionRun, comment: string | undefined): void {
  rule(step);
  const decision = run.stdout.split('\n').find(l => l.startsWith('Decision:'));
  console.log(decision ?? '(no decision line)');
  console.log(`exit code: ${run.exitCode}`);
  for (const e of run.errors) console.log(`::error:: ${e}`);
  for (const w of run.warnings) console.log(`::warning:: ${w}`);
  console.log('\n── outputs ──');
  for (const [k, v] of Object.entries(run.outputs)) console.log(`${k.padEnd(14)} ${v.length > 160 ? v.slice(0, 160) + ` … (${v.length} chars)` : v}`);
  console.log('\n── sticky comment on the pull request ──');
  console.log(comment ?? '(none)');
  console.log('\n── job summary ──');
  console.log(run.summary);
}

if (process.argv.includes('--real')) {
  await realDemo();
  process.exit(0);
}

/**
 * `npm run demo -- --real`: the same pull request against a real datajunction-server (started
 * and stopped here by scripts/dj-server.mjs), reading a real git repository of the fixture project.
 */
async function realDemo(): Promise<void> {
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const { ROOT: REPO_ROOT } = await import('../harness/run-action.js');
  const server = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'dj-server.mjs')).href)) as {
    start(o: { stateFile: string; seed: boolean }): Promise<{ version: string; url: string }>;
    stop(o: { stateFile: string }): Promise<boolean>;
  };
  const stateFile = join(tmpdir(), `djbs-demo-${process.pid}`, 'state.json');
  const state = await server.start({ stateFile, seed: false });
  process.env.DJ_BACKEND = 'real';
  process.env.DJ_REAL_STATE = stateFile;
  const { startDjWorld } = await import('../harness/dj-world.js');
  const w = await startDjWorld();
  try {
    const branch = 'feature/revenue-v2';
    const pr = 42;
    console.log(`DataJunction ${state.version} at ${state.url} (git root ${w.root}), the action's GitHub emulator at ${w.gh.apiUrl}`);
    const comment = () => w.gh.comments(pr)[0]?.body;
    const first = w.branch(branch);
    show(`1. pull_request opened (#${pr}, ${branch})`, await w.run('pull_request', prEvent('opened', branch, { number: pr, sha: first })), comment());
    const broken = w.commit(branch, 'broken');
    show(
      '2. pull_request synchronize (a link to a missing dimension fails, a metric reading a missing node is invalid: the step fails, the comment is edited)',
      await w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: broken })),
      comment(),
    );
    show(
      '3. pull_request closed (namespace deleted, git branch kept)',
      await w.run('pull_request', prEvent('closed', branch, { number: pr, sha: broken, merged: true })),
      comment(),
    );
    rule('requests the DJ server received');
    console.log(w.djLog().join('\n'));
    console.log(`\nnamespace after close: ${JSON.stringify(await w.namespace(`${w.root}.feature_revenue_v2`)) ?? 'gone'}`);
    console.log(`comments on #${pr}: ${w.gh.comments(pr).length}`);
  } finally {
    await w.stop();
    await server.stop({ stateFile });
  }
}

const world = await startWorld();
try {
  const branch = 'feature/revenue-v2';
  const pr = 42;
  pushBranch(world, branch, MAIN_YAML, '3f9c1e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6');
  console.log(`DJ emulator at ${world.dj.url} (root ${ROOT}), GitHub emulator at ${world.gh.apiUrl}`);
  const comment = () => world.gh.comments(pr)[0]?.body;

  const opened = await world.run('pull_request', prEvent('opened', branch, { number: pr, sha: '3f9c1e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6' }));
  show(`1. pull_request opened (#${pr}, ${branch})`, opened, comment());

  world.dj.setYaml(branch, [
    ...MAIN_YAML.slice(0, 3),
    { name: '${prefix}aov', type: 'metric', query: 'SUM(amount) / COUNT(*)', status: 'invalid', message: "Created metric (v2.0)\n[invalid] Column 'amount' not found" },
    { name: '${prefix}margin', type: 'metric', query: 'x', status: 'failed', message: 'Metric margin | has an unbalanced `(`; see <docs> @data-team' },
  ]);
  world.dj.setHead(branch, '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b');
  const sync = await world.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b' }));
  show(`2. pull_request synchronize (a failed and an invalid node: the step fails, the comment is edited)`, sync, comment());

  const closed = await world.run('pull_request', prEvent('closed', branch, { number: pr, sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b', merged: true }));
  show('3. pull_request closed (namespace deleted, git branch kept)', closed, comment());

  rule('requests the DJ server received');
  console.log(world.djLog().join('\n'));
  rule('requests the GitHub API received');
  console.log(world.ghLog().join('\n'));
  console.log(`\ncomments on #${pr}: ${world.gh.comments(pr).length}`);
} finally {
  await world.stop();
}
