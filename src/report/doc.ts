/**
 * What a rendered report is made of: the run's context, the size budget, and the document that
 * keeps count of its length so every section can ask whether it still fits.
 */
import type { FailOn } from '../settings.js';
import type { ImpactReport } from './impact.js';

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
export const TAIL_RESERVE = 1_500;
/** Longest message of a failed or invalid node shown in full. */
export const MAX_PROBLEM_MESSAGE = 1_000;
/** Longest message of any other row (folded, rarely read). */
export const MAX_OTHER_MESSAGE = 200;
/** Longest free text (notes, error, decision). */
export const MAX_TEXT = 4_000;

/** A GitHub alert block (`> [!NOTE]`); `body` is Markdown already escaped, one paragraph. */
export function alert(kind: 'NOTE' | 'TIP' | 'WARNING' | 'CAUTION', body: string): string[] {
  return [`> [!${kind}]`, ...body.split('\n').map(l => `> ${l}`), ''];
}

/** A Markdown document built from lines, with a running length so budgets stay linear. */
export class Doc {
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
export function pushTable<T>(doc: Doc, header: string[], items: readonly T[], row: (item: T) => string[], opener?: string[], closer?: string[]): number {
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
