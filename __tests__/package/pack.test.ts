/**
 * The clients as a library, the way a user gets them: `npm pack` of this package, installed into
 * a scratch project, each client imported through the package's `exports` (`dj-branch-sync/dj`,
 * `/fossil`, `/pdc`), type-checked by TypeScript from the shipped declarations, and the DJ
 * client's three branch methods called against the DJ emulator.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../harness/run-action.js';
import { DJEmulator } from '../../emulators/dj.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Asynchronous where the emulator must answer: it runs in this process.
const run = promisify(execFile);

describe('the packed package (npm pack → npm install → import)', () => {
  let dir: string;
  let dj: DJEmulator;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'djbs-pack-'));
    execFileSync(NPM, ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(dir).find(f => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote a tarball');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    execFileSync(NPM, ['install', '--silent', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    dj = new DJEmulator();
    dj.seedRoot('demo.metrics', { repo: 'acme/dj-definitions', defaultBranch: 'main', nodes: [{ name: 'orders', type: 'source', query: 'orders' }] });
    dj.setYaml('main', [{ name: '${prefix}orders', type: 'source', query: 'orders' }]);
    dj.addToken('lib-token');
    await dj.start();
  }, 240_000);
  after(async () => {
    await dj?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the package root does not run the action, and only the documented entry points resolve', () => {
    const probe = (spec: string) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(probe('dj-branch-sync').status, 0, 'the root is not importable');
    assert.match(probe('dj-branch-sync/dist/index.js').stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
    for (const entry of ['dj', 'fossil', 'pdc']) assert.equal(probe(`dj-branch-sync/${entry}`).status, 0, `dj-branch-sync/${entry} imports`);
  });

  test('each client is exported with its error class; the DJ client creates, lists and deletes a branch', async () => {
    writeFileSync(
      join(dir, 'use.mjs'),
      `import { DJClient, DJClientError } from 'dj-branch-sync/dj';
import { FossilClient, FossilError } from 'dj-branch-sync/fossil';
import { PDCClient, PDCError } from 'dj-branch-sync/pdc';
const deps = { log: () => {}, mask: () => {}, http: { timeoutMs: 5000, retries: 0 } };
const dj = new DJClient({ url: process.env.DJ_URL, token: 'lib-token' }, deps);
const created = await dj.createBranch('demo.metrics', 'feature-lib');
const listed = await dj.listBranches('demo.metrics');
const deleted = await dj.deleteBranch('demo.metrics', created.branch.namespace, false);
let missing;
try { await dj.deleteBranch('demo.metrics', 'demo.metrics.nope', false); } catch (e) { missing = { isError: e instanceof DJClientError, status: e.status }; }
console.log(JSON.stringify({
  created: created.branch.namespace,
  listed: listed.map(b => b.namespace),
  deleted: { nodes: deleted.nodes_deleted, git: deleted.git_branch_deleted },
  missing,
  classes: [typeof FossilClient, typeof FossilError, typeof PDCClient, typeof PDCError],
}));
`,
    );
    const { stdout: out } = await run(process.execPath, ['use.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DJ_URL: dj.url } });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.equal(seen.created, 'demo.metrics.feature_lib');
    assert.deepEqual(seen.listed, ['demo.metrics.main', 'demo.metrics.feature_lib'], 'default branch first');
    assert.equal(seen.deleted.git, false);
    assert.equal(typeof seen.deleted.nodes, 'number');
    assert.deepEqual(seen.missing, { isError: true, status: 404 });
    assert.deepEqual(seen.classes, ['function', 'function', 'function', 'function']);
  });

  // A TypeScript user of these clients has @types/node (the declarations name node:http's types).
  test('the shipped type declarations type-check a TypeScript user of the three clients', () => {
    writeFileSync(
      join(dir, 'use.ts'),
      `import { DJClient, type BranchInfo, type DeleteBranchResult } from 'dj-branch-sync/dj';
import { FossilClient } from 'dj-branch-sync/fossil';
import { PDCClient } from 'dj-branch-sync/pdc';
declare const dj: DJClient;
export const list: Promise<BranchInfo[]> = dj.listBranches('demo.metrics');
export const gone: Promise<DeleteBranchResult> = dj.deleteBranch('demo.metrics', 'demo.metrics.x');
export type Clients = [FossilClient, PDCClient];
// @ts-expect-error: the branch name is required (and the client is typed, not any)
dj.createBranch('demo.metrics');
`,
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] }, files: ['use.ts'] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
