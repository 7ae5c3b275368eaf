#!/usr/bin/env node
// A real DataJunction server (datajunction-server from PyPI, a release the project pins) on
// loopback, for the real-server suite, `npm run demo -- --real` and the benchmark.
//
//   node scripts/dj-server.mjs start [--state FILE] [--version V] [--query-service]   provision and start; prints URL and credentials
//   node scripts/dj-server.mjs stop  [--state FILE]                                   stop what start started (by pid), drop its database
//   node scripts/dj-server.mjs venv  [--version V] [--query-service]                  only build the cached venv (and the query service's)
//   node scripts/dj-server.mjs releases                                               the supported releases, oldest first
//
// Releases: the default is the one requirements-dj.txt + constraints-dj.txt pin (the newest
// supported); each other supported release has requirements-dj-<V>.txt + constraints-dj-<V>.txt
// (`--version V`, or env DJ_VERSION). `--version latest` installs the newest release on PyPI:
// with its pins when the project pins it, otherwise with no pins at all (the weekly workflow:
// does a new release still work?).
//
// start: a venv per release cached under ~/.cache/dj-branch-sync (keyed by a hash of the
// release's requirements and constraints files and the Python version, so venvs sit side by side), a fresh PostgreSQL database on 127.0.0.1:5432 (trust auth, user
// postgres; role dj, extension pg_trgm), the server's alembic migrations, the project's GitHub
// emulator as the server's GitHub (a process of its own serving bare git repositories under the
// state directory), uvicorn on a free loopback port with a clean environment, a user, a service
// account, and a seeded git root demo.metrics (repository acme/dj-definitions, fixture project
// fixtures/dj-project/main). Everything it learned goes into the state file (JSON), which stop
// and the tests read. The GitHub emulator and the seeding are compiled TypeScript: run
// `npm run build:test` first (the npm scripts do).
//
// `start({ queryService: true })` (or `start --query-service`) also starts DJ's query service
// (datajunction-query, requirements-djqs.txt, in a cached venv of its own) over a DuckDB file
// `default.duckdb` seeded with the fixture project's data (tables shop.orders and shop.customers,
// written by the venv's duckdb 0.8.1), with its own PostgreSQL database (its `query` table made
// by hand: the wheel has no migration) and a YAML configuration; DJ is started with
// QUERY_SERVICE and the engine registered on its catalog `default`, so `GET /data/` answers.
//
// Programmatic use: `import { start, stop } from './dj-server.mjs'`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REQUIREMENTS = join(REPO_ROOT, 'requirements-dj.txt');
const CONSTRAINTS = join(REPO_ROOT, 'constraints-dj.txt');
const VERSION_PIN = /^datajunction-server(?:\[[^\]]*\])?==(\S+)/m;
const QS_REQUIREMENTS = join(REPO_ROOT, 'requirements-djqs.txt');
// Outside the checkout, so every checkout and every CI run on the machine shares one venv
// (override with DJ_BRANCH_SYNC_CACHE).
const CACHE = process.env.DJ_BRANCH_SYNC_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dj-branch-sync');
/** Default state file; the directory beside it holds logs and git repositories. */
export const DEFAULT_STATE = join(REPO_ROOT, '.tmp', 'dj-server', 'state.json');
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** The server version a requirements file pins (requirements-dj.txt when none is named). */
export function pinnedVersion(requirements = REQUIREMENTS) {
  const m = VERSION_PIN.exec(readFileSync(requirements, 'utf8'));
  if (!m) throw new Error(`${requirements} does not pin datajunction-server`);
  return m[1];
}

