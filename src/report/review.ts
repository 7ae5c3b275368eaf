/**
 * The review of SPEC §10.1 in the comment and the summary, pure: the accepted-impact note, the
 * SQL diffs (one folded ```diff block per metric whose SQL changes), the value table, who was
 * asked to review (names, never mentions), and notes. Rendered within a character budget:
 * values are cut first, then diffs, each cut said honestly. Server text is escaped; SQL sits in
 * code blocks whose fence is longer than any backtick run inside.
 */
import { escapeMarkdown } from './markdown.js';
import type { Review, SqlReview, ValueReview } from '../targets/dj/review.js';

/** The hidden marker that remembers who was asked (GitHub drops reviewers once they review). */
export const REVIEWERS_MARK = 'dj-branch-sync-reviewers:';

/** The marker line for `reviewers` (logins and org/team names only; anything else is dropped). */
export function reviewersMarker(reviewers: string[]): string {
  const safe = reviewers.filter(r => /^[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/.test(r));
  return `<!-- ${REVIEWERS_MARK} ${safe.join(',')} -->`;
}

/** The reviewers an earlier comment remembers. */
export function reviewersIn(body: string | undefined): string[] {
  const m = new RegExp(`<!-- ${REVIEWERS_MARK} ([^>]*?) -->`).exec(body ?? '');
  return m ? m[1]!.split(',').filter(r => /^[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/.test(r)) : [];
}

/** A fenced code block that no content can close early. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function sqlBlock(s: SqlReview, maxChars: number): string {
  const name = escapeMarkdown(s.metric);
  const clip = (t: string) => (t.length > maxChars ? `${t.slice(0, maxChars)}\n… (cut)` : t);
  if (s.change === 'removed') return `- **${name}**: removed by this pull request.`;
  if (s.change === 'unknown') return `- **${name}**: ${escapeMarkdown(s.note ?? 'not compared')}`;
  const what = s.change === 'added' ? 'new metric' : 'SQL changes';
  const body =
    s.change === 'added'
      ? (s.diff ?? '')
          .trimEnd()
          .split('\n')
          .map(l => `+${l}`)
          .join('\n')
      : (s.diff ?? '');
  return [`<details><summary>${name}: ${what}</summary>`, '', fenced('diff', clip(body)), '', '</details>'].join('\n');
}

const fmt = (n: unknown): string => {
  if (n === null || n === undefined) return '—';
  if (typeof n === 'number') return Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, '');
  return escapeMarkdown(String(n).slice(0, 100));
};

function valueTable(values: ValueReview[], dimensions: string[], maxRows: number): string[] {
  const dims = dimensions.map(d => escapeMarkdown(d));
  const head = ['metric', ...dims, 'base', 'branch', 'change', 'relative'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const notes: string[] = [];
  let shown = 0;
  for (const v of values) {
    if (v.note) {
      notes.push(`- ${escapeMarkdown(v.metric)}: ${escapeMarkdown(v.note.slice(0, 500))}`);
      continue;
    }
    for (const r of v.rows) {
      if (shown++ >= maxRows) break;
      const rel = r.relative === null ? '—' : `${r.relative >= 0 ? '+' : ''}${(r.relative * 100).toFixed(1)}%`;
      const delta = r.delta === null ? '—' : `${r.delta >= 0 ? '+' : ''}${fmt(r.delta)}`;
      lines.push(`| ${escapeMarkdown(v.metric)} | ${[...r.key.map(k => escapeMarkdown(k.slice(0, 100))), fmt(r.base), fmt(r.branch), delta, rel].join(' | ')} |`);
    }
    if (v.more) notes.push(`- ${escapeMarkdown(v.metric)}: ${v.more} more rows (\`values-rows\`)`);
  }
  const total = values.reduce((n, v) => n + v.rows.length, 0);
  if (shown > maxRows) notes.push(`- ${total - maxRows} rows not shown here (the \`impact\` output has them)`);
  return [...(lines.length > 2 ? lines : []), ...(notes.length ? ['', ...notes] : [])];
}

/** The review section, within `budget` characters (values cut first, then the diffs). */
export function renderReview(review: Review, budget = 20_000): string {
  for (const [diffChars, valueRows, diffs] of [
    [4000, 200, Infinity],
    [1500, 50, Infinity],
    [600, 10, 20],
    [300, 0, 5],
    [0, 0, 0],
  ] as const) {
    const text = renderAt(review, diffChars, valueRows, diffs);
    if (text.length <= budget) return text;
  }
  return renderAt(review, 0, 0, 0).slice(0, budget);
}

function renderAt(review: Review, diffChars: number, valueRows: number, maxDiffs: number): string {
  const out: string[] = [];
  if (review.accepted) {
    out.push(
      '> [!NOTE]',
      `> The impact was accepted with the label ${escapeMarkdown(review.accepted)}: \`fail-on: impact\` does not fail this pull request. What merging would break is still listed.`,
      '',
    );
  }
  const listed = review.sql.filter(s => s.change !== 'unchanged');
  if (review.sql.length) {
    out.push(
      `**SQL review**: ${listed.length ? `${listed.length} of ${review.sql.length} metrics change` : `the SQL of ${review.sql.length === 1 ? 'the 1 metric' : `all ${review.sql.length} metrics`} reviewed stays the same`}.`,
    );
    if (review.behindBy > 0) {
      out.push(
        '',
        `> [!WARNING]`,
        `> The base branch has ${review.behindBy} commit${review.behindBy === 1 ? '' : 's'} this pull request lacks, so the branch namespace also differs by what the base gained; merge or rebase to see only this change.`,
      );
    }
    const shown = listed.slice(0, maxDiffs);
    if (shown.length) out.push('', ...shown.map(s => sqlBlock(s, diffChars)));
    if (listed.length > shown.length) out.push('', `…and ${listed.length - shown.length} more metrics whose SQL changes (the \`impact\` output names them).`);
    out.push('');
  }
  if (review.values) {
    out.push('**Values** (base → branch)', '', ...valueTable(review.values, review.dimensions, valueRows), '');
  }
  if (review.reviewers.length) out.push(`Reviews requested from: ${review.reviewers.map(r => escapeMarkdown(r)).join(', ')}.`, '');
  for (const n of review.notes) out.push(`- ${escapeMarkdown(n.slice(0, 1000))}`);
  if (review.notes.length) out.push('');
  out.push(reviewersMarker(review.reviewers));
  return out.join('\n').trim();
}
