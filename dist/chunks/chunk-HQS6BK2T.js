import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  getDotPath,
  integer,
  minLength,
  minValue,
  nullish,
  number,
  pipe,
  safeParse,
  string
} from "./chunk-V3S35252.js";

// src/schema.ts
function checkAnswer(schema, data) {
  let result;
  try {
    result = safeParse(schema, data);
  } catch (err) {
    return { ok: false, problem: { field: "", problem: `the answer could not be read (${err instanceof Error ? err.message : String(err)})` } };
  }
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  return { ok: false, problem: { field: getDotPath(issue) ?? "", problem: describeIssue(issue, data) } };
}
function describeIssue(issue, data) {
  if (!issue.path?.length && (data === "" || data === void 0)) return "the answer is empty";
  if (issue.input === void 0 && issue.path?.length) return "it is missing";
  const expected = issue.kind === "validation" ? issue.expected ?? issue.type : issue.expected;
  return `expected ${expected ?? issue.type}, got ${kindOf(issue.input)}`;
}
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value === "") return "an empty string";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}
function problemText(problem) {
  return problem.field ? `field '${problem.field}': ${problem.problem}` : problem.problem;
}
var count = pipe(number(), integer(), minValue(0));
var nullableString = nullish(string(), null);
var stringOrEmpty = nullish(string(), "");
var name = pipe(string(), minLength(1));
function safeJson(value, max = 500) {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > max ? `${text.slice(0, max)}\u2026` : text;
  } catch {
    return "(an answer too deeply nested to show)";
  }
}
function parseTimestamp(value) {
  if (!value) return void 0;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? void 0 : ms;
}

export {
  checkAnswer,
  problemText,
  count,
  nullableString,
  stringOrEmpty,
  name,
  safeJson,
  parseTimestamp
};
