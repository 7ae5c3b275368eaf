/**
 * The review of SPEC §10.1, pure parts and its I/O order: SQL normalisation on answers captured
 * from datajunction-server 0.0.272 (`GET /sql/metrics/v3/` in demo.metrics.main and a branch
 * namespace: the CTE names and the column-alias hashes carry the namespace), which metrics are
 * reviewed, the value comparison, owners → reviewers, the rendering (escaped, within budget,
 * no mentions), the accept label in the verdict, and the `impact` output's review fields.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import { DJEmulator } from '../../emulators/dj.js';
import { GitHubEmulator } from '../../emulators/github.js';
import { DJClient } from '../../src/targets/dj/client.js';
import { GitHubClient } from '../../src/github.js';
import { metricSqlAnswer, dataAnswer } from '../../src/targets/dj/review.js';
import { requestOwners } from '../../src/review-step.js';
import type { RunContext } from '../../src/run-context.js';
import assert from 'node:assert/strict';
import { normaliseSql, review, reviewedMetrics, nodesOf, valuesOf, compareValues, ownersToAsk, type ReviewIO, type Review } from '../../src/targets/dj/review.js';
import { renderReview, reviewersIn, reviewersMarker } from '../../src/report/review.js';
import { reviewersFor, outputFields } from '../../src/review-step.js';
import { stepVerdict } from '../../src/verdict.js';
import { readReview } from '../../src/settings.js';
import { planOutputs } from '../../src/outputs.js';
import type { DownstreamImpact, ImpactSummary } from '../../src/targets/dj/impact.js';
import type { Outcome } from '../../src/targets/target.js';

// Captured from datajunction-server 0.0.272 (fixture project, demo.metrics root).
const MAIN_SQL =
  "WITH demo_metrics_main_completed_orders AS (\n  SELECT\n    order_id,\n    amount\n  FROM default.shop.orders\n  WHERE\n    status = 'completed'\n), completed_orders_0 AS (\n  SELECT\n    SUM(t1.amount) AS amount_sum_6012fe8f,\n    COUNT(t1.order_id) AS order_id_count_b3c43d8a\n  FROM demo_metrics_main_completed_orders AS t1\n)\nSELECT\n  SUM(completed_orders_0.amount_sum_6012fe8f) / NULLIF(SUM(completed_orders_0.order_id_count_b3c43d8a), 0) AS avg_order_value\nFROM completed_orders_0";
const BRANCH_SQL =
  "WITH demo_metrics_feature_x_completed_orders AS (\n  SELECT\n    order_id,\n    amount\n  FROM default.shop.orders\n  WHERE\n    status = 'completed'\n), completed_orders_0 AS (\n  SELECT\n    SUM(t1.amount) AS amount_sum_fb94d843,\n    COUNT(t1.order_id) AS order_id_count_6a659afd\n  FROM demo_metrics_feature_x_completed_orders AS t1\n)\nSELECT\n  SUM(completed_orders_0.amount_sum_fb94d843) / NULLIF(SUM(completed_orders_0.order_id_count_6a659afd), 0) AS avg_order_value\nFROM completed_orders_0";

const BASE = 'demo.metrics.main';
const BRANCH = 'demo.metrics.feature_x';

function down(name: string, extra: Partial<DownstreamImpact> = {}): DownstreamImpact {
  return {
    name: `${BASE}.${name}`,
    node_type: 'metric',
    current_status: 'valid',
    predicted_status: 'valid',
    impact_type: 'column',
    impact_reason: 'upstream changed',
    depth: 1,
    caused_by: [`${BASE}.completed_orders`],
    is_external: false,
    owners: [],
    ...extra,
  };
}

const summary = (extra: Partial<ImpactSummary> = {}): ImpactSummary => ({
  base: BASE,
  changes: { created: [], updated: [`${BASE}.completed_orders`], deleted: [] },
  failed: [],
  downstream: [down('revenue'), down('avg_order_value', { predicted_status: 'invalid', owners: ['dana'] })],
  ...extra,
});

const spec = (ns: string, nodes: [string, string, string[]?][]) => ({
  namespace: ns,
  nodes: nodes.map(([n, t, o]) => ({ name: `\${prefix}${n}`, node_type: t, owners: o ?? [] })),
});

const settings = (over: Partial<ReturnType<typeof readReview>> = {}) => ({ ...readReview({}), ...over });

describe('SQL normalisation', () => {
  test("the same metric in two namespaces reads the same once the namespace's traces are gone", () => {
    assert.notEqual(MAIN_SQL, BRANCH_SQL);
    assert.equal(normaliseSql(MAIN_SQL, BASE), normaliseSql(BRANCH_SQL, BRANCH));
    assert.ok(!normaliseSql(MAIN_SQL, BASE).includes('demo_metrics'));
  });
  test('a real change survives normalisation', () => {
    const changed = BRANCH_SQL.replace("status = 'completed'", "status = 'shipped'");
    assert.notEqual(normaliseSql(MAIN_SQL, BASE), normaliseSql(changed, BRANCH));
  });
  test('dotted names lose their namespace', () => {
    assert.equal(normaliseSql('SELECT * FROM demo.metrics.main.orders', BASE), 'SELECT * FROM orders\n');
  });
});

describe('which metrics are reviewed', () => {
  const base = nodesOf(
    spec(BASE, [
      ['completed_orders', 'transform'],
      ['revenue', 'metric'],
      ['avg_order_value', 'metric'],
      ['gone', 'metric'],
    ]),
  );
  const branch = nodesOf(
    spec(BRANCH, [
      ['completed_orders', 'transform', ['ann']],
      ['revenue', 'metric'],
      ['avg_order_value', 'metric'],
      ['new_one', 'metric'],
    ]),
  );
  test('changed metrics first, then downstream ones; transforms are not metrics; the limit counts', () => {
    const s = summary({ changes: { created: [`${BASE}.new_one`], updated: [`${BASE}.completed_orders`], deleted: [`${BASE}.gone`] } });
    assert.deepEqual(reviewedMetrics(s, base, branch, 20), { metrics: ['new_one', 'gone', 'revenue', 'avg_order_value'], omitted: 0 });
    assert.deepEqual(reviewedMetrics(s, base, branch, 2), { metrics: ['new_one', 'gone'], omitted: 2 });
  });
  test('owners: of changed nodes and of downstream nodes that become invalid', () => {
    assert.deepEqual(ownersToAsk(summary(), base, branch), ['ann', 'dana']);
  });
});

describe('the review with its I/O', () => {
  test('two sequential steps: both specs at once, then every SQL at once; unchanged not listed, new added, removed said', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const io: ReviewIO = {
      exportSpec: async ns => {
        log.push(`spec ${ns}`);
        return ns === BASE
          ? spec(BASE, [
              ['completed_orders', 'transform'],
              ['revenue', 'metric'],
              ['avg_order_value', 'metric'],
              ['gone', 'metric'],
            ])
          : spec(BRANCH, [
              ['completed_orders', 'transform'],
              ['revenue', 'metric'],
              ['avg_order_value', 'metric'],
              ['new_one', 'metric'],
            ]);
      },
      metricSql: async metric => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(r => setTimeout(r, 5));
        inFlight--;
        log.push(`sql ${metric}`);
        if (metric.endsWith('.avg_order_value')) return { sql: metric.startsWith(BASE) ? MAIN_SQL : BRANCH_SQL.replace('NULLIF', 'COALESCE'), dialect: 'spark' };
        return { sql: `SELECT 1 FROM ${metric.slice(0, metric.lastIndexOf('.'))}.completed_orders`, dialect: 'spark' };
      },
      metricData: async () => {
        throw new Error('not asked');
      },
    };
    const s = summary({ changes: { created: [`${BASE}.new_one`], updated: [`${BASE}.completed_orders`], deleted: [`${BASE}.gone`] } });
    const { review: r, owners } = await review({ summary: s, branchNs: BRANCH, settings: settings(), behindBy: 2 }, io);
    assert.deepEqual(log.slice(0, 2).sort(), [`spec ${BRANCH}`, `spec ${BASE}`]);
    assert.equal(maxInFlight, 6, 'every SQL request at once (new_one 1, gone 1, revenue 2, avg_order_value 2)');
    assert.deepEqual(
      r.sql.map(x => [x.metric, x.change]),
      [
        ['new_one', 'added'],
        ['gone', 'removed'],
        ['revenue', 'unchanged'],
        ['avg_order_value', 'changed'],
      ],
    );
    const diff = r.sql.find(x => x.metric === 'avg_order_value')!.diff!;
    assert.match(diff, /^-.*NULLIF/m);
    assert.match(diff, /^\+.*COALESCE/m);
    assert.deepEqual(owners, ['dana']);
    const md = renderReview({ ...r, reviewers: ['carol', 'acme/data-team'] });
    assert.match(md, /```diff/);
    assert.match(md, /2 commits this pull request lacks/);
    assert.match(md, /removed by this pull request/);
    assert.ok(!md.includes('revenue: SQL'), 'an unchanged metric is not listed');
    assert.ok(!/@\w/.test(md), 'no mention');
    assert.deepEqual(reviewersIn(md), ['carol', 'acme/data-team']);
    assert.deepEqual(outputFields(r).sql, [
      { metric: 'new_one', changed: true },
      { metric: 'gone', changed: true },
      { metric: 'revenue', changed: false },
      { metric: 'avg_order_value', changed: true },
    ]);
  });

  test('values: a failed query (HTTP 200, state FAILED) and a 500 are notes per metric, never a throw', async () => {
    const io: ReviewIO = {
      exportSpec: async ns =>
        spec(ns, [
          ['revenue', 'metric'],
          ['avg_order_value', 'metric'],
        ]),
      metricSql: async m => ({ sql: `SELECT ${m}`, dialect: 'spark' }),
      metricData: async metric => {
        if (metric.endsWith('avg_order_value')) throw Object.assign(new Error('boom'), { status: 500, serverMessage: 'Internal Server Error' });
        if (metric.startsWith(BRANCH)) return { state: 'FAILED', errors: [{ message: 'Binder Error: no column amount' }] };
        return { state: 'FINISHED', results: [{ columns: [{ name: 'revenue', semantic_type: 'metric' }], rows: [[100]] }] };
      },
    };
    const { review: r } = await review({ summary: summary(), branchNs: BRANCH, settings: settings({ values: true }), behindBy: 0 }, io);
    const notes = Object.fromEntries(r.values!.map(v => [v.metric, v.note]));
    assert.match(notes.revenue!, /in demo\.metrics\.feature_x: the query failed: Binder Error/);
    assert.match(notes.avg_order_value!, /HTTP 500.*query service/);
    const md = renderReview(r);
    assert.match(md, /Binder Error/);
  });
});

describe('limits and notes', () => {
  test('a long review is cut to its budget: values first, then diffs, each cut said', () => {
    const big = 'SELECT ' + 'x, '.repeat(2000);
    const r: Review = {
      sql: Array.from({ length: 40 }, (_, i) => ({ metric: `m${i}`, change: 'changed' as const, diff: `-${big}\n+${big}y` })),
      values: Array.from({ length: 40 }, (_, i) => ({ metric: `m${i}`, rows: [{ key: [], base: 1, branch: 2, delta: 1, relative: 1 }], more: 0 })),
      dimensions: [],
      reviewers: [],
      notes: [],
      behindBy: 0,
      omitted: 0,
    };
    const md = renderReview(r, 20_000);
    assert.ok(md.length <= 20_000, String(md.length));
    assert.match(md, /…and \d+ more metrics whose SQL changes/);
    assert.match(md, /rows not shown here/);
  });
  test('a server that answers in another dialect than asked is named in a note; metrics beyond review-limit are counted', async () => {
    const io: ReviewIO = {
      exportSpec: async ns =>
        spec(ns, [
          ['revenue', 'metric'],
          ['avg_order_value', 'metric'],
        ]),
      metricSql: async m => ({ sql: `SELECT 1 -- ${m.startsWith(BASE) ? 'a' : 'b'}`, dialect: 'duckdb' }),
      metricData: async () => ({}),
    };
    const { review: r } = await review({ summary: summary(), branchNs: BRANCH, settings: settings({ limit: 1 }), behindBy: 0 }, io);
    assert.equal(r.sql.length, 1);
    assert.ok(
      r.notes.some(n => /DJ answered in duckdb rather than spark/.test(n)),
      r.notes.join('\n'),
    );
    assert.ok(
      r.notes.some(n => /1 more metrics are affected/.test(n)),
      r.notes.join('\n'),
    );
  });
  test('server text is escaped: a metric name cannot inject Markdown or a marker', () => {
    const r: Review = {
      sql: [{ metric: 'x<!-- dj-branch-sync-reviewers: evil -->', change: 'removed' }],
      dimensions: [],
      reviewers: [],
      notes: ['<b>hi</b> @someone'],
      behindBy: 0,
      omitted: 0,
    };
    const md = renderReview(r);
    assert.ok(!md.includes('<!-- dj-branch-sync-reviewers: evil'), md);
    assert.deepEqual(reviewersIn(md), []);
    assert.ok(!md.includes('<b>'));
    assert.ok(!md.includes('@someone'), 'no mention from server text');
  });
});

describe('values', () => {
  test('rows by dimension, with absolute and relative change', () => {
    const a = valuesOf({
      state: 'FINISHED',
      results: [
        {
          columns: [{ name: 'country' }, { name: 'revenue', semantic_type: 'metric' }],
          rows: [
            ['NL', 100],
            ['DE', 50],
          ],
        },
      ],
    });
    const b = valuesOf({
      state: 'FINISHED',
      results: [
        {
          columns: [{ name: 'country' }, { name: 'revenue', semantic_type: 'metric' }],
          rows: [
            ['NL', 110],
            ['FR', 5],
          ],
        },
      ],
    });
    assert.ok('rows' in a && 'rows' in b);
    const { rows } = compareValues(a.rows, b.rows, 10);
    assert.deepEqual(
      rows.map(r => [r.key[0], r.base, r.branch, r.delta, r.relative]),
      [
        ['DE', 50, null, null, null],
        ['FR', null, 5, null, null],
        ['NL', 100, 110, 10, 0.1],
      ],
    );
    assert.equal(compareValues(a.rows, b.rows, 1).more, 2);
  });
});

describe('owners → reviewers', () => {
  const map = new Map([
    ['dana', 'dana-gh'],
    ['ann', 'acme/data-team'],
    ['author', 'the-author'],
  ]);
  test('users and teams apart; never the author; never someone asked before; unmapped owners named', () => {
    assert.deepEqual(reviewersFor(['dana', 'ann', 'author', 'zed'], map, [], 'The-Author'), { users: ['dana-gh'], teams: ['acme/data-team'], unmapped: ['zed'] });
    assert.deepEqual(reviewersFor(['dana', 'ann'], map, ['dana-gh', 'acme/data-team'], 'x'), { users: [], teams: [], unmapped: [] });
  });
  test('the marker only carries logins and team names: nothing else survives', () => {
    assert.deepEqual(reviewersIn(reviewersMarker(['ok-login', 'evil -->', 'org/team'])), ['ok-login', 'org/team']);
  });
  test('sql-dialect: any dialect name passes to DJ (a newer server may know more); other text is an input error', () => {
    assert.equal(readReview({ 'INPUT_SQL-DIALECT': 'DuckDB' }).dialect, 'duckdb');
    assert.equal(readReview({}).dialect, 'spark');
    assert.throws(() => readReview({ 'INPUT_SQL-DIALECT': 'spark; drop' }), /sql-dialect/);
  });
  test('owners-map lines are checked', () => {
    assert.equal(readReview({ 'INPUT_OWNERS-MAP': 'dana: dana-gh\nann: acme/data-team\n' }).owners.get('ann'), 'acme/data-team');
    assert.throws(() => readReview({ 'INPUT_OWNERS-MAP': 'dana = dana-gh' }), /owners-map/);
  });
});

describe('the accept label', () => {
  const outcome: Outcome = { target: 'dj', operation: 'deployed', name: BRANCH, gitBranch: 'feature-x', results: [], notes: [] } as unknown as Outcome;
  test('fail-on: impact fails a breaking change, and passes it once accepted', () => {
    assert.equal(stepVerdict(outcome, 'impact', summary()).fails, true);
    assert.equal(stepVerdict(outcome, 'impact', summary({ accepted: 'dj:accept-impact' })).fails, false);
  });
  test('the comment says so and still lists the review', () => {
    const r: Review = { sql: [], dimensions: [], reviewers: [], notes: [], behindBy: 0, omitted: 0, accepted: 'dj:accept-impact' };
    assert.match(renderReview(r), /accepted with the label dj:accept-impact/);
  });
});

describe('the impact output', () => {
  test('values go first when the output would be too large', () => {
    const big = {
      ...summary(),
      sql: [{ metric: 'revenue', changed: true }],
      values: Array.from({ length: 5000 }, (_, i) => ({ metric: `m${i}`, base: i, branch: i + 1, delta: 1, relative: 0.5 })),
      reviewers: ['x'],
    };
    const outcome = { target: 'dj', operation: 'deployed', name: BRANCH, results: [], notes: [] } as unknown as Outcome;
    const planned = planOutputs(outcome, undefined, 400_000, big);
    const impact = JSON.parse(planned.values.impact!) as ImpactSummary;
    // The values are cut to what fits (the first rows, with a note); everything else stays whole.
    assert.ok(impact.values!.length < big.values.length, `values cut: ${impact.values!.length}`);
    assert.deepEqual(impact.values, big.values.slice(0, impact.values!.length));
    assert.ok(Buffer.byteLength(planned.values.impact!) <= 100_000);
    assert.ok(
      planned.notes.some(n => /holds the first \d+ of 5000 review's values/.test(n)),
      planned.notes.join('\n'),
    );
    assert.deepEqual(impact.downstream, big.downstream);
    assert.deepEqual(impact.sql, [{ metric: 'revenue', changed: true }]);
    assert.deepEqual(impact.reviewers, ['x']);
  });
});

describe('against the emulators: the DJ client on /sql/metrics/v3/ and /data/, review requests on GitHub', () => {
  let dj: DJEmulator;
  let emu: GitHubEmulator;
  before(async () => {
    dj = new DJEmulator();
    dj.addToken('tok-0123456789', 'ci');
    const nodes = (avg: string) => [
      { name: 'completed_orders', type: 'transform', query: 'SELECT * FROM ${prefix}orders' },
      { name: 'revenue', type: 'metric', query: 'SELECT SUM(amount) FROM ${prefix}completed_orders' },
      { name: 'avg_order_value', type: 'metric', query: avg },
    ];
    dj.seedNamespace(BASE, { nodes: nodes('SELECT SUM(amount) / COUNT(order_id) FROM ${prefix}completed_orders') });
    dj.seedNamespace(BRANCH, { nodes: nodes('SELECT AVG(amount) FROM ${prefix}completed_orders') });
    emu = new GitHubEmulator({ owner: 'acme', repo: 'defs' });
    emu.addToken('ghs_tok', { kind: 'workflow' });
    await Promise.all([dj.start(), emu.start()]);
  });
  after(async () => {
    await Promise.all([dj.stop(), emu.stop()]);
  });

  test('the SQL review and the values through the DJ client: unchanged SQL stays unlisted across namespaces, a change is diffed, no query service is a note, then values', async () => {
    const client = new DJClient({ url: dj.url, token: 'tok-0123456789' }, { log: () => undefined, mask: () => undefined, http: { timeoutMs: 5000, retries: 0 } });
    const io: ReviewIO = {
      exportSpec: async ns => ({ namespace: ns, nodes: [...dj.namespace(ns)!.nodes.values()].map(n => ({ name: `\${prefix}${n.name}`, node_type: n.type, owners: [] })) }),
      metricSql: m => client.metricSql(m, 'spark', metricSqlAnswer),
      metricData: (m, d) => client.metricData(m, d, dataAnswer),
    };
    const s = summary({ downstream: [down('revenue'), down('avg_order_value')] });
    const first = await review({ summary: s, branchNs: BRANCH, settings: settings({ values: true }), behindBy: 0 }, io);
    assert.deepEqual(
      first.review.sql.map(x => [x.metric, x.change]),
      [
        ['revenue', 'unchanged'],
        ['avg_order_value', 'changed'],
      ],
    );
    assert.ok(
      first.review.values!.every(v => /HTTP 500/.test(v.note ?? '')),
      JSON.stringify(first.review.values),
    );
    dj.queryService = {
      values: new Map([
        [`${BASE}.revenue`, 505.5],
        [`${BRANCH}.revenue`, 505.5],
        [`${BASE}.avg_order_value`, 101.1],
      ]),
      failures: new Map([[`${BRANCH}.avg_order_value`, 'Binder Error']]),
    };
    const second = await review({ summary: s, branchNs: BRANCH, settings: settings({ values: true }), behindBy: 0 }, io);
    assert.deepEqual(second.review.values![0]!.rows, [{ key: [], base: 505.5, branch: 505.5, delta: 0, relative: 0 }]);
    assert.match(second.review.values![1]!.note!, /the query failed: Binder Error/);
    await assert.rejects(client.metricSql(`${BASE}.nope`, 'spark', metricSqlAnswer), /Metric not found/);
    // A query slower than its timeout: a note for that metric, sent once (no resend of a query).
    dj.latencyMs = 300;
    dj.resetLog();
    const slow = await review(
      { summary: summary({ downstream: [down('revenue')] }), branchNs: BRANCH, settings: settings({ values: true }), behindBy: 0 },
      { ...io, metricData: (m, d) => client.metricData(m, d, dataAnswer, 100) },
    );
    dj.latencyMs = 0;
    assert.match(slow.review.values![0]!.note!, /timed out/);
    assert.equal(dj.requests.filter(r => r.rawPath === '/data/').length, 2, 'one query per namespace, none resent');
  });

  test('a 422 for one login does not lose the others: the batch is retried one by one; each refusal is a note', async () => {
    emu.collaborators = new Set(['dana-gh', 'erin', 'data-team']);
    const gh = new GitHubClient({ baseUrl: emu.apiUrl, token: 'ghs_tok', timeoutMs: 5000, retries: 0, backoffBaseMs: 1 });
    const run = { settings: {}, event: { repo: { owner: 'acme', name: 'defs' } }, env: {}, github: async () => gh } as unknown as RunContext;
    const owners = new Map([
      ['dana', 'dana-gh'],
      ['erin', 'erin'],
      ['mal', 'mallory'],
      ['team', 'acme/data-team'],
    ]);
    const asked = await requestOwners(run, 9, settings({ requestReviews: true, owners }), ['dana', 'erin', 'mal', 'team'], [], 'someone');
    assert.deepEqual(asked.requested.sort(), ['acme/data-team', 'dana-gh', 'erin']);
    assert.equal(asked.notes.length, 1);
    assert.match(asked.notes[0]!, /refused the review request for mallory: Reviews may only be requested from collaborators/);
    assert.deepEqual(emu.reviewRequests.get(9), { users: ['dana-gh', 'erin'], teams: ['data-team'] });
  });
});
