/**
 * The local world an e2e test (and the demo and benchmark) runs the action in: a DJ emulator
 * with the root `demo.metrics` (repo acme/dj-definitions, default branch main), a GitHub
 * emulator for the same repository, and `run()` that executes dist/index.js against both.
 */
import { DJEmulator, type YamlNode } from '../emulators/dj.js';
import { GitHubEmulator } from '../emulators/github.js';
import { runAction, runInProcess, type ActionRun, type RunOptions } from './run-action.js';

/** Root namespace every test uses. */
export const ROOT = 'demo.metrics';
/** Repository every test uses. */
export const REPO = 'acme/dj-definitions';
/** DJ token the emulator accepts. */
export const DJ_TOKEN = 'dj-secret-token-0123456789';
/** The workflow token (comments by github-actions[bot]). */
export const GH_TOKEN = 'ghs_workflowtoken0123456789';

/** The YAML of main: four nodes. */
export const MAIN_YAML: YamlNode[] = [
  { name: '${prefix}orders', type: 'source', query: 'orders' },
  { name: '${prefix}customers', type: 'dimension', query: 'customers' },
  { name: '${prefix}revenue', type: 'metric', query: 'SUM(amount)' },
  { name: '${prefix}aov', type: 'metric', query: 'AVG(amount)' },
];

/** Emulators plus a runner bound to them. */
export interface World {
  dj: DJEmulator;
  gh: GitHubEmulator;
  /** Runs the action; `inputs` are merged over the defaults (dj-url, namespace, tokens). */
  run(eventName: string, payload: unknown, inputs?: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>;
  /** The same run, of the source's `run()` in this process (fast; runs must not overlap). */
  runHere(eventName: string, payload: unknown, inputs?: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>;
  /** DJ requests since the last reset, as "METHOD /path?query". */
  djLog(): string[];
  /** GitHub requests since the last reset. */
  ghLog(): string[];
  resetLogs(): void;
  stop(): Promise<void>;
}

/** Starts both emulators with the standard root, main and its nodes. */
export async function startWorld(): Promise<World> {
  const dj = new DJEmulator();
  const gh = new GitHubEmulator({ owner: 'acme', repo: 'dj-definitions' });
  dj.seedRoot(ROOT, { repo: REPO, defaultBranch: 'main', nodes: MAIN_YAML.map(n => ({ name: n.name.replace('${prefix}', ''), type: n.type, query: n.query })) });
  dj.setYaml('main', MAIN_YAML);
  dj.addToken(DJ_TOKEN);
  gh.addToken(GH_TOKEN, { kind: 'workflow' });
  gh.addBranches(['main']);
  await Promise.all([dj.start(), gh.start()]);
  const options = (eventName: string, payload: unknown, inputs: Record<string, string>, env: Record<string, string>): RunOptions => ({
    eventName,
    payload,
    inputs: { 'dj-url': dj.url, namespace: ROOT, 'dj-token': DJ_TOKEN, 'github-token': GH_TOKEN, ...inputs },
    env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: REPO, ...env },
  });
  const world: World = {
    dj,
    gh,
    run: (eventName, payload, inputs = {}, env = {}) => runAction(options(eventName, payload, inputs, env)),
    runHere: (eventName, payload, inputs = {}, env = {}) => runInProcess(options(eventName, payload, inputs, env)),
    djLog: () => dj.log(),
    ghLog: () => gh.log(),
    resetLogs: () => {
      dj.resetLog();
      gh.resetLog();
    },
    stop: async () => {
      await Promise.all([dj.stop(), gh.stop()]);
    },
  };
  return world;
}

/** Adds a git branch to both sides (GitHub has it; DJ's server can see it) with YAML. */
export function pushBranch(world: World, branch: string, yaml: YamlNode[] = MAIN_YAML, sha?: string): void {
  world.dj.addGitBranch(branch);
  world.dj.setYaml(branch, yaml);
  if (sha) world.dj.setHead(branch, sha);
  world.gh.addBranches([branch]);
}
