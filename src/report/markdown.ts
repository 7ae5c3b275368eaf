/**
 * Pure rendering of an {@link Outcome} as GitHub Markdown: the one text the sticky comment and
 * the job summary both show. Every string that comes from a server, a branch name or an event
 * goes through {@link escapeMarkdown}; the body stays under {@link MAX_REPORT_CHARS} by cutting
 * whole table rows and saying how many were left out.
 */
import { createHash } from 'node:crypto';
import type { FailOn } from '../settings.js';
import { branchesOf, commitOf, countByStatus, pruneOf, type DeploymentResult, type Reported, type SkipReason, type TargetBranch, type TargetName } from '../targets/target.js';
import { failsStep, stepVerdict, type Verdict } from '../verdict.js';
import { renderImpact, renderImpactUnavailable, type ImpactReport } from './impact.js';
import { summaryOf } from '../targets/dj/impact.js';
import { countsPhrase, resultNoun } from './counts.js';

/** What the report needs besides the outcome: the run it belongs to. */
export interface ReportContext {
  /** What the outputs had to leave out (GitHub's 1 MB), said near the top. */
  outputNotes?: string[];
  /** `GITHUB_EVENT_NAME`. */
  eventName: string;
  prNumber?: number;
  /** Link to this workflow run. */
  runUrl?: string;
  /** Commit the event points at (PR head, push after); compared with the deployed one. */
  headSha?: string;
  dryRun: boolean;
  failOn: FailOn;
  /** Time shown in the footer. */
  now: Date;
  /** The decision line main prints first (event, branch, namespace, operation). */
  decision?: string;
  /** The failure that ends the run, when there is one. */
  error?: string;
  /** `https://github.com/owner/repo`, for links to commits. */
  repoUrl?: string;
  /** The merge preview (pull requests, target dj): shown under the verdict line. */
  impact?: ImpactReport;
  /** The comment command this run carries out (SPEC §13): the command (prefix and word) and the commenter's login. */
  command?: { text: string; by: string };
}

/**
 * Upper bound of a rendered report. GitHub refuses comment bodies over 65,536 characters; the
 * sticky comment adds its markers (under 100), and the rest is margin.
 */
export const MAX_REPORT_CHARS = 60_000;

/** Room kept for what follows the tables (omission note, footer, closing tags). */
const TAIL_RESERVE = 1_500;
/** Longest message of a failed or invalid node shown in full. */
const MAX_PROBLEM_MESSAGE = 1_000;
/** Longest message of any other row (folded, rarely read). */
const MAX_OTHER_MESSAGE = 200;
/** Longest free text (notes, error, decision). */
const MAX_TEXT = 4_000;

/**
 * Separates the content from the footer (run link, time). Those two change on every run, so
 * {@link digestMarker} hashes only what is above, and a re-run with the same results leaves the
 * comment alone. Untrusted text cannot forge it: escaping turns every `<` into an entity.
 */
const FOOTER_MARK = '<!-- dj-branch-sync-footer -->';

const ZWJ = '\u200D';

const CHAR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '~': '\\~',
  $: '\\$',
  '\n': '<br>',
};

/**
 * Makes untrusted text (names, messages, branch names) inert in GitHub Markdown, in a table
 * cell, a list item, a heading or link text alike:
 * - `&`, `<`, `>` become entities: no raw HTML (`<script>`, `<img>`), no `-->` that could end
 *   a hidden marker, no `&#64;` that would decode to a mention;
 * - Markdown punctuation (`\` `` ` `` `*` `_` `[` `]` `|` `~` `$`) is backslash-escaped: no
 *   emphasis, code, link injection (`](javascript:…)`), table breaks or math;
 * - newlines become `<br>`, so a message never starts a new block or table row;
 * - a zero-width joiner goes after `@` (and after `#` before a digit). GitHub finds mentions and
 *   issue references in the rendered text, where entities and backslashes are already gone, so
 *   only a character between `@` and the name stops `@octocat` or `@org/team` from notifying
 *   anyone; code spans would also stop it but cannot hold arbitrary backticks and read worse in
 *   tables. The text still reads the same.
 * - a leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so a list item stays one item.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\r\n?/g, '\n').replace(/^[ \t\n]+/, '');
  const out = flat.replace(/[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g, ch => (ch === '@' || ch === '#' ? ch + ZWJ : CHAR_ESCAPES[ch]!));
  return out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An http(s) URL safe to put in a Markdown link destination, or undefined. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href.replace(/[()[\]<>"'`|\\ ]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * The hidden marker that finds the sticky comment of one target branch again; with `server`
 * (the DJ server's host, server-identity.ts), one per server, so a staging and a production
 * step keep a comment each. Without it, the marker of earlier versions.
 */
