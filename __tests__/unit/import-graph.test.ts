/**
 * The import graph of src/ runs one way: a module imports only from its own layer or below.
 * Reads the import statements (static, dynamic and `import('…')` types) of every src file.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT } from '../../harness/run-action.js';

const SRC = join(ROOT, 'src');

/**
 * Bottom first. An entry ending in '/' is a folder; a file named on its own wins over its
 * folder. A module that no layer names (a new one directly under src/, or a new folder) is
 * orchestration: the layer just below main.ts.
 */
const LAYERS: { name: string; modules: string[] }[] = [
  { name: 'errors', modules: ['errors.ts'] },
  { name: 'vocabulary', modules: ['outcome.ts'] },
  { name: 'utilities', modules: ['log-safety.ts', 'schema.ts', 'pool.ts', 'url-path.ts', 'server-identity.ts'] },
  { name: 'edges', modules: ['runner.ts', 'http.ts', 'github-schemas.ts', 'github.ts', 'github/', 'no-proxy.ts', 'github-checks.ts', 'github-deployments.ts'] },
  { name: 'inputs', modules: ['settings.ts', 'naming.ts', 'event.ts'] },
  { name: 'decisions', modules: ['plan.ts', 'repository.ts'] },
  { name: 'targets', modules: ['targets/'] },
  { name: 'report', modules: ['verdict.ts', 'outputs.ts', 'report/', 'github-lazy.ts'] },
  // The steps of a run: what they share (run-context), carrying out a plan, telling what happened.
  {
    name: 'orchestration',
    modules: [
      'run-context.ts',
      'operations/',
      'commands/',
      'report/comment-step.ts',
      'report/status-step.ts',
      'report/finish.ts',
      'report/check-run-step.ts',
      'report/deployment-step.ts',
    ],
  },
  { name: 'entry', modules: ['main.ts', 'index.ts'] },
];
const ORCHESTRATION = LAYERS.findIndex(l => l.name === 'orchestration');

function layerOf(file: string): number {
  const exact = LAYERS.findIndex(l => l.modules.includes(file));
  if (exact !== -1) return exact;
  const folder = LAYERS.findIndex(l => l.modules.some(m => m.endsWith('/') && file.startsWith(m)));
  return folder === -1 ? ORCHESTRATION : folder;
}

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [relative(SRC, join(dir, e.name)).split('\\').join('/')] : [],
  );
}

/** The src-relative paths a file imports (relative specifiers only; `.js` read as `.ts`). */
export function importsOf(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of code.matchAll(pattern)) {
    const target = normalize(join(dirname(file), m[1]!))
      .split('\\')
      .join('/')
      .replace(/\.js$/, '.ts');
    found.add(target);
  }
  return [...found];
}

/** Every import that points up a layer, or from one target's folder into another's. */
export function backArrows(files: Record<string, string>): string[] {
  const arrows: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const target of importsOf(file, text)) {
      if (!(target in files)) continue;
      const [from, to] = [layerOf(file), layerOf(target)];
      if (to > from) arrows.push(`${file} (${LAYERS[from]!.name}) imports ${target} (${LAYERS[to]!.name})`);
      const own = /^targets\/([^/]+)\//.exec(file)?.[1];
      const other = /^targets\/([^/]+)\//.exec(target)?.[1];
      if (own && other && own !== other) arrows.push(`${file} imports ${target}: a target folder uses only targets/target.ts and its own files`);
    }
  }
  return arrows;
}

describe('import graph of src/', () => {
  const files = Object.fromEntries(sources().map(f => [f, readFileSync(join(SRC, f), 'utf8')]));

  test('reads every module and its imports', () => {
    assert.ok(Object.keys(files).length > 30, `${Object.keys(files).length} files`);
    assert.deepEqual(importsOf('targets/dj/target.ts', files['targets/dj/target.ts']!).includes('errors.ts'), true);
    assert.ok(importsOf('operations/execute.ts', files['operations/execute.ts']!).includes('targets/dj/target.ts'), 'dynamic import seen');
  });

  test('no module imports from a layer above it', () => {
    assert.deepEqual(backArrows(files), []);
  });

  test('a back arrow fails: settings importing the report, a target importing another', () => {
    const arrows = backArrows({
      'settings.ts': "import { renderReport } from './report/markdown.js';",
      'report/markdown.ts': '',
      'targets/pdc/target.ts': "import { DJClient } from '../dj/client.js';",
      'targets/dj/client.ts': "import type { X } from '../../main.js';",
      'main.ts': '',
      'operations/prune.ts': "import { run } from '../main.js';\nimport { decide } from '../plan.js';",
      'plan.ts': '',
      'report/log.ts': "import { finish } from './finish.js';",
      'report/finish.ts': "import { renderReport } from './markdown.js';",
      'naming.ts': "import { RunContext } from './run-context.js';",
      'run-context.ts': '',
    });
    assert.deepEqual(arrows, [
      'settings.ts (inputs) imports report/markdown.ts (report)',
      'targets/pdc/target.ts imports targets/dj/client.ts: a target folder uses only targets/target.ts and its own files',
      'targets/dj/client.ts (targets) imports main.ts (entry)',
      'operations/prune.ts (orchestration) imports main.ts (entry)',
      'report/log.ts (report) imports report/finish.ts (orchestration)',
      'naming.ts (inputs) imports run-context.ts (orchestration)',
    ]);
  });
});
