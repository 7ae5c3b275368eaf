import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { checkRunContent, nameLineOf, placesOf } from '../../src/report/check-run.js';
import { buildReport } from '../../src/report/model.js';
import type { ReportContext } from '../../src/report/markdown.js';
import type { Outcome } from '../../src/targets/target.js';
import type { ImpactSummary } from '../../src/targets/dj/impact.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const NS = 'demo.metrics.feature_x';
const ctx = (over: Partial<ReportContext> = {}): ReportContext => ({
  eventName: 'pull_request',
  prNumber: 3,
  headSha: SHA,
  dryRun: false,
  failOn: 'failed',
  now: new Date('2026-08-22T10:00:00Z'),
  ...over,
});
const node = (name: string, status: string, deploy_type = 'node') => ({ name: `${NS}.${name}`, deploy_type, status, operation: 'update', message: `${name}: ${status}` });

describe('the check run of a report', () => {
  test('the node a YAML file names and its name: line (quoted, commented, ${prefix} left out); none without one', () => {
    assert.deepEqual(nameLineOf('# c\n\nname: ${prefix}revenue\nquery: x\n'), { name: 'revenue', line: 3 });
    assert.deepEqual(nameLineOf("node_type: metric\nname: '${prefix}a.b'  # the metric\n"), { name: 'a.b', line: 2 });
    assert.deepEqual(nameLineOf('query: |\n  name: inner\n'), undefined, 'an indented name: is not the node');
    assert.deepEqual(nameLineOf('description: x\n'), undefined);
  });

  test('annotations at their files, level by fail-on; unplaced nodes named in the summary; conclusion by the verdict', () => {
    const outcome = {
      target: 'dj',
      operation: 'updated',
      name: NS,
      gitBranch: 'feature/x',
      deployedSha: SHA,
      notes: [],
      results: [node('ok', 'success'), node('a', 'failed'), node('b', 'invalid'), node('ghost', 'invalid')],
    } as Outcome;
    const places = placesOf(
      new Map([
        ['nodes/a.yaml', 'name: ${prefix}a\n'],
        ['nodes/sub/b.yaml', '# b\nname: ${prefix}b\n'],
      ]),
    );
    const c = checkRunContent(buildReport(outcome, ctx()), places);
    assert.equal(c.conclusion, 'failure');
    assert.deepEqual(
      c.annotations.map(a => [a.path, a.start_line, a.annotation_level, a.title]),
      [
        ['nodes/a.yaml', 1, 'failure', 'DJ node a: failed'],
        ['nodes/sub/b.yaml', 2, 'warning', 'DJ node b: invalid'],
      ],
    );
    assert.deepEqual(c.unplaced, ['ghost']);
    assert.match(c.summary, /\*\*Not annotated\*\* .*: ghost$/);
    assert.match(c.title, /^1 of 4 nodes failed, 2 invalid · feature\/x @ 0123456 → demo\.metrics\.feature_x$/);
    const never = checkRunContent(buildReport(outcome, ctx({ failOn: 'never' })), places);
    assert.equal(never.conclusion, 'success');
    assert.deepEqual(
      never.annotations.map(a => a.annotation_level),
      ['warning', 'warning'],
    );
  });

  test("a merge preview's broken downstream node is annotated at the changed node that causes it", () => {
    const outcome = { target: 'dj', operation: 'updated', name: NS, gitBranch: 'feature/x', deployedSha: SHA, notes: [], results: [node('orders', 'success')] } as Outcome;
    const summary: ImpactSummary = {
      base: 'demo.metrics.main',
      changes: { created: [], updated: ['demo.metrics.main.orders'], deleted: [] },
      failed: [],
      downstream: [
        {
          name: 'demo.metrics.main.revenue',
          node_type: 'metric',
          current_status: 'valid',
          predicted_status: 'invalid',
          impact_type: 'column',
          impact_reason: 'column amount removed',
          depth: 1,
          caused_by: ['demo.metrics.main.orders'],
          is_external: false,
          owners: [],
        },
      ],
    };
    const c = checkRunContent(buildReport(outcome, ctx({ failOn: 'impact', impact: { summary } })), placesOf(new Map([['nodes/orders.yaml', 'name: ${prefix}orders\n']])));
    assert.deepEqual(c.annotations, [
      {
        path: 'nodes/orders.yaml',
        start_line: 1,
        end_line: 1,
        annotation_level: 'failure',
        title: 'Merging would make revenue invalid (caused by orders)',
        message: 'column amount removed',
      },
    ]);
    assert.equal(c.conclusion, 'failure');
  });
});
