/**
 * Markdown and HTML injection through dist/index.js: hostile text in node names and messages
 * (sync results), in a server's error message, in a git branch a server reports (collision,
 * list), and in branch names from the event, flowing into the sticky comment and the job
 * summary. Both are rendered with `marked` (GitHub Flavored Markdown) and must hold no script,
 * image, raw link or event handler, no mention or foreign issue reference, tables with exactly
 * the rows and columns the report meant, and intact hidden markers.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { marked, type Token, type Tokens } from 'marked';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, example, prEvent, setRepo } from '../../harness/payloads.js';
import type { YamlNode } from '../../emulators/dj.js';
import { count, unescapeMarkdown } from './support.js';

const INJECTIONS = [
  'a | b | c',
  'line one\nline two\n| forged | row |\n|---|---|',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '--> <!-- hidden',
  '@octocat please look',
  'cc @acme/admins',
  '[click me](javascript:alert(1))',
  '![pixel](https://evil.example/p.png)',
  '`code` and ``` fence',
  '<details open><summary>forged</summary>',
  '</td></tr></table><b>out</b>',
  '&#64;octocat via entity',
  'see #1 and acme/other#2',
  '<a href="https://evil.example">link</a>',
  'javascript:alert(document.cookie)',
  '**bold** _it_ ~~gone~~ $x$',
  '\u202Eevil\u202C text',
  '# heading\n- item',
  'ok\n::warning title=x::forged annotation',
];

/** Annotations no run may show: a forged workflow command. */
function assertNoForgedCommand(r: { warnings: string[]; errors: string[]; notices: string[]; stdout: string }): void {
  // The text may appear inside our own (encoded) annotations; it must never start a line.
  const forged = r.warnings.filter(m => m === 'forged annotation').length + (/^\s*::warning title=x::/m.test(r.stdout) ? 1 : 0);
  count('leaks.found', forged);
  assert.equal(forged, 0, `no forged workflow command in the log\n${r.stdout}`);
}

/** Links the report may carry: the DJ UI (the emulator), the workflow run and the deployed commit. */
function allowedHref(href: string, djUrl: string): boolean {
  return (
    href.startsWith(`${djUrl}/`) ||
    href.startsWith('https://github.com/acme/dj-definitions/actions/runs/') ||
    /^https:\/\/github\.com\/acme\/dj-definitions\/commit\/[0-9a-f]{40}$/.test(href)
  );
}

/** Text as a reader sees it in rendered HTML: tags gone, entities decoded once. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function unescapedPipes(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

interface Expect {
  djUrl: string;
  /** Rows expected in tables, by their first header cell and second: `Node|Status`. */
  rows?: Record<string, number>;
  /** The pull request's own number (its `#n` is ours, not a reference someone injected). */
  pr?: number;
  /** Sticky comment (three markers) or summary (the footer marker only). */
  kind: 'comment' | 'summary';
}

