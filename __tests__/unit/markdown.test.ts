import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { renderReport, escapeMarkdown, stickyMarker, digestMarker, safeUrl, MAX_REPORT_CHARS, type ReportContext } from '../../src/report/markdown.js';
import { countsPhrase, tally } from '../../src/report/counts.js';
import { stepVerdict } from '../../src/verdict.js';
import type { DeploymentResult, Outcome, Reported, ResultStatus, SkipReason, TargetBranch } from '../../src/targets/target.js';
import { alertsOf, firstLine, toHtml, visibleText } from '../render-html.js';

const NOW = new Date('2026-08-22T10:15:30.123Z');
const SHA = '0123456789abcdef0123456789abcdef01234567';
const NS = 'demo.metrics.feature_x';
const UI = `https://dj.example/namespaces/${NS}`;

function ctx(over: Partial<ReportContext> = {}): ReportContext {
  return {
    eventName: 'pull_request',
    prNumber: 12,
    runUrl: 'https://github.com/acme/defs/actions/runs/99',
    repoUrl: 'https://github.com/acme/defs',
    headSha: SHA,
    dryRun: false,
    failOn: 'failed',
    now: NOW,
    ...over,
  };
}

/** An outcome of any variant: the common fields filled, `over` decides the rest. */
function outcome(over: Record<string, unknown> = {}): Outcome {
  return { target: 'dj', operation: 'updated', name: NS, url: UI, gitBranch: 'feature/x', deployedSha: SHA, results: [], notes: [], ...over } as Outcome;
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
  return h
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function count(haystack: string, needle: string | RegExp): number {
  return needle instanceof RegExp
    ? (haystack.match(new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g')) ?? []).length
    : haystack.split(needle).length - 1;
}

/** 12 nodes: 6 updated, 1 unchanged, 2 failed, 1 invalid, 1 created, 1 skipped. */
function twelve(ns = NS): DeploymentResult[] {
  return [
    ...Array.from({ length: 6 }, (_, i) => result(`${ns}.updated_${i}`, 'success', 'Updated metric (v2.0)\n└─ Updated query')),
    result(`${ns}.same`, 'skipped', 'Unchanged', 'noop'),
    result(`${ns}.revenue`, 'failed', 'Updated metric (v3.0)\nsyntax error at "FROM"'),
    result(`${ns}.orders`, 'failed', 'Column `x` does not exist'),
    result(`${ns}.aov`, 'invalid', 'Upstream node revenue is invalid'),
    result(`${ns}.fresh`, 'success', 'Created metric (v1.0)', 'create'),
    result(`${ns}.skip`, 'skipped', 'skipped: a dependency failed', 'unknown'),
  ];
}

describe('counts: one DJ word per result, parts add up', () => {
  test('twelve results in six words', () => {
    const results = twelve();
    assert.deepEqual(tally(results), [
      ['created', 1],
      ['updated', 6],
      ['unchanged', 1],
      ['failed', 2],
      ['invalid', 1],
      ['skipped', 1],
    ]);
    assert.equal(countsPhrase(results), '12 nodes: 1 created, 6 updated, 1 unchanged, 2 failed, 1 invalid, 1 skipped');
    assert.equal(
      tally(results).reduce((n, [, k]) => n + k, 0),
      results.length,
    );
  });

  test('zero counts are left out; links make them results', () => {
    assert.equal(countsPhrase([result('a', 'success')]), '1 node: 1 updated');
    assert.equal(countsPhrase([{ ...result('a -> b', 'success', '', 'create'), deploy_type: 'link' }, result('c', 'success')]), '2 results: 1 created, 1 updated');
    assert.equal(countsPhrase([]), '0 nodes');
  });
});

describe('renderReport: the first line is the verdict', () => {
  const cases: { what: string; o: Reported; c?: Partial<ReportContext>; first: string }[] = [
    {
      what: 'failure',
      o: outcome({ results: twelve() }),
      first: `❌ 2 of 12 nodes failed, 1 invalid · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'success',
      o: outcome({ results: [result(`${NS}.a`, 'success'), result(`${NS}.b`, 'skipped', 'Unchanged', 'noop')] }),
      first: `✅ 2 nodes deployed · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'created',
      o: outcome({ operation: 'created', results: [result(`${NS}.a`, 'success', '', 'create')] }),
      first: `✅ 1 node deployed to a new namespace · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'invalid only, passing',
      o: outcome({ results: [result(`${NS}.a`, 'invalid'), result(`${NS}.b`, 'success')] }),
      first: `⚠️ 1 of 2 nodes invalid · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'delete: no link to what is gone',
      o: outcome({ operation: 'deleted', deployedSha: undefined, dj: { nodesDeleted: 43 } }),
      first: '🗑️ Deleted with its 43 nodes · `feature/x` → demo.metrics.feature\\_x',
    },
    { what: 'absent', o: outcome({ operation: 'absent', deployedSha: undefined }), first: '✅ Nothing to delete: it was already gone · `feature/x` → demo.metrics.feature\\_x' },
    {
      what: 'keep',
      o: outcome({ operation: 'unchanged', why: 'kept', deployedSha: undefined }),
      first: `📌 Kept after the pull request closed (\`on-pr-close: keep\`) · \`feature/x\` → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'already deployed',
      o: outcome({ operation: 'unchanged', why: 'deployed', earlier: { description: '4 nodes: 4 updated', runUrl: 'https://github.com/acme/defs/actions/runs/98' } }),
      first: `✅ Already deployed, nothing sent again · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x · [Open in DJ](${UI})`,
    },
    {
      what: 'skip',
      o: outcome({ operation: 'skipped', skipReason: 'not-linked', deployedSha: undefined }),
      c: { eventName: 'push', prNumber: undefined },
      first: '⏭️ Skipped: no namespace is linked to this branch · `feature/x` → demo.metrics.feature\\_x',
    },
    {
      what: 'error',
      o: { target: 'dj', operation: 'failed', name: NS, gitBranch: 'feature/x', results: [], notes: [] },
      c: { error: 'POST /namespaces/x/sync-from-git → HTTP 500: boom. Check the server URL.' },
      first: '❌ Failed: POST /namespaces/x/sync-from-git → HTTP 500: boom · `feature/x` → demo.metrics.feature\\_x',
    },
    {
      what: 'dry run',
      o: outcome({ operation: 'planned', of: 'ensure', deployedSha: undefined }),
      c: { dryRun: true },
      first: `📝 Dry run, nothing changed · \`feature/x\` @ [\`0123456\`](https://github.com/acme/defs/commit/${SHA}) → demo.metrics.feature\\_x`,
    },
    { what: 'list', o: outcome({ operation: 'listed', name: undefined, gitBranch: undefined, branches: [] }), first: '📋 0 DJ branch namespaces' },
  ];
  for (const c of cases) {
    test(c.what, () => {
      const md = renderReport(c.o, ctx(c.c));
      assert.equal(firstLine(md), c.first);
      assert.ok(md.startsWith('### '), 'a heading');
    });
  }

  test('a hostile branch name is escaped text, not code', () => {
    const md = renderReport(outcome({ gitBranch: 'feat/`x`@octocat' }), ctx());
    assert.match(firstLine(md), / · feat\/\\`x\\`@\u200Doctocat @ /);
  });
});

describe('renderReport: failures first, the rest folded, internals last', () => {
  test('failure: caution alert, counts line adds up, failed then invalid rows without the namespace prefix', () => {
    const md = renderReport(outcome({ results: twelve(), notes: ['Linked demo.metrics.feature_x to git branch feature/x'] }), ctx({ decision: 'event pull_request (opened) #12' }));
    const h = toHtml(md);
    assert.deepEqual(alertsOf(h), ['caution']);
    assert.match(visibleText(h), /This fails the step: 2 failed nodes \(\s*fail-on: failed\s*\)/);
    const counts = md.split('\n').find(l => l.startsWith('**12 nodes:'))!;
    assert.equal(counts, '**12 nodes: 1 created, 6 updated, 1 unchanged, 2 failed, 1 invalid, 1 skipped**');
    const sum = [...counts.split(': ')[1]!.matchAll(/(\d+) [a-z]+/g)].map(m => Number(m[1])).reduce((a, b) => a + b, 0);
    assert.equal(sum, 12);
    const order = [
      '| revenue | ❌ failed | syntax error at "FROM" |',
      '| orders | ❌ failed |',
      '| aov | ⚠️ invalid |',
      '<details><summary>Other nodes (9)</summary>',
      '<details><summary>Details</summary>',
    ].map(x => md.indexOf(x));
    assert.ok(
      order.every(i => i > 0),
      JSON.stringify(order),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    // Internal detail only inside the folded Details, after the tables.
    const details = md.indexOf('<details><summary>Details</summary>');
    for (const internal of ['Decision:', 'Event:', 'Step: fails', 'Linked demo']) assert.ok(md.indexOf(internal) > details, internal);
    assert.ok(md.indexOf('Event: `pull_request` on pull request #12') > details);
  });

  test('success: no alert, one counts line, every node folded', () => {
    const md = renderReport(outcome({ results: [result(`${NS}.a`, 'success'), result(`${NS}.b`, 'success', 'Created', 'create')] }), ctx());
    const h = toHtml(md);
    assert.deepEqual(alertsOf(h), []);
    assert.match(md, /^\*\*2 nodes: 1 created, 1 updated\*\*$/m);
    assert.ok(md.indexOf('| a |') > md.indexOf('<details><summary>Nodes (2)</summary>'));
    assert.ok(!/\| Node \| Status \| Message \|/.test(md), 'no failure table');
  });

  test('every result status has its icon and place', () => {
    const statuses: { status: string; problem: boolean; icon: string }[] = [
      { status: 'success', problem: false, icon: '✅' },
      { status: 'failed', problem: true, icon: '❌' },
      { status: 'invalid', problem: true, icon: '⚠️' },
      { status: 'warning', problem: true, icon: '🟡' },
      { status: 'skipped', problem: false, icon: '⏭️' },
      { status: 'mystery', problem: false, icon: '❔' },
    ];
    for (const s of statuses) {
      const md = renderReport(outcome({ results: [result(`${NS}.node_a`, s.status), result(`${NS}.ok`, 'success')] }), ctx({ failOn: 'never' }));
      const row = md.split('\n').find(l => l.startsWith('| node\\_a |'))!;
      assert.ok(row.includes(`${s.icon} ${escapeMarkdown(s.status)}`), row);
      assert.equal(md.indexOf(row) < md.indexOf('<details>'), s.problem, s.status);
    }
  });

  test('a deployed commit other than the head: a warning alert naming both', () => {
    const md = renderReport(outcome({ results: [result(`${NS}.a`, 'success')] }), ctx({ headSha: 'fedcba9876543210fedcba9876543210fedcba98' }));
    assert.ok(firstLine(md).startsWith('⚠️ '));
    assert.deepEqual(alertsOf(toHtml(md)), ['warning']);
    assert.match(md, /DJ deployed `0123456`, not the pull request's head `fedcba9`/);
  });

  test('already deployed: a note naming the earlier run', () => {
    const md = renderReport(
      outcome({ operation: 'unchanged', why: 'deployed', earlier: { description: '4 nodes: 4 updated', runUrl: 'https://github.com/acme/defs/actions/runs/98' } }),
      ctx(),
    );
    assert.deepEqual(alertsOf(toHtml(md)), ['note']);
    assert.match(
      md,
      /deployed to demo\.metrics\.feature\\_x by \[an earlier workflow run\]\(https:\/\/github\.com\/acme\/defs\/actions\/runs\/98\) \(4 nodes: 4 updated\), so it was not sent to DJ again/,
    );
  });

  test('skips explain themselves in a note', () => {
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
      const md = renderReport(
        outcome({ operation: 'skipped', skipReason: r.reason, deployedSha: undefined }),
        ctx({ eventName: r.reason === 'unsupported-event' ? 'schedule' : 'pull_request' }),
      );
      assert.ok(firstLine(md).startsWith('⏭️ Skipped: '), r.reason);
      assert.match(md, r.says);
      assert.deepEqual(alertsOf(toHtml(md)), ['note'], r.reason);
      assert.match(md, /- Step: passes/);
    }
  });

  test('dry run: a note, and what would happen is shown, not folded', () => {
    const md = renderReport(outcome({ operation: 'planned', of: 'ensure', notes: ['Would PATCH /namespaces/demo.metrics.feature_x/git'] }), ctx({ dryRun: true }));
    assert.deepEqual(alertsOf(toHtml(md)), ['note']);
    assert.match(md, /\*\*Dry run:\*\* nothing was changed/);
    assert.ok(md.indexOf('- Would PATCH /namespaces/demo.metrics.feature\\_x/git') < md.indexOf('<details>'));
  });

  test('an error: caution alert with the whole message', () => {
    const md = renderReport({ target: 'dj', operation: 'failed', name: NS, results: [], notes: [] }, ctx({ error: 'POST /namespaces/x → HTTP 500: boom' }));
    assert.deepEqual(alertsOf(toHtml(md)), ['caution']);
    assert.match(md, /^> POST \/namespaces\/x → HTTP 500: boom$/m);
    assert.match(md, /- Step: fails \(see above\)/);
  });

  test('a javascript: URL is not linked', () => {
    const md = renderReport(outcome({ url: 'javascript:alert(1)' }), ctx({ runUrl: 'data:text/html,x' }));
    assert.ok(!md.includes('javascript:'));
    assert.ok(!md.includes('data:text'));
    assert.equal(safeUrl('https://x.example/a b(c)'), 'https://x.example/a%20b%28c%29');
  });
});

describe('renderReport: list and prune', () => {
  const branches: TargetBranch[] = [
    { name: 'demo.main', gitBranch: 'main', isDefault: true, nodes: 42, invalidNodes: 0, lastUpdatedAt: '2026-08-20T17:03:11.482913Z', raw: {} },
    { name: 'demo.feature_x', gitBranch: 'feature-x', isDefault: false, nodes: 43, invalidNodes: 1, lastUpdatedAt: '2026-08-21T09:12:40Z', raw: {} },
    { name: 'demo.old', gitBranch: 'old', isDefault: false, nodes: 0, invalidNodes: 0, lastUpdatedAt: null, raw: {} },
  ];

  test('list: one row per branch', () => {
    const md = renderReport(outcome({ operation: 'listed', name: undefined, gitBranch: undefined, branches }), ctx({ eventName: 'workflow_dispatch', prNumber: undefined }));
    assert.equal(firstLine(md), '📋 3 DJ branch namespaces');
    assert.match(md, /^\| demo\.main \(default\) \| main \| 42 \| 0 \| 2026-08-20 17:03:11Z \|$/m);
    assert.match(md, /^\| demo\.feature\\_x \| feature-x \| 43 \| 1 \| 2026-08-21 09:12:40Z \|$/m);
    assert.match(md, /^\| demo\.old \| old \| 0 \| 0 \| — \|$/m);
    assert.equal(count(html(md), '<tr>'), 4);
  });

  test('fossil state shows next to the date', () => {
    const md = renderReport(
      outcome({ target: 'fossil', operation: 'listed', name: undefined, branches: [{ name: 'feature-y', gitBranch: 'feature-y', isDefault: false, state: 'closed', raw: {} }] }),
      ctx(),
    );
    assert.match(md, /^### 📋 1 Fossil branch$/m);
    assert.match(md, /^\| feature-y \| feature-y \| — \| — \| closed \|$/m);
  });

  test('prune: failures first, deleted list, all branches folded', () => {
    const md = renderReport(
      outcome({
        operation: 'pruned',
        name: undefined,
        gitBranch: undefined,
        branches,
        pruned: ['demo.old'],
        failures: [{ name: 'demo.gone', message: 'DELETE /namespaces/demo/branches/demo.gone → HTTP 500: boom' }],
      }),
      ctx({ eventName: 'schedule', prNumber: undefined }),
    );
    assert.equal(firstLine(md), '❌ Pruned 1 of 3 DJ branch namespaces, 1 could not be removed');
    assert.ok(md.indexOf('#### ❌ Could not remove (1)') < md.indexOf('#### Deleted (1)'));
    assert.match(md, /#### Deleted \(1\)\n\n- demo\.old\n/);
    assert.match(md, /^\| demo\.gone \| DELETE .* HTTP 500: boom \|$/m);
    assert.match(md, /<details><summary>All branches \(3\)<\/summary>/);
    assert.match(md, /- Step: fails: 1 branch could not be removed/);
  });

  test('prune dry run: "Would delete"', () => {
    const md = renderReport(outcome({ operation: 'planned', of: 'prune', name: undefined, gitBranch: undefined, branches, pruned: [], failures: [] }), ctx({ dryRun: true }));
    assert.equal(firstLine(md), '📝 Dry run: would prune 0 of 3 DJ branch namespaces');
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
    });
  }

  function hostilePrune(): Outcome {
    return outcome({
      operation: 'pruned',
      name: undefined,
      gitBranch: all,
      notes: hostile,
      branches: hostile.map((h, i) => ({ name: `demo.b${i} ${h}`, gitBranch: h, isDefault: false, nodes: i, invalidNodes: 0, lastUpdatedAt: h, state: h, raw: {} })),
      pruned: hostile,
      failures: hostile.map(h => ({ name: h, message: h })),
    });
  }

  test('raw Markdown carries no HTML, no comment terminator and no mention', () => {
    for (const o of [hostileOutcome(), hostilePrune()]) {
      const md = renderReport(o, ctx({ decision: all, error: all }));
      const withoutFooter = md.slice(0, md.indexOf('<!-- dj-branch-sync-footer -->'));
      assert.ok(!/<(script|img|details><summary>x|\/table)/i.test(md));
      assert.ok(!withoutFooter.includes('-->'));
      assert.ok(!withoutFooter.includes('<!--'));
      assert.ok(!/@octocat|@acme\/admins/.test(md));
      assert.ok(!/(^|[^\\])\]\(javascript:/m.test(md), 'every ] before (javascript: is escaped');
      // Only our own details blocks, all closed.
      assert.equal(count(md, '<details>'), count(md, '</details>'));
      assert.equal(count(md, '<details>'), 2);
    }
  });

  test('rendered HTML: tables keep their rows, no script/img element, no mention text, no javascript: link', () => {
    const md = renderReport(hostileOutcome(), ctx({ decision: all, error: all })) + '\n\n' + renderReport(hostilePrune(), ctx({ decision: all }));
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
    // Tables: problems (12 + header), rest (12 + header), prune failures (12 + header), all branches (12 + header).
    const tables = h
      .split('<table>')
      .slice(1)
      .map(t => count(t.slice(0, t.indexOf('</table>')), '<tr>'));
    assert.deepEqual(tables, [13, 13, 13, 13]);
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
    const lists = h
      .split('<ul>')
      .slice(1)
      .map(l => count(l.slice(0, l.indexOf('</ul>')), '<li>'));
    assert.deepEqual(lists, [7]); // the details: event, step, commit, then the four notes, one item each
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
    const rows = md.split('\n').filter(l => /^\| node\\_\d{5} \|/.test(l)).length;
    const omitted = 20_000 - rows;
    assert.ok(omitted > 0);
    assert.match(
      md,
      new RegExp(`⚠️ ${omitted} results not shown[^;]*; the full list is in the \`results\` output, or in the file named by \`results-file\` when the output had to be cut\\.`),
    );
    assert.match(md, /\| ❌ failed \|/);
    assert.match(md, /^\*\*20000 nodes: 19500 updated, 500 failed\*\*$/m);
    // Whatever was cut, the markup is whole: every details closed, the footer last.
    assert.equal(count(md, '<details>'), count(md, '</details>'));
    assert.ok(md.trimEnd().endsWith('dj-branch-sync</sub>'));
    // Failed rows come first: every failed row that fits is shown before any success row.
    const failedRows = md.split('\n').filter(l => l.startsWith('| node') && l.includes('| ❌ failed |')).length;
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
    const shown = count(md, /^- Note number \d+/m);
    assert.ok(shown > 0 && shown < 3_000);
    assert.match(md, new RegExp(`^- … and ${3_000 - shown} more notes \\(see the log\\)$`, 'm'));
    assert.equal(count(md, '<details>'), count(md, '</details>'));
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
});

describe('stepVerdict', () => {
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
      const v = stepVerdict(outcome({ results: c.statuses.map((s, i) => result(`n${i}`, s)) }), c.failOn);
      if (c.fails) {
        assert.ok(v.fails);
        assert.match(v.reason, c.fails);
        assert.match(v.line, /^Deployment to demo\.metrics\.feature_x: .* of \d+: n\d/);
      } else assert.equal(v.fails, false);
    });
  }

  test('a failed prune deletion fails whatever fail-on says', () => {
    const v = stepVerdict(outcome({ operation: 'pruned', branches: [], pruned: [], failures: [{ name: 'demo.x', message: 'boom' }] }), 'never');
    assert.ok(v.fails);
    assert.match(v.line, /^Prune: 1 branch could not be removed: demo\.x \(boom\)/);
  });

  test('a failed dimension link (DJ reports links as results of their own) is called a link; a mix, results', () => {
    const link = { ...result('a -> b', 'failed'), deploy_type: 'link' };
    const one = stepVerdict(outcome({ results: [link, result('n', 'success')] }), 'failed');
    assert.ok(one.fails);
    assert.equal(one.reason, '1 failed link (`fail-on: failed`)');
    const mix = stepVerdict(outcome({ results: [link, result('n', 'invalid')] }), 'invalid');
    assert.ok(mix.fails);
    assert.equal(mix.reason, '1 failed and 1 invalid results (`fail-on: invalid`)');
  });
});
