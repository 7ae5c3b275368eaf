/**
 * Every answer a server gives is checked against a schema (valibot) before anything reads it:
 * a missing, null or wrongly typed field, an empty body where data belongs, a count that is
 * not a number become one sentence naming the request and the field, never a TypeError later
 * and never a decision taken from an answer that says nothing. Object schemas keep only the
 * fields they name, so unknown keys (`__proto__`, `constructor`, deeply nested extras) never
 * travel further into the action.
 */
import * as v from 'valibot';

/** Why an answer could not be used: the first field that is wrong, and what it should be. */
export interface AnswerProblem {
  /** Dotted path of the field (`results.3.status`), '' for the answer as a whole. */
  field: string;
  /** What was expected and what came, in words. */
  problem: string;
}

/** The parsed answer, or the problem with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: AnswerProblem };

/** Checks `data` against `schema`; never throws. */
export function checkAnswer<T>(schema: v.GenericSchema<unknown, T>, data: unknown): Checked<T> {
  let result: v.SafeParseResult<v.GenericSchema<unknown, T>>;
  try {
    result = v.safeParse(schema, data);
  } catch (err) {
    // A schema never throws on data; a stack overflow on absurd nesting is the one way it could.
    return { ok: false, problem: { field: '', problem: `the answer could not be read (${err instanceof Error ? err.message : String(err)})` } };
  }
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  return { ok: false, problem: { field: v.getDotPath(issue) ?? '', problem: describeIssue(issue, data) } };
}

/** "expected string, got null" for one valibot issue. */
function describeIssue(issue: v.BaseIssue<unknown>, data: unknown): string {
  if (!issue.path?.length && (data === '' || data === undefined)) return 'the answer is empty';
  if (issue.input === undefined && issue.path?.length) return 'it is missing';
  const expected = issue.kind === 'validation' ? (issue.expected ?? issue.type) : issue.expected;
  return `expected ${expected ?? issue.type}, got ${kindOf(issue.input)}`;
}

/** A short, safe description of a JSON value's kind (never the value itself: it may be large). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value === '') return 'an empty string';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** `field` of `problem` as one phrase: "field results.3.status: expected string, got null". */
export function problemText(problem: AnswerProblem): string {
  return problem.field ? `field '${problem.field}': ${problem.problem}` : problem.problem;
}

/** A count: a whole number, at least 0. */
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A string, or null / missing read as null. */
export const nullableString = v.nullish(v.string(), null);

/** A string, with null / missing read as ''. */
export const stringOrEmpty = v.nullish(v.string(), '');

/** A non-empty string. */
export const name = v.pipe(v.string(), v.minLength(1));

/**
 * JSON of `value` for a message, cut at `max` characters; never throws (deeply nested values
 * overflow JSON.stringify's stack, cycles cannot come from JSON but are caught too).
 */
export function safeJson(value: unknown, max = 500): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > max ? `${text.slice(0, max)}…` : text;
  } catch {
    return '(an answer too deeply nested to show)';
  }
}

/**
 * A server's timestamp as milliseconds, or undefined when there is none or it is not a date.
 * ISO 8601 with or without an offset: DJ stores UTC, and on SQLite it drops the offset, so a
 * bare timestamp is read as UTC rather than in the runner's time zone.
 */
export function parseTimestamp(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
