import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import {
  renderReport,
  escapeMarkdown,
  stickyMarker,
  digestMarker,
  stepFailure,
  safeUrl,
  MAX_REPORT_CHARS,
  type ReportContext,
} from '../../src/report/markdown.js';
import { summaryFor } from '../../src/report/summary.js';
import type { DeploymentResult, OperationResult, Outcome, ResultStatus, SkipReason, TargetBranch } from '../../src/targets/target.js';

const NOW = new Date('2026-08-22T10:15:30.123Z');
const SHA = '0123456789abcdef0123456789abcdef01234567';

function ctx(over: Partial<ReportContext> = {}): ReportContext {
  return { eventName: 'pull_request', prNumber: 12, runUrl: 'https://github.com/acme/defs/actions/runs/99', headSha: SHA, dryRun: false, failOn: 'failed', now: NOW, ...over };
}

function outcome(over: Partial<Outcome> = {}): Outcome {
  return {
    target: 'dj',
    operation: 'updated',
    name: 'demo.metrics.feature_x',
    url: 'https://dj.example/namespaces/demo.metrics.feature_x',
    gitBranch: 'feature/x',
    deployedSha: SHA,
    results: [],
    notes: [],
    ...over,
  };
}

function result(name: string, status: ResultStatus | string, message = `message of ${name}`, operation = 'update'): DeploymentResult {
  return { name, deploy_type: 'node', status, operation, message };
}

/** Renders Markdown the way a GitHub-flavoured renderer does (tables, inline HTML kept). */
function html(md: string): string {
  return marked.parse(md, { async: false, gfm: true }) as string;
}

