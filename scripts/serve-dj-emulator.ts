/**
 * Starts the DJ emulator with the root `demo.metrics` (default branch main) for the project's
 * own CI: the self-test job runs the action (`uses: ./`) in dry-run against it. Prints the URL
 * on one line and, on a runner, writes `DJ_URL` to `GITHUB_ENV`; serves until killed.
 *
 *   node build/scripts/serve-dj-emulator.js [owner/repo] [branch...]
 */
import { appendFileSync } from 'node:fs';
import { DJEmulator } from '../emulators/dj.js';
import { MAIN_YAML, ROOT } from '../harness/world.js';

const [repo = process.env.GITHUB_REPOSITORY ?? 'acme/dj-definitions', ...branches] = process.argv.slice(2);
const dj = new DJEmulator();
const nodes = MAIN_YAML.map(n => ({ name: n.name.replace('${prefix}', ''), type: n.type, query: n.query }));
dj.seedRoot(ROOT, { repo, defaultBranch: 'main', nodes });
for (const branch of branches) {
  dj.addGitBranch(branch);
  dj.setYaml(branch, MAIN_YAML);
}
await dj.start();
console.log(dj.url);
if (process.env.GITHUB_ENV) appendFileSync(process.env.GITHUB_ENV, `DJ_URL=${dj.url}\n`);
