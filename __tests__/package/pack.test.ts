/**
 * The clients as a library, the way a user gets them: `npm pack` of this package, installed into
 * a scratch project, each client imported through the package's `exports` (`dj-branch-sync/dj`,
 * `/fossil`, `/pdc`), type-checked by TypeScript from the shipped declarations, and the DJ
 * client's three branch methods and the PDC client's branch and SLA methods called against the
 * emulators.
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
import { PDCEmulator } from '../../emulators/pdc.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Asynchronous where the emulator must answer: it runs in this process.
const run = promisify(execFile);

describe('the packed package (npm pack → npm install → import)', () => {
  let dir: string;
  let dj: DJEmulator;
  let pdc: PDCEmulator;
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
    pdc = new PDCEmulator();
    pdc.seedComponent('python');
    pdc.seedSlaType('bug_fixes');
    pdc.setToken('pdc-token');
    await pdc.start();
  }, 240_000);
  after(async () => {
    await dj?.stop();
    await pdc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the package root does not run the action, and only the documented entry points resolve', () => {
    const probe = (spec: string) => spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`], { cwd: dir, encoding: 'utf8' });
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

  test('the PDC client, as the README documents it: create, read, change, link an SLA, list, delete', async () => {
    writeFileSync(
      join(dir, 'use-pdc.mjs'),
      `import { InputError, PDCClient, PDCError } from 'dj-branch-sync/pdc';
const pdc = new PDCClient({ url: process.env.PDC_URL, token: 'pdc-token', timeoutMs: 5000, retries: 0 });
const key = { global_component: 'python', type: 'rpm' };
const [a, b] = await pdc.createBranches([{ ...key, name: 'lib-a' }, { ...key, name: 'lib-b' }]);
const one = await pdc.getBranch(a.id);
const changed = await pdc.patchBranch(one, { critical_path: true });
const put = await pdc.putBranch(changed, { ...key, critical_path: false });
let renamed;
try { await pdc.patchBranch(one, { name: 'other' }); } catch (e) { renamed = e instanceof InputError && e.name; }
const link = await pdc.createSlaLink({ sla: 'bug_fixes', eol: '2222-01-01', branch: { ...key, name: 'lib-c' } });
const links = await pdc.listSlaLinks({ branch: 'lib-c' });
const page = await pdc.listBranchesPage({ global_component: 'python', page_size: 2 });
const found = await pdc.findBranch({ ...key, name: 'lib-c' });
await pdc.deleteBranches([a.id, b.id]);
const gone = await pdc.deleteBranch(found.id);
const again = await pdc.deleteBranch(found.id);
let missing;
try { await pdc.getBranch(a.id); } catch (e) { missing = { isError: e instanceof PDCError, status: e.status }; }
console.log(JSON.stringify({
  created: [a.name, b.name], critical: [changed.critical_path, put.critical_path], renamed,
  link: link.sla, links: links.map(l => l.branch.name), page: page.results.length, count: page.count,
  gone, again, left: (await pdc.listBranches({ global_component: 'python' })).length, missing,
}));
`,
    );
    const { stdout: out } = await run(process.execPath, ['use-pdc.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PDC_URL: pdc.url } });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.deepEqual(seen, {
      created: ['lib-a', 'lib-b'],
      critical: [true, false],
      renamed: 'InputError',
      link: 'bug_fixes',
      links: ['lib-c'],
      page: 2,
      count: 3,
      gone: true,
      again: false,
      left: 0,
      missing: { isError: true, status: 404 },
    });
  });

  // A TypeScript user of these clients has @types/node (the declarations name NodeJS.ProcessEnv and undici's types, which need it).
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
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