/** The text nodes of rendered HTML, where GitHub looks for mentions. */
function textOf(h: string): string {
  return h.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function count(haystack: string, needle: string | RegExp): number {
  return needle instanceof RegExp ? (haystack.match(new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g')) ?? []).length : haystack.split(needle).length - 1;
}

describe('renderReport: title per operation', () => {
  const cases: { op: OperationResult; extra?: Partial<Outcome>; icon: string; text: RegExp }[] = [
    { op: 'created', icon: '✅', text: /DJ namespace demo\.metrics\.feature\\_x created/ },
    { op: 'updated', icon: '✅', text: /DJ namespace demo\.metrics\.feature\\_x updated/ },
    { op: 'unchanged', icon: '✅', text: /unchanged/ },
    { op: 'deleted', extra: { nodesDeleted: 42, deployedSha: undefined }, icon: '🗑️', text: /DJ namespace .* deleted/ },
    { op: 'absent', extra: { deployedSha: undefined }, icon: '✅', text: /already absent/ },
    { op: 'listed', extra: { name: undefined, branches: [] }, icon: '📋', text: /0 DJ branch namespaces/ },
    { op: 'pruned', extra: { name: undefined, branches: [], pruned: ['demo.metrics.old'] }, icon: '🧹', text: /Pruned 1 DJ branch namespace$/m },
    { op: 'skipped', extra: { skipReason: 'tag', deployedSha: undefined }, icon: '⏭️', text: /Skipped: a tag/ },
    { op: 'planned', icon: '📝', text: /Dry run for DJ namespace/ },
  ];
  for (const c of cases) {
    test(c.op, () => {
      const md = renderReport(outcome({ operation: c.op, ...c.extra }), ctx({ dryRun: c.op === 'planned' }));
      const title = md.split('\n')[0]!;
      assert.ok(title.startsWith(`### ${c.icon} `), title);
      assert.match(title, c.text);
    });
  }

  test('a failing run gets ❌ and says the step fails', () => {
    const md = renderReport(outcome({ results: [result('demo.a', 'failed')] }), ctx());
    assert.ok(md.startsWith('### ❌ '));
    assert.match(md, /\*\*Step:\*\* fails: 1 failed node \(`fail-on: failed`\)/);
  });

  test('invalid results warn under fail-on: failed and fail under fail-on: invalid', () => {
    const o = outcome({ results: [result('demo.a', 'invalid')] });
    assert.ok(renderReport(o, ctx()).startsWith('### ⚠️ '));
    assert.ok(renderReport(o, ctx({ failOn: 'invalid' })).startsWith('### ❌ '));
    assert.match(renderReport(o, ctx()), /\*\*Step:\*\* passes/);
  });

  test('an error shows in the title and as a quoted message', () => {
    const md = renderReport(outcome({ operation: 'skipped' }), ctx({ error: 'POST /namespaces/x → HTTP 500: boom' }));
    assert.ok(md.startsWith('### ❌ DJ namespace demo.metrics.feature\\_x: the run failed'));
    assert.match(md, /^> ❌ POST \/namespaces\/x → HTTP 500: boom$/m);
  });
});

describe('renderReport: every result status', () => {
  const statuses: { status: string; shown: 'problems' | 'folded'; icon: string }[] = [
    { status: 'success', shown: 'folded', icon: '✅' },
    { status: 'failed', shown: 'problems', icon: '❌' },
    { status: 'invalid', shown: 'problems', icon: '⚠️' },
    { status: 'warning', shown: 'problems', icon: '🟡' },
    { status: 'skipped', shown: 'folded', icon: '⏭️' },
    { status: 'mystery', shown: 'folded', icon: '❔' },
  ];
  for (const s of statuses) {
    test(s.status, () => {
      const md = renderReport(outcome({ results: [result('demo.node_a', s.status), result('demo.ok', 'success')] }), ctx({ failOn: 'never' }));
      const row = md.split('\n').find(l => l.startsWith('| demo.node\\_a |'));
      assert.ok(row, md);
      assert.ok(row.includes(`${s.icon} ${escapeMarkdown(s.status)}`), row);
      const details = md.indexOf('<details>');
      const rowAt = md.indexOf(row);
      if (s.shown === 'problems') {
        assert.ok(rowAt < details, 'problem rows come before the folded rest');
        assert.match(md, /#### Nodes that need attention \(1\)/);
      } else {
        assert.ok(rowAt > details, 'other rows are folded');
      }
      // The counts row lists every status, with this one counted.
      const counts = renderReport(outcome({ results: [result('demo.node_a', s.status)] }), ctx()).split('\n');
      const header = counts.findIndex(l => l.includes('✅ success') && l.includes('❌ failed'));
      const cells = counts[header]!.split('|').map(c => c.trim()).filter(Boolean);
      const values = counts[header + 2]!.split('|').map(c => c.trim()).filter(Boolean);
      const i = cells.findIndex(c => c.endsWith(` ${escapeMarkdown(s.status)}`));
      assert.equal(values[i], '1');
    });
  }

  test('failed first, then invalid, then warnings; summary lines stripped from their messages', () => {
    const md = renderReport(
      outcome({
        results: [
          result('demo.w', 'warning', 'check this'),
          result('demo.i', 'invalid', 'Updated metric (v2.0)\n└─ Updated query\nColumn `x` does not exist'),
          result('demo.ok', 'success', 'Updated metric (v2.0)\n└─ Updated query'),
          result('demo.f', 'failed', 'Updated dimension (v3.0)\nsyntax error at "FROM"'),
        ],
      }),
      ctx(),
    );
    const order = ['| demo.f |', '| demo.i |', '| demo.w |', '<details>', '| demo.ok |'].map(s => md.indexOf(s));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.ok(order.every(i => i >= 0));
    const invalidRow = md.split('\n').find(l => l.startsWith('| demo.i |'))!;
    assert.match(invalidRow, /Column \\`x\\` does not exist \|$/);
    assert.ok(!invalidRow.includes('└─') && !invalidRow.includes('Updated'));
    assert.match(md.split('\n').find(l => l.startsWith('| demo.f |'))!, /syntax error at "FROM" \|$/);
    // The folded rest keeps the change summary: it is what happened there.
    assert.match(md.split('\n').find(l => l.startsWith('| demo.ok |'))!, /Updated metric \(v2\.0\)<br>└─ Updated query/);
    assert.match(md, /4 results: 4 updated\./);
  });
});

describe('renderReport: facts', () => {
  test('namespace linked, git branch, deployed commit matching the head', () => {
    const md = renderReport(outcome(), ctx());
    assert.match(md, /- \*\*Namespace:\*\* \[demo\.metrics\.feature\\_x\]\(https:\/\/dj\.example\/namespaces\/demo\.metrics\.feature_x\)/);
    assert.match(md, /- \*\*Git branch:\*\* feature\/x/);
    assert.match(md, /- \*\*Deployed commit:\*\* `0123456789ab` \(the pull request's head\)/);
    assert.match(md, /\[Workflow run\]\(https:\/\/github\.com\/acme\/defs\/actions\/runs\/99\) · 2026-08-22 10:15:30 UTC/);
    assert.match(md, /`pull_request` on pull request #12/);
  });

  test('a deployed commit other than the head warns', () => {
    const md = renderReport(outcome(), ctx({ headSha: 'fedcba9876543210fedcba9876543210fedcba98' }));
    assert.ok(md.startsWith('### ⚠️ '));
    assert.match(md, /`0123456789ab` ⚠️ not the pull request's head `fedcba987654`/);
  });

  test('a javascript: URL is not linked', () => {
    const md = renderReport(outcome({ url: 'javascript:alert(1)' }), ctx({ runUrl: 'data:text/html,x' }));
    assert.ok(!md.includes('javascript:'));
    assert.ok(!md.includes('data:text'));
    assert.match(md, /- \*\*Namespace:\*\* demo\.metrics\.feature\\_x$/m);
    assert.equal(safeUrl('https://x.example/a b(c)'), 'https://x.example/a%20b%28c%29');
  });

  test('dry run says nothing was changed', () => {
    const md = renderReport(outcome({ operation: 'planned', notes: ['Would PATCH /namespaces/demo.metrics.feature_x/git'] }), ctx({ dryRun: true }));
    assert.match(md, /> 🧪 \*\*Dry run:\*\* nothing was changed/);
    assert.match(md, /^\* Would PATCH \/namespaces\/demo\.metrics\.feature\\_x\/git$/m);
  });

  test('deleted shows the node count; kept shows the note', () => {
    const deleted = renderReport(outcome({ operation: 'deleted', nodesDeleted: 43, deployedSha: undefined }), ctx());
    assert.match(deleted, /^Deleted \[demo\.metrics\.feature\\_x\]\(.*\) and its 43 nodes\.$/m);
    const one = renderReport(outcome({ operation: 'deleted', nodesDeleted: 1, deployedSha: undefined }), ctx());
    assert.match(one, /and its 1 node\./);
    const kept = renderReport(
      outcome({ operation: 'unchanged', deployedSha: undefined, notes: ["Kept demo.metrics.feature_x: 'on-pr-close: keep'."] }),
      ctx(),
    );
    assert.match(kept, /^\* Kept demo\.metrics\.feature\\_x: 'on-pr-close: keep'\.$/m);
    assert.match(renderReport(outcome({ operation: 'absent', deployedSha: undefined }), ctx()), /did not exist; nothing to delete/);
  });
});

describe('renderReport: skip reasons', () => {
  const reasons: { reason: SkipReason; says: RegExp }[] = [
    { reason: 'tag', says: /about a tag/ },
    { reason: 'default-branch', says: /is the default branch.*never creates or deletes/ },
    { reason: 'ignored-branch', says: /matches a pattern in `ignore-branches`/ },
    { reason: 'fork', says: /from a fork.*without secrets and with a read-only token.*push the branch to this repository/ },
    { reason: 'unsupported-event', says: /`schedule` events do nothing with `operation: auto`.*`prune`/ },
    { reason: 'unsupported-action', says: /`opened`, `reopened`, `synchronize`, `ready_for_review` and `closed`/ },
    { reason: 'not-linked', says: /No namespace is linked to feature\/x, so there is nothing to deploy/ },
  ];
  for (const r of reasons) {
    test(r.reason, () => {
      const md = renderReport(
        outcome({ operation: 'skipped', skipReason: r.reason, deployedSha: undefined }),
        ctx({ eventName: r.reason === 'unsupported-event' ? 'schedule' : 'pull_request' }),
      );
      assert.ok(md.startsWith('### ⏭️ Skipped: '));
      assert.match(md, r.says);
      assert.match(md, /\*\*Step:\*\* passes/);
    });
  }
});

describe('renderReport: list and prune', () => {
  const branches: TargetBranch[] = [
    { name: 'demo.main', gitBranch: 'main', isDefault: true, nodes: 42, invalidNodes: 0, lastUpdatedAt: '2026-08-20T17:03:11.482913Z', raw: {} },
    { name: 'demo.feature_x', gitBranch: 'feature-x', isDefault: false, nodes: 43, invalidNodes: 1, lastUpdatedAt: '2026-08-21T09:12:40Z', raw: {} },
    { name: 'demo.old', gitBranch: 'old', isDefault: false, nodes: 0, invalidNodes: 0, lastUpdatedAt: null, raw: {} },
  ];

  test('list: one row per branch', () => {
    const md = renderReport(outcome({ operation: 'listed', name: undefined, gitBranch: undefined, deployedSha: undefined, branches }), ctx({ eventName: 'workflow_dispatch', prNumber: undefined }));
    assert.match(md, /^### 📋 3 DJ branch namespaces$/m);
    assert.match(md, /^\| demo\.main \(default\) \| main \| 42 \| 0 \| 2026-08-20 17:03:11Z \|$/m);
    assert.match(md, /^\| demo\.feature\\_x \| feature-x \| 43 \| 1 \| 2026-08-21 09:12:40Z \|$/m);
    assert.match(md, /^\| demo\.old \| old \| 0 \| 0 \| — \|$/m);
    const h = html(md);
    assert.equal(count(h, '<tr>'), 4);
  });

  test('fossil state shows next to the date', () => {
    const md = renderReport(
      outcome({ target: 'fossil', operation: 'listed', name: undefined, branches: [{ name: 'feature-y', gitBranch: 'feature-y', isDefault: false, state: 'closed', raw: {} }] }),
      ctx(),
    );
    assert.match(md, /^### 📋 1 Fossil branch$/m);
    assert.match(md, /^\| feature-y \| feature-y \| — \| — \| closed \|$/m);
  });

  test('prune: deleted list, failures, all branches folded', () => {
    const md = renderReport(
      outcome({
        operation: 'pruned',
        name: undefined,
        deployedSha: undefined,
        branches,
        pruned: ['demo.old'],
        failures: [{ name: 'demo.gone', message: 'DELETE /namespaces/demo/branches/demo.gone → HTTP 500: boom' }],
      }),
      ctx({ eventName: 'schedule' }),
    );
    assert.ok(md.startsWith('### ❌ Pruned 1 DJ branch namespace'));
    assert.match(md, /#### Deleted \(1\)\n\n- demo\.old\n/);
    assert.match(md, /#### ❌ Could not remove \(1\)/);
    assert.match(md, /^\| demo\.gone \| DELETE .* HTTP 500: boom \|$/m);
    assert.match(md, /<details><summary>All branches \(3\)<\/summary>/);
    assert.match(md, /\*\*Step:\*\* fails: 1 branch could not be removed/);
  });

  test('prune dry run: "Would delete"', () => {
    const md = renderReport(outcome({ operation: 'planned', name: undefined, branches, pruned: [], failures: [] }), ctx({ dryRun: true }));
    assert.match(md, /^### 📝 Would prune 0 DJ branch namespaces$/m);
    assert.match(md, /#### Would delete \(0\)/);
    assert.match(md, /Nothing to prune/);
  });
});

describe('escapeMarkdown', () => {
  const cases: [string, string][] = [
    ['plain.name', 'plain.name'],
    ['a|b', 'a\\|b'],
    ['line1\nline2\r\nline3', 'line1<br>line2<br>line3'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['end --> here', 'end --&gt; here'],
    ['hi @octocat', 'hi @\u200Doctocat'],
    ['@org/team', '@\u200Dorg/team'],
    ['fixes #12', 'fixes #\u200D12'],
    ['`code`', '\\`code\\`'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['*bold* _it_ ~s~ $x$', '\\*bold\\* \\_it\\_ \\~s\\~ \\$x\\$'],
    ['&#64;octocat', '&amp;#\u200D64;octocat'],
    ['back\\slash', 'back\\\\slash'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['    indented', 'indented'],
    ['a@b.c', 'a@\u200Db.c'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(escapeMarkdown(input), expected));
  }
});

describe('hostile names and messages', () => {
  const hostile = [
    'a|b|c',
    'two\nlines\n| x | y |',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'x --> <!-- y',
    'ping @octocat',
    'cc @acme/admins',
    'tick ` tick',
    '[click](javascript:alert(1))',
    '](javascript:alert(1))',
    '<details><summary>x</summary>',
    '</details></table>',
  ];
  const all = hostile.join(' ');

  function hostileOutcome(): Outcome {
    return outcome({
      name: `demo.${all}`,
      gitBranch: all,
      url: 'https://dj.example/namespaces/x',
      results: hostile.flatMap((h, i) => [result(`demo.f${i} ${h}`, 'failed', h), result(`demo.s${i} ${h}`, 'success', h, h)]),
      notes: hostile,
      branches: hostile.map((h, i) => ({ name: `demo.b${i} ${h}`, gitBranch: h, isDefault: false, nodes: i, invalidNodes: 0, lastUpdatedAt: h, state: h, raw: {} })),
      pruned: hostile,
      failures: hostile.map(h => ({ name: h, message: h })),
    });
  }

  test('raw Markdown carries no HTML, no comment terminator and no mention', () => {
    const md = renderReport(hostileOutcome(), ctx({ decision: all, error: all }));
    const withoutFooter = md.slice(0, md.indexOf('<!-- dj-branch-sync-footer -->'));
    assert.ok(!/<(script|img|details><summary>x|\/table)/i.test(md));
    assert.ok(!withoutFooter.includes('-->'));
    assert.ok(!withoutFooter.includes('<!--'));
    assert.ok(!/@octocat|@acme\/admins/.test(md));
    assert.ok(!/(^|[^\\])\]\(javascript:/m.test(md), 'every ] before (javascript: is escaped');
    // Only our own details blocks, all closed.
    assert.equal(count(md, '<details>'), count(md, '</details>'));
    assert.equal(count(md, '<details>'), 2);
  });

  test('rendered HTML: tables keep their rows, no script/img element, no mention text, no javascript: link', () => {
    const o = hostileOutcome();
    const md = renderReport(o, ctx({ decision: all, error: all }));
    const h = html(md);
    assert.ok(!/<script/i.test(h), 'no script element');
    assert.ok(!/<img/i.test(h), 'no img element');
    assert.ok(!/href="javascript:/i.test(h), 'no javascript: link');
    const text = textOf(h);
    assert.ok(!text.includes('@octocat'), 'no @octocat mention');
    assert.ok(!text.includes('@acme/admins'), 'no team mention');
    // The words are still there for people to read.
    assert.ok(text.includes('<script>alert(1)</script>'));
    assert.ok(text.includes('@\u200Doctocat'));
    // Tables: counts (header + values), problems (12 + header), rest (12 + header),
    // prune failures (12 + header), all branches (12 + header).
    const tables = h.split('<table>').slice(1).map(t => count(t.slice(0, t.indexOf('</table>')), '<tr>'));
    assert.deepEqual(tables, [2, 13, 13, 13, 13]);
    // Every row has exactly as many cells as its header.
    for (const t of h.split('<table>').slice(1)) {
      const body = t.slice(0, t.indexOf('</table>'));
      const headerCells = count(body.slice(0, body.indexOf('</thead>')), /<th[ >]/);
      for (const row of body.split('<tr>').slice(2)) assert.equal(count(row, '<td'), headerCells, row);
    }
  });

  test('the hostile name as a list row renders one item, not a nested list', () => {
    const md = renderReport(outcome({ notes: ['1. one', '- two', '# three', '> four'] }), ctx());
    const h = html(md);
    assert.ok(!/<h1|<blockquote|<ol/.test(h));
    const lists = h.split('<ul>').slice(1).map(l => count(l.slice(0, l.indexOf('</ul>')), '<li>'));
    assert.deepEqual(lists, [5, 4]); // the facts, then the notes as their own list
  });
});

describe('size', () => {
  const big = (): Outcome => {
    const results: DeploymentResult[] = [];
    for (let i = 0; i < 20_000; i++) {
      const failed = i % 40 === 0; // 500 failed
      results.push(
        result(
          `demo.metrics.feature_x.node_${String(i).padStart(5, '0')}`,
          failed ? 'failed' : 'success',
          failed ? `Column \`c${i}\` does not exist in upstream node demo.source_${i}: check the query` : 'Updated metric (v2.0)\n└─ Updated query',
        ),
      );
    }
    return outcome({ results });
  };

  test('20,000 results with 500 failed stay under the limit and say how many are left out', () => {
    const o = big();
    assert.equal(o.results.filter(r => r.status === 'failed').length, 500);
    const md = renderReport(o, ctx());
    assert.ok(md.length <= MAX_REPORT_CHARS, `${md.length}`);
    assert.ok(md.length < 65_536);
    const rows = md.split('\n').filter(l => /^\| demo\.metrics\.feature\\_x\.node\\_\d{5} \|/.test(l)).length;
    const omitted = 20_000 - rows;
    assert.ok(omitted > 0);
    assert.match(md, new RegExp(`⚠️ ${omitted} results not shown .*; the full list is in the \`results\` output\\.`));
    assert.match(md, /\| ❌ failed \|/);
    assert.match(md, /#### Nodes that need attention \(500\)/);
    // Whatever was cut, the markup is whole: every details closed, the footer last.
    assert.equal(count(md, '<details>'), count(md, '</details>'));
    assert.ok(md.trimEnd().endsWith('dj-branch-sync</sub>'));
    // Failed rows come first: every failed row that fits is shown before any success row.
    const failedRows = md.split('\n').filter(l => l.startsWith('| demo.') && l.includes('| ❌ failed |')).length;
    assert.ok(failedRows > 0);
    assert.equal(failedRows + Number(/\((\d+) of them failed/.exec(md)?.[1] ?? 0), 500);
  });

  test('one huge message is clipped, not allowed to eat the body', () => {
    const md = renderReport(outcome({ results: [result('demo.a', 'failed', 'x'.repeat(200_000)), result('demo.b', 'failed', 'short')] }), ctx());
    assert.ok(md.length < 10_000);
    assert.match(md, /\| demo\.b \|/);
  });

  test('thousands of notes are cut too', () => {
    const notes = Array.from({ length: 3_000 }, (_, i) => `Note number ${i} about demo.metrics.something_rather_long_${i}`);
    const md = renderReport(outcome({ notes }), ctx());
    assert.ok(md.length <= MAX_REPORT_CHARS);
    const shown = count(md, /^\* Note number \d+/m);
    assert.ok(shown > 0 && shown < 3_000);
    assert.match(md, new RegExp(`^\\* … and ${3_000 - shown} more notes \\(see the log\\)$`, 'm'));
  });

  test('many branches in a list are cut with a note', () => {
    const branches: TargetBranch[] = Array.from({ length: 5_000 }, (_, i) => ({
      name: `demo.metrics.branch_number_${i}`,
      gitBranch: `branch-number-${i}`,
      isDefault: false,
      nodes: 40,
      invalidNodes: 0,
      lastUpdatedAt: '2026-08-21T09:12:40Z',
      raw: {},
    }));
    const md = renderReport(outcome({ operation: 'listed', name: undefined, branches }), ctx());
    assert.ok(md.length <= MAX_REPORT_CHARS);
    const rows = count(md, /^\| demo\.metrics\.branch\\_number\\_\d+ \|/m);
    assert.match(md, new RegExp(`⚠️ ${5_000 - rows} rows not shown`));
  });
});

describe('markers', () => {
  test('stickyMarker: stable, per target and name, never carries the name', () => {
    const a = stickyMarker('dj', 'demo.metrics.feature_x');
    assert.equal(a, stickyMarker('dj', 'demo.metrics.feature_x'));
    assert.notEqual(a, stickyMarker('dj', 'demo.metrics.feature_y'));
    assert.notEqual(a, stickyMarker('fossil', 'demo.metrics.feature_x'));
    const evil = stickyMarker('dj', 'x --> <script>');
    assert.match(evil, /^<!-- dj-branch-sync:[0-9a-f]{40} -->$/);
  });

  test('digestMarker: same content → same digest, whatever the run link and time', () => {
    const o = outcome({ results: [result('demo.a', 'success')] });
    const one = renderReport(o, ctx());
    const two = renderReport(o, ctx({ now: new Date('2027-01-01T00:00:00Z'), runUrl: 'https://github.com/acme/defs/actions/runs/100' }));
    assert.notEqual(one, two);
    assert.equal(digestMarker(one), digestMarker(two));
    assert.match(digestMarker(one), /^<!-- dj-branch-sync-digest:[0-9a-f]{12} -->$/);
    const three = renderReport(outcome({ results: [result('demo.a', 'failed')] }), ctx());
    assert.notEqual(digestMarker(one), digestMarker(three));
  });

  test('summaryFor is the report', () => {
    const o = outcome({ results: [result('demo.a', 'failed')], notes: ['n'] });
    assert.equal(summaryFor(o, ctx()), renderReport(o, ctx()));
  });
});

describe('stepFailure', () => {
  const cases: { failOn: 'failed' | 'invalid' | 'never'; statuses: string[]; fails: RegExp | undefined }[] = [
    { failOn: 'failed', statuses: ['success'], fails: undefined },
    { failOn: 'failed', statuses: ['failed', 'invalid'], fails: /^1 failed node/ },
    { failOn: 'failed', statuses: ['invalid'], fails: undefined },
    { failOn: 'invalid', statuses: ['invalid', 'invalid'], fails: /^2 invalid nodes/ },
    { failOn: 'invalid', statuses: ['failed', 'invalid'], fails: /^1 failed and 1 invalid nodes/ },
    { failOn: 'never', statuses: ['failed', 'invalid'], fails: undefined },
    { failOn: 'failed', statuses: ['warning', 'skipped'], fails: undefined },
  ];
  for (const c of cases) {
    test(`${c.failOn}: ${c.statuses.join(',')}`, () => {
      const got = stepFailure(outcome({ results: c.statuses.map((s, i) => result(`n${i}`, s)) }), c.failOn);
      if (c.fails) assert.match(got ?? '', c.fails);
      else assert.equal(got, undefined);
    });
  }
  test('a failed dimension link (DJ reports links as results of their own) is called a link; a mix, results', () => {
    const link = { ...result('a -> b', 'failed'), deploy_type: 'link' };
    assert.equal(stepFailure(outcome({ results: [link, result('n', 'success')] }), 'failed'), '1 failed link (`fail-on: failed`)');
    assert.equal(stepFailure(outcome({ results: [link, result('n', 'invalid')] }), 'invalid'), '1 failed and 1 invalid results (`fail-on: invalid`)');
  });
});
