/**
 * The world the DJ e2e scenarios run in, on either backend, chosen by env DJ_BACKEND:
 *
 * - `emulator` (default): the DJ emulator, reading the same real git repository as the
 *   GitHub emulator (branches, heads and YAML come from git commits of the fixture project).
 * - `real`: a real datajunction-server started by scripts/dj-server.mjs (state file in env
 *   DJ_REAL_STATE), behind a recording proxy so that request logs read the same; the server
 *   reads the world's git repository through the shared GitHub emulator process.
 *
 * Each world gets a fresh git root namespace and its own repository (`t<id>.metrics` and
 * acme/t<id>; the emulator keeps `demo.metrics`). The action sees the same repository on its
 * own GitHub emulator (comments, branch look-ups), backed by the same git directory, so both
 * GitHubs always agree; the action acts only on the root's repository, so payloads written for
 * acme/dj-definitions are pointed at the world's repository by {@link DjWorld.run}. State is read back through
 * the DJ API on the real backend and from the emulator's store otherwise.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DJEmulator, type YamlNode } from '../emulators/dj.js';
import { GitHubEmulator } from '../emulators/github.js';
import { fixture, GitRepo } from '../emulators/git-repo.js';
import type { Emulator, RecordedRequest } from '../emulators/server.js';
import { runAction, type ActionRun } from './run-action.js';
import { djApi, type DJApi } from './dj-api.js';
import { RecordingProxy } from './recording-proxy.js';
import { repoDir, seedGitRoot } from './seed.js';

/** Which DJ the scenarios run against. */
export type Backend = 'emulator' | 'real';
export const BACKEND: Backend = process.env.DJ_BACKEND === 'real' ? 'real' : 'emulator';

/** Fixture projects (fixtures/dj-project/…); every one but `main` is laid over main. */
export type Variant = 'main' | 'v2' | 'broken' | 'unparsable';

/** The workflow token of the action's GitHub (comments by github-actions[bot]). */
export const GH_TOKEN = 'ghs_workflowtoken0123456789';

/** A namespace as read back from DJ. */
export interface NamespaceState {
  git_branch: string | null;
  parent_namespace: string | null;
  /** Node names relative to the namespace, sorted. */
  nodes: string[];
  /** Relative names of nodes whose status is invalid. */
  invalid: string[];
}

