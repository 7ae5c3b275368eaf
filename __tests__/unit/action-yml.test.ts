/**
 * action.yml and the code agree: the inputs it declares are exactly those settings.ts accepts
 * (and reads), and every output the action sets is declared.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../../harness/run-action.js';
import { KNOWN_INPUTS, SECRET_INPUTS, readSettings } from '../../src/settings.js';
import { planOutputs } from '../../src/outputs.js';

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: unknown; required?: boolean }>;
  outputs: Record<string, unknown>;
};
const declared = Object.keys(action.inputs).sort();

describe('action.yml and settings.ts', () => {
  test('declare the same inputs', () => {
    const known: string[] = [...KNOWN_INPUTS].sort();
    assert.deepEqual(
      { onlyInActionYml: declared.filter(n => !known.includes(n)), onlyInSettings: known.filter(n => !declared.includes(n)) },
      { onlyInActionYml: [], onlyInSettings: [] },
    );
  });

  test('settings.ts reads every input it accepts (not only lists it)', () => {
    const source = readFileSync(join(ROOT, 'src', 'settings.ts'), 'utf8');
    const list = /export const KNOWN_INPUTS = \[[\s\S]*?\] as const;/.exec(source);
    assert.ok(list, 'KNOWN_INPUTS found in settings.ts');
    const rest = source.replace(list[0], '').replace(/export const SECRET_INPUTS = [^;]*;/, '');
    assert.deepEqual(
      KNOWN_INPUTS.filter(n => !rest.includes(`'${n}'`)),
      [],
    );
  });

  test('the secret inputs are declared inputs', () => {
    assert.deepEqual(
      SECRET_INPUTS.filter(n => !declared.includes(n)),
      [],
    );
  });

  test("action.yml's defaults are values settings.ts accepts", () => {
    const env: Record<string, string> = { 'INPUT_DJ-URL': 'http://dj.local', INPUT_NAMESPACE: 'demo.metrics' };
    for (const [name, spec] of Object.entries(action.inputs)) {
      if (spec.default === undefined || spec.default === null) continue;
      const value = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/, 'ghs_token');
      env[`INPUT_${name.toUpperCase()}`] ??= value;
    }
    const settings = readSettings(env, () => {});
    assert.equal(settings.target, 'dj');
    assert.equal(settings.githubToken, 'ghs_token');
  });

  test('every output the action sets is declared', () => {
    const set = Object.keys(planOutputs({ target: 'dj', operation: 'listed', branches: [], results: [], notes: [] }, undefined).values);
    // The comment step sets these two (main.ts).
    const all = [...set, 'results', 'branches', 'comment-id', 'comment-url'];
    assert.deepEqual(
      all.filter(n => !(n in action.outputs)),
      [],
    );
    assert.deepEqual(
      Object.keys(action.outputs).filter(n => !all.includes(n)),
      [],
    );
  });
});
