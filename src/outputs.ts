/**
 * The step outputs of SPEC §3 from an outcome, within GitHub's limit (SPEC §11: at most 1 MB
 * of outputs per job, all together): `results` and `branches` are cut, with a note, when
 * everything would not fit, and written whole to `results-file` in the runner's temporary
 * directory. Pure except for {@link writeResultsFile}.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { branchesOf, commitOf, countByStatus, pruneOf, type Reported } from './targets/target.js';
import type { ImpactSummary } from './targets/dj/impact.js';

/** GitHub's limit for all outputs of a job together, in bytes. */
export const OUTPUT_LIMIT = 1_000_000;

/**
 * Bytes kept free for what is set later or around the values: the comment outputs, other
 * steps' small outputs of the same job, names and the file's delimiters.
 */
export const OUTPUT_RESERVE = 16_000;

/** The outputs to set, what the notes should say, and the whole lists for the file. */
export interface PlannedOutputs {
  values: Record<string, string>;
  /** Sentences for the summary when something was cut. */
  notes: string[];
  /** The JSON for `results-file` (results and branches whole), or undefined when there are none. */
  file?: string;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The longest prefix of `items` whose JSON fits in `budget` bytes (binary search over the
 * prefix length; each item's JSON is measured once).
 */
export function fitList(items: readonly unknown[], budget: number): { json: string; kept: number } {
  const sizes = items.map(item => bytes(JSON.stringify(item) ?? 'null'));
  let total = 2; // []
  let kept = 0;
  for (const size of sizes) {
    const next = total + size + (kept ? 1 : 0);
    if (next > budget) break;
    total = next;
    kept++;
  }
  return { json: JSON.stringify(items.slice(0, kept)), kept };
}

/**
 * Every output of SPEC §3 for `outcome`. `limit` is the bytes all of them may use; `filePath`
 * is where `results-file` will be (undefined: no temporary directory, so no file).
 */
export function planOutputs(outcome: Reported, filePath: string | undefined, limit = OUTPUT_LIMIT - OUTPUT_RESERVE, impact?: ImpactSummary): PlannedOutputs {
  const results = outcome.results;
  const branches = (branchesOf(outcome) ?? []).map(b => b.raw);
  const values: Record<string, string> = {
    operation: outcome.operation,
    'skip-reason': outcome.operation === 'skipped' ? outcome.skipReason : '',
    namespace: outcome.name ?? '',
    'git-branch': outcome.gitBranch ?? '',
    'deployed-sha': commitOf(outcome).deployedSha ?? '',
    counts: JSON.stringify(countByStatus(results)),
    pruned: JSON.stringify(pruneOf(outcome)?.pruned ?? []),
    'results-file': '',
    impact: '',
  };
  const notes: string[] = [];
  if (impact) {
    // The merge preview takes at most a quarter of the budget; its downstream list is cut first.
    const json = impactJson(impact, Math.floor(limit / 4));
    values.impact = json.text;
    notes.push(...json.notes);
  }
  const hasLists = results.length > 0 || branches.length > 0;
  const file = hasLists ? JSON.stringify({ results, branches }) : undefined;
  if (file !== undefined && filePath) values['results-file'] = filePath;

  let resultsJson = JSON.stringify(results);
  let branchesJson = JSON.stringify(branches);
  const fixed = Object.entries(values).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0) + bytes('results') + bytes('branches');
  if (fixed + bytes(resultsJson) + bytes(branchesJson) > limit) {
    // Both lists share what is left, each at least its fair half when both are long.
    const left = Math.max(0, limit - fixed);
    const half = Math.floor(left / 2);
    const rBytes = bytes(resultsJson);
    const bBytes = bytes(branchesJson);
    const rBudget = bBytes <= half ? left - bBytes : rBytes <= half ? rBytes : half;
    const bBudget = left - Math.min(rBudget, rBytes);
    const where = values['results-file'] ? ` The whole lists are in the file named by output 'results-file' (${values['results-file']}).` : '';
    if (rBytes > rBudget) {
      const cut = fitList(results, rBudget);
      resultsJson = cut.json;
      notes.push(`Output 'results' holds the first ${cut.kept} of ${results.length} results: GitHub keeps at most 1 MB of outputs per job.${where}`);
    }
    if (bBytes > bBudget) {
      const cut = fitList(branches, bBudget);
      branchesJson = cut.json;
      notes.push(`Output 'branches' holds the first ${cut.kept} of ${branches.length} branches: GitHub keeps at most 1 MB of outputs per job.${where}`);
    }
  }
  values.results = resultsJson;
  values.branches = branchesJson;
  return { values, notes, ...(file !== undefined ? { file } : {}) };
}

/**
 * The `impact` output's JSON within `budget` bytes. Lists are cut in the order a reader misses
 * them least: the review's values (SPEC §10.1), the downstream nodes, then the refused changes (`failed`, whose messages can be
 * long), then the names of deleted, updated and created nodes; each cut is a note.
 */
export function impactJson(impact: ImpactSummary, budget: number): { text: string; notes: string[] } {
  const notes: string[] = [];
  let current: ImpactSummary = impact;
  const fits = (s: ImpactSummary) => bytes(JSON.stringify(s)) <= budget;
  if (fits(current)) return { text: JSON.stringify(current), notes };
  const why = 'GitHub keeps at most 1 MB of outputs per job; the summary has the preview';
  type Cut = { label: string; get: (s: ImpactSummary) => readonly unknown[]; set: (s: ImpactSummary, items: never[]) => ImpactSummary };
  const cuts: Cut[] = [
    { label: "review's values", get: s => s.values ?? [], set: (s, v) => ({ ...s, values: v }) },
    { label: 'downstream nodes', get: s => s.downstream, set: (s, d) => ({ ...s, downstream: d }) },
    { label: 'refused changes (failed)', get: s => s.failed, set: (s, f) => ({ ...s, failed: f }) },
    { label: 'deleted nodes', get: s => s.changes.deleted, set: (s, d) => ({ ...s, changes: { ...s.changes, deleted: d } }) },
    { label: 'updated nodes', get: s => s.changes.updated, set: (s, u) => ({ ...s, changes: { ...s.changes, updated: u } }) },
    { label: 'created nodes', get: s => s.changes.created, set: (s, c) => ({ ...s, changes: { ...s.changes, created: c } }) },
  ];
  for (const cut of cuts) {
    if (fits(current)) break;
    const items = cut.get(current);
    const rest = bytes(JSON.stringify(cut.set(current, [])));
    const kept = fitList(items, Math.max(0, budget - rest)).kept;
    current = cut.set(current, items.slice(0, kept) as never[]);
    notes.push(`Output 'impact' holds the first ${kept} of ${items.length} ${cut.label}: ${why}.`);
  }
  return { text: JSON.stringify(current), notes };
}

/**
 * Where `results-file` goes for this run: a name unique to the run and step in the runner's
 * temporary directory (RUNNER_TEMP), or undefined outside a runner.
 */
export function resultsFilePath(env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.RUNNER_TEMP;
  if (!dir) return undefined;
  const id = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_ACTION].filter(Boolean).join('-') || String(process.pid);
  return join(dir, `dj-branch-sync-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

/** Writes the whole lists; a failure to write is a note, never a failed run. */
export function writeResultsFile(path: string, content: string): string | undefined {
  try {
    writeFileSync(path, content, 'utf8');
    return undefined;
  } catch (err) {
    return `The results file ${path} could not be written (${err instanceof Error ? err.message : String(err)}).`;
  }
}

/** Plans the outputs, writes the file, and returns what to set and note (the one call main makes). */
export function outputsFor(outcome: Reported, env: NodeJS.ProcessEnv, impact?: ImpactSummary): PlannedOutputs {
  const path = resultsFilePath(env);
  const planned = planOutputs(outcome, path, undefined, impact);
  if (planned.file !== undefined && path) {
    const failed = writeResultsFile(path, planned.file);
    if (failed) {
      planned.values['results-file'] = '';
      planned.notes.push(failed);
    }
  }
  return planned;
}