export function stickyMarker(target: TargetName, name: string, server?: string): string {
  // A hash, so no branch or namespace name can put `-->` or anything else into the marker.
  const key = createHash('sha1')
    .update(`${target}\n${name}${server ? `\n${server}` : ''}`)
    .digest('hex');
  return `<!-- dj-branch-sync:${key} -->`;
}

/** The hidden digest of a report's content (footer excluded: run link and time always change). */
export function digestMarker(body: string): string {
  const end = body.indexOf(FOOTER_MARK);
  const content = end === -1 ? body : body.slice(0, end);
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return `<!-- dj-branch-sync-digest:${digest} -->`;
}

// A Map: a status named `constructor` from a server is unknown, not Object's constructor.
const STATUS_ICONS = new Map<string, string>([
  ['success', '✅'],
  ['failed', '❌'],
  ['invalid', '⚠️'],
  ['warning', '🟡'],
  ['skipped', '⏭️'],
]);

const TARGET_LABELS: Record<TargetName, { one: string; many: string; ui: string }> = {
  dj: { one: 'DJ branch namespace', many: 'DJ branch namespaces', ui: 'Open in DJ' },
  fossil: { one: 'Fossil branch', many: 'Fossil branches', ui: 'Open in Fossil' },
  pdc: { one: 'PDC branch', many: 'PDC branches', ui: 'Open in PDC' },
};

const SKIP_TITLES: Record<SkipReason, string> = {
  tag: 'a tag, not a branch',
  'default-branch': 'the default branch',
  'ignored-branch': 'branch matches `ignore-branches`',
  fork: 'pull request from a fork',
  'unsupported-event': 'event not handled by `operation: auto`',
  'unsupported-action': 'nothing to do for this event',
  'not-linked': 'no namespace is linked to this branch',
  'not-a-command': 'not a command',
  'not-permitted': 'commenter may not push to this repository',
  help: 'the commands',
};

/** One sentence per skip reason: why nothing happened, and what to do if something should have. */
function skipExplanation(reason: SkipReason, outcome: Reported, ctx: ReportContext): string {
  const branch = outcome.gitBranch ? `The branch ${escapeMarkdown(outcome.gitBranch)}` : 'This branch';
  switch (reason) {
    case 'tag':
      return 'The event is about a tag. Branch namespaces follow branches only, so nothing was done.';
    case 'default-branch':
      return `${branch} is the default branch. Its namespace is the root's default-branch namespace, which this action deploys on push but never creates or deletes.`;
    case 'ignored-branch':
      return `${branch} matches a pattern in \`ignore-branches\`, so it gets no namespace. Remove the pattern to include it.`;
    case 'fork':
      return [
        'This pull request comes from a fork. GitHub runs `pull_request` workflows from forks without secrets and with a read-only token,',
        'so the action could neither reach the server nor write a comment, and it changed nothing.',
        "To get a namespace, a maintainer can push the branch to this repository (the next event creates it); don't switch to `pull_request_target` with untrusted code.",
      ].join(' ');
    case 'unsupported-event':
      return `${eventName(ctx.eventName)} events do nothing with \`operation: auto\`. For scheduled or manual runs set \`operation\` to \`create\`, \`delete\`, \`sync\`, \`list\` or \`prune\`.`;
    case 'unsupported-action':
      return 'Only the pull request actions `opened`, `reopened`, `synchronize`, `ready_for_review` and `closed` change namespaces (and pushes, unless `deploy: none`); this one needs nothing.';
    case 'not-linked':
      return `No namespace is linked to ${outcome.gitBranch ? escapeMarkdown(outcome.gitBranch) : 'this branch'}, so there is nothing to deploy. A namespace is created when the branch is created or a pull request is opened for it (or with \`operation: create\`).`;
    case 'not-a-command':
    case 'not-permitted':
    case 'help':
      return escapeMarkdown(outcome.notes[0] ?? '');
  }
}