/** Everything wrong with one rendered report; [] when it is inert. */
function violations(markdown: string, expect: Expect): string[] {
  const bad: string[] = [];
  const html = marked.parse(markdown, { gfm: true, async: false });
  if (/<script/i.test(html)) bad.push('script tag');
  if (/<img/i.test(html)) bad.push('img tag');
  if (/<iframe|<object|<embed/i.test(html)) bad.push('embedded object');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) bad.push('event handler attribute');
  if (/<b>out<\/b>|<details open/i.test(html)) bad.push('raw HTML passed through');
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    // GitHub, like marked, links a bare URL in text; that link shows where it goes, so it is
    // not an injection. A link whose text hides its destination is.
    const bare = decodeURI(visibleText(m[1]!)) === visibleText(m[2]!);
    if (!allowedHref(m[1]!, expect.djUrl) && !bare) bad.push(`link to ${m[1]}`);
    if (/^\s*(javascript|data|vbscript):/i.test(m[1]!)) bad.push(`script link ${m[1]}`);
  }
  const text = visibleText(html);
  for (const m of text.matchAll(/(?:^|[^A-Za-z0-9_`\\/])@([A-Za-z0-9][A-Za-z0-9-]*)/g)) bad.push(`mention @${m[1]}`);
  for (const m of text.matchAll(/(?:^|[^A-Za-z0-9_&\u200D])#(\d+)/g)) if (Number(m[1]) !== expect.pr) bad.push(`issue reference #${m[1]}`);
  for (const m of text.matchAll(/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+#(\d+)/g)) bad.push(`cross-repository reference ${m[0]}`);

  const markers = (markdown.match(/<!--/g) ?? []).length;
  const ends = (markdown.match(/-->/g) ?? []).length;
  const wantMarkers = expect.kind === 'comment' ? 3 : 1;
  if (markers !== wantMarkers || ends !== wantMarkers) bad.push(`hidden markers: ${markers} opened, ${ends} closed, want ${wantMarkers}`);
  if (expect.kind === 'comment' && !/^<!-- dj-branch-sync:[0-9a-f]{40} -->\n<!-- dj-branch-sync-digest:[0-9a-f]{12} -->\n/.test(markdown)) bad.push('sticky marker not first');

  // Every row of a table has the header's number of cells.
  let width = 0;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    const pipes = unescapedPipes(line);
    if (!width) width = pipes;
    else if (pipes !== width) bad.push(`table row with ${pipes - 1} cells, header has ${width - 1}: ${line.slice(0, 80)}`);
  }
  const tables: Tokens.Table[] = [];
  marked.walkTokens(marked.lexer(markdown), (t: Token) => {
    if (t.type === 'table') tables.push(t as Tokens.Table);
  });
  for (const [key, want] of Object.entries(expect.rows ?? {})) {
    const table = tables.find(
      t =>
        t.header
          .slice(0, 2)
          .map(h => h.text)
          .join('|') === key,
    );
    if (!table) bad.push(`no table ${key}`);
    else if (table.rows.length !== want) bad.push(`table ${key}: ${table.rows.length} rows, want ${want}`);
  }
  return bad;
}

function assertInert(markdown: string, expect: Expect, strings: readonly string[], label: string): void {
  const bad = violations(markdown, expect);
  // Every injected string is still there, shown as text (escaped, not dropped).
  const shown = unescapeMarkdown(markdown).replace(/<br>/g, '\n');
  for (const s of strings) {
    const probe = s
      .split('\n')[0]!
      .replace(/^[#\s-]+/, '')
      .slice(0, 12);
    if (probe.trim() && !shown.includes(probe)) bad.push(`text dropped: ${probe}`);
  }
  count('injection.cases', strings.length);
  count('leaks.found', bad.length);
  assert.deepEqual(bad, [], `${label} is inert: ${JSON.stringify(bad)}\n${markdown}`);
}

describe('markdown and HTML injection into the comment and the summary', () => {
  let w: World;
  let pr = 500;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('node names and messages from the server: failed ones shown, rest folded, all inert', async () => {
    const n = ++pr;
    const branch = 'feature/injected';
    const failed: YamlNode[] = INJECTIONS.map((message, i) => ({ name: `\${prefix}bad_${i}`, query: `q${i}`, status: 'failed', message }));
    const fine: YamlNode[] = INJECTIONS.slice(0, 6).map((message, i) => ({ name: `\${prefix}ok_${i}|<b>x</b>@octocat`, query: `ok${i}`, message }));
    pushBranch(w, branch, [...failed, ...fine]);
    const r = await w.run('pull_request', prEvent('opened', branch, { number: n }), { 'fail-on': 'never' });
    assert.equal(r.exitCode, 0, r.stdout);
    assertNoForgedCommand(r);
    const comments = w.gh.comments(n);
    assert.equal(comments.length, 1);
    const rows = { 'Node|Status': failed.length };
    assertInert(comments[0]!.body, { djUrl: w.dj.url, rows, pr: n, kind: 'comment' }, INJECTIONS, 'comment');
    assertInert(r.summary, { djUrl: w.dj.url, rows, pr: n, kind: 'summary' }, INJECTIONS, 'summary');
    // The folded table has the other rows, one each.
    const folded = marked
      .lexer(comments[0]!.body)
      .filter((t): t is Tokens.Table => t.type === 'table')
      .at(-1)!;
    assert.equal(folded.rows.length, fine.length);
  });

  test("a server's error message: the failure in the summary (and the comment, when one is written) is inert", async () => {
    const n = ++pr;
    const branch = 'feature/err-injected';
    pushBranch(w, branch);
    const message = INJECTIONS.join(' ');
    w.dj.addFault({ method: 'POST', path: `/namespaces/${ROOT}.feature_err_injected/sync-from-git`, status: 500, body: { detail: message } });
    const r = await w.run('pull_request', prEvent('opened', branch, { number: n }));
    assert.equal(r.exitCode, 1);
    assert.equal(r.errors.length, 1);
    assertNoForgedCommand(r);
    assertInert(r.summary, { djUrl: w.dj.url, pr: n, kind: 'summary' }, INJECTIONS, 'summary');
    for (const c of w.gh.comments(n)) assertInert(c.body, { djUrl: w.dj.url, pr: n, kind: 'comment' }, INJECTIONS, 'failure comment');
  });

  test('a colliding namespace whose git branch (from the server) is hostile: the refusal is inert', async () => {
    const n = ++pr;
    const branch = 'feature/collide';
    pushBranch(w, branch);
    const hostile = INJECTIONS.slice(0, 8).join(' ');
    w.dj.seedNamespace(`${ROOT}.feature_collide`, { git_branch: hostile, parent_namespace: ROOT, nodes: [{ name: 'orders' }] });
    const r = await w.run('pull_request', prEvent('opened', branch, { number: n }));
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.errors[0]!, /Refused/);
    assertInert(r.summary, { djUrl: w.dj.url, pr: n, kind: 'summary' }, INJECTIONS.slice(0, 8), 'summary');
    for (const c of w.gh.comments(n)) assertInert(c.body, { djUrl: w.dj.url, pr: n, kind: 'comment' }, INJECTIONS.slice(0, 8), 'refusal comment');
  });

  test('list: git branches reported by the server fill table cells, one row each', async () => {
    const hostile = INJECTIONS.filter(s => !s.includes('\n'));
    hostile.forEach((git, i) => w.dj.seedNamespace(`${ROOT}.listed_${i}`, { git_branch: git, parent_namespace: ROOT }));
    const dispatch = example('workflow_dispatch');
    setRepo(dispatch, 'acme/dj-definitions');
    const r = await w.run('workflow_dispatch', dispatch, { operation: 'list' });
    assert.equal(r.exitCode, 0, r.stdout);
    const listed = (JSON.parse(r.outputs.branches!) as unknown[]).length;
    assertInert(r.summary, { djUrl: w.dj.url, rows: { 'Namespace / branch|Git branch': listed }, kind: 'summary' }, hostile, 'list summary');
  });

  test('branch names from the event (skipped by ignore-branches, or refused): the summary is inert', async () => {
    const names = INJECTIONS.map(s => `feature/${s}`);
    const runs = await Promise.all(
      names.flatMap(name => [w.run('create', branchRefEvent('create', name), { 'ignore-branches': 'feature/**' }), w.run('create', branchRefEvent('create', name))]),
    );
    runs.forEach((r, i) => {
      const name = names[Math.floor(i / 2)]!;
      assertNoForgedCommand(r);
      if (i % 2 === 0) assert.equal(r.outputs['skip-reason'], 'ignored-branch', r.stdout);
      else assert.equal(r.exitCode, 1, 'an invalid name is refused');
      assertInert(r.summary, { djUrl: w.dj.url, kind: 'summary' }, [name.slice('feature/'.length)], `summary for ${JSON.stringify(name)}`);
    });
  });
});
