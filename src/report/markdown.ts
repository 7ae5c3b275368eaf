/**
 * Pure rendering of an {@link Outcome} as GitHub Markdown: the one text the sticky comment and
 * the job summary both show. Every string that comes from a server, a branch name or an event
 * goes through {@link escapeMarkdown}; the body stays under {@link MAX_REPORT_CHARS} by cutting
 * whole table rows and saying how many were left out.
 */
import { branchesOf, type Reported } from '../targets/target.js';
import { buildReport, type Report } from './model.js';
import { Doc, MAX_TEXT, type ReportContext } from './doc.js';
import { clip, escapeMarkdown, FOOTER_MARK, safeUrl } from './escape.js';
import { headlineMarkdown } from './headline.js';
import { pushAlerts, pushBranches, pushDetails, pushImpact, pushResults } from './sections.js';

// The report's pieces live in their own modules; their names stay importable from here.
export { MAX_REPORT_CHARS, type ReportContext } from './doc.js';
export { digestMarker, escapeMarkdown, safeUrl, stickyMarker } from './escape.js';
export { buildReport, type Report, type ReportNode } from './model.js';
export { headlineOf, headlinePlain, problemMessage, shortNodeName, type Headline } from './headline.js';

/**
 * The report of one run: the verdict line first, then alerts, one line of counts, failures
 * (the rest folded), list/prune tables, details folded, and a footer with the run link and the
 * time. Linear in the number of results; always under {@link MAX_REPORT_CHARS}.
 */
export function renderReport(outcome: Reported, ctx: ReportContext): string {
  return renderMarkdown(buildReport(outcome, ctx));
}

/** The comment and job summary's sink: the report model as Markdown. */
export function renderMarkdown(report: Report): string {
  const { outcome, ctx, verdict } = report;
  const doc = new Doc();
  doc.push(headlineMarkdown(report.headline, ctx), '');
  pushImpact(doc, ctx);
  // The last command and who gave it, as a name (escaped, never a mention).
  if (ctx.command) doc.push(`Last command: **${escapeMarkdown(ctx.command.text)}** by ${escapeMarkdown(ctx.command.by)}`, '');
  pushAlerts(doc, outcome, ctx, verdict);
  if (ctx.outputNotes?.length) doc.push('> [!NOTE]', ...ctx.outputNotes.map(n => `> ${escapeMarkdown(clip(n, MAX_TEXT))}`), '');

  let omittedResults = 0;
  let omittedProblems = 0;
  if (outcome.results.length) {
    doc.push(`**${escapeMarkdown(report.counts)}**`, '');
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
