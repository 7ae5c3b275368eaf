/**
 * What a person meets, through dist/index.js: the first line of the comment and the summary for
 * each kind of outcome, counts that add up, the GitHub alerts (rendered with marked and
 * marked-alert), one annotation per failed node (capped as GitHub caps them), one result line
 * outside the log groups, and the log of list, skip, dry-run and an empty github-token.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { startWorld, pushBranch, MAIN_YAML, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, example, prEvent, pushEvent, setRepo } from '../../harness/payloads.js';
import type { YamlNode } from '../../emulators/dj.js';
import { alertsOf, firstLine, toHtml, visibleText } from '../render-html.js';

const COMMIT = (sha: string) => `https://github.com/acme/dj-definitions/commit/${sha}`;

/** Annotations of one kind with their properties, decoded. */
function annotations(stdout: string, kind: 'error' | 'warning' | 'notice'): { props: Record<string, string>; message: string }[] {
  const decode = (v: string) => v.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .map(l => new RegExp(`^::${kind}(?: ([^:]*))?::(.*)$`).exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => ({
      props: Object.fromEntries(
        (m[1] ?? '')
          .split(',')
          .filter(Boolean)
          .map(p => [p.slice(0, p.indexOf('=')), decode(p.slice(p.indexOf('=') + 1))]),
      ),
      message: decode(m[2]!),
    }));
}

/** Log lines outside every `::group::`. */
function ungrouped(stdout: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) depth++;
    else if (line.startsWith('::endgroup::')) depth--;
    else if (!depth) out.push(line);
  }
  return out;
}

/** The counts line of a report and whether its parts add up to its total. */
function countsAddUp(markdown: string): { total: number; sum: number; line: string } {
  const line = markdown.split('\n').find(l => /^\*\*\d+ (nodes?|results?): /.test(l))!;
  assert.ok(line, markdown);
  const [head, parts] = line.replace(/\*\*/g, '').split(': ');
  const sum = parts!
    .split(', ')
    .map(p => Number(p.split(' ')[0]))
    .reduce((a, b) => a + b, 0);
  return { total: Number(head!.split(' ')[0]), sum, line };
}

const bodyOf = (comment: string) => comment.replace(/^(?:<!--[^\n]*-->\n)+\n/, '');

