/** The merge preview's Markdown: the headline, breakage first, escaping, folding, no mentions. */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { impactHeadline, renderImpact, renderImpactUnavailable } from '../../src/report/impact.js';
import type { DownstreamImpact, ImpactSummary } from '../../src/targets/dj/preview.js';

const BASE = 'demo.metrics.main';
const d = (name: string, current: string, predicted: string, extra: Partial<DownstreamImpact> = {}): DownstreamImpact => ({
  name: `${BASE}.${name}`,
  node_type: 'metric',
  current_status: current,
  predicted_status: predicted,
  impact_type: predicted === 'invalid' ? 'will_invalidate' : 'may_affect',
  impact_reason: 'Column `amount` not found',
  depth: 1,
  caused_by: [`${BASE}.big_orders`],
  is_external: false,
  owners: ['alice'],
  ...extra,
});
const summary = (over: Partial<ImpactSummary> = {}): ImpactSummary => ({
  base: BASE,
  changes: { created: [`${BASE}.aov`], updated: [`${BASE}.big_orders`, `${BASE}.revenue`, `${BASE}.x`], deleted: [] },
  failed: [],
  downstream: [d('big_revenue', 'valid', 'invalid'), d('orders_per_day', 'valid', 'valid')],
  ...over,
});

describe('merge preview headline', () => {
  test('counts in the words of the issue, singular and plural', () => {
    assert.equal(impactHeadline(summary()), 'Merging would update 3 nodes, add 1, remove 0; 2 downstream nodes affected, 1 would become invalid.');
    assert.equal(
      impactHeadline(summary({ changes: { created: [], updated: ['a'], deleted: ['b'] }, downstream: [] })),
      'Merging would update 1 node, add 0, remove 1; no downstream node affected.',
    );
    assert.equal(
      impactHeadline(summary({ failed: [{ name: 'x', operation: 'delete', message: 'Cannot delete' }] })),
      'Merging would update 3 nodes, add 1, remove 0, and fail on 1; 2 downstream nodes affected, 1 would become invalid.',
    );
  });
});

describe('merge preview section', () => {
  test('breakage comes before the folded rest; names are relative to the base; HTML is what GitHub would show', () => {
    const md = renderImpact(summary());
    const html = marked.parse(md) as string;
    const broken = html.indexOf('big_revenue');
    const folded = html.indexOf('<details>');
    assert.ok(broken > 0 && folded > broken, html);
    assert.ok(html.indexOf('orders_per_day') > folded, 'unaffected statuses are folded');
    assert.match(html, /valid → <strong>invalid<\/strong>/);
    assert.ok(!html.includes(`${BASE}.big_revenue`), 'names shown relative to the base namespace');
    assert.ok(!html.includes('<code>'), 'backticks in a server message are shown, not turned into code');
  });

  test('what merging would fail on is a caution alert', () => {
    const md = renderImpact(
      summary({
        failed: [{ name: `${BASE}.big_orders`, operation: 'delete', message: "Cannot delete 'demo.metrics.main.big_orders' - referenced by: demo.metrics.main.big_revenue" }],
      }),
    );
    assert.match(md, /^> \[!CAUTION\]$/m);
    assert.match(md, /^> - big\\_orders \(delete\): Cannot delete/m);
  });

  test('server text cannot inject markup, break the table or mention anyone', () => {
    const hostile = d('x|y', 'valid', 'invalid', {
      impact_reason: '<img src=x onerror=alert(1)> | @octocat [click](javascript:alert(1))\n| injected | row |',
      owners: ['@octocat', 'org/team'],
      caused_by: ['<b>x</b>'],
    });
    const md = renderImpact(summary({ downstream: [hostile] }));
    const html = marked.parse(md) as string;
    assert.ok(!/<img|<b>x|href="javascript/i.test(html), html);
    const rows = md.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| node'));
    assert.equal(rows.length, 1, 'one row per downstream node');
    assert.equal((rows[0]!.match(/(?<!\\)\|/g) ?? []).length, 6, 'the row keeps its five cells');
    assert.ok(!/@octocat/.test(html), 'a zero-width joiner breaks every mention');
  });

  test('long lists are cut with a count, and the output keeps them all', () => {
    const many = Array.from({ length: 120 }, (_, i) => d(`m${String(i).padStart(3, '0')}`, 'valid', 'invalid'));
    const md = renderImpact(summary({ downstream: many }));
    assert.match(md, /…and 70 more \(the `impact` output has them all\)/);
    assert.ok(md.length < 30_000, `a bounded section (${md.length} chars)`);
  });

  test('no preview: a note that says why', () => {
    assert.equal(renderImpactUnavailable('the server has no impact endpoint (HTTP 404)'), '> [!NOTE]\n> No merge preview: the server has no impact endpoint (HTTP 404)');
  });
});
