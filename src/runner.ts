/**
 * The runner protocol through `@actions/core` (outputs, masks, annotations, groups, the job
 * summary, debug lines), plus what the action adds on top of it: text that came from a server,
 * a URL or a branch name is redacted (a server may echo a secret back) and neutralised (it must
 * never become a workflow command), and multi-line secrets are masked line by line, because the
 * runner masks a value only where it appears whole on one line.
 */
import * as core from '@actions/core';

/** Properties of an annotation: `title`, and where it points (`file`, `startLine`…). */
export type AnnotationProperties = core.AnnotationProperties;

/** Every value masked so far, for {@link redact}. */
const secrets = new Set<string>();

/** Tells the runner to mask `secret` (each line of it) in every later log line. */
export function setSecret(secret: string | undefined): void {
  if (!secret) return;
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim() && !secrets.has(line)) {
      secrets.add(line);
      core.setSecret(line);
    }
  }
}

/**
 * `text` with every masked value replaced by `***`. The runner masks log lines only; outputs,
 * the job summary and text sent elsewhere (the pull-request comment) are redacted here, so a
 * server that echoes a token back cannot publish it.
 */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  return out;
}

/**
 * {@link redact} applied to every string inside `value` (an outcome, before it is rendered as
 * Markdown: rendering escapes characters, so a secret is found reliably only before it).
 */
export function redactAll<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactAll) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)])) as T;
  }
  return value;
}

/**
 * A line of someone else's text (a branch name, a server's message) made safe for the log:
 * `::` at the start of any line is broken with a zero-width space so it cannot become a
 * workflow command.
 */
export function neutralise(text: string): string {
  return text.replace(/(^|\n)([ \t]*)::/g, '$1$2:\u200B:');
}

/** Sets a step output (GITHUB_OUTPUT), redacted. */
export function setOutput(name: string, rawValue: string): void {
  core.setOutput(name, redact(rawValue));
}

/** Appends Markdown to the job summary, redacted; does nothing outside a runner. */
export async function appendSummary(rawMarkdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const markdown = redact(rawMarkdown);
  await core.summary.addRaw(markdown, !markdown.endsWith('\n')).write();
}

/** A plain log line. */
export function info(message: string): void {
  core.info(neutralise(redact(message)));
}

/** Whether step debugging is on (`ACTIONS_STEP_DEBUG`). */
export function isDebug(): boolean {
  return core.isDebug();
}

/** A debug line, shown only when step debugging is on. */
export function debug(message: string): void {
  core.debug(redact(message));
}

/** A notice annotation. */
export function notice(message: string, props?: AnnotationProperties): void {
  core.notice(redact(message), props);
}

/** A warning annotation. */
export function warning(message: string, props?: AnnotationProperties): void {
  core.warning(redact(message), props);
}

/** An error annotation (does not fail the step by itself). */
export function error(message: string, props?: AnnotationProperties): void {
  core.error(redact(message), props);
}

/** Marks the step failed with one error line. */
export function setFailed(message: string, props?: AnnotationProperties): void {
  process.exitCode = core.ExitCode.Failure;
  error(message, props);
}

/** Runs `fn` inside a collapsible log group (its name neutralised: it may hold a branch name). */
export function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(redact(name), fn);
}