describe('the comment and the summary lead with the verdict', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('failure: "❌ 2 of 7 nodes failed, 1 invalid", counts add up, failures first with their messages, one annotation per node', async () => {
    const branch = 'feature/revenue-v2';
    const ns = `${ROOT}.feature_revenue_v2`;
    const sha = '9a8b7c6d'.repeat(5);
    const yaml: YamlNode[] = [
      ...MAIN_YAML,
      { name: '${prefix}net_revenue', query: 'SUM(net)', status: 'failed', message: 'Invalid query in nodes/metrics/net_revenue.yaml: column `net` does not exist' },
      { name: '${prefix}margin', query: 'x', status: 'failed', message: 'Updated metric (v2.0)\nsyntax error at "FROM"' },
      { name: '${prefix}ratio', query: 'y', status: 'invalid', message: 'Upstream node margin is invalid' },
    ];
    pushBranch(w, branch, yaml, sha);
    // impact: false: the alerts counted are the deployment's (the preview's note is tested in dj-merge-preview.test.ts).
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 31, sha }), { impact: 'false' });
    assert.equal(r.exitCode, 1, r.stdout);
    const comment = w.gh.comments(31)[0]!.body;
    const ui = `${w.dj.url}/namespaces/${encodeURIComponent(ns)}`;
    const first = `❌ 2 of 7 nodes failed, 1 invalid · \`${branch}\` @ [\`9a8b7c6\`](${COMMIT(sha)}) → demo.metrics.feature\\_revenue\\_v2 · [Open in DJ](${ui})`;
    assert.equal(firstLine(comment), first);
    assert.equal(firstLine(r.summary), first);
    const counts = countsAddUp(comment);
    assert.equal(counts.line, '**7 nodes: 4 created, 2 failed, 1 invalid**');
    assert.equal(counts.sum, counts.total);
    const html = toHtml(bodyOf(comment));
    assert.deepEqual(alertsOf(html), ['caution']);
    const text = visibleText(html);
    // Failures come before everything else; names without the namespace prefix.
    const at = (s: string) => text.indexOf(s);
    assert.ok(at('net_revenue') < at('margin') && at('margin') < at('ratio') && at('ratio') < at('Other nodes (4)') && at('Other nodes (4)') < at('Details'), text);
    assert.ok(!text.includes(`${ns}.net_revenue`), 'no namespace prefix on node names');
    assert.match(text, /syntax error at "FROM"/);
    assert.ok(at('Decision:') > at('Details'), 'the decision is folded at the end');

    const errors = annotations(r.stdout, 'error');
    assert.deepEqual(
      errors.map(e => [e.props.title, e.props.file, e.message.split('\n')[0]]),
      [
        ['DJ node net_revenue: failed', 'nodes/metrics/net_revenue.yaml', 'Invalid query in nodes/metrics/net_revenue.yaml: column `net` does not exist'],
        ['DJ node margin: failed', undefined, 'syntax error at "FROM"'],
        [undefined, undefined, errors[2]!.message.split('\n')[0]],
      ],
    );
    assert.match(errors[2]!.message, /^Deployment to demo\.metrics\.feature_revenue_v2: 2 failed nodes .* of 7: /);
    const warnings = annotations(r.stdout, 'warning');
    assert.deepEqual(
      warnings.map(x => [x.props.title, x.message]),
      [['DJ node ratio: invalid', 'Upstream node margin is invalid']],
    );
    // The result line stands outside the groups.
    assert.ok(
      ungrouped(r.stdout).some(l => /^7 nodes: 4 created, 2 failed, 1 invalid in \d+\.\d s · feature\/revenue-v2 @ 9a8b7c6 → demo\.metrics\.feature_revenue_v2$/.test(l)),
      r.stdout,
    );
  });

  test('success, then closed: the delete comment does not link to the namespace it deleted', async () => {
    const branch = 'feature/clean';
    const ns = `${ROOT}.feature_clean`;
    const sha = 'c1ea0000'.repeat(5);
    pushBranch(w, branch, undefined, sha);
    const opened = await w.run('pull_request', prEvent('opened', branch, { number: 32, sha }), { impact: 'false' });
    assert.equal(opened.exitCode, 0, opened.stdout);
    const ui = `${w.dj.url}/namespaces/${encodeURIComponent(ns)}`;
    assert.equal(
      firstLine(w.gh.comments(32)[0]!.body),
      `✅ 4 nodes deployed to a new namespace · \`${branch}\` @ [\`c1ea000\`](${COMMIT(sha)}) → demo.metrics.feature\\_clean · [Open in DJ](${ui})`,
    );
    assert.deepEqual(alertsOf(toHtml(bodyOf(w.gh.comments(32)[0]!.body))), []);
    const c = countsAddUp(w.gh.comments(32)[0]!.body);
    assert.equal(c.sum, c.total);
    assert.ok(
      ungrouped(opened.stdout).some(l => /^4 nodes: 4 created in \d+\.\d s · feature\/clean @ c1ea000 → demo\.metrics\.feature_clean$/.test(l)),
      opened.stdout,
    );

    const closed = await w.run('pull_request', prEvent('closed', branch, { number: 32, sha, merged: true }));
    assert.equal(closed.exitCode, 0, closed.stdout);
    const body = w.gh.comments(32)[0]!.body;
    assert.equal(firstLine(body), `🗑️ Deleted with its 4 nodes · \`${branch}\` → demo.metrics.feature\\_clean`);
    assert.ok(!body.includes('/namespaces/'), 'no link into the deleted namespace');
    assert.ok(
      ungrouped(closed.stdout).some(l => /^Deleted with its 4 nodes in \d+\.\d s · feature\/clean → demo\.metrics\.feature_clean$/.test(l)),
      closed.stdout,
    );
  });

  test('keep, skip, error and dry run each say so in the first line', async () => {
    const branch = 'feature/kept';
    pushBranch(w, branch);
    await w.run('pull_request', prEvent('opened', branch, { number: 33 }));
    const kept = await w.run('pull_request', prEvent('closed', branch, { number: 33 }), { 'on-pr-close': 'keep' });
    assert.equal(kept.exitCode, 0, kept.stdout);
    assert.match(
      firstLine(w.gh.comments(33)[0]!.body),
      /^📌 Kept after the pull request closed \(`on-pr-close: keep`\) · `feature\/kept` → demo\.metrics\.feature\\_kept · \[Open in DJ\]\(/,
    );

    const skipped = await w.run('push', pushEvent('feature/never-linked'));
    assert.equal(skipped.exitCode, 0);
    assert.equal(firstLine(skipped.summary), '⏭️ Skipped: no namespace is linked to this branch · `feature/never-linked` → demo.metrics.feature\\_never\\_linked');
    assert.deepEqual(alertsOf(toHtml(skipped.summary)), ['note']);
    // The notice a skip promises.
    assert.ok(
      skipped.notices.some(n => /No DJ namespace demo\.metrics\.feature_never_linked exists for git branch feature\/never-linked/.test(n)),
      skipped.stdout,
    );

    const broken = 'feature/broken-server';
    pushBranch(w, broken);
    w.dj.addFault({ method: 'POST', path: `/namespaces/${ROOT}.feature_broken_server/sync-from-git`, status: 500, body: { detail: 'database is locked' } });
    const failed = await w.run('pull_request', prEvent('opened', broken, { number: 34 }), { impact: 'false' });
    assert.equal(failed.exitCode, 1);
    assert.match(firstLine(failed.summary), /^❌ Failed: .*HTTP 500.* · `feature\/broken-server` → demo\.metrics\.feature\\_broken\\_server$/);
    assert.deepEqual(alertsOf(toHtml(failed.summary)), ['caution']);
    assert.match(visibleText(toHtml(failed.summary)), /database is locked/);

    const dry = 'feature/dry-verdict';
    pushBranch(w, dry);
    const planned = await w.run('pull_request', prEvent('opened', dry, { number: 35 }), { 'dry-run': 'true' });
    assert.equal(planned.exitCode, 0, planned.stdout);
    assert.match(firstLine(planned.summary), /^📝 Dry run, nothing changed · `feature\/dry-verdict` @ /);
    assert.deepEqual(alertsOf(toHtml(planned.summary)), ['note']);
    // A dry run never logs what it only would do as if it did it.
    assert.ok(!/linking it/.test(planned.stdout), planned.stdout);
    assert.match(planned.stdout, /it would be linked \(dry run\)/);
  });

  test('more than ten failed nodes: nine node annotations, the last "and N more", then the failure line: ten errors', async () => {
    const branch = 'feature/many-failures';
    const yaml: YamlNode[] = Array.from({ length: 14 }, (_, i) => ({
      name: `\${prefix}bad_${String(i).padStart(2, '0')}`,
      query: `q${i}`,
      status: 'failed' as const,
      message: `error ${i}`,
    }));
    pushBranch(w, branch, yaml);
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 36 }));
    assert.equal(r.exitCode, 1);
    const errors = annotations(r.stdout, 'error');
    assert.equal(errors.length, 10, r.stdout);
    assert.deepEqual(
      errors.slice(0, 8).map(e => e.props.title),
      Array.from({ length: 8 }, (_, i) => `DJ node bad_${String(i).padStart(2, '0')}: failed`),
    );
    assert.equal(errors[8]!.props.title, 'and 6 more nodes');
    assert.match(errors[8]!.message, /^bad_08, bad_09, bad_10, bad_11, bad_12, …; the job summary lists every node/);
    assert.match(errors[9]!.message, /^Deployment to .*: 14 failed nodes/);
  });

  test('an empty github-token on a pull request: a warning about the comment; DJ work and every output stand', async () => {
    const branch = 'feature/no-token';
    pushBranch(w, branch, undefined, 'e'.repeat(40));
    const r = await w.run('pull_request', prEvent('opened', branch, { number: 37, sha: 'e'.repeat(40) }), { 'github-token': '' });
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.operation, 'created');
    assert.equal(r.outputs.namespace, `${ROOT}.feature_no_token`);
    assert.equal(r.outputs['deployed-sha'], 'e'.repeat(40));
    assert.equal(JSON.parse(r.outputs.counts!).success, 4);
    assert.equal(w.dj.namespace(`${ROOT}.feature_no_token`)?.git_branch, branch);
    assert.equal(r.warnings.length, 1, r.stdout);
    assert.match(r.warnings[0]!, /github-token' is empty, so the pull-request comment is not written/);
    assert.equal(w.gh.comments(37).length, 0);
    assert.match(firstLine(r.summary), /^✅ 4 nodes deployed to a new namespace/);
  });

  test('list prints its table in the log too', async () => {
    const dispatch = example('workflow_dispatch');
    setRepo(dispatch, 'acme/dj-definitions');
    const r = await w.run('workflow_dispatch', dispatch, { operation: 'list' });
    assert.equal(r.exitCode, 0, r.stdout);
    const lines = ungrouped(r.stdout);
    const header = lines.findIndex(l => /^NAMESPACE \/ BRANCH\s+GIT BRANCH\s+NODES\s+INVALID\s+LAST UPDATED \/ STATE$/.test(l));
    assert.ok(header >= 0, r.stdout);
    const listed = JSON.parse(r.outputs.branches!) as { namespace: string }[];
    for (const b of listed)
      assert.ok(
        lines.some(l => l.startsWith(b.namespace)),
        b.namespace,
      );
    assert.ok(
      lines.some(l => /^demo\.metrics\.main \(default\)\s+main\s+4\s+0\s/.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some(l => /^\d+ DJ branch namespaces in \d+\.\d s$/.test(l)),
      r.stdout,
    );
  });

  test('delete of an absent namespace and a tag: first lines', async () => {
    const gone = await w.run('delete', branchRefEvent('delete', 'feature/long-gone'));
    assert.equal(gone.exitCode, 0);
    assert.equal(firstLine(gone.summary), '✅ Nothing to delete: it was already gone · `feature/long-gone` → demo.metrics.feature\\_long\\_gone');
    const tag = await w.run('create', example('create'));
    assert.equal(firstLine(tag.summary), '⏭️ Skipped: a tag, not a branch');
  });
});
