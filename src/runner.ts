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
const secrets = new Set<string>();

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

/** Sets a step output through the GITHUB_OUTPUT file (falls back to the log command locally). */
export function setOutput(name: string, rawValue: string, env: Env = process.env): void {
  const value = redact(rawValue);
  const file = env.GITHUB_OUTPUT;
  if (file) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
  } else {
    issueCommand('set-output', value, { name } as AnnotationProperties);
  }
}

/** Appends Markdown to the job summary; silently does nothing outside a runner. */
export function appendSummary(rawMarkdown: string, env: Env = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  const markdown = redact(rawMarkdown);
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + EOL, 'utf8');
}

/** A plain log line. */
export function info(message: string): void {
  // A line of someone else's text (a branch name, a server's message) must not become a
  // workflow command: `::` at the start of any line is broken with a zero-width space.
  process.stdout.write(redact(message).replace(/(^|\n)([ \t]*)::/g, '$1$2:\u200B:') + EOL);
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
  process.stdout.write(`::group::${escapeData(name)}${EOL}`);
  try {
    return await fn();
  } finally {
    process.stdout.write(`::endgroup::${EOL}`);
  }
}
