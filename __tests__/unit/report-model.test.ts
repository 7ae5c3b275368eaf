import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildReport } from '../../src/report/model.js';
import { renderMarkdown, renderReport, type ReportContext } from '../../src/report/markdown.js';
import { resultLine, annotateNodes, type LogSink } from '../../src/report/log.js';
import type { DeploymentResult, Outcome } from '../../src/targets/target.js';
import type { FailOn } from '../../src/settings.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const NS = 'demo.metrics.feature_x';

function ctx(failOn: FailOn): ReportContext {
  return {
    eventName: 'pull_request',
    prNumber: 12,
    runUrl: 'https://github.com/acme/defs/actions/runs/99',
    repoUrl: 'https://github.com/acme/defs',
    headSha: SHA,
    dryRun: false,
    failOn,
    now: new Date('2026-08-22T10:15:30Z'),
  };
}

function result(name: string, status: string): DeploymentResult {
  return { name: `${NS}.${name}`, deploy_type: 'node', status, operation: 'update', message: `${name} is ${status}\n└─ Updated x` };
}

const outcome = (): Outcome =>
  ({
    target: 'dj',
    operation: 'updated',
    name: NS,
    url: `https://dj.example/namespaces/${NS}`,
    gitBranch: 'feature/x',
    deployedSha: SHA,
    notes: [],
    results: [result('a', 'success'), result('b', 'invalid'), result('c', 'failed')],
  }) as Outcome;

function sink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: m => lines.push(`info ${m}`),
    error: (m, p) => lines.push(`error ${p?.title}`),
    warning: (m, p) => lines.push(`warning ${p?.title}`),
    notice: m => lines.push(`notice ${m}`),
  };
}

describe('the report model', () => {
  test('nodes that need attention, with the level fail-on gives them, failures first', () => {
    const cases: [FailOn, string[]][] = [
      ['failed', ['c:failure', 'b:warning']],
      ['invalid', ['b:failure', 'c:failure']],
      ['never', ['b:warning', 'c:warning']],
    ];
    for (const [failOn, want] of cases) {
      const r = buildReport(outcome(), ctx(failOn));
      assert.deepEqual(
        r.nodes.map(n => `${n.short}:${n.severity}`),
        want,
        failOn,
      );
      assert.equal(r.verdict.fails, failOn !== 'never');
    }
    const r = buildReport(outcome(), ctx('failed'));
    assert.equal(r.nodes[0]!.message, 'c is failed', "DJ's change summary left out");
    assert.equal(r.deployedSha, SHA);
    assert.equal(r.counts, '3 nodes: 1 updated, 1 failed, 1 invalid');
    assert.match(r.title, /^1 of 3 nodes failed, 1 invalid · feature\/x @ 0123456 → demo\.metrics\.feature_x$/);
    assert.equal(r.links.commit, `https://github.com/acme/defs/commit/${SHA}`);
  });

  test('every sink reads the same model: markdown, log line, annotations', () => {
    const r = buildReport(outcome(), ctx('never'));
    assert.equal(renderMarkdown(r), renderReport(outcome(), ctx('never')));
    assert.match(resultLine(r, 1200), /^3 nodes: 1 updated, 1 failed, 1 invalid in 1\.2 s · feature\/x @ 0123456/);
    const log = sink();
    annotateNodes(r, log);
    assert.deepEqual(log.lines, ['warning DJ node b: invalid', 'warning DJ node c: failed'], 'fail-on: never gives warnings only');
  });
});
