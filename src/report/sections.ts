/**
 * The sections of the rendered report under the verdict line: alerts, the merge preview, the
 * node tables, the list/prune tables and the folded details. Each pushes onto a {@link Doc}
 * while it fits.
 */
import { branchesOf, commitOf, pruneOf, type DeploymentResult, type Reported, type SkipReason, type TargetBranch } from '../targets/target.js';
import { failsStep, type Verdict } from '../verdict.js';
import { renderImpact, renderImpactUnavailable } from './impact.js';
import { alert, MAX_OTHER_MESSAGE, MAX_PROBLEM_MESSAGE, MAX_TEXT, pushTable, type Doc, type ReportContext } from './doc.js';
import { clip, escapeMarkdown, eventName, safeUrl } from './escape.js';
import { isProblem, problemMessage, shaMismatch, shortNodeName, shortSha, statusCell } from './headline.js';

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

/** Failed, invalid and warning results first and unfolded; the rest folded. Returns rows left out. */
export function pushResults(doc: Doc, results: DeploymentResult[], namespace: string | undefined): { omitted: number; omittedProblems: number } {
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
export function pushBranches(doc: Doc, outcome: Reported, ctx: ReportContext): number {
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
export function pushAlerts(doc: Doc, outcome: Reported, ctx: ReportContext, verdict: Verdict): void {
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
export function pushImpact(doc: Doc, ctx: ReportContext): void {
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
export function pushDetails(doc: Doc, outcome: Reported, ctx: ReportContext, verdict: Verdict, notesShown: boolean): void {
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
