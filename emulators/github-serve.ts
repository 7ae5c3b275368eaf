/**
 * The GitHub emulator as a process of its own: the GitHub a real DJ server is started with
 * (scripts/dj-server.mjs), shared by every test process of the real-server suite. Each
 * repository `owner/repo` is the bare git repository `<git-root>/<owner>/<repo>.git` if it
 * exists; tests create them with {@link GitRepo}. Any route DJ's server is not known to call
 * answers 501. Every request is appended to `--log` as one JSON line.
 *
 *   node build/emulators/github-serve.js --git-root DIR --token TOKEN [--log FILE]
 *
 * Prints `listening <url>` once it accepts connections.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitHubEmulator } from './github.js';
import { GitRepo } from './git-repo.js';
import type { RecordedRequest, Reply } from './server.js';

const { values } = parseArgs({ options: { 'git-root': { type: 'string' }, token: { type: 'string' }, log: { type: 'string' } } });
const gitRoot = values['git-root'];
const token = values.token;
if (!gitRoot || !token) {
  console.error('usage: github-serve --git-root DIR --token TOKEN [--log FILE]');
  process.exit(2);
}

/** The repository directory for `owner/repo`; names are checked so no path leaves the root. */
function repoDir(owner: string, repo: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(owner) || !/^[A-Za-z0-9_.-]+$/.test(repo) || owner.startsWith('.') || repo.startsWith('.')) return undefined;
  const dir = join(gitRoot!, owner, `${repo}.git`);
  return existsSync(dir) ? dir : undefined;
}

class SharedGitHub extends GitHubEmulator {
  protected override handle(req: RecordedRequest): Reply {
    const reply = super.handle(req);
    if (values.log) {
      appendFileSync(values.log, JSON.stringify({ method: req.method, path: req.rawPath, query: req.query.toString(), status: reply.status }) + '\n');
    }
    this.requests.length = 0; // the log file is the record; a long suite must not grow memory
    return reply;
  }
}

const gh = new SharedGitHub({
  owner: 'none',
  repo: 'none',
  strict: true,
  git: (owner, repo) => {
    const dir = repoDir(owner, repo);
    return dir ? new GitRepo(dir) : undefined;
  },
});
gh.addToken(token, { kind: 'pat', login: 'dj-server' });
const url = await gh.start();
console.log(`listening ${url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void gh.stop().then(() => process.exit(0)));
