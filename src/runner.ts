/**
 * The runner protocol through `@actions/core` (outputs, masks, annotations, groups, the job
 * summary, debug lines), plus what the action adds on top of it: text that came from a server,
 * a URL or a branch name is redacted (a server may echo a secret back) and neutralised (it must
 * never become a workflow command), and multi-line secrets are masked line by line, because the
 * runner masks a value only where it appears whole on one line.
 */
import * as core from '@actions/core';
import { neutralizeCommands, Redactor } from './log-safety.js';

/** Properties of an annotation: `title`, and where it points (`file`, `startLine`…). */
export type AnnotationProperties = core.AnnotationProperties;

/** Every value masked so far, for {@link redact}. */
const secrets = new Redactor();

/** Tells the runner to mask `secret` (each line of it) in every later log line. */
export function setSecret(secret: string | undefined): void {
  if (!secret) return;
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim() && !secrets.list().includes(line)) {
      secrets.add(line);
      core.setSecret(line);
    }
  }
}

/**
 * `text` with every masked value replaced by `***`. For text that came from a server, a URL
 * or an error only: applied to the action's own wording, keys or numbers, a secret that is an
 * ordinary word (`dj`, `1`) would corrupt them (see log-safety.ts).
 */
export function redact(text: string): string {
  return secrets.text(text);
}

/** {@link redact} applied to every string inside `value` (server answers, before rendering). */
export function redactAll<T>(value: T): T {
  return secrets.deep(value);
}

/** The run's redactor, for callers that redact only the server's part of a structure. */
export function redactor(): Redactor {
  return secrets;
}

/** Sets a step output (GITHUB_OUTPUT). */
export function setOutput(name: string, value: string): void {
  // Not redacted here: outputs are built from server text redacted at the source, and a
  // secret such as `1` must not turn a JSON output's numbers into `***`.
  core.setOutput(name, value);
}

/** Appends Markdown to the job summary; does nothing outside a runner. */
export async function appendSummary(markdown: string): Promise<void> {
  // Rendered from server text redacted at the source (see setOutput).
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, !markdown.endsWith('\n')).write();
}

/** A plain log line. */
export function info(message: string): void {
  // A line of someone else's text (a branch name, a server's message) must not become a
  // workflow command under the runner's rules (log-safety.ts).
  core.info(neutralizeCommands(redact(message)));
}

/** Whether step debugging is on (`ACTIONS_STEP_DEBUG`). */
export function isDebug(): boolean {
  return core.isDebug();
}

/**
 * Routes `process.emitWarning` (libraries print through it: the YAML parser quotes lines of a
 * pull request's file, undici notes experimental features) to one debug line each, redacted and
 * on a single line, instead of Node's printing to stderr, where the runner would read a quoted
 * `::error::` line as a command. Called once by the entry point.
 */
export function routeProcessWarnings(): void {
  process.emitWarning = ((warning: string | Error) => {
    debug(`A library warned: ${typeof warning === 'string' ? warning : `${warning.name}: ${warning.message}`}`);
  }) as typeof process.emitWarning;
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
  return core.group(neutralizeCommands(redact(name)), fn);
}
