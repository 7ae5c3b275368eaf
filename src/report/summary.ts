/**
 * The job summary: the same report as the sticky comment, so the two can never disagree.
 * Written on every run (skips included), and it works where comments cannot (fork PRs).
 */
import type { Outcome } from '../targets/target.js';
import { renderReport, type ReportContext } from './markdown.js';

/** The Markdown main appends to `GITHUB_STEP_SUMMARY`: exactly {@link renderReport}'s output. */
export function summaryFor(outcome: Outcome, ctx: ReportContext): string {
  return renderReport(outcome, ctx);
}
