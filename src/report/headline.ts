/**
 * The verdict line (icon, the action's words, branch @ commit → namespace · link) and the small
 * facts about nodes and commits every sink shares: the comment and summary, the log line, the
 * check run's title.
 */
import { commitOf, countByStatus, type DeploymentResult, type Reported, type SkipReason, type TargetName } from '../targets/target.js';
import { stepVerdict, type Verdict } from '../verdict.js';
import { resultNoun } from './counts.js';
import type { ReportContext } from './doc.js';
import { clip, escapeMarkdown, plural, safeUrl } from './escape.js';

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

export const SKIP_TITLES: Record<SkipReason, string> = {
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

/** The message of a failed or invalid node without DJ's "Updated …" / "└─" change summary. */
export function problemMessage(message: string): string {
  const kept = message.split(/\r?\n/).filter(line => {
    const t = line.trim();
    return t && !t.startsWith('└─') && !/^Updated\b/.test(t);
  });
  return kept.length ? kept.join('\n') : message.trim();
}

export function isProblem(r: DeploymentResult): boolean {
  return r.status === 'failed' || r.status === 'invalid' || r.status === 'warning';
}

export function statusCell(status: string): string {
  const icon = STATUS_ICONS.get(status) ?? '❔';
  return `${icon} ${escapeMarkdown(status)}`;
}

export function isSha(sha: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(sha);
}

export function shortSha(sha: string): string {
  return isSha(sha) ? `\`${sha.slice(0, 7).toLowerCase()}\`` : escapeMarkdown(sha);
}

function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}

/** A branch name as code when it is plain (letters, digits, `._/-`), escaped text otherwise. */
export function branchText(branch: string): string {
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
export function shaMismatch(outcome: Reported, ctx: ReportContext): { deployed: string; head: string } | undefined {
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
export function headlineMarkdown(h: Headline, ctx: ReportContext): string {
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