/** An event name as code when it looks like one (they come from the runner), escaped otherwise. */
function eventName(name: string): string {
  return /^[a-z_]+$/.test(name) ? `\`${name}\`` : escapeMarkdown(name);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The message of a failed or invalid node without DJ's "Updated …" / "└─" change summary. */
export function problemMessage(message: string): string {
  const kept = message.split(/\r?\n/).filter(line => {
    const t = line.trim();
    return t && !t.startsWith('└─') && !/^Updated\b/.test(t);
  });
  return kept.length ? kept.join('\n') : message.trim();
}

function isProblem(r: DeploymentResult): boolean {
  return r.status === 'failed' || r.status === 'invalid' || r.status === 'warning';
}

function statusCell(status: string): string {
  const icon = STATUS_ICONS.get(status) ?? '❔';
  return `${icon} ${escapeMarkdown(status)}`;
}

function isSha(sha: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(sha);
}

function shortSha(sha: string): string {
  return isSha(sha) ? `\`${sha.slice(0, 7).toLowerCase()}\`` : escapeMarkdown(sha);
}

function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}

/** A branch name as code when it is plain (letters, digits, `._/-`), escaped text otherwise. */
function branchText(branch: string): string {
  return /^[A-Za-z0-9._/-]{1,200}$/.test(branch) ? `\`${branch}\`` : escapeMarkdown(branch);
}

/** A node's name without the namespace it was deployed into (`demo.metrics.feature_x.revenue` → `revenue`). */
export function shortNodeName(name: string, namespace: string | undefined): string {
  return namespace && name.startsWith(`${namespace}.`) && name.length > namespace.length + 1 ? name.slice(namespace.length + 1) : name;
}

/** The commit the report is about: what was deployed, else what the event pointed at. */
function reportSha(outcome: Reported, ctx: ReportContext): string | undefined {
  const c = commitOf(outcome);
  // `deploy: changed` left the namespace on an earlier, equivalent commit: the report is about this one.
  if (outcome.operation === 'unchanged' && outcome.why === 'no-changes') return ctx.headSha ?? c.expectedSha ?? c.deployedSha;
  return c.deployedSha ?? ctx.headSha ?? c.expectedSha;
}

/** Whether the server deployed another commit than the event's head. */
function shaMismatch(outcome: Reported, ctx: ReportContext): { deployed: string; head: string } | undefined {
  if (outcome.operation === 'unchanged' && outcome.why === 'no-changes') return undefined;
  const c = commitOf(outcome);
  const head = ctx.headSha ?? c.expectedSha;
  return c.deployedSha && head && !sameCommit(c.deployedSha, head) ? { deployed: c.deployedSha, head } : undefined;
}

/** Whether the target branch exists after this run, so a link to it leads somewhere. */
function exists(outcome: Reported, ctx: ReportContext): boolean {
  if (ctx.error) return false;
  switch (outcome.operation) {
    case 'created':
    case 'updated':
    case 'unchanged':
      return true;
    case 'planned':
      return outcome.of === 'deploy' || outcome.of === 'remove';
    default:
      return false;
  }
}

