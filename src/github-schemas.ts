/**
 * The shapes of the GitHub REST answers the action reads, and the one check every such answer
 * passes before use (kept apart from the GitHub client so the client can change underneath).
 */
import * as v from 'valibot';
import { checkAnswer, name, problemText } from './schema.js';

/** An issue comment (only what the sticky comment reads). */
export const issueComment = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  body: v.nullish(v.string(), ''),
  html_url: name,
  user: v.nullish(v.object({ login: v.optional(v.string(), '') }), null),
  performed_via_github_app: v.nullish(v.object({ slug: v.optional(v.string()) }), null),
});

/** One entry of `GET /repos/{owner}/{repo}/branches`. */
export const branch = v.object({ name: name });

/** One entry of a comparison's `files` (only what the merge preview reads). */
export const compareFile = v.object({
  filename: name,
  status: name,
  previous_filename: v.optional(v.string()),
});

/** `GET /repos/{owner}/{repo}/compare/{base}...{head}` (only what the merge preview reads). */
export const comparison = v.object({
  // Left out by GitHub (or a proxy) means "not listed", never "no files": the caller cannot tell.
  files: v.nullish(v.array(compareFile)),
  /** Commits the base has that the head lacks (the review says so above its diffs). */
  behind_by: v.optional(v.number()),
});

/** `GET /user`. */
export const user = v.object({ login: name });

/** The answer as `schema` reads it, or an Error naming the request and the field. */
export function githubAnswer<T>(schema: v.GenericSchema<unknown, T>, data: unknown, where: string): T {
  const found = checkAnswer(schema, data);
  if (found.ok) return found.value;
  throw new Error(`GitHub answered ${where}, but its answer cannot be used: ${problemText(found.problem)}.`);
}
