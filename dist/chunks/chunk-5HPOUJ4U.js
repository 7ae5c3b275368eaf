import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  checkAnswer,
  name,
  problemText
} from "./chunk-HQS6BK2T.js";
import {
  array,
  integer,
  minValue,
  nullish,
  number,
  object,
  optional,
  pipe,
  string
} from "./chunk-V3S35252.js";

// src/github-schemas.ts
var issueComment = object({
  id: pipe(number(), integer(), minValue(1)),
  body: nullish(string(), ""),
  html_url: name,
  user: nullish(object({ login: optional(string(), "") }), null),
  performed_via_github_app: nullish(object({ slug: optional(string()) }), null)
});
var branch = object({ name });
var compareFile = object({
  filename: name,
  status: name,
  previous_filename: optional(string())
});
var comparison = object({
  // Left out by GitHub (or a proxy) means "not listed", never "no files": the caller cannot tell.
  files: nullish(array(compareFile)),
  /** Commits the base has that the head lacks (the review says so above its diffs). */
  behind_by: optional(number())
});
var user = object({ login: name });
function githubAnswer(schema, data, where) {
  const found = checkAnswer(schema, data);
  if (found.ok) return found.value;
  throw new Error(`GitHub answered ${where}, but its answer cannot be used: ${problemText(found.problem)}.`);
}

export {
  issueComment,
  branch,
  comparison,
  githubAnswer
};