/**
 * The verdict line, in parts: an icon, the action's own wording (what happened and whether it is
 * good), and where: branch @ commit → namespace · link. {@link renderReport} and the log line
 * both render it, so the two never disagree.
 */
export interface Headline {
  icon: string;
  /** The action's own words; may hold `code` spans, never untrusted text. */
  text: string;
  /** Untrusted detail after the text (an error's first sentence). */
  detail?: string;
  branch?: string;
  sha?: string;
  name?: string;
  /** Link to `name` while it exists. */
  url?: string;
  ui: string;
}

function deployText(outcome: Reported, results: DeploymentResult[]): string | undefined {
  if (!results.length) return undefined;
  const counts = countByStatus(results);
  const n = results.length;
  const noun = resultNoun(results, n);
  if (counts.failed) return `${counts.failed} of ${n} ${noun} failed${counts.invalid ? `, ${counts.invalid} invalid` : ''}`;
  if (counts.invalid) return `${counts.invalid} of ${n} ${noun} invalid`;
  if (outcome.operation === 'unchanged') return undefined;
  return `${n} ${noun} deployed${outcome.operation === 'created' ? ' to a new namespace' : ''}`;
}

/** The verdict line's parts for an outcome. */
export function headlineOf(outcome: Reported, ctx: ReportContext, verdict: Verdict = stepVerdict(outcome, ctx.failOn)): Headline {
  const label = TARGET_LABELS[outcome.target];
  const where = {
    branch: outcome.gitBranch,
    name: outcome.name,
    ui: label.ui,
    ...(exists(outcome, ctx) && outcome.url ? { url: outcome.url } : {}),
  };
  const withSha = { ...where, sha: reportSha(outcome, ctx) };
  if (ctx.error) return { icon: '❌', text: 'Failed', detail: firstSentence(ctx.error), ...where };
  const mismatch = shaMismatch(outcome, ctx) !== undefined;
  const good = (icon: string) => (verdict.fails ? '❌' : mismatch ? '⚠️' : icon);
  switch (outcome.operation) {
    case 'created':
    case 'updated':
    case 'unchanged': {
      const text = deployText(outcome, outcome.results);
      const attention = outcome.results.some(r => r.status === 'failed' || r.status === 'invalid');
      if (text) return { icon: good(attention ? '⚠️' : '✅'), text, ...withSha };
      if (outcome.operation !== 'unchanged') {
        const deployed = Boolean(outcome.deployedSha);
        const word = outcome.operation === 'created' ? (deployed ? 'Created and deployed, no nodes' : 'Created') : deployed ? 'Deployed, no nodes' : 'Updated';
        return { icon: good('✅'), text: word, ...withSha };
      }
      switch (outcome.why) {
        case 'kept':
          if (outcome.keptByLabel) return { icon: '📌', text: `Kept because of the label ${escapeMarkdown(outcome.keptByLabel)}`, ...where };
          return { icon: '📌', text: 'Kept after the pull request closed (`on-pr-close: keep`)', ...where };
        case 'branch-exists':
          return { icon: '📌', text: 'Kept: the git branch exists again', ...where };
        case 'deployed':
          return { icon: good('✅'), text: 'Already deployed, nothing sent again', ...withSha };
        case 'no-changes':
          return { icon: good('✅'), text: 'No changes under `git_path`, nothing deployed (`deploy: changed`)', ...withSha };
        case 'linked':
          return { icon: good('✅'), text: 'Already in step, nothing to do', ...where };
      }
    }
    // falls through: every variant returned above
    // eslint-disable-next-line no-fallthrough
    default:
      return { icon: '✅', text: 'Done', ...where };
    case 'deleted': {
      const nodes = outcome.dj ? ` with its ${plural(outcome.dj.nodesDeleted, 'node', 'nodes')}` : '';
      return { icon: '🗑️', text: `${outcome.target === 'fossil' ? 'Closed' : 'Deleted'}${nodes}`, ...where };
    }
    case 'absent':
      return { icon: '✅', text: 'Nothing to delete: it was already gone', ...where };
    case 'listed':
      return { icon: '📋', text: plural(outcome.branches.length, label.one, label.many), ui: label.ui };
    case 'pruned': {
      const failed = outcome.failures.length ? `, ${outcome.failures.length} could not be removed` : '';
      return { icon: verdict.fails ? '❌' : '🧹', text: `Pruned ${outcome.pruned.length} of ${plural(outcome.branches.length, label.one, label.many)}${failed}`, ui: label.ui };
    }
    case 'planned':
      if (outcome.of === 'prune') {
        return { icon: '📝', text: `Dry run: would prune ${outcome.pruned.length} of ${plural(outcome.branches.length, label.one, label.many)}`, ui: label.ui };
      }
      return { icon: '📝', text: 'Dry run, nothing changed', ...withSha };
    case 'skipped':
      return { icon: '⏭️', text: `Skipped: ${SKIP_TITLES[outcome.skipReason]}`, ...where };
  }
}

