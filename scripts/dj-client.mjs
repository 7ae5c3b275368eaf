#!/usr/bin/env node
// The DataJunction Python client (`datajunction` on PyPI, the version requirements-dj-client.txt
// pins), whose `dj push` is what the DJ documentation's CI recipe runs; `npm run bench` measures
// the action against it on the same real server.
//
//   node scripts/dj-client.mjs venv      build the cached venv (once) and print its path
//
// Programmatic use: `import { ensureClientVenv, freshInstall } from './dj-client.mjs'`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPython } from './dj-server.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REQUIREMENTS = join(REPO_ROOT, 'requirements-dj-client.txt');
// Beside the server's venv (scripts/dj-server.mjs): shared by every checkout on the machine.
const CACHE = process.env.DJ_BRANCH_SYNC_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dj-branch-sync');

/** The pinned client version, read from requirements-dj-client.txt. */
export function clientVersion() {
  const m = /^datajunction==(\S+)/m.exec(readFileSync(REQUIREMENTS, 'utf8'));
  if (!m) throw new Error(`${REQUIREMENTS} does not pin datajunction`);
  return m[1];
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = [r.stdout, r.stderr].filter(Boolean).join('\n').trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.slice(0, 4).join(' ')}… exited with ${r.status}${out ? `:\n${out}` : ''}`);
  }
  return r.stdout ?? '';
}

/** The cached venv with the pinned client (`bin/dj`), built when missing. */
export function ensureClientVenv({ log = m => process.stderr.write(`dj-client: ${m}\n`) } = {}) {
  const python = findPython();
  const key = createHash('sha256').update(readFileSync(REQUIREMENTS)).update(python.version).digest('hex').slice(0, 12);
  const venv = join(CACHE, `dj-client-venv-${key}`);
  if (existsSync(join(venv, '.complete'))) return venv;
  mkdirSync(CACHE, { recursive: true });
  rmSync(venv, { recursive: true, force: true });
  log(`building the venv for datajunction ${clientVersion()} with ${python.exe} ${python.version} (once) → ${venv}`);
  const started = Date.now();
  run(python.exe, ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
  run(join(venv, 'bin', 'dj'), ['push', '--help']);
  writeFileSync(join(venv, '.complete'), `${new Date().toISOString()} ${Math.round((Date.now() - started) / 1000)}s\n`);
  log(`venv ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return venv;
}

/**
 * What a CI job without a cache pays before its first `dj push`: a new venv, then
 * `pip install datajunction==<pinned>` with pip's cache off (a fresh runner has none), timed
 * apart. Everything is thrown away afterwards.
 */
export function freshInstall() {
  const python = findPython();
  const dir = mkdtempSync(join(tmpdir(), 'djbs-pip-'));
  const venv = join(dir, 'venv');
  try {
    let t = process.hrtime.bigint();
    run(python.exe, ['-m', 'venv', venv]);
    const venvMs = Number(process.hrtime.bigint() - t) / 1e6;
    const pip = join(venv, 'bin', 'pip');
    const pipVersion = run(pip, ['--version']).split(' ')[1];
    const args = ['install', '--no-cache-dir', '--disable-pip-version-check', '--quiet', `datajunction==${clientVersion()}`];
    t = process.hrtime.bigint();
    run(pip, args);
    const installMs = Number(process.hrtime.bigint() - t) / 1e6;
    const packages = run(pip, ['list', '--format=freeze', '--disable-pip-version-check']).split('\n').filter(Boolean).length;
    const du = spawnSync('du', ['-sk', venv], { encoding: 'utf8' });
    const sizeMiB = du.status === 0 ? Number(du.stdout.split(/\s/)[0]) / 1024 : undefined;
    // `packages` counts everything in the venv, pip and setuptools included.
    return { python: `${python.exe} ${python.version}`, pipVersion, command: `pip ${args.join(' ')}`, venvMs, installMs, packages, sizeMiB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command] = process.argv.slice(2);
  if (command === 'venv') {
    try {
      console.log(ensureClientVenv());
    } catch (err) {
      console.error(`dj-client: ${err.message}`);
      process.exit(1);
    }
  } else {
    console.error('usage: node scripts/dj-client.mjs venv');
    process.exit(2);
  }
}
