// Runs the compiled tests (build/__tests__) with jest, as native ES modules.
// `--reliability` runs only the reliability suite; any other argument goes to jest
// (`npm test -- -t comment`, `npm test -- build/__tests__/unit`).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const reliability = process.argv.includes('--reliability');
if (!existsSync('dist/index.js')) {
  console.error('dist/index.js is missing: run `npm run bundle` first (the e2e tests run the bundle).');
  process.exit(1);
}
const passThrough = process.argv.slice(2).filter(a => a !== '--reliability');
const jestArgs = [...(reliability ? ['--testPathPatterns', '/reliability/'] : []), ...passThrough];
// Reliability tests append the figures they counted to this file (one JSON line per test file).
const figuresFile = join(tmpdir(), `djbs-reliability-figures-${process.pid}.jsonl`);
rmSync(figuresFile, { force: true });
const jestBin = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
// jest's own summary is for people; the JSON report gives the one closing line CI reads.
const report = join(tmpdir(), `djbs-jest-${process.pid}.json`);
const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jestBin, '--json', `--outputFile=${report}`, ...jestArgs], {
  stdio: 'inherit',
  env: { ...process.env, RELIABILITY_FIGURES: figuresFile },
});
printFigures();
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  if (numRuntimeErrorTestSuites) console.log(`${numRuntimeErrorTestSuites} test file(s) could not run`);
  console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests + numRuntimeErrorTestSuites} failed, ${numPendingTests + numTodoTests} skipped`);
}
process.exit(r.status ?? 1);

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
  ];
  const known = new Set(rows.map(([, key]) => key));
  for (const key of Object.keys(totals).sort()) {
    if (!known.has(key) && !/\.(survived|failedClearly|warned|converged)$/.test(key)) rows.push([key, key, () => String(n(key))]);
  }
  console.log('\nReliability figures');
  for (const [label, key, value] of rows) {
    if (!(key in totals)) continue;
    console.log(`  ${label.padEnd(72)} ${value().padStart(10)}`);
  }

}