/** The first sentence (or line) of an error, short enough for a title. */
function firstSentence(text: string): string {
  const line = text.split('\n')[0]!;
  const end = line.search(/\.(?:\s|$)/);
  return clip(end > 20 ? line.slice(0, end) : line, 160);
}

/** The verdict line as Markdown (a level-3 heading). */
function headlineMarkdown(h: Headline, ctx: ReportContext): string {
  const parts = [`${h.icon} ${h.text}${h.detail ? `: ${escapeMarkdown(h.detail)}` : ''}`];
  if (h.branch || h.name) {
    let where = h.branch ? branchText(h.branch) : '';
    if (h.sha) {
      const commit = ctx.repoUrl && isSha(h.sha) ? safeUrl(`${ctx.repoUrl}/commit/${h.sha}`) : undefined;
      where += ` @ ${commit ? `[${shortSha(h.sha)}](${commit})` : shortSha(h.sha)}`;
    }
    if (h.name) where += `${where ? ' → ' : ''}${escapeMarkdown(h.name)}`;
    parts.push(where);
  }
  const href = safeUrl(h.url);
  if (href) parts.push(`[${h.ui}](${href})`);
  return `### ${parts.join(' · ')}`;
}

/** The verdict line as plain text, for the log. */
export function headlinePlain(h: Headline): string {
  let where = h.branch ?? '';
  if (h.sha) where += ` @ ${isSha(h.sha) ? h.sha.slice(0, 7) : h.sha}`;
  if (h.name) where += `${where ? ' → ' : ''}${h.name}`;
  return [`${h.text.replace(/`/g, '')}${h.detail ? `: ${h.detail}` : ''}`, where].filter(Boolean).join(' · ');
}

/** A GitHub alert block (`> [!NOTE]`); `body` is Markdown already escaped, one paragraph. */
function alert(kind: 'NOTE' | 'TIP' | 'WARNING' | 'CAUTION', body: string): string[] {
  return [`> [!${kind}]`, ...body.split('\n').map(l => `> ${l}`), ''];
}

/** A Markdown document built from lines, with a running length so budgets stay linear. */
class Doc {
  private readonly lines: string[] = [];
  length = 0;

  push(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.length += line.length + 1;
    }
  }

  /** Whether `extra` more characters fit before the tail reserve. */
  fits(extra: number): boolean {
    return this.length + extra + TAIL_RESERVE <= MAX_REPORT_CHARS;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/**
 * A table of `items`, rows added while they fit. Rows are rendered lazily: once the budget is
 * spent the rest is only counted. Returns how many rows were left out.
 */
function pushTable<T>(doc: Doc, header: string[], items: readonly T[], row: (item: T) => string[], opener?: string[], closer?: string[]): number {
  if (!items.length) return 0;
  const head = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const frame = head.join('\n').length + (opener?.join('\n').length ?? 0) + (closer?.join('\n').length ?? 0) + 8;
  const first = `| ${row(items[0]!).join(' | ')} |`;
  if (!doc.fits(frame + first.length)) return items.length;
  doc.push(...(opener ?? []), ...head, first);
  let shown = 1;
  const closing = (closer?.join('\n').length ?? 0) + 4;
  for (; shown < items.length; shown++) {
    const line = `| ${row(items[shown]!).join(' | ')} |`;
    if (!doc.fits(line.length + closing)) break;
    doc.push(line);
  }
  doc.push('', ...(closer ?? []));
  return items.length - shown;
}

/** Failed, invalid and warning results first and unfolded; the rest folded. Returns rows left out. */
function pushResults(doc: Doc, results: DeploymentResult[], namespace: string | undefined): { omitted: number; omittedProblems: number } {
  const problems = [...results.filter(r => r.status === 'failed'), ...results.filter(r => r.status === 'invalid'), ...results.filter(r => r.status === 'warning')];
  const rest = results.filter(r => !isProblem(r));
  const node = (r: DeploymentResult) => escapeMarkdown(shortNodeName(r.name, namespace));
  const omittedProblems = pushTable(doc, ['Node', 'Status', 'Message'], problems, r => [
    node(r),
    statusCell(r.status),
    escapeMarkdown(clip(problemMessage(r.message), MAX_PROBLEM_MESSAGE)) || '—',
  ]);
  const omittedRest = pushTable(
    doc,
    ['Node', 'Status', 'Operation', 'Message'],
    rest,
    r => [node(r), statusCell(r.status), escapeMarkdown(r.operation), escapeMarkdown(clip(r.message, MAX_OTHER_MESSAGE)) || '—'],
    [`<details><summary>${problems.length ? 'Other nodes' : 'Nodes'} (${rest.length})</summary>`, ''],
    ['</details>', ''],
  );
  return { omitted: omittedProblems + omittedRest, omittedProblems };
}

function branchRow(b: TargetBranch): string[] {
  const when = b.lastUpdatedAt ? escapeMarkdown(b.lastUpdatedAt.replace('T', ' ').replace(/\.\d+/, '')) : '—';
  return [
    `${escapeMarkdown(b.name)}${b.isDefault ? ' (default)' : ''}`,
    b.gitBranch ? escapeMarkdown(b.gitBranch) : '—',
    b.nodes === undefined ? '—' : String(b.nodes),
    b.invalidNodes === undefined ? '—' : String(b.invalidNodes),
    b.state ? `${when === '—' ? '' : `${when} · `}${escapeMarkdown(b.state)}` : when,
  ];
}

const BRANCH_HEADER = ['Namespace / branch', 'Git branch', 'Nodes', 'Invalid nodes', 'Last updated / state'];

/** Tables of list and prune. Returns branch rows left out. */
function pushBranches(doc: Doc, outcome: Reported, ctx: ReportContext): number {
  const branches = branchesOf(outcome) ?? [];
  const prune = pruneOf(outcome);
  let omitted = 0;
  if (prune) {
    const pruned = prune.pruned;
    const failures = prune.failures;
    if (failures.length) {
      doc.push(`#### ❌ Could not remove (${failures.length})`, '');
      omitted += pushTable(doc, ['Namespace / branch', 'Error'], failures, f => [escapeMarkdown(f.name), escapeMarkdown(clip(f.message, MAX_PROBLEM_MESSAGE))]);
    }
    doc.push(`#### ${ctx.dryRun ? 'Would delete' : 'Deleted'} (${pruned.length})`, '');
    if (!pruned.length) doc.push('Nothing to prune: every branch namespace still has its git branch, or is too recent.', '');
    for (let i = 0; i < pruned.length; i++) {
      const line = `- ${escapeMarkdown(pruned[i]!)}`;
      if (!doc.fits(line.length)) {
        omitted += pruned.length - i;
        break;
      }
      doc.push(line);
    }
    doc.push('');
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow, [`<details><summary>All branches (${branches.length})</summary>`, ''], ['</details>', '']);
  } else {
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow);
  }
  return omitted;
}

