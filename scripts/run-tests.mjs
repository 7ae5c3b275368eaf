// Runs the compiled tests (build/__tests__) with jest, as native ES modules, against the
// emulators, and then the real-server suite: the DJ scenarios again (DJ_BACKEND=real) against a
// real datajunction-server started by scripts/dj-server.mjs. Without Python or PostgreSQL that
// suite is skipped with one line saying so; env DJ_REAL=required (CI) makes that a failure,
// DJ_REAL=0 skips it on purpose. The real-server suite runs once per supported release (oldest
// first, `node scripts/dj-server.mjs releases`), or for those env DJ_RELEASES names
// (comma-separated; `latest` is the newest release on PyPI, unpinned).
// `--reliability` runs only the reliability suite; `--real` only the real-server suite (required);
// any other argument goes to jest (`npm test -- -t comment`, `npm test -- build/__tests__/unit`),
// and then the real-server suite is left out.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const reliability = process.argv.includes('--reliability');
const realOnly = process.argv.includes('--real');
if (!existsSync('dist/index.js')) {
  console.error('dist/index.js is missing: run `npm run bundle` first (the e2e tests run the bundle).');
  process.exit(1);
}
const passThrough = process.argv.slice(2).filter(a => a !== '--reliability' && a !== '--real');
const jestArgs = [...(reliability ? ['--testPathPatterns', '/reliability/'] : []), ...passThrough];
// Reliability tests append the figures they counted to this file (one JSON line per test file).
const figuresFile = join(tmpdir(), `djbs-reliability-figures-${process.pid}.jsonl`);
rmSync(figuresFile, { force: true });
const jestBin = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));

/** Runs jest with `args` and `env`; its exit status and the counts of its JSON report. */
function jest(args, env) {
  // jest's own summary is for people; the JSON report gives the one closing line CI reads.
  const report = join(tmpdir(), `djbs-jest-${process.pid}-${Date.now()}.json`);
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jestBin, '--json', `--outputFile=${report}`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counts;
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites, numTotalTests } = JSON.parse(readFileSync(report, 'utf8'));
    rmSync(report, { force: true });
    if (numRuntimeErrorTestSuites) console.log(`${numRuntimeErrorTestSuites} test file(s) could not run`);
    counts = { passed: numPassedTests, failed: numFailedTests + numRuntimeErrorTestSuites, skipped: numPendingTests + numTodoTests, total: numTotalTests };
  }
  return { status: r.status ?? 1, counts };
}

let status = 0;
if (!realOnly) {
  const r = jest(jestArgs, { RELIABILITY_FIGURES: figuresFile });
  printFigures();
  if (r.counts) console.log(`\ntests: ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped`);
  status = r.status;
}
if (!reliability && (realOnly || !passThrough.length)) status = (await realServerSuite()) || status;
process.exit(status);

/**
 * The DJ scenarios against a real server, once per release: every supported release (oldest
 * first), or those env DJ_RELEASES names (comma-separated; `latest` = the newest on PyPI,
 * unpinned). 0 when they all passed or were skipped as allowed.
 */
async function realServerSuite() {
  const mode = realOnly ? 'required' : (process.env.DJ_REAL ?? 'auto');
  const command = 'npm run test:real';
  if (mode === '0') {
    console.log(`\nreal-server suite skipped (DJ_REAL=0); run it with: ${command}`);
    return 0;
  }
  const { supportedReleases } = await import('./dj-server.mjs');
  const releases = process.env.DJ_RELEASES
    ? process.env.DJ_RELEASES.split(',')
        .map(r => r.trim())
        .filter(Boolean)
    : supportedReleases();
  let status = 0;
  for (const release of releases) {
    const r = await realServerRun(release, mode, command);
    if (r === 'skipped') return 0; // no Python or PostgreSQL here: said once, for every release
    status = r || status;
  }
  return status;
}

