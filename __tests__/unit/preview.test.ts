/**
 * The merge preview's pure parts: which files and nodes a pull request changes, the spec merging
 * would deploy, and the `impact` output built from DJ's answer (shapes as datajunction-server
 * 0.0.272 answers them; see docs/dj-compatibility.md).
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  gitPathPrefix,
  isNodeFile,
  nodeFileChanges,
  nodeOfYaml,
  nodeChanges,
  previewSpec,
  summarizeImpact,
  newlyInvalid,
  type DownstreamImpact,
} from '../../src/targets/dj/preview.js';

describe('which files a pull request changes under git_path', () => {
  test.each([
    ['nodes/', 'nodes/'],
    ['/nodes', 'nodes/'],
    ['nodes', 'nodes/'],
    ['', ''],
    [null, ''],
    ['a/b/', 'a/b/'],
  ])('git_path %p → prefix %p', (gitPath, prefix) => {
    assert.equal(gitPathPrefix(gitPath), prefix);
  });

  test.each([
    ['nodes/revenue.yaml', true],
    ['nodes/sub/dir/x.yaml', true],
    ['nodes/dj.yaml', false],
    ['nodes/sub/dj.yaml', false],
    ['nodes/x.yml', false], // DJ reads *.yaml only
    ['nodesx/x.yaml', false],
    ['README.md', false],
    ['other/x.yaml', false],
  ])('%p is a node file under nodes/: %p', (file, expected) => {
    assert.equal(isNodeFile(file, 'nodes/'), expected);
  });

  test('statuses map to the sides to read; renames read both paths; files outside git_path drop out', () => {
    const changes = nodeFileChanges(
      [
        { filename: 'nodes/a.yaml', status: 'added' },
        { filename: 'nodes/b.yaml', status: 'removed' },
        { filename: 'nodes/c.yaml', status: 'modified' },
        { filename: 'nodes/d2.yaml', status: 'renamed', previous_filename: 'nodes/d.yaml' },
        { filename: 'nodes/moved_in.yaml', status: 'renamed', previous_filename: 'elsewhere/m.yaml' },
        { filename: 'elsewhere/out.yaml', status: 'renamed', previous_filename: 'nodes/out.yaml' },
        { filename: 'docs/readme.md', status: 'modified' },
        { filename: 'nodes/dj.yaml', status: 'modified' },
      ],
      'nodes/',
    );
    assert.deepEqual(changes, [
      { head: 'nodes/a.yaml', base: undefined },
      { head: undefined, base: 'nodes/b.yaml' },
      { head: 'nodes/c.yaml', base: 'nodes/c.yaml' },
      { head: 'nodes/d2.yaml', base: 'nodes/d.yaml' },
      { head: 'nodes/moved_in.yaml', base: undefined },
      { head: undefined, base: 'nodes/out.yaml' },
    ]);
  });
});

describe('the node a YAML file defines (as DJ reads it)', () => {
  test('a node spec', () => {
    assert.deepEqual(nodeOfYaml('name: ${prefix}revenue\nnode_type: metric\nquery: SELECT SUM(amount) FROM ${prefix}orders\n'), {
      name: '${prefix}revenue',
      node_type: 'metric',
      query: 'SELECT SUM(amount) FROM ${prefix}orders',
    });
  });
  test.each([
    ['a hierarchy', 'name: h\ntype: hierarchy\nlevels: []\n'],
    ['a list', '- name: x\n'],
    ['no name', 'node_type: metric\nquery: SELECT 1\n'],
    ['a name that is not a string', 'name: 12\nnode_type: metric\n'],
    ['broken YAML', 'name: [unclosed\n'],
    ['an empty file', ''],
  ])('%s defines no node', (_what, text) => {
    assert.equal(nodeOfYaml(text), undefined);
  });
  test('aliases as PyYAML reads them: 45 aliases over four levels are a node (deeper bombs: reliability/yaml.test.ts)', () => {
    const text =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nname: x\n';
    assert.equal(nodeOfYaml(text)?.name, 'x');
  });
  test('YAML 1.1 like PyYAML: yes is a boolean', () => {
    assert.equal(nodeOfYaml('name: x\nnode_type: metric\nflag: yes\n')?.flag, true);
  });
});

describe('what merging would deploy to the base namespace', () => {
  const read = (files: Record<string, string>) => (side: 'base' | 'head', path: string) => files[`${side}:${path}`];
  const base = {
    namespace: 'demo.metrics.main',
    nodes: [
      { name: '${prefix}orders', node_type: 'source' },
      { name: '${prefix}revenue', node_type: 'metric', query: 'SELECT SUM(amount) FROM ${prefix}orders' },
      { name: '${prefix}newer_on_main', node_type: 'metric', query: 'SELECT 1' },
      { name: '${prefix}legacy', node_type: 'metric', query: 'SELECT 2' },
    ],
  };

  test('changed files replace their nodes, removed files drop theirs, everything else (newer nodes of main included) stays', () => {
    const changes = nodeChanges(
      [{ head: 'nodes/revenue.yaml', base: 'nodes/revenue.yaml' }, { head: 'nodes/aov.yaml' }, { base: 'nodes/legacy.yaml' }],
      read({
        'head:nodes/revenue.yaml': 'name: ${prefix}revenue\nnode_type: metric\nquery: SELECT SUM(amount) * 2 FROM ${prefix}orders\n',
        'base:nodes/revenue.yaml': 'name: ${prefix}revenue\nnode_type: metric\nquery: SELECT SUM(amount) FROM ${prefix}orders\n',
        'head:nodes/aov.yaml': 'name: ${prefix}aov\nnode_type: metric\nquery: SELECT AVG(amount) FROM ${prefix}orders\n',
        'base:nodes/legacy.yaml': 'name: ${prefix}legacy\nnode_type: metric\nquery: SELECT 2\n',
      }),
    );
    assert.deepEqual(changes.removals, ['${prefix}legacy']);
    assert.deepEqual(
      changes.upserts.map(n => n.name),
      ['${prefix}revenue', '${prefix}aov'],
    );
    const spec = previewSpec(base, changes);
    assert.equal(spec.namespace, 'demo.metrics.main');
    assert.deepEqual(
      spec.nodes.map(n => n.name),
      ['${prefix}orders', '${prefix}newer_on_main', '${prefix}revenue', '${prefix}aov'],
    );
    assert.equal(spec.nodes.find(n => n.name === '${prefix}revenue')!.query, 'SELECT SUM(amount) * 2 FROM ${prefix}orders');
  });

  test('a file whose node was renamed removes the old name and adds the new one; a node moved between files is not removed', () => {
    const changes = nodeChanges(
      [{ head: 'nodes/a.yaml', base: 'nodes/a.yaml' }, { head: 'nodes/b.yaml' }, { base: 'nodes/old_b.yaml' }],
      read({
        'head:nodes/a.yaml': 'name: ${prefix}a_new\nnode_type: metric\nquery: SELECT 1\n',
        'base:nodes/a.yaml': 'name: ${prefix}a\nnode_type: metric\nquery: SELECT 1\n',
        'head:nodes/b.yaml': 'name: ${prefix}b\nnode_type: metric\nquery: SELECT 3\n',
        'base:nodes/old_b.yaml': 'name: ${prefix}b\nnode_type: metric\nquery: SELECT 2\n',
      }),
    );
    assert.deepEqual(changes.removals, ['${prefix}a']);
    assert.deepEqual(changes.upserts.map(n => n.name).sort(), ['${prefix}a_new', '${prefix}b']);
  });

  test('no node changes: the spec is the base spec', () => {
    assert.deepEqual(previewSpec(base, { upserts: [], removals: [] }).nodes, base.nodes);
  });
});

describe('the impact output', () => {
  const d = (name: string, current: string, predicted: string, depth = 1): DownstreamImpact => ({
    name,
    node_type: 'metric',
    current_status: current,
    predicted_status: predicted,
    impact_type: predicted === 'invalid' ? 'will_invalidate' : 'may_affect',
    impact_reason: 'r',
    depth,
    caused_by: ['demo.metrics.main.big_orders'],
    is_external: false,
    owners: [],
  });

  test('results are sorted into created / updated / deleted, refusals kept apart, unchanged nodes left out; breakage first', () => {
    const summary = summarizeImpact(
      'demo.metrics.main',
      [
        { name: 'demo.metrics.main.orders', status: 'skipped', operation: 'noop', message: 'Unchanged' },
        { name: 'demo.metrics.main.aov', status: 'success', operation: 'create', message: 'Created metric (v1.0)' },
        { name: 'demo.metrics.main.revenue', status: 'success', operation: 'update', message: 'Updated metric (v2.0)' },
        { name: 'demo.metrics.main.legacy', status: 'success', operation: 'delete', message: 'Deleted' },
        { name: 'demo.metrics.main.big_orders', status: 'failed', operation: 'delete', message: "Cannot delete 'demo.metrics.main.big_orders' - referenced by: x" },
      ],
      [d('z_fine', 'valid', 'valid', 1), d('b_broken', 'valid', 'invalid', 2), d('a_broken', 'valid', 'invalid', 2), d('already_bad', 'invalid', 'invalid', 1)],
    );
    assert.deepEqual(summary.changes, { created: ['demo.metrics.main.aov'], updated: ['demo.metrics.main.revenue'], deleted: ['demo.metrics.main.legacy'] });
    assert.deepEqual(
      summary.failed.map(f => f.name),
      ['demo.metrics.main.big_orders'],
    );
    assert.deepEqual(
      summary.downstream.map(x => x.name),
      ['a_broken', 'b_broken', 'already_bad', 'z_fine'],
    );
    assert.deepEqual(
      newlyInvalid(summary).map(x => x.name),
      ['a_broken', 'b_broken'],
    );
  });
});