/** The alerts under the verdict line: what failed, what to know. Escaped Markdown. */
function pushAlerts(doc: Doc, outcome: Reported, ctx: ReportContext, verdict: Verdict): void {
  if (ctx.error) doc.push(...alert('CAUTION', escapeMarkdown(clip(ctx.error, MAX_TEXT))));
  else if (verdict.fails && !pruneOf(outcome) && !outcome.results.some(r => failsStep(r.status, ctx.failOn))) {
    doc.push(...alert('CAUTION', `This fails the step: ${verdict.reason}; the merge preview above says which nodes and why.`));
  } else if (verdict.fails) {
    const what = pruneOf(outcome) ? 'the others were handled; the failures are listed below.' : 'the other nodes are deployed. Fix the YAML of the nodes below and push again.';
    doc.push(...alert('CAUTION', `This fails the step: ${verdict.reason}; ${what}`));
  }
  const mismatch = shaMismatch(outcome, ctx);
  if (mismatch) {
    const head = ctx.prNumber ? "the pull request's head" : "the event's commit";
    doc.push(
      ...alert('WARNING', `DJ deployed ${shortSha(mismatch.deployed)}, not ${head} ${shortSha(mismatch.head)}: the branch moved, and the run for the newer commit deploys it.`),
    );
  }
  if (ctx.dryRun) doc.push(...alert('NOTE', '**Dry run:** nothing was changed; this shows what would happen.'));
  if (outcome.operation === 'skipped') doc.push(...alert('NOTE', skipExplanation(outcome.skipReason, outcome, ctx)));
  if (outcome.operation === 'unchanged' && (outcome.why === 'deployed' || outcome.why === 'no-changes')) {
    const sha = outcome.deployedSha ? `${shortSha(outcome.deployedSha)} ` : '';
    const run = safeUrl(outcome.earlier?.runUrl);
    const by = run ? ` by [an earlier workflow run](${run})` : '';
    const counts = outcome.earlier?.description ? ` (${escapeMarkdown(clip(outcome.earlier.description, 200))})` : '';
    const text =
      outcome.why === 'deployed'
        ? `This commit was deployed to ${escapeMarkdown(outcome.name ?? 'the namespace')}${by}${counts}, so it was not sent to DJ again.`
        : `This commit changes nothing under the root's \`git_path\` since ${sha}was deployed${by}${counts}, so it was not sent to DJ (\`deploy: changed\`).`;
    doc.push(...alert('NOTE', text));
  }
}