/** The DJ scenarios against one release; 0, 1, or 'skipped'. */
async function realServerRun(release, mode, command) {
  const files = [
    'build/__tests__/e2e/dj-backends.test.js',
    'build/__tests__/e2e/dj-merge-preview.test.js',
    'build/__tests__/e2e/dj-commands-backends.test.js',
    'build/__tests__/e2e/dj-review.test.js',
    'build/__tests__/e2e/dj-check-runs.test.js',
  ];
  const { start, stop } = await import('./dj-server.mjs');
  const stateFile = join(tmpdir(), `djbs-real-${process.pid}-${release}`, 'state.json');
  console.log(`\nReal-server suite: starting datajunction-server ${release} (scripts/dj-server.mjs --version ${release})…`);
  let state;
  try {
    state = await start({ stateFile, seed: false, version: release, queryService: true });
  } catch (err) {
    const reason = String(err.message).split('\n')[0];
    if (mode === 'required') {
      console.error(`real-server suite FAILED: datajunction-server ${release} could not be started: ${err.message}`);
      return 1;
    }
    console.log(`real-server suite skipped: ${reason}. Run it with: ${command} (needs Python 3.11-3.13 and PostgreSQL on 127.0.0.1:5432)`);
    return 'skipped';
  }
  const checksFile = join(tmpdir(), `djbs-real-checks-${process.pid}-${release}.txt`);
  rmSync(checksFile, { force: true });
  let r;
  try {
    console.log(`Real-server suite: datajunction-server ${state.version} at ${state.url}`);
    // In band: one server for every scenario.
    r = jest(['--runInBand', '--runTestsByPath', ...files], { DJ_BACKEND: 'real', DJ_REAL_STATE: stateFile, DJ_CHECKS_FILE: checksFile });
  } finally {
    await stop({ stateFile, state });
  }
  const checks = existsSync(checksFile)
    ? readFileSync(checksFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .reduce((a, n) => a + Number(n), 0)
    : 0;
  rmSync(checksFile, { force: true });
  const c = r.counts ?? { passed: 0, failed: 0, skipped: 0, total: 0 };
  console.log(
    `Real-server suite against datajunction-server ${state.version}: ${c.passed} of ${c.total} scenarios passed, ${c.failed} failed, ${c.skipped} skipped; ${checks} checks run`,
  );
  return r.status || (c.passed === 0 ? 1 : 0);
}

function printFigures() {
  if (!existsSync(figuresFile)) return;
  const totals = {};
  for (const line of readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean)) {
    for (const [name, n] of Object.entries(JSON.parse(line).counts)) totals[name] = (totals[name] ?? 0) + n;
  }
  rmSync(figuresFile, { force: true });
  const n = key => totals[key] ?? 0;
  const of = (done, all) => (all in totals ? `${n(done)} of ${n(all)}` : String(n(done)));
  const rows = [
    ['faults injected (requests answered with a fault)', 'faults.injected', () => String(n('faults.injected'))],
    ['fault cases (one request x one fault, each in a fresh world)', 'faults.cases', () => String(n('faults.cases'))],
    ['  transient: survived within the retry budget', 'faults.transientCases', () => of('faults.survived', 'faults.transientCases')],
    ['  failing: failed clearly (one ::error:: with message, status, request)', 'faults.errorCases', () => of('faults.failedClearly', 'faults.errorCases')],
    ['  failing on the comment: one clear warning, the work stands', 'faults.warningCases', () => of('faults.warned', 'faults.warningCases')],
    ['  re-runs after a failure / lost answers: converged', 'faults.convergeCases', () => of('faults.converged', 'faults.convergeCases')],
    ['races run (two runs for one branch at once): converged', 'races.run', () => of('races.converged', 'races.run')],
    ['  duplicate comments created by a race and removed again', 'races.duplicateCommentsRemoved', () => String(n('races.duplicateCommentsRemoved'))],
    ['branch names fuzzed', 'names.fuzzed', () => String(n('names.fuzzed'))],
    ['  refused before any request (InputError / unsendable segment)', 'names.refused', () => String(n('names.refused'))],
    ['  sent through the DJ target to the emulator', 'names.sent', () => String(n('names.sent'))],
    ['  request paths checked: every segment encoded', 'paths.checked', () => String(n('paths.checked'))],
    ['webhook payloads tried (examples + mutations)', 'payloads.tried', () => String(n('payloads.tried'))],
    ['  of them through dist/index.js', 'payloads.dist', () => String(n('payloads.dist'))],
    ['secret checks (secret x place)', 'secrets.checked', () => String(n('secrets.checked'))],
    ['injection strings rendered through the action', 'injection.cases', () => String(n('injection.cases'))],
    ['leaks found (secrets, markup, mentions, forged commands)', 'leaks.found', () => String(n('leaks.found'))],
    ['data loss (other repositories, listings, ref names): nothing lost', 'dataLoss.cases', () => of('dataLoss.held', 'dataLoss.cases')],
    ['unexpected answers (DJ, Fossil, PDC, GitHub): handled clearly', 'answers.cases', () => of('answers.clear', 'answers.cases')],
    ['log safety: common-word secrets, forged commands, URL credentials: held', 'log.cases', () => of('log.held', 'log.cases')],
    ['  fuzzed texts of command fragments: none starts a command', 'log.fuzzed', () => String(n('log.fuzzed'))],
    ['limits: overflowing numbers, outputs within 1 MB: held', 'limits.cases', () => of('limits.held', 'limits.cases')],
    ['deploy-once record (rewritten history, 150 statuses, two DJ servers): held', 'record.cases', () => of('record.held', 'record.cases')],
    ['prune/delete act on what is gone (listing checked, branch confirmed): held', 'gone.cases', () => of('gone.held', 'gone.cases')],
    ['YAML read as PyYAML 1.1 reads it (resolver rules, duplicate keys, aliases): held', 'yaml.cases', () => of('yaml.held', 'yaml.cases')],
    ['libraries that print: nothing unescaped reaches the log: held', 'print.cases', () => of('print.held', 'print.cases')],
    ['answers that cannot be read say "cannot tell": held', 'tell.cases', () => of('tell.held', 'tell.cases')],
    ['bounds end to end (impact POST in the two minutes, impact within 1 MB): held', 'bounds.cases', () => of('bounds.held', 'bounds.cases')],
    ['keys from outside (`constructor`, `__proto__`, …) in maps: held', 'keys.cases', () => of('keys.held', 'keys.cases')],
    ['sticky comment touches only its own (marker at start, identity refused): held', 'sticky.cases', () => of('sticky.held', 'sticky.cases')],
    ['proxy 407, NO_PROXY CIDR, impact base, pull_request_target: held', 'smaller.cases', () => of('smaller.held', 'smaller.cases')],
  ];
  const known = new Set(rows.map(([, key]) => key));
  for (const key of Object.keys(totals).sort()) {
    if (!known.has(key) && !/\.(survived|failedClearly|warned|converged|held|clear)$/.test(key)) rows.push([key, key, () => String(n(key))]);
  }
  console.log('\nReliability figures');
  for (const [label, key, value] of rows) {
    if (!(key in totals)) continue;
    console.log(`  ${label.padEnd(72)} ${value().padStart(10)}`);
  }
}
