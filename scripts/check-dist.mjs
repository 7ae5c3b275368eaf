// Fails when the committed dist/ differs from a fresh bundle of src/ (actions run from dist/).
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';

const out = mkdtempSync(join(tmpdir(), 'dist-check-'));
execFileSync(process.execPath, ['scripts/bundle.mjs', out], { stdio: 'inherit' });
const list = dir =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .filter(f => statSync(join(dir, f)).isFile())
        .sort()
    : [];
const fresh = list(out);
const committed = list('dist');
const problems = [];
for (const f of new Set([...fresh, ...committed])) {
  if (!fresh.includes(f)) problems.push(`dist/${f} is not produced by the bundle any more`);
  else if (!committed.includes(f)) problems.push(`dist/${f} is missing`);
  else if (!readFileSync(join(out, f)).equals(readFileSync(join('dist', f)))) problems.push(`dist/${f} differs from a fresh bundle`);
}
rmSync(out, { recursive: true, force: true });
if (problems.length) {
  console.error(`dist/ is stale:\n- ${problems.join('\n- ')}\nRun \`npm run bundle\` and commit dist/ with the source.`);
  process.exit(1);
}
console.log(`dist/ matches a fresh bundle (${fresh.length} files).`);
