/**
 * Whether the step passes: the one function the report, the log and the exit code all ask.
 * `fail-on` decides which node statuses fail it; a prune deletion that failed always does.
 */
import type { FailOn } from './settings.js';
import { countByStatus, pruneOf, type Reported } from './targets/target.js';
import { newlyInvalid, type ImpactSummary } from './targets/dj/impact.js';

/** The step's verdict for an outcome. */
export type Verdict =
  | { fails: false }
  | {
      fails: true;
      /** Short reason for the report: "2 failed nodes (`fail-on: failed`)". */
      reason: string;
      /** The one `setFailed` line: what failed and what to do. */
      line: string;
    };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(names: string[]): string {
  return names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
}

/** Whether one node result fails the step under `failOn` (the per-node rule of the verdict). */
export function failsStep(status: string, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return status === 'failed' || (failOn !== 'failed' && status === 'invalid');
}

/**
 * The verdict of `outcome` under `failOn`. `fail-on: impact` fails what `invalid` fails, and
 * also when the merge preview (`impact`, when there was one) says merging would make a
 * downstream node invalid.
 */
export function stepVerdict(outcome: Reported, failOn: FailOn, impact?: ImpactSummary): Verdict {
  const failures = pruneOf(outcome)?.failures ?? [];
  if (failures.length) {
    const reason = `${plural(failures.length, 'branch', 'branches')} could not be removed`;
    const shown = failures
      .slice(0, 5)
      .map(f => `${f.name} (${f.message})`)
      .join('; ');
    return { fails: true, reason, line: `Prune: ${reason}: ${shown}${failures.length > 5 ? '; …' : ''}. The others were handled; see the summary.` };
  }
  if (failOn === 'never') return { fails: false };
  const counts = countByStatus(outcome.results);
  const failed = counts.failed;
  const invalid = failsStep('invalid', failOn) ? counts.invalid : 0;
  // A pull request carrying the accept label (SPEC §10.1) merges past `fail-on: impact`.
  const breaking = failOn === 'impact' && impact && !impact.accepted ? newlyInvalid(impact) : [];
  if (!failed && !invalid && !breaking.length) return { fails: false };
  if (!failed && !invalid) {
    const reason = `merging would make ${plural(breaking.length, 'downstream node', 'downstream nodes')} invalid (\`fail-on: impact\`)`;
    const line = `Merge preview into ${impact!.base}: ${reason}: ${list(breaking.map(d => d.name))}. The summary says why for each; fix the pull request or the nodes that depend on it.`;
    return { fails: true, reason, line };
  }
  const parts = [failed ? `${failed} failed` : '', invalid ? `${invalid} invalid` : ''].filter(Boolean);
  const failing = outcome.results.filter(r => failsStep(r.status, failOn));
  // DJ fails dimension links as results of their own (deploy_type "link"): name what failed.
  const kinds = new Set(failing.map(r => r.deploy_type));
  const noun = kinds.size === 1 && kinds.has('link') ? 'link' : kinds.size > 1 ? 'result' : 'node';
  const reason = `${parts.join(' and ')} ${failed + invalid === 1 ? noun : `${noun}s`} (\`fail-on: ${failOn}\`)`;
  const bad = failing.map(r => r.name);
  const also = breaking.length ? `; merging would also make ${plural(breaking.length, 'downstream node', 'downstream nodes')} invalid` : '';
  const line = `Deployment to ${outcome.name ?? 'the namespace'}: ${reason} of ${outcome.results.length}: ${list(bad)}${also}. Each node's message is in its annotation and the summary; fix the YAML and push again.`;
  return { fails: true, reason: `${reason}${also}`, line };
}
