/**
 * The few pieces of the GitHub Actions runner protocol this action uses: inputs, outputs,
 * masks, log commands, groups and the job summary.
 *
 * Written here instead of importing `@actions/core` because loading that package alone costs
 * about 3x a bare Node start, and every push of every team pays for it (see README,
 * "Performance"). The protocol is documented and small; everything else in the action goes
 * through these functions, so tests can read exactly what a runner would.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import { neutralizeCommands, Redactor } from './log-safety.js';

type Env = NodeJS.ProcessEnv;

/** Properties of an annotation (`::error title=…::`). */
export interface AnnotationProperties {
  title?: string;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function issueCommand(command: string, message: string, props: AnnotationProperties = {}): void {
  const entries = Object.entries(props).filter(([, v]) => v !== undefined && v !== '');
  const propText = entries.length ? ' ' + entries.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',') : '';
  // Masks are the runner's job; redacting too keeps a secret out of logs that are not a runner's.
  const text = command === 'add-mask' ? message : redact(message);
  process.stdout.write(`::${command}${propText}::${escapeData(text)}${EOL}`);
}

/** The environment variable that carries input `name`, as the runner spells it (hyphens kept). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Reads one input, trimmed; '' when unset. */
export function getInput(name: string, env: Env = process.env): string {
  return (env[inputEnvName(name)] ?? '').trim();
}

/** Every value masked so far, for {@link redact}. */
const secrets = new Redactor();

/** Tells the runner to mask `secret` (each line of it) in every later log line. */
export function setSecret(secret: string | undefined): void {
  if (!secret) return;
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim()) {
      secrets.add(line);
      issueCommand('add-mask', line);
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

/** Sets a step output through the GITHUB_OUTPUT file (falls back to the log command locally). */
export function setOutput(name: string, value: string, env: Env = process.env): void {
  // Not redacted here: outputs are built from server text redacted at the source, and a
  // secret such as `1` must not turn a JSON output's numbers into `***`.
  const file = env.GITHUB_OUTPUT;
  if (file) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
  } else {
    issueCommand('set-output', value, { name } as AnnotationProperties);
  }
}

/** Appends Markdown to the job summary; silently does nothing outside a runner. */
export function appendSummary(markdown: string, env: Env = process.env): void {
  // Rendered from server text redacted at the source (see setOutput).
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + EOL, 'utf8');
}

/** A plain log line. */
export function info(message: string): void {
  // A line of someone else's text (a branch name, a server's message) must not become a
  // workflow command under the runner's rules (log-safety.ts).
  process.stdout.write(neutralizeCommands(redact(message)) + EOL);
}

/** A debug line, shown only when step debugging is on. */
export function debug(message: string): void {
  issueCommand('debug', message);
}

/** A notice annotation. */
export function notice(message: string, props?: AnnotationProperties): void {
  issueCommand('notice', message, props);
}

/** A warning annotation. */
export function warning(message: string, props?: AnnotationProperties): void {
  issueCommand('warning', message, props);
}

/** An error annotation (does not fail the step by itself). */
export function error(message: string, props?: AnnotationProperties): void {
  issueCommand('error', message, props);
}

/** Marks the step failed with one error line. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  process.stdout.write(`::group::${escapeData(neutralizeCommands(name))}${EOL}`);
  try {
    return await fn();
  } finally {
    process.stdout.write(`::endgroup::${EOL}`);
  }
}
