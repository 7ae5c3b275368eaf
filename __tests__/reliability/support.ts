/**
 * Shared pieces of the reliability suite: the figures each test counts as it runs (printed by
 * scripts/run-tests.mjs at the end), a bounded pool for running many worlds at once, and the
 * assertions every fault and secret check repeats.
 */
import { afterAll } from '@jest/globals';
import { appendFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import type { ActionRun } from '../../harness/run-action.js';

const counts: Record<string, number> = {};

/**
 * Adds `n` to the figure `name`. The totals of this test file are appended as one JSON line to
 * the file named by env RELIABILITY_FIGURES when the file's tests are done, so the figures are
 * exactly what the tests counted while running.
 */
export function count(name: string, n = 1): void {
  counts[name] = (counts[name] ?? 0) + n;
}

// jest gives every test file its own copy of this module, so this runs once per file.
afterAll(() => {
  const file = process.env.RELIABILITY_FIGURES;
  if (file && Object.keys(counts).length) appendFileSync(file, JSON.stringify({ pid: process.pid, counts }) + '\n');
});

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Everything a run showed people or other steps: log, errors, outputs and summary. */
export function everythingShown(r: ActionRun): string {
  return [r.stdout, r.stderr, r.summary, ...Object.values(r.outputs)].join('\n');
}

/** A run's stdout and stderr with each `::add-mask::` line and the text after it. */
function firstUnmasked(stdout: string, secret: string): number {
  const maskLine = stdout.indexOf(`::add-mask::${secret}`);
  const first = stdout.indexOf(secret);
  // The mask line itself is the first appearance when the secret is masked in time.
  return maskLine !== -1 && maskLine + '::add-mask::'.length === first ? -1 : first;
}

/**
 * Where `secret` leaks in `r`: printed to stdout before its `::add-mask::` (or never masked),
 * or present at all in stderr, the summary, the outputs or the given extra texts (comments),
 * none of which the runner masks. Returns the places, [] when none.
 */
export function leaksOf(r: ActionRun, secret: string, extra: Record<string, string> = {}): string[] {
  const places: string[] = [];
  // Markdown shows `a\_b` as `a_b`: a secret is looked for in the source and as rendered.
  const inMarkdown = (text: string) => text.includes(secret) || unescapeMarkdown(text).includes(secret);
  if (firstUnmasked(r.stdout, secret) !== -1) places.push('stdout before ::add-mask::');
  if (r.stderr.includes(secret)) places.push('stderr');
  if (inMarkdown(r.summary)) places.push('summary');
  for (const [name, value] of Object.entries(r.outputs)) if (value.includes(secret)) places.push(`output ${name}`);
  for (const e of r.errors) if (e.includes(secret)) places.push('::error:: line');
  for (const [name, text] of Object.entries(extra)) if (inMarkdown(text)) places.push(name);
  return places;
}

/** Markdown source as the reader sees its characters: backslash escapes, entities and zero-width joiners gone. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|~$<>])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200D/g, '');
}

/** The run failed with exactly one `::error::` line, no stack trace, and returns that line. */
export function oneClearError(r: ActionRun): string {
  assert.equal(r.exitCode, 1, `exit code\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.errors.length, 1, `one ::error:: line\n${r.stdout}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `no stack trace on stderr\n${r.stderr}`);
  return r.errors[0]!;
}
