/**
 * The one way results are counted for people: each result lands in exactly one DJ word
 * (created, updated, unchanged, deleted, failed, invalid, skipped), so the parts of every
 * counts line add up to the number of results. The `counts` output (by raw status) is
 * {@link countByStatus}; this is its reading.
 */
import type { DeploymentResult } from '../targets/target.js';

/** The words, in the order a reader wants them: what changed, then what needs attention. */
export const TALLY_WORDS = ['created', 'updated', 'unchanged', 'deleted', 'failed', 'invalid', 'skipped'] as const;

// A Map: an operation named `constructor` or `toString` by a server is no word of ours.
const OPERATION_WORDS = new Map<string, string>([
  ['create', 'created'],
  ['update', 'updated'],
  ['noop', 'unchanged'],
  ['delete', 'deleted'],
]);

/** The word one result counts under. A failed or invalid status wins over the operation. */
export function tallyWord(r: DeploymentResult): string {
  if (r.status === 'failed' || r.status === 'invalid') return r.status;
  // DJ reports an unchanged node as status `skipped`, operation `noop` ("Unchanged").
  if (r.status === 'skipped') return r.operation === 'noop' ? 'unchanged' : 'skipped';
  return OPERATION_WORDS.get(r.operation) ?? 'other';
}

/** Counts by word, zero counts left out, in {@link TALLY_WORDS} order (then `other`). */
export function tally(results: readonly DeploymentResult[]): [word: string, n: number][] {
  const counts = new Map<string, number>();
  for (const r of results) {
    const w = tallyWord(r);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...TALLY_WORDS, 'other'].filter(w => counts.has(w)).map(w => [w, counts.get(w)!]);
}

/** "node"/"nodes" when every result is a node, "result"/"results" otherwise. */
export function resultNoun(results: readonly DeploymentResult[], n: number): string {
  const nodes = results.every(r => r.deploy_type === 'node');
  return nodes ? (n === 1 ? 'node' : 'nodes') : n === 1 ? 'result' : 'results';
}

/** "12 nodes: 8 updated, 1 unchanged, 2 failed, 1 invalid" (just "0 nodes" when empty). */
export function countsPhrase(results: readonly DeploymentResult[]): string {
  const head = `${results.length} ${resultNoun(results, results.length)}`;
  const parts = tally(results).map(([w, n]) => `${n} ${w}`);
  return parts.length ? `${head}: ${parts.join(', ')}` : head;
}
