// Runs the compiled tests (build/__tests__) with Node's built-in test runner.
// `--reliability` runs only the reliability suite; otherwise every *.test.js runs.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const reliability = process.argv.includes('--reliability');
const root = 'build/__tests__';
if (!existsSync('dist/index.js')) {
  console.error('dist/index.js is missing: run `npm run bundle` first (the e2e tests run the bundle).');
  process.exit(1);
}
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
})(root);
const selected = files.filter(f => (reliability ? f.includes('/reliability/') : true));
if (!selected.length) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit' });
process.exit(r.status ?? 1);