/** Most of the report the merge preview may take; the deployment's own results need the rest. */
const MAX_IMPACT_CHARS = 24_000;

/**
 * The merge preview under the verdict line: its headline, what would break, the rest folded;
 * fewer rows when a long preview would crowd out the deployment's own results.
 */
function pushImpact(doc: Doc, ctx: ReportContext): void {
  const impact = ctx.impact;
  if (!impact) return;
  if ('unavailable' in impact) {
    doc.push(renderImpactUnavailable(clip(impact.unavailable, MAX_TEXT)), '');
    return;
  }
  let text = '';
  for (const rows of [50, 20, 5, 0]) {
    text = renderImpact(impact.summary, { maxRows: rows });
    if (text.length <= MAX_IMPACT_CHARS) break;
  }
  doc.push(text, '');
  // The review (SPEC §10.1), rendered within its own budget by report/review.ts.
  if (impact.reviewMarkdown) doc.push(impact.reviewMarkdown, '');
}

/** Internal detail, folded at the end: event, decision, fail-on, the target's notes. */
function pushDetails(doc: Doc, outcome: Reported, ctx: ReportContext, verdict: Verdict, notesShown: boolean): void {
  const lines: string[] = [];
  const event = `${eventName(ctx.eventName || 'none')}${ctx.prNumber ? ` on pull request #${ctx.prNumber}` : ''}`;
  lines.push(`- Event: ${event}`);
  if (ctx.decision) lines.push(`- Decision: ${escapeMarkdown(clip(ctx.decision, MAX_TEXT))}`);
  lines.push(`- Step: ${ctx.error ? 'fails (see above)' : verdict.fails ? `fails: ${verdict.reason}` : `passes (\`fail-on: ${ctx.failOn}\`)`}`);
  const c = commitOf(outcome);
  if (c.deployedSha) lines.push(`- Deployed commit: ${shortSha(c.deployedSha)}`);
  if (!notesShown) {
    for (const [i, note] of outcome.notes.entries()) {
      const line = `- ${escapeMarkdown(clip(note, MAX_TEXT))}`;
      if (!doc.fits(lines.join('\n').length + line.length + 200)) {
        lines.push(`- … and ${outcome.notes.length - i} more notes (see the log)`);
        break;
      }
      lines.push(line);
    }
  }
  doc.push('<details><summary>Details</summary>', '', ...lines, '', '</details>', '');
}

/**
 * The report of one run: the verdict line first, then alerts, one line of counts, failures
 * (the rest folded), list/prune tables, details folded, and a footer with the run link and the
 * time. Linear in the number of results; always under {@link MAX_REPORT_CHARS}.
 */
export function renderReport(outcome: Reported, ctx: ReportContext): string {
  const doc = new Doc();
  const verdict = stepVerdict(outcome, ctx.failOn, summaryOf(ctx.impact));
  doc.push(headlineMarkdown(headlineOf(outcome, ctx, verdict), ctx), '');
  pushImpact(doc, ctx);
  // The last command and who gave it, as a name (escaped, never a mention).
  if (ctx.command) doc.push(`Last command: **${escapeMarkdown(ctx.command.text)}** by ${escapeMarkdown(ctx.command.by)}`, '');
  pushAlerts(doc, outcome, ctx, verdict);
  if (ctx.outputNotes?.length) doc.push('> [!NOTE]', ...ctx.outputNotes.map(n => `> ${escapeMarkdown(clip(n, MAX_TEXT))}`), '');

  let omittedResults = 0;
  let omittedProblems = 0;
  if (outcome.results.length) {
    doc.push(`**${escapeMarkdown(countsPhrase(outcome.results))}**`, '');
    ({ omitted: omittedResults, omittedProblems } = pushResults(doc, outcome.results, outcome.name));
  }
  // A dry run's notes are its content ("Would PATCH …"): shown, not folded.
  const notesShown = outcome.operation === 'planned' && outcome.notes.length > 0;
  if (notesShown) {
    for (const [i, note] of outcome.notes.entries()) {
      const line = `- ${escapeMarkdown(clip(note, MAX_TEXT))}`;
      if (!doc.fits(line.length)) {
        doc.push(`- … and ${outcome.notes.length - i} more notes (see the log)`);
        break;
      }
      doc.push(line);
    }
    doc.push('');
  }
  const omittedBranches = branchesOf(outcome) ? pushBranches(doc, outcome, ctx) : 0;

  if (omittedResults) {
    const problems = omittedProblems ? ` (${omittedProblems} of them failed, invalid or warnings)` : '';
    doc.push(
      `⚠️ ${omittedResults} results not shown${problems}; the full list is in the \`results\` output, or in the file named by \`results-file\` when the output had to be cut.`,
      '',
    );
  }
  if (omittedBranches) doc.push(`⚠️ ${omittedBranches} rows not shown; the full lists are in the \`branches\` and \`pruned\` outputs.`, '');
  pushDetails(doc, outcome, ctx, verdict, notesShown);

  const run = safeUrl(ctx.runUrl);
  const time = `${ctx.now.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  doc.push(FOOTER_MARK, `<sub>${run ? `[Workflow run](${run}) · ` : ''}${time} · dj-branch-sync</sub>`);
  return doc.toString();
}