/** The three ways the action can authenticate, with working credentials. */
export interface Credentials {
  token: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/** The state file scripts/dj-server.mjs writes (the parts the world reads). */
interface ServerState {
  version: string;
  url: string;
  gitRoot: string;
  user: { username: string; password: string; token: string };
  serviceAccount: { client_id: string; client_secret: string };
}

export interface DjWorld {
  backend: Backend;
  /** Server version ("emulator" for the emulator). */
  version: string;
  /** The git root namespace of this world. */
  root: string;
  /** The world's repository, `owner/name` (the root's github_repo_path and the event's repository). */
  repo: string;
  /** The action's GitHub (the world's repository). */
  gh: GitHubEmulator;
  /** The world's repository. */
  git: GitRepo;
  credentials: Credentials;
  /** Runs the action; `inputs` go over the defaults (dj-url, namespace, dj-token, github-token). */
  run(eventName: string, payload: unknown, inputs?: Record<string, string>, env?: Record<string, string>): Promise<ActionRun>;
  /** DJ requests since the last reset, as "METHOD /path?query". */
  djLog(): string[];
  /** DJ requests since the last reset, bodies included. */
  djRequests(): RecordedRequest[];
  /** The DJ side for scripted faults (the emulator, or the proxy in front of the real server). */
  djFront: Emulator;
  ghLog(): string[];
  resetLogs(): void;
  /** Creates git branch `branch` from main with fixture `variant` laid over it; its head SHA. */
  branch(branch: string, variant?: Variant): string;
  /** A new commit on `branch` with fixture `variant` laid over its tree; the SHA. */
  commit(branch: string, variant: Variant): string;
  /** A namespace read back from DJ, or undefined when it does not exist. */
  namespace(ns: string): Promise<NamespaceState | undefined>;
  /** Git branches of the repository. */
  gitBranches(): string[];
  /** The DJ emulator; throws on the real backend (mark such tests emulator-only). */
  readonly dj: DJEmulator;
  stop(): Promise<void>;
}

/** Node names (relative) a fixture variant defines, sorted. */
export function variantNodes(variant: Variant): string[] {
  const files = variant === 'main' ? fixture('main') : { ...fixture('main'), ...fixture(variant) };
  return Object.values(files)
    .map(text => /^name:\s*\$\{prefix\}(\S+)/m.exec(text)?.[1])
    .filter((n): n is string => Boolean(n))
    .sort();
}

function serverState(): ServerState {
  const file = process.env.DJ_REAL_STATE;
  if (!file) throw new Error('DJ_BACKEND=real needs DJ_REAL_STATE (the state file of scripts/dj-server.mjs start)');
  return JSON.parse(readFileSync(file, 'utf8')) as ServerState;
}

/**
 * The definitions at a commit as the emulator deploys them, following what datajunction-server
 * 0.0.272 answered for the fixture project (docs/dj-compatibility.md): a node that reads a
 * node nobody defined is `invalid`; a dimension link to a missing node is a `failed` link result;
 * SQL that does not parse rejects the whole deployment.
 */
export function yamlAt(git: GitRepo, sha: string, gitPath = 'nodes/'): YamlNode[] {
  const paths = git
    .git(['ls-tree', '-r', '--name-only', sha, gitPath])
    .toString()
    .split('\n')
    .filter(p => p.endsWith('.yaml'));
  const docs = paths.map(p => git.git(['show', `${sha}:${p}`]).toString());
  const names = new Set(docs.map(d => /^name:\s*\$\{prefix\}(\S+)/m.exec(d)?.[1]).filter(Boolean));
  return docs.flatMap(doc => {
    const short = /^name:\s*\$\{prefix\}(\S+)/m.exec(doc)?.[1];
    if (!short) return [];
    const type = /^node_type:\s*(\S+)/m.exec(doc)?.[1] ?? 'metric';
    const query = /^query:\s*\|?\s*\n?([\s\S]*?)(?=^\S|$(?![\s\S]))/m.exec(doc)?.[1]?.trim() ?? '';
    const node: YamlNode = { name: `\${prefix}${short}`, type, query };
    if (/\(\s*\w+\s*-\s*\)/.test(query)) node.status = 'unparsable';
    const missing = [...query.matchAll(/\$\{prefix\}(\w+)/g)].map(m => m[1]!).find(n => !names.has(n));
    if (missing) {
      node.status = 'invalid';
      node.message = `[invalid] No columns could be inferred from the SQL query.; Table \`\${prefix}${missing}\` not found in parent columns map. Available: []`;
    }
    const links = [...doc.matchAll(/dimension_node:\s*\$\{prefix\}(\S+)/g)].map(m => m[1]!);
    if (links.length) node.links = links.map(l => `\${prefix}${l}`);
    return [node];
  });
}

/** Starts a world on {@link BACKEND}. */
export async function startDjWorld(): Promise<DjWorld> {
  const gitBase = mkdtempSync(join(tmpdir(), 'djbs-world-'));
  const id = `t${randomBytes(3).toString('hex')}`;
  let git: GitRepo;
  let root: string;
  let djFront: Emulator;
  let credentials: Credentials;
  let djUrl: string;
  let version = 'emulator';
  let emulator: DJEmulator | undefined;
  let read: (ns: string) => Promise<NamespaceState | undefined>;

  if (BACKEND === 'real') {
    const state = serverState();
    version = state.version;
    root = `${id}.metrics`;
    const seeded = await seedGitRoot({ djUrl: state.url, token: state.user.token, gitRoot: state.gitRoot, root, owner: 'acme', repo: id });
    git = new GitRepo(seeded.gitDir);
    const proxy = new RecordingProxy(state.url);
    await proxy.start();
    djFront = proxy;
    djUrl = proxy.url;
    credentials = {
      token: state.user.token,
      clientId: state.serviceAccount.client_id,
      clientSecret: state.serviceAccount.client_secret,
      username: state.user.username,
      password: state.user.password,
    };
    read = readThroughApi(djApi(state.url, state.user.token));
  } else {
    root = 'demo.metrics';
    git = GitRepo.init(repoDir(gitBase, 'acme', id));
    const sha = git.commitFiles('main', fixture('main'), { message: 'Shop model', replace: true });
    const dj = new DJEmulator();
    dj.useGit(git, head => yamlAt(git, head));
    const defs = yamlAt(git, sha);
    dj.seedRoot(root, { repo: `acme/${id}`, defaultBranch: 'main', nodes: defs.map(n => ({ name: n.name.replace('${prefix}', ''), type: n.type, query: n.query })) });
    credentials = { token: 'dj-secret-token-0123456789', clientId: 'dj-branch-sync-ci', clientSecret: 'sa-secret-0123456789', username: 'ci', password: 'pw-0123456789' };
    dj.addToken(credentials.token, 'ci');
    dj.addServiceAccount(credentials.clientId, credentials.clientSecret);
    dj.addUser(credentials.username, credentials.password);
    await dj.start();
    emulator = dj;
    djFront = dj;
    djUrl = dj.url;
    read = async ns => {
      const row = dj.namespace(ns);
      if (!row) return undefined;
      const nodes = [...row.nodes.values()];
      return {
        git_branch: row.git_branch,
        parent_namespace: row.parent_namespace,
        nodes: nodes.map(n => n.name).sort(),
        invalid: nodes
          .filter(n => n.status === 'invalid')
          .map(n => n.name)
          .sort(),
      };
    };
  }

  const gh = new GitHubEmulator({ owner: 'acme', repo: id, git: (owner, repo) => (owner === 'acme' && repo === id ? git : undefined) });
  const repoFull = `acme/${id}`;
  /** A payload written for acme/dj-definitions, pointed at this world's repository. */
  const retarget = (payload: unknown): unknown =>
    JSON.parse(
      JSON.stringify(payload)
        .replaceAll('"acme/dj-definitions"', JSON.stringify(repoFull))
        .replaceAll('"name":"dj-definitions"', JSON.stringify('name') + ':' + JSON.stringify(id)),
    );
  gh.addToken(GH_TOKEN, { kind: 'workflow' });
  await gh.start();

  const overlay = (variant: Variant) => (variant === 'main' ? fixture('main') : fixture(variant));
  const world: DjWorld = {
    backend: BACKEND,
    version,
    root,
    repo: repoFull,
    gh,
    git,
    credentials,
    djFront,
    run: (eventName, payload, inputs = {}, env = {}) =>
      runAction({
        eventName,
        payload: retarget(payload),
        inputs: { 'dj-url': djUrl, namespace: root, 'dj-token': credentials.token, 'github-token': GH_TOKEN, ...inputs },
        env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: repoFull, ...env },
        timeoutMs: 120_000,
      }),
    djLog: () => djFront.log(),
    djRequests: () => [...djFront.requests],
    ghLog: () => gh.log(),
    resetLogs: () => {
      djFront.resetLog();
      gh.resetLog();
    },
    branch: (branch, variant = 'main') => {
      if (git.head(branch)) throw new Error(`git branch ${branch} exists already`);
      if (variant === 'main') {
        const main = git.head('main')!;
        git.createBranch(branch, main);
        return main;
      }
      return git.commitFiles(branch, overlay(variant), { from: 'main', message: `${branch}: ${variant}` });
    },
    commit: (branch, variant) => git.commitFiles(branch, overlay(variant), { message: `${branch}: ${variant}` }),
    namespace: ns => read(ns),
    gitBranches: () => git.branches(),
    get dj(): DJEmulator {
      if (!emulator) throw new Error('this scenario needs the DJ emulator: keep it out of the real-server suite');
      return emulator;
    },
    stop: async () => {
      await Promise.all([djFront.stop(), gh.stop()]);
      rmSync(gitBase, { recursive: true, force: true });
    },
  };
  return world;
}

/** Reads a namespace back through the DJ API: its git config and its nodes. */
function readThroughApi(api: DJApi): (ns: string) => Promise<NamespaceState | undefined> {
  return async ns => {
    const config = await api.raw('GET', `/namespaces/${encodeURIComponent(ns)}/git`);
    if (config.status === 404) return undefined;
    if (config.status !== 200) throw new Error(`GET /namespaces/${ns}/git: HTTP ${config.status} ${JSON.stringify(config.body)}`);
    const nodes = (await api.json('GET', `/namespaces/${encodeURIComponent(ns)}/`)) as { name: string; status: string }[];
    const own = nodes.filter(n => n.name.startsWith(`${ns}.`));
    const rel = (n: { name: string }) => n.name.slice(ns.length + 1);
    const body = config.body as { git_branch: string | null; parent_namespace: string | null };
    return {
      git_branch: body.git_branch,
      parent_namespace: body.parent_namespace,
      nodes: own.map(rel).sort(),
      invalid: own
        .filter(n => n.status === 'invalid')
        .map(rel)
        .sort(),
    };
  };
}
