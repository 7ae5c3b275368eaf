/**
 * Reliability class "the merge preview reads YAML the way DJ does" (issue 19, class 3): DJ reads
 * node files with PyYAML's `safe_load` (YAML 1.1). The cases follow PyYAML's implicit resolvers
 * (lib/yaml/resolver.py: bool, int, float, null, each in the forms its regular expressions take
 * and the near misses they refuse), its constructor's repeated keys (the last value stays) and
 * its unlimited aliases, each read through the preview's own `nodeOfYaml`.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { nodeOfYaml } from '../../src/targets/dj/preview.js';
import { PreviewUnavailable } from '../../src/targets/dj/impact.js';
import { count } from './support.js';

/** The value of `v` in a node file whose `v:` is `scalar`, as the preview reads it. */
function valueOf(scalar: string): unknown {
  const node = nodeOfYaml(`name: n\nv: ${scalar}\n`);
  assert.ok(node, scalar);
  return node.v;
}

/** [plain scalar, what PyYAML's safe_load makes of it]. */
const RESOLVER_CASES: [string, unknown][] = [
  // bool: yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF, nothing else.
  ...['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
  ...['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
  ...['y', 'Y', 'n', 'N', 'yEs', 'tRUE', 'oN', 'oFF', 'nO', 't', 'f'].map((s): [string, unknown] => [s, s]),
  // int: 0b…, 0… (octal), decimal with underscores, 0x…, base 60.
  ['0b1010', 10],
  ['-0b1_0', -2],
  ['010', 8],
  ['0', 0],
  ['-0', 0],
  ['+12', 12],
  ['1_000', 1000],
  ['0x1F', 31],
  ['0x_ff', 255],
  ['190:20:30', 685230],
  ['09', '09'],
  ['0o10', '0o10'],
  ['1__', 1],
  ['0b102', '0b102'],
  // float: a dot is required, an exponent needs its sign; base 60; .inf / .nan.
  ['1.5', 1.5],
  ['1.', 1],
  ['.5', 0.5],
  ['1_000.5', 1000.5],
  ['1.0e+3', 1000],
  ['-2.5E-1', -0.25],
  ['190:20:30.15', 685230.15],
  ['1.0e3', '1.0e3'],
  ['1e3', '1e3'],
  ['1E+3', '1E+3'],
  ['+.5', '+.5'],
  ['.inf', Infinity],
  ['-.Inf', -Infinity],
  ['+.INF', Infinity],
  // null: ~, null, Null, NULL, empty.
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['', null],
  ['nULL', 'nULL'],
  ['nil', 'nil'],
];

describe("PyYAML's resolver rules", () => {
  test.each(RESOLVER_CASES)('%j reads as %p', (scalar, expected) => {
    count('yaml.cases');
    assert.deepEqual(valueOf(scalar), expected);
    count('yaml.held');
  });

  test('.nan reads as NaN', () => {
    count('yaml.cases');
    assert.ok(Number.isNaN(valueOf('.NaN')));
    count('yaml.held');
  });

  test('columns named y and n stay strings in the spec sent to DJ', () => {
    count('yaml.cases');
    const node = nodeOfYaml('name: ${prefix}points\nnode_type: source\ncolumns:\n  - name: x\n    type: float\n  - name: y\n    type: float\n  - name: n\n    type: int\n');
    assert.deepEqual(
      (node?.columns as { name: unknown }[]).map(c => c.name),
      ['x', 'y', 'n'],
    );
    count('yaml.held');
  });
});

describe("PyYAML's constructor: repeated keys and aliases", () => {
  test('a repeated key keeps the last value (the file is not lost)', () => {
    count('yaml.cases');
    const node = nodeOfYaml('name: ${prefix}rev\nquery: SELECT 1\ndescription: first\nquery: SELECT 2\n');
    assert.equal(node?.query, 'SELECT 2');
    assert.equal(node?.description, 'first');
    count('yaml.held');
  });

  test('a repeated name keeps the last name', () => {
    count('yaml.cases');
    assert.equal(nodeOfYaml('name: a\nname: b\n')?.name, 'b');
    count('yaml.held');
  });

  test('a valid file with 150 aliases is a file', () => {
    count('yaml.cases');
    const cols = Array.from({ length: 150 }, (_, i) => `  - {name: c${i}, type: *t}`).join('\n');
    const node = nodeOfYaml(`name: \${prefix}wide\nnode_type: source\nt: &t int\ncolumns:\n${cols}\n`);
    assert.ok(node, 'a node');
    assert.equal((node.columns as unknown[]).length, 150);
    count('yaml.held');
  });

  test('merge keys (<<) as PyYAML merges them', () => {
    count('yaml.cases');
    const node = nodeOfYaml('base: &b {type: int, description: shared}\nname: m\ncolumn:\n  <<: *b\n  description: own\n');
    assert.deepEqual(node?.column, { type: 'int', description: 'own' });
    count('yaml.held');
  });

  test('aliases that expand exponentially (a billion laughs) are "cannot tell", not "no node"', () => {
    count('yaml.cases');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    assert.throws(() => nodeOfYaml(`name: bomb\n${levels.join('\n')}\n`), PreviewUnavailable);
    count('yaml.held');
  });
});
