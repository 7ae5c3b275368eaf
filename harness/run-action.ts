/**
 * Runs the built action (dist/index.js) the way a GitHub runner does: INPUT_* variables with
 * hyphens kept, action.yml's input defaults applied for every input the step does not set (as
 * a runner applies them, `${{ github.token }}` included), an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * GITHUB_API_URL pointing at a local emulator. Asynchronous, so emulators in the same process
 * keep answering.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** Repository root (build/harness → ../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundle under test. */
export const DIST = join(ROOT, 'dist', 'index.js');

/** action.yml's inputs and their defaults (undefined: the input has none). */
export function actionInputs(): Record<string, string | undefined> {
  const doc = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  return Object.fromEntries(
    Object.entries(doc.inputs ?? {}).map(([name, spec]) => [name, spec?.default === undefined || spec.default === null ? undefined : String(spec.default)]),
  );
}

/**
 * A default as the runner evaluates it: `${{ github.token }}` is the job's token; any other
 * expression fails here, so a new one is noticed and modelled rather than passed on literally.
 */
function evaluateDefault(name: string, value: string, env: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.token') return env.GITHUB_TOKEN ?? '';
    throw new Error(`action.yml: the default of input '${name}' uses \${{ ${expr} }}, which the test harness does not model`);
  });
}

/** What one run of the action produced. */
export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error::` messages (decoded). */
  errors: string[];
  warnings: string[];
  notices: string[];
  /** Values the action asked the runner to mask. */
  masks: string[];
}

/** How to run it. */
export interface RunOptions {
  /** Input names as in action.yml (kebab-case); values as strings. */
  inputs: Record<string, string>;
  eventName: string;
  payload: unknown;
  /** Extra environment (GITHUB_API_URL, GITHUB_REPOSITORY…). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

function decode(value: string): string {
  return value.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Parses a GITHUB_OUTPUT file (heredoc form). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
    out[name!] = value.join('\n');
  }
  return out;
}

/** A runner's files and environment for one run: event payload, outputs, summary, inputs with action.yml's defaults. */
function prepareRun(opts: RunOptions): { dir: string; env: Record<string, string>; outputPath: string; summaryPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'djbs-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'dj',
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: dir,
    DJ_BRANCH_SYNC_BACKOFF_MS: '20',
    ...(opts.env ?? {}),
  };
  for (const [k, v] of Object.entries(actionInputs())) if (v !== undefined) env[`INPUT_${k.toUpperCase()}`] = evaluateDefault(k, v, env);
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return { dir, env, outputPath, summaryPath };
}

/** What the runner sees after a run: outputs, summary and the workflow commands of stdout. */
function collect(dir: string, outputPath: string, summaryPath: string, exitCode: number, stdout: string, stderr: string): ActionRun {
  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'));
  const summary = readFileSync(summaryPath, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const grab = (cmd: string) =>
    stdout
      .split('\n')
      .map(l => new RegExp(`^::${cmd}(?: [^:]*)?::(.*)$`).exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(m => decode(m[1]!));
  return { exitCode, stdout, stderr, outputs, summary, errors: grab('error'), warnings: grab('warning'), notices: grab('notice'), masks: grab('add-mask') };
}

/**
 * Runs `run()` of the source in this process, with the same runner files and environment as
 * {@link runAction}: fast tests of the run's path, as the toolkit's template action has them.
 * It swaps `process.env` and `process.stdout.write` while it runs, so runs in one test file
 * must not overlap (no test.concurrent).
 */
export async function runInProcess(opts: RunOptions): Promise<ActionRun> {
  // One after the other: jest's ES module loader fails on two concurrent imports of one graph.
  const { run } = await import('../src/main.js');
  const core = await import('@actions/core');
  // @actions/core keeps the summary file's path from its first use in the process; each run
  // here has its own file, as each job step has. (A private field: this harness only.)
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
  const { dir, env, outputPath, summaryPath } = prepareRun(opts);
  const savedEnv = process.env;
  const savedWrite = process.stdout.write;
  const savedExitCode = process.exitCode;
  let stdout = '';
  process.env = env;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let exitCode: number;
  try {
    await run(env);
  } finally {
    exitCode = Number(process.exitCode ?? 0);
    process.stdout.write = savedWrite;
    process.env = savedEnv;
    process.exitCode = savedExitCode;
  }
  return collect(dir, outputPath, summaryPath, exitCode, stdout, '');
}

/** Runs dist/index.js once and collects everything a runner would see. */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const { dir, env, outputPath, summaryPath } = prepareRun(opts);
  const child = spawn(process.execPath, [DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', d => (stdout += d));
  child.stderr.on('data', d => (stderr += d));
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`action did not finish within ${opts.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('close', code => {
      clearTimeout(timer);
      resolvePromise(code ?? -1);
    });
  });
  return collect(dir, outputPath, summaryPath, exitCode, stdout, stderr);
}
