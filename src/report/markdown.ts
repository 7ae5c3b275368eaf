/**
 * Pure rendering of an {@link Outcome} as GitHub Markdown: the one text the sticky comment and
 * the job summary both show. Every string that comes from a server, a branch name or an event
 * goes through {@link escapeMarkdown}; the body stays under {@link MAX_REPORT_CHARS} by cutting
 * whole table rows and saying how many were left out.
 */
import { createHash } from 'node:crypto';
import type { FailOn } from '../settings.js';
import {
  countByStatus,
  type DeploymentResult,
  type Outcome,
  type OperationResult,
  type SkipReason,
  type TargetBranch,
  type TargetName,
} from '../targets/target.js';

/** What the report needs besides the outcome: the run it belongs to. */
export interface ReportContext {
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
  const out = flat.replace(/[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g, ch =>
    ch === '@' || ch === '#' ? ch + ZWJ : CHAR_ESCAPES[ch]!,
  );
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

/** `text` (escaped) linked to `url` when the URL is safe, plain otherwise. */
function link(text: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `[${escapeMarkdown(text)}](${href})` : escapeMarkdown(text);
}

/** The hidden marker that finds the sticky comment of one target branch again. */
export function stickyMarker(target: TargetName, name: string): string {
  // A hash, so no branch or namespace name can put `-->` or anything else into the marker.
  const key = createHash('sha1').update(`${target}\n${name}`).digest('hex');
  return `<!-- dj-branch-sync:${key} -->`;
}

/** The hidden digest of a report's content (footer excluded: run link and time always change). */
export function digestMarker(body: string): string {
  const end = body.indexOf(FOOTER_MARK);
  const content = end === -1 ? body : body.slice(0, end);
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return `<!-- dj-branch-sync-digest:${digest} -->`;
}

/** Why the step fails according to `fail-on` and the outcome, or undefined when it passes. */
export function stepFailure(outcome: Outcome, failOn: FailOn): string | undefined {
  if (outcome.failures?.length) return `${plural(outcome.failures.length, 'branch', 'branches')} could not be removed`;
  if (failOn === 'never') return undefined;
  const counts = countByStatus(outcome.results);
  const failed = counts.failed;
  const invalid = failOn === 'invalid' ? counts.invalid : 0;
  if (!failed && !invalid) return undefined;
  const parts = [failed ? `${failed} failed` : '', invalid ? `${invalid} invalid` : ''].filter(Boolean);
  // DJ fails dimension links as results of their own (deploy_type "link"): name what failed.
  const failing = outcome.results.filter(r => r.status === 'failed' || (failOn === 'invalid' && r.status === 'invalid'));
  const kinds = new Set(failing.map(r => r.deploy_type));
  const noun = kinds.size === 1 && kinds.has('link') ? 'link' : kinds.size > 1 ? 'result' : 'node';
  return `${parts.join(' and ')} ${failed + invalid === 1 ? noun : `${noun}s`} (\`fail-on: ${failOn}\`)`;
}

const STATUS_ICONS: Record<string, string> = {
  success: '✅',
  failed: '❌',
  invalid: '⚠️',
  warning: '🟡',
  skipped: '⏭️',
};

const OPERATION_ICONS: Record<OperationResult, string> = {
  created: '✅',
  updated: '✅',
  unchanged: '✅',
  deleted: '🗑️',
  absent: '✅',
  listed: '📋',
  pruned: '🧹',
  skipped: '⏭️',
  planned: '📝',
};

const TARGET_LABELS: Record<TargetName, { one: string; many: string }> = {
  dj: { one: 'DJ namespace', many: 'DJ branch namespaces' },
  fossil: { one: 'Fossil branch', many: 'Fossil branches' },
  pdc: { one: 'PDC branch', many: 'PDC branches' },
};

const SKIP_TITLES: Record<SkipReason, string> = {
  tag: 'a tag, not a branch',
  'default-branch': 'the default branch',
  'ignored-branch': 'branch matches `ignore-branches`',
  fork: 'pull request from a fork',
  'unsupported-event': 'event not handled by `operation: auto`',
  'unsupported-action': 'pull request action that changes nothing',
  'not-linked': 'branch has no linked namespace',
};

/** One sentence per skip reason: why nothing happened, and what to do if something should have. */
function skipExplanation(reason: SkipReason, outcome: Outcome, ctx: ReportContext): string {
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
      return 'Only the pull request actions `opened`, `reopened`, `synchronize`, `ready_for_review` and `closed` change namespaces; this one needs nothing.';
    case 'not-linked':
      return `No namespace is linked to ${outcome.gitBranch ? escapeMarkdown(outcome.gitBranch) : 'this branch'}, so there is nothing to deploy. A namespace is created when the branch is created or a pull request is opened for it (or with \`operation: create\`).`;
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
function problemMessage(message: string): string {
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
  const icon = STATUS_ICONS[status] ?? '❔';
  return `${icon} ${escapeMarkdown(status)}`;
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 12).toLowerCase()}\`` : escapeMarkdown(sha);
}

function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
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

function headline(outcome: Outcome, ctx: ReportContext, failing: boolean, attention: boolean): string {
  const icon = failing ? '❌' : attention ? '⚠️' : OPERATION_ICONS[outcome.operation];
  return `### ${icon} ${headlineText(outcome, ctx)}`;
}

function headlineText(outcome: Outcome, ctx: ReportContext): string {
  const label = TARGET_LABELS[outcome.target];
  const name = outcome.name ? ` ${escapeMarkdown(outcome.name)}` : '';
  const branches = (n: number) => plural(n, label.one.replace('namespace', 'branch namespace'), label.many);
  if (ctx.error) return `${label.one}${name}: the run failed`;
  switch (outcome.operation) {
    case 'created':
    case 'updated':
    case 'deleted':
      return `${label.one}${name} ${outcome.operation}`;
    case 'unchanged':
      return `${label.one}${name} unchanged`;
    case 'absent':
      return `${label.one}${name} already absent`;
    case 'listed':
      return branches(outcome.branches?.length ?? 0);
    case 'pruned':
      return `Pruned ${branches(outcome.pruned?.length ?? 0)}`;
    case 'planned':
      return outcome.pruned ? `Would prune ${branches(outcome.pruned.length)}` : `Dry run for ${label.one}${name}`;
    case 'skipped':
      return `Skipped: ${outcome.skipReason ? SKIP_TITLES[outcome.skipReason] : 'nothing to do'}`;
  }
}

function pushFacts(doc: Doc, outcome: Outcome, ctx: ReportContext): void {
  const facts: string[] = [];
  const label = TARGET_LABELS[outcome.target].one.replace(/^\w+ /, '');
  if (outcome.name) facts.push(`- **${label[0]!.toUpperCase()}${label.slice(1)}:** ${link(outcome.name, outcome.url)}`);
  if (outcome.gitBranch) facts.push(`- **Git branch:** ${escapeMarkdown(outcome.gitBranch)}`);
  const head = ctx.headSha ?? outcome.expectedSha;
  if (outcome.deployedSha) {
    let note = '';
    if (head) {
      note = sameCommit(outcome.deployedSha, head)
        ? ` (the ${ctx.prNumber ? 'pull request' : 'event'}'s head)`
        : ` ⚠️ not the ${ctx.prNumber ? 'pull request' : 'event'}'s head ${shortSha(head)}: the branch moved, or a newer run is still deploying`;
    }
    facts.push(`- **Deployed commit:** ${shortSha(outcome.deployedSha)}${note}`);
  }
  const event = `${eventName(ctx.eventName)}${ctx.prNumber ? ` on pull request #${ctx.prNumber}` : ''}`;
  facts.push(`- **Event:** ${event}`);
  if (ctx.decision) facts.push(`- **Decision:** ${escapeMarkdown(clip(ctx.decision, MAX_TEXT))}`);
  const failure = stepFailure(outcome, ctx.failOn);
  if (ctx.error) facts.push('- **Step:** fails (see the error above)');
  else facts.push(`- **Step:** ${failure ? `fails: ${failure}` : 'passes'}`);
  doc.push(...facts, '');
}

function pushCounts(doc: Doc, results: DeploymentResult[]): void {
  const counts = countByStatus(results);
  const statuses = Object.keys(counts);
  doc.push(
    `| ${statuses.map(statusCell).join(' | ')} |`,
    `|${statuses.map(() => '---:').join('|')}|`,
    `| ${statuses.map(s => String(counts[s])).join(' | ')} |`,
    '',
  );
  const ops: Record<string, number> = {};
  for (const r of results) ops[r.operation] = (ops[r.operation] ?? 0) + 1;
  const names: Record<string, string> = { create: 'created', update: 'updated', noop: 'unchanged', delete: 'deleted' };
  const parts = Object.entries(ops).map(([op, n]) => `${n} ${names[op] ?? escapeMarkdown(op)}`);
  doc.push(`${plural(results.length, 'result', 'results')}: ${parts.join(', ')}.`, '');
}

/** Failed, invalid and warning results first and unfolded; the rest folded. Returns rows left out. */
function pushResults(doc: Doc, results: DeploymentResult[]): { omitted: number; omittedProblems: number } {
  const problems = [
    ...results.filter(r => r.status === 'failed'),
    ...results.filter(r => r.status === 'invalid'),
    ...results.filter(r => r.status === 'warning'),
  ];
  const rest = results.filter(r => !isProblem(r));
  const omittedProblems = pushTable(
    doc,
    ['Node', 'Status', 'Type', 'Message'],
    problems,
    r => [
      escapeMarkdown(r.name),
      statusCell(r.status),
      `${escapeMarkdown(r.deploy_type)} ${escapeMarkdown(r.operation)}`,
      escapeMarkdown(clip(problemMessage(r.message), MAX_PROBLEM_MESSAGE)) || '—',
    ],
    [`#### Nodes that need attention (${problems.length})`, ''],
  );
  const omittedRest = pushTable(
    doc,
    ['Node', 'Status', 'Operation', 'Message'],
    rest,
    r => [escapeMarkdown(r.name), statusCell(r.status), escapeMarkdown(r.operation), escapeMarkdown(clip(r.message, MAX_OTHER_MESSAGE)) || '—'],
    [`<details><summary>${problems.length ? 'Other results' : 'Results'} (${rest.length})</summary>`, ''],
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
function pushBranches(doc: Doc, outcome: Outcome, ctx: ReportContext): number {
  const branches = outcome.branches ?? [];
  let omitted = 0;
  if (outcome.operation === 'pruned' || outcome.pruned) {
    const pruned = outcome.pruned ?? [];
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
    const failures = outcome.failures ?? [];
    if (failures.length) {
      doc.push(`#### ❌ Could not remove (${failures.length})`, '');
      omitted += pushTable(doc, ['Namespace / branch', 'Error'], failures, f => [escapeMarkdown(f.name), escapeMarkdown(clip(f.message, MAX_PROBLEM_MESSAGE))]);
    }
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow, [`<details><summary>All branches (${branches.length})</summary>`, ''], ['</details>', '']);
  } else {
    omitted += pushTable(doc, BRANCH_HEADER, branches, branchRow);
  }
  return omitted;
}

/**
 * The report of one run: title, facts, explanation or error, notes, counts, results (problems
 * first, the rest folded), list/prune tables, and a footer with the run link and the time.
 * Linear in the number of results; always under {@link MAX_REPORT_CHARS}.
 */
export function renderReport(outcome: Outcome, ctx: ReportContext): string {
  const doc = new Doc();
  const counts = countByStatus(outcome.results);
  const failing = Boolean(ctx.error) || stepFailure(outcome, ctx.failOn) !== undefined;
  const head = ctx.headSha ?? outcome.expectedSha;
  const shaMismatch = Boolean(outcome.deployedSha && head && !sameCommit(outcome.deployedSha, head));
  const attention = counts.failed + counts.invalid + counts.warning > 0 || shaMismatch;
  doc.push(headline(outcome, ctx, failing, attention), '');
  if (ctx.dryRun) doc.push('> 🧪 **Dry run:** nothing was changed; this shows what would happen.', '');
  if (ctx.error) doc.push(`> ❌ ${escapeMarkdown(clip(ctx.error, MAX_TEXT))}`, '');
  if (outcome.operation === 'skipped' && outcome.skipReason) doc.push(skipExplanation(outcome.skipReason, outcome, ctx), '');
  pushFacts(doc, outcome, ctx);

  if (outcome.operation === 'deleted') {
    const nodes = outcome.nodesDeleted === undefined ? '' : ` and its ${plural(outcome.nodesDeleted, 'node', 'nodes')}`;
    doc.push(`${ctx.dryRun ? 'Would delete' : 'Deleted'} ${link(outcome.name ?? '', outcome.url)}${nodes}.`, '');
  } else if (outcome.operation === 'absent') {
    doc.push(`${escapeMarkdown(outcome.name ?? 'The branch')} did not exist; nothing to delete.`, '');
  }
  // `*`, not `-`: a list right after the facts list would otherwise merge into it.
  for (const [i, note] of outcome.notes.entries()) {
    const line = `* ${escapeMarkdown(clip(note, MAX_TEXT))}`;
    if (!doc.fits(line.length)) {
      doc.push(`* … and ${outcome.notes.length - i} more notes (see the log)`);
      break;
    }
    doc.push(line);
  }
  if (outcome.notes.length) doc.push('');

  let omittedResults = 0;
  let omittedProblems = 0;
  if (outcome.results.length) {
    pushCounts(doc, outcome.results);
    ({ omitted: omittedResults, omittedProblems } = pushResults(doc, outcome.results));
  }
  const omittedBranches = outcome.branches || outcome.pruned ? pushBranches(doc, outcome, ctx) : 0;

  if (omittedResults) {
    const problems = omittedProblems ? ` (${omittedProblems} of them failed, invalid or warnings)` : '';
    doc.push(`⚠️ ${omittedResults} results not shown${problems}; the full list is in the \`results\` output.`, '');
  }
  if (omittedBranches) doc.push(`⚠️ ${omittedBranches} rows not shown; the full lists are in the \`branches\` and \`pruned\` outputs.`, '');

  const run = safeUrl(ctx.runUrl);
  const time = `${ctx.now.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  doc.push(FOOTER_MARK, `<sub>${run ? `[Workflow run](${run}) · ` : ''}${time} · dj-branch-sync</sub>`);
  return doc.toString();
}
