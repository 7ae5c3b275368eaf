/**
 * The merge preview's place in a run (SPEC §10): started as soon as the target is loaded, beside
 * the branch deployment (it reads the pull request's files from GitHub and the base namespace
 * from DJ, never the branch namespace), awaited before the comment and the summary render.
 * Never rejects and never fails the step: a preview that cannot be made is a note and one
 * warning.
 */
import type { Plan } from './plan.js';
import type { ImpactReport } from './report/impact.js';
import type { RunContext } from './run-context.js';
import * as runner from './runner.js';
import type { BranchTarget } from './targets/target.js';
import { PreviewUnavailable } from './targets/dj/impact.js';

/** The preview of this run, when it has one. */
export interface StartedPreview {
  /** Resolves to the preview or why there is none; never rejects. */
  report: Promise<ImpactReport>;
  /** GitHub's compare `behind_by` (commits the base has that the head lacks), once the preview saw it. */
  behindBy?: number;
}

/** Pull-request actions that deploy the branch (SPEC §4), and the keep or accept label's (SPEC §13; plan.ts makes an `ensure` only for those labels): they get a preview. */
const PREVIEW_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'labeled', 'unlabeled']);

/**
 * Starts the merge preview when this run has one: a pull request opened, synchronized, reopened
 * or ready for review, target `dj` with `impact: true`, not a dry run (DJ records each impact
 * analysis as a deployment), with a GitHub token to read the pull request's files. Otherwise
 * undefined, and the report says nothing about a preview.
 */
export function startPreview(target: BranchTarget, run: RunContext, plan: Plan): StartedPreview | undefined {
  const { settings, event, github } = run;
  if (!target.preview || settings.target !== 'dj' || !settings.dj?.impact || settings.dryRun || !settings.githubToken) return undefined;
  if (event.kind !== 'pull_request' || !PREVIEW_ACTIONS.has(event.action) || plan.kind !== 'ensure' || !event.repo || !event.sha) return undefined;
  const { owner, name: repo } = event.repo;
  const base = event.baseSha || event.baseBranch;
  if (!base) return undefined;
  const preview = target.preview.bind(target);
  const started: { behindBy?: number } = {};
  const report = preview({
    base,
    head: event.sha,
    ...(event.baseBranch ? { baseBranch: event.baseBranch } : {}),
    changedFiles: async (from, to) => {
      const { files, complete, behindBy } = await (await github()).compareFiles(owner, repo, from, to);
      started.behindBy = behindBy;
      if (!complete) {
        throw new PreviewUnavailable(
          `the pull request changes ${files.length} files or more, and GitHub's comparison lists at most ${files.length}, so a preview would miss changes`,
        );
      }
      return files;
    },
    readFile: async (ref, path) => (await github()).fileAt(owner, repo, ref, path),
  }).catch((err: unknown) => ({ unavailable: err instanceof Error ? err.message : String(err) }));
  return Object.assign(started, { report });
}

/**
 * The preview for the report, once it is there: server text redacted, and one warning when
 * there is no preview (the note in the comment and the summary says the same).
 */
export async function previewReport(started: StartedPreview | undefined): Promise<ImpactReport | undefined> {
  if (!started) return undefined;
  const report = runner.redactAll(await started.report);
  if ('unavailable' in report) runner.warning(`No merge preview: ${report.unavailable}`);
  return report;
}