function compareVersions(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The supported releases (each with its pinned requirements and constraints), oldest first. */
export function supportedReleases() {
  const older = readdirSync(REPO_ROOT)
    .map(f => /^requirements-dj-(\d+(?:\.\d+)*)\.txt$/.exec(f)?.[1])
    .filter(Boolean);
  return [...new Set([...older, pinnedVersion()])].sort(compareVersions);
}

/**
 * The files a release installs from: `{ version, requirements, constraints }`. No version: the
 * default (requirements-dj.txt). `latest`: the newest release on PyPI, unpinned (a requirements
 * file written into the cache; no constraints).
 */
export function releaseFiles(version = process.env.DJ_VERSION || undefined) {
  if (!version || version === pinnedVersion()) return { version: pinnedVersion(), requirements: REQUIREMENTS, constraints: CONSTRAINTS };
  if (version === 'latest') {
    const newest = newestOnPyPI();
    // A release the project pins installs with its pins; a newer one, as pip resolves it.
    if (supportedReleases().includes(newest)) return releaseFiles(newest);
    mkdirSync(CACHE, { recursive: true });
    const requirements = join(CACHE, `requirements-dj-latest-${newest}.txt`);
    writeFileSync(requirements, `datajunction-server[uvicorn]==${newest}\npsycopg[binary]\ngreenlet\n`);
    return { version: newest, requirements, constraints: undefined };
  }
  const requirements = join(REPO_ROOT, `requirements-dj-${version}.txt`);
  const constraints = join(REPO_ROOT, `constraints-dj-${version}.txt`);
  if (!existsSync(requirements) || !existsSync(constraints)) {
    throw new Error(`datajunction-server ${version} is not a supported release (supported: ${supportedReleases().join(', ')}, or latest)`);
  }
  return { version, requirements, constraints };
}

/** The newest datajunction-server on PyPI (one `pip index versions` look-up). */
function newestOnPyPI() {
  const out = run(findPython().exe, ['-m', 'pip', 'index', 'versions', 'datajunction-server', '--disable-pip-version-check'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const m = /^datajunction-server \(([^)]+)\)/m.exec(out);
  if (!m) throw new Error(`pip index versions datajunction-server said nothing usable: ${out.slice(0, 200)}`);
  return m[1];
}

function log(message) {
  process.stderr.write(`dj-server: ${message}\n`);
}

/** A Python the server supports (>= 3.11, < 3.14), or an error saying what was found. */
export function findPython() {
  const tried = [];
  for (const exe of ['python3.11', 'python3.12', 'python3.13', 'python3']) {
    const r = spawnSync(exe, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const version = r.stdout.trim();
    const [maj, min] = version.split('.').map(Number);
    tried.push(`${exe} ${version}`);
    if (maj === 3 && min >= 11 && min < 14) return { exe, version };
  }
  throw new Error(`no Python 3.11-3.13 found (${tried.join(', ') || 'no python3 at all'}); datajunction-server ${pinnedVersion()} needs one`);
}

function venvPython(venv) {
  return join(venv, 'bin', 'python');
}

/** The cached venv for a release's requirements (`releaseFiles()`), built when missing. */
export function ensureVenv({ quiet = false, release = releaseFiles() } = {}) {
  const python = findPython();
  const { requirements, constraints } = release;
  const hash = createHash('sha256').update(readFileSync(requirements));
  if (constraints) hash.update(readFileSync(constraints));
  const key = hash.update(python.version).digest('hex').slice(0, 12);
  const venv = join(CACHE, `dj-venv-${key}`);
  if (existsSync(join(venv, '.complete'))) return venv;
  mkdirSync(CACHE, { recursive: true });
  // Built in place (a venv's scripts name their interpreter by absolute path); `.complete`
  // marks a finished one, so an interrupted build is thrown away and started again.
  rmSync(venv, { recursive: true, force: true });
  log(`building the venv for datajunction-server ${release.version} with ${python.exe} ${python.version} (once; takes a minute or two) → ${venv}`);
  const started = Date.now();
  run(python.exe, ['-m', 'venv', venv]);
  const pip = spawnSync(venvPython(venv), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements, ...(constraints ? ['-c', constraints] : [])], {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  // pip warns once per package about configured local indexes that this machine does not have;
  // everything else it says on stderr is worth reading.
  const said = (pip.stderr ?? '').split('\n').filter(l => l.trim() && !/^WARNING: Location '.*' is ignored/.test(l));
  if (said.length) process.stderr.write(said.join('\n') + '\n');
  if (pip.error || pip.status !== 0) throw new Error(`pip install of ${requirements} failed (exit ${pip.status})${pip.error ? `: ${pip.error.message}` : ''}`);
  run(venvPython(venv), ['-c', 'import greenlet, psycopg, uvicorn, datajunction_server.api.main'], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(venv, '.complete'), `${new Date().toISOString()} ${Math.round((Date.now() - started) / 1000)}s\n`);
  log(`venv ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return venv;
}

/** The cached venv of DJ's query service (requirements-djqs.txt, every package pinned), built when missing. */
export function ensureQueryServiceVenv({ quiet = false } = {}) {
  const python = findPython();
  const key = createHash('sha256').update(readFileSync(QS_REQUIREMENTS)).update(python.version).digest('hex').slice(0, 12);
  const venv = join(CACHE, `djqs-venv-${key}`);
  if (existsSync(join(venv, '.complete'))) return venv;
  mkdirSync(CACHE, { recursive: true });
  rmSync(venv, { recursive: true, force: true });
  log(`building the venv for DJ's query service with ${python.exe} ${python.version} (once; about a minute) → ${venv}`);
  const started = Date.now();
  run(python.exe, ['-m', 'venv', venv]);
  run(venvPython(venv), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', QS_REQUIREMENTS], {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'],
  });
  run(venvPython(venv), ['-c', 'import duckdb, psycopg, uvicorn, djqs.api.main'], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(venv, '.complete'), `${new Date().toISOString()} ${Math.round((Date.now() - started) / 1000)}s\n`);
  log(`query-service venv ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return venv;
}

/** The fixture data the fixture project's sources read (catalog default, schema shop). */
export const FIXTURE_DATA = {
  customers: [
    [1, 'Ada', 'NL'],
    [2, 'Bo', 'DE'],
    [3, 'Cy', 'NL'],
    [4, 'Di', 'FR'],
  ],
  orders: [
    [1, 1, 120.5, 'completed', '2026-01-02 10:00:00'],
    [2, 1, 80.0, 'completed', '2026-01-03 11:00:00'],
    [3, 2, 200.0, 'completed', '2026-01-03 12:00:00'],
    [4, 2, 35.25, 'cancelled', '2026-01-04 09:30:00'],
    [5, 3, 60.0, 'completed', '2026-01-05 15:00:00'],
    [6, 4, 999.0, 'pending', '2026-01-06 08:00:00'],
    [7, 4, 45.0, 'completed', '2026-01-07 17:45:00'],
  ],
};

/** Writes `default.duckdb` with duckdb from the query service's venv (newer files do not open in 0.8.1). */
function writeDuckDb(venv, file) {
  const code = [
    'import sys, json, duckdb',
    'data = json.loads(sys.argv[2])',
    'con = duckdb.connect(sys.argv[1])',
    'con.execute("CREATE SCHEMA shop")',
    'con.execute("CREATE TABLE shop.customers (customer_id INTEGER, name VARCHAR, country VARCHAR)")',
    'con.execute("CREATE TABLE shop.orders (order_id INTEGER, customer_id INTEGER, amount DOUBLE, status VARCHAR, ordered_at TIMESTAMP)")',
    'con.executemany("INSERT INTO shop.customers VALUES (?, ?, ?)", data["customers"])',
    'con.executemany("INSERT INTO shop.orders VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP))", data["orders"])',
    'con.close()',
  ].join('\n');
  run(venvPython(venv), ['-c', code, file, JSON.stringify(FIXTURE_DATA)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The query service's `query` table (its migration is not in the wheel). */
const QUERY_TABLE = `CREATE TABLE query (
  id UUID PRIMARY KEY, catalog_name VARCHAR, engine_name VARCHAR, engine_version VARCHAR, submitted_query TEXT,
  async_ BOOLEAN, executed_query TEXT, scheduled TIMESTAMP, started TIMESTAMP, finished TIMESTAMP, state VARCHAR, progress FLOAT)`;

/** Provisions and starts the query service; returns its URL. Fills `state.queryService` as it goes. */
async function startQueryService(state, save, djVenv) {
  const venv = ensureQueryServiceVenv();
  const dir = join(state.stateDir, 'djqs');
  mkdirSync(dir, { recursive: true });
  const qs = (state.queryService = { venv, dir, db: `${state.db}_qs`, log: join(state.stateDir, 'djqs.log') });
  sql(djVenv, [`CREATE DATABASE ${qs.db} OWNER dj`]);
  qs.dbCreated = true;
  save();
  sql(djVenv, [QUERY_TABLE, 'ALTER TABLE query OWNER TO dj'], qs.db);
  const duck = join(dir, 'default.duckdb');
  writeDuckDb(venv, duck);
  qs.duckdb = duck;
  const config = join(dir, 'djqs.yaml');
  writeFileSync(
    config,
    [
      'engines:',
      '  - name: duckdb',
      "    version: '0.8.1'",
      '    type: duckdb',
      `    uri: 'duckdb:///${duck}'`,
      '    extra_params:',
      `      location: '${duck}'`,
      'catalogs:',
      '  - name: default',
      '    engines:',
      '      - duckdb',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  qs.url = `http://127.0.0.1:${port}`;
  const dotenv = join(dir, 'empty.env');
  writeFileSync(dotenv, '');
  state.pids.queryService = spawnDetached(join(venv, 'bin', 'uvicorn'), ['djqs.api.main:app', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'], {
    env: {
      PATH: `${join(venv, 'bin')}:/usr/bin:/bin`,
      HOME: dir,
      NO_PROXY: '127.0.0.1,localhost',
      DOTENV_FILE: dotenv,
      INDEX: `postgresql://dj:dj@${PG.host}:${PG.port}/${qs.db}`,
      CONFIGURATION_FILE: config,
      DEFAULT_CATALOG: 'default',
      DEFAULT_ENGINE: 'duckdb',
      DEFAULT_ENGINE_VERSION: '0.8.1',
      RESULTS_BACKEND_PATH: join(dir, 'results'),
    },
    cwd: dir,
    logFile: qs.log,
  });
  save();
  await waitFor('the query service', async () => (await fetch(`${qs.url}/catalogs/`)).status < 500, { timeoutMs: 60_000, pid: state.pids.queryService, logFile: qs.log });
  return qs.url;
}

/** Registers the query service's engine on DJ's catalog `default` (name and version as in its YAML). */
async function registerEngine(state) {
  const headers = { authorization: `Bearer ${state.user.token}`, 'content-type': 'application/json' };
  const uri = `duckdb:///${state.queryService.duckdb}`;
  await expectOk(
    await fetch(`${state.url}/engines/`, { method: 'POST', headers, body: JSON.stringify({ name: 'duckdb', version: '0.8.1', uri, dialect: 'duckdb' }) }),
    'POST /engines/',
  );
  const catalog = await fetch(`${state.url}/catalogs/default/`, { headers });
  if (catalog.status === 404) await expectOk(await fetch(`${state.url}/catalogs/`, { method: 'POST', headers, body: JSON.stringify({ name: 'default' }) }), 'POST /catalogs/');
  await expectOk(
    await fetch(`${state.url}/catalogs/default/engines/`, { method: 'POST', headers, body: JSON.stringify([{ name: 'duckdb', version: '0.8.1' }]) }),
    'POST /catalogs/default/engines/',
  );
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = [r.stdout, r.stderr].filter(Boolean).join('\n').trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}… exited with ${r.status}${out ? `:\n${out}` : ''}`);
  }
  return r.stdout ?? '';
}

/** Runs SQL as postgres through the venv's psycopg (no psql needed). `db` defaults to postgres. */
function sql(venv, statements, db = 'postgres') {
  const code = [
    'import sys, psycopg',
    `conn = psycopg.connect(host=${JSON.stringify(PG.host)}, port=${PG.port}, user=${JSON.stringify(PG.user)}, dbname=sys.argv[1], autocommit=True, connect_timeout=5)`,
    'for s in sys.argv[2:]: conn.execute(s)',
  ].join('\n');
  run(venvPython(venv), ['-c', code, db, ...statements], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}

/** Starts a detached process (its own process group) with output to `logFile`; returns its pid. */
function spawnDetached(cmd, args, { env, cwd, logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  return child.pid;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what, probe, { timeoutMs, pid, logFile }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (pid && !alive(pid)) throw new Error(`${what} exited during start-up; last lines of ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s; last lines of ${logFile}:\n${tail(logFile)}`);
    await sleep(200);
  }
}

function tail(file, n = 25) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

async function form(url, fields, headers = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields), redirect: 'manual' });
}

async function expectOk(res, what) {
  if (res.ok) return res;
  throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Provisions and starts everything; returns the state (also written to `stateFile`). On any
 * failure, whatever was already started is stopped again before the error is thrown.
 */
export async function start({ stateFile = DEFAULT_STATE, seed = true, version, queryService = false } = {}) {
  const built = join(REPO_ROOT, 'build', 'emulators', 'github-serve.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build:test\` first`);
  const stateDir = dirname(resolve(stateFile));
  if (existsSync(stateFile)) {
    const old = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (old.pids && Object.values(old.pids).some(alive)) {
      throw new Error(
        `a server from ${stateFile} is still running (${old.url}); stop it first: node scripts/dj-server.mjs stop${stateFile === DEFAULT_STATE ? '' : ` --state ${stateFile}`}`,
      );
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const venv = ensureVenv({ release: releaseFiles(version) });
  const installed = run(venvPython(venv), ['-c', 'from importlib.metadata import version; print(version("datajunction-server"))'], { stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const state = {
    version: installed,
    venv,
    stateDir,
    gitRoot: join(stateDir, 'git'),
    db: `djbs_${Date.now().toString(36)}_${process.pid}`,
    pids: {},
    logs: { uvicorn: join(stateDir, 'uvicorn.log'), github: join(stateDir, 'github.log'), githubRequests: join(stateDir, 'github-requests.jsonl') },
  };
  const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n');
  save();
  try {
    // 1. Database.
    try {
      sql(venv, [`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dj') THEN CREATE ROLE dj LOGIN PASSWORD 'dj'; END IF; END $$`]);
    } catch (err) {
      throw new Error(`PostgreSQL at ${PG.host}:${PG.port} (user ${PG.user}, trust auth) is not reachable: ${err.message.split('\n').slice(-1)[0]}`, { cause: err });
    }
    sql(venv, [`CREATE DATABASE ${state.db} OWNER dj`]);
    state.dbCreated = true;
    save();
    sql(venv, ['CREATE EXTENSION IF NOT EXISTS pg_trgm'], state.db);
    const uri = `postgresql+psycopg://dj:dj@${PG.host}:${PG.port}/${state.db}`;

    // 2. Migrations, from the installed package's own alembic.ini.
    const pkgDir = run(venvPython(venv), ['-c', 'import os, datajunction_server as d; print(os.path.dirname(d.__file__))'], { stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    run(join(venv, 'bin', 'alembic'), ['-c', 'alembic.ini', '-x', `uri=${uri}`, 'upgrade', 'head'], { cwd: pkgDir, stdio: ['ignore', 'pipe', 'pipe'] });

    // 3. The server's GitHub: the project's emulator, serving the repositories under gitRoot.
    mkdirSync(state.gitRoot, { recursive: true });
    state.githubToken = `ghp_djserver${randomBytes(12).toString('hex')}`;
    state.pids.github = spawnDetached(process.execPath, [built, '--git-root', state.gitRoot, '--token', state.githubToken, '--log', state.logs.githubRequests], {
      env: { PATH: process.env.PATH ?? '' },
      cwd: REPO_ROOT,
      logFile: state.logs.github,
    });
    save();
    state.githubUrl = await waitFor('the GitHub emulator', async () => /listening (\S+)/.exec(readFileSync(state.logs.github, 'utf8'))?.[1], {
      timeoutMs: 15_000,
      pid: state.pids.github,
      logFile: state.logs.github,
    });

    // 3b. DJ's query service, when asked for (values through GET /data/).
    const queryServiceUrl = queryService ? await startQueryService(state, save, venv) : undefined;

    // 4. uvicorn with a clean environment (a runner's GITHUB_API_URL must not leak in).
    const port = await freePort();
    state.url = `http://127.0.0.1:${port}`;
    const dotenv = join(stateDir, 'empty.env');
    writeFileSync(dotenv, '');
    const env = {
      PATH: `${join(venv, 'bin')}:/usr/bin:/bin`,
      HOME: stateDir,
      NO_PROXY: '127.0.0.1,localhost',
      DOTENV_FILE: dotenv,
      WRITER_DB__URI: uri,
      READER_DB__URI: uri,
      WRITER_DB__POOL_SIZE: '5',
      WRITER_DB__MAX_OVERFLOW: '5',
      READER_DB__POOL_SIZE: '5',
      READER_DB__MAX_OVERFLOW: '5',
      SECRET: randomBytes(8).toString('hex'), // exactly 16 bytes (JWE dir + A128GCM)
      URL: `${state.url}/`,
      GITHUB_API_URL: state.githubUrl,
      GITHUB_SERVICE_TOKEN: state.githubToken,
      ...(queryServiceUrl ? { QUERY_SERVICE: queryServiceUrl } : {}),
    };
    state.pids.uvicorn = spawnDetached(join(venv, 'bin', 'uvicorn'), ['datajunction_server.api.main:app', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'], {
      env,
      cwd: stateDir,
      logFile: state.logs.uvicorn,
    });
    save();
    await waitFor('uvicorn', async () => (await fetch(`${state.url}/health/`)).ok, { timeoutMs: 90_000, pid: state.pids.uvicorn, logFile: state.logs.uvicorn });

    // 5. A user (basic login), its token, a service account.
    const user = { username: 'ci', password: `pw-${randomBytes(6).toString('hex')}`, email: 'ci@example.com' };
    await expectOk(await form(`${state.url}/basic/user/`, user), 'POST /basic/user/');
    const login = await expectOk(await form(`${state.url}/basic/login/`, { username: user.username, password: user.password }), 'POST /basic/login/');
    const cookie = login.headers
      .getSetCookie()
      .map(c => /^__dj=([^;]+)/.exec(c)?.[1])
      .find(Boolean);
    if (!cookie) throw new Error('POST /basic/login/ set no __dj cookie');
    state.user = { ...user, token: decodeURIComponent(cookie) };
    const sa = await expectOk(
      await fetch(`${state.url}/service-accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${state.user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'dj-branch-sync-ci' }),
      }),
      'POST /service-accounts',
    );
    const account = await sa.json();
    state.serviceAccount = { client_id: account.client_id, client_secret: account.client_secret };
    save();
    if (queryServiceUrl) await registerEngine(state);

    // 6. The seeded git root (what the demo and people trying it by hand use).
    if (seed) {
      const { seedGitRoot } = await import(pathToFileURL(join(REPO_ROOT, 'build', 'harness', 'seed.js')).href);
      state.seeded = await seedGitRoot({ djUrl: state.url, token: state.user.token, gitRoot: state.gitRoot, root: 'demo.metrics', owner: 'acme', repo: 'dj-definitions' });
      save();
    }
    return state;
  } catch (err) {
    await stop({ state }).catch(() => {});
    throw err;
  }
}

/** Stops what `start` started (by pid, process group first) and drops its database. */
export async function stop({ stateFile = DEFAULT_STATE, state } = {}) {
  if (!state) {
    if (!existsSync(stateFile)) return false;
    state = JSON.parse(readFileSync(stateFile, 'utf8'));
  }
  for (const [name, pid] of Object.entries(state.pids ?? {})) {
    if (!pid || !alive(pid)) continue;
    try {
      process.kill(-pid, 'SIGTERM'); // the detached child leads its own group
    } catch {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone already */
      }
    }
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
    if (alive(pid)) {
      log(`${name} (pid ${pid}) ignored SIGTERM: killing it`);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
  }
  if (state.dbCreated && state.venv && existsSync(venvPython(state.venv))) {
    sql(state.venv, [`DROP DATABASE IF EXISTS ${state.db} WITH (FORCE)`]);
    if (state.queryService?.dbCreated) sql(state.venv, [`DROP DATABASE IF EXISTS ${state.queryService.db} WITH (FORCE)`]);
  }
  if (stateFile && existsSync(stateFile)) rmSync(stateFile, { force: true });
  return true;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const i = rest.indexOf('--state');
  const stateFile = i === -1 ? DEFAULT_STATE : resolve(rest[i + 1]);
  const v = rest.indexOf('--version');
  const version = v === -1 ? process.env.DJ_VERSION || undefined : rest[v + 1];
  if (command === 'venv') {
    console.log(ensureVenv({ release: releaseFiles(version) }));
    if (rest.includes('--query-service')) console.log(ensureQueryServiceVenv());
  } else if (command === 'releases') {
    console.log(supportedReleases().join('\n'));
  } else if (command === 'start') {
    const s = await start({ stateFile, version, queryService: rest.includes('--query-service') });
    console.log(`DataJunction ${s.version} at ${s.url}`);
    console.log(`  user:            ${s.user.username} / ${s.user.password}   (token: ${s.user.token})`);
    console.log(`  service account: ${s.serviceAccount.client_id} / ${s.serviceAccount.client_secret}`);
    console.log(`  git root:        ${s.seeded?.root ?? '(none)'} → ${s.seeded ? `${s.seeded.repo} at ${s.seeded.sha.slice(0, 12)}` : ''}`);
    console.log(`  its GitHub:      ${s.githubUrl} (repositories under ${s.gitRoot})`);
    console.log(`  logs:            ${s.logs.uvicorn}`);
    if (s.queryService) console.log(`  query service:   ${s.queryService.url} (DuckDB ${s.queryService.duckdb})`);
    console.log(`  state:           ${stateFile}`);
    console.log(`stop it with: node scripts/dj-server.mjs stop${stateFile === DEFAULT_STATE ? '' : ` --state ${stateFile}`}`);
  } else if (command === 'stop') {
    console.log((await stop({ stateFile })) ? 'stopped' : `nothing to stop (${stateFile} does not exist)`);
  } else {
    console.error('usage: node scripts/dj-server.mjs start|stop|venv|releases [--state FILE] [--version V|latest] [--query-service]');
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch(err => {
    console.error(`dj-server: ${err.message}`);
    process.exit(1);
  });
}
