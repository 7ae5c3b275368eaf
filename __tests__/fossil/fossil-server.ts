/**
 * A real Fossil server for tests (reference/fossil-api.md §12): a fresh repository in a temp
 * directory with an admin, a bot (`oi`) and a read-only user (`o`), served on 127.0.0.1 and
 * stopped by PID. `cli` reads and changes the same repository through the fossil command,
 * so tests check the server's state through a channel other than the code under test.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A repository account. */
export interface FossilAccount {
  user: string;
  password: string;
}

/** A running server. */
export interface FossilServer {
  /** `http://127.0.0.1:<port>`: the exact origin Fossil compares the Referer with. */
  url: string;
  port: number;
  repo: string;
  admin: FossilAccount;
  /** Capabilities `oi`: read and check in. */
  bot: FossilAccount;
  /** Capabilities `o`: read only. */
  reader: FossilAccount;
  /** Runs `fossil ARGS -R repo` and returns stdout (the repository file, not the server). */
  cli(args: string[]): Promise<string>;
  /** Branch names in `range`, read through the fossil command. */
  branches(range: 'open' | 'closed' | 'all'): Promise<string[]>;
  /** Number of artifacts in the repository: any write adds at least one. */
  artifactCount(): Promise<number>;
  stop(): Promise<void>;
}

const FOSSIL = 'fossil';

/**
 * Why the Fossil suites cannot run here, or false when they can. Without a usable `fossil`
 * (with the JSON API) this throws when env CI is set, so a CI run never passes by skipping,
 * and otherwise prints a loud warning and returns the reason for node:test's `skip`.
 */
export function fossilSkipReason(): string | false {
  // Outside a repository this answers with an error envelope, which still proves the JSON API.
  const probe = spawnSync(FOSSIL, ['json', 'version'], { encoding: 'utf8', cwd: tmpdir() });
  let reason: string | undefined;
  if (probe.error) reason = `the 'fossil' command is not available (${probe.error.message}); install it (apt-get install fossil)`;
  else if (!probe.stdout.includes('"fossil"')) reason = `this fossil has no JSON API (\`fossil json version\`: ${(probe.stdout + probe.stderr).trim().slice(0, 200)})`;
  if (reason === undefined) return false;
  if (process.env.CI) throw new Error(`Fossil tests cannot run: ${reason}. CI is set, so this is a failure, not a skip.`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!! WARNING: Fossil tests SKIPPED: ${reason}.\n${'!'.repeat(78)}\n\n`);
  return `Fossil tests skipped: ${reason}`;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(FOSSIL, args, { env, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`fossil ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `fossil server` on a free port; resolves once `/json/version` answers. */
async function serve(repo: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(FOSSIL, ['server', '--localhost', '--port', String(port), repo], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', d => (output += d));
    child.stderr!.on('data', d => (output += d));
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + 10_000;
    while (!gone && Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/json/version`);
        const body = (await res.json()) as { payload?: { jsonApiVersion?: string } };
        if (!body.payload?.jsonApiVersion) throw new Error(`this fossil has no JSON API: ${JSON.stringify(body)}`);
        return { child, port };
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('this fossil')) {
          child.kill();
          throw err;
        }
        await new Promise(r => setTimeout(r, 50));
      }
    }
    if (!gone) child.kill();
    // Another process may have taken the port between the probe and fossil's bind.
    if (attempt >= 3) throw new Error(`fossil server did not start: ${output.trim()}`);
  }
}

/** Creates a fresh repository and serves it. */
export async function startFossilServer(): Promise<FossilServer> {
  const dir = mkdtempSync(join(tmpdir(), 'djbs-fossil-'));
  const repo = join(dir, 'repo.fossil');
  // init also makes users anonymous, nobody, developer and reader: the names above avoid them.
  // FOSSIL_HOME keeps fossil's global config database out of the user's home.
  const env = { ...process.env, FOSSIL_HOME: dir, USER: 'admin' };
  const secret = () => randomBytes(9).toString('hex');
  const admin = { user: 'admin', password: `admin-${secret()}` };
  const bot = { user: 'bot', password: `bot-${secret()}` };
  const reader = { user: 'viewer', password: `viewer-${secret()}` };
  let served: Awaited<ReturnType<typeof serve>>;
  try {
    await run(['init', '--admin-user', admin.user, repo], env);
    await run(['user', 'password', admin.user, admin.password, '-R', repo], env);
    for (const [account, caps] of [
      [bot, 'oi'],
      [reader, 'o'],
    ] as const) {
      await run(['user', 'new', account.user, `${account.user}@example.com`, account.password, '-R', repo], env);
      await run(['user', 'capabilities', account.user, caps, '-R', repo], env);
    }
    served = await serve(repo, env);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const { child, port } = served;
  const cli = (args: string[]) => run([...args, '-R', repo], env);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    repo,
    admin,
    bot,
    reader,
    cli,
    async branches(range) {
      const out = JSON.parse(await cli(['json', 'branch', 'list', '--range', range])) as { payload?: { branches?: string[] } };
      if (!out.payload?.branches) throw new Error(`fossil json branch list: ${JSON.stringify(out)}`);
      return out.payload.branches;
    },
    async artifactCount() {
      return Number((await cli(['sql', 'SELECT count(*) FROM blob'])).trim());
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
