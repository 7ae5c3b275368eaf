/**
 * A real git repository on disk, driven by the `git` CLI, that the GitHub emulator serves:
 * branches, refs, commits and `git archive` tarballs with real SHAs. Commits are written with
 * plumbing (a temporary index, `commit-tree`, `update-ref`) into a bare repository, so no
 * working tree is ever checked out and two processes can read it at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed DJ fixture projects (fixtures/dj-project in the repository). */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'dj-project');

/** Author of every fixture commit: what sync-from-git records as the deployment's author. */
export const AUTHOR = { name: 'Alice Smith', email: 'alice@example.com' };

/** One commit as GitHub's commits API describes it (what the emulator needs). */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

/** Files of a directory, recursively, as repository paths → contents. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  (function walk(d: string) {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  })(dir);
  return files;
}

/** The files of fixture project `name` (a directory under fixtures/dj-project). */
export function fixture(name: string): Record<string, string> {
  return readTree(join(FIXTURES, name));
}

/** A bare git repository. */
export class GitRepo {
  constructor(readonly dir: string) {}

  /** Creates an empty bare repository at `dir` (parents included). */
  static init(dir: string): GitRepo {
    mkdirSync(dir, { recursive: true });
    execFileSync('git', ['init', '-q', '--bare', dir], { stdio: 'ignore' });
    return new GitRepo(dir);
  }

  /** Runs git in this repository; stdout as a Buffer. */
  git(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Buffer {
    return execFileSync('git', ['--git-dir', this.dir, ...args], {
      input: options.input,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: AUTHOR.name,
        GIT_AUTHOR_EMAIL: AUTHOR.email,
        GIT_COMMITTER_NAME: AUTHOR.name,
        GIT_COMMITTER_EMAIL: AUTHOR.email,
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  }

  private text(args: string[]): string {
    return this.git(args).toString('utf8').trim();
  }

  /** Branch names, sorted. */
  branches(): string[] {
    const out = this.text(['for-each-ref', '--format=%(refname)', 'refs/heads/']);
    return out
      ? out
          .split('\n')
          .map(r => r.slice('refs/heads/'.length))
          .sort()
      : [];
  }

  /** The commit `ref` (a branch, or a full or abbreviated SHA) points at, or undefined. */
  resolve(ref: string): string | undefined {
    if (!ref || ref.startsWith('-')) return undefined;
    for (const candidate of [`refs/heads/${ref}`, ref]) {
      try {
        return this.text(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]) || undefined;
      } catch {
        /* try the next spelling */
      }
    }
    return undefined;
  }

  /** Head of branch `name` (refs/heads only), or undefined. */
  head(name: string): string | undefined {
    try {
      return this.text(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`]) || undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether object `sha` is a commit in this repository. */
  hasCommit(sha: string): boolean {
    return /^[0-9a-f]{40}$/.test(sha) && this.resolve(sha) === sha;
  }

  /** A commit's metadata. */
  commit(sha: string): CommitInfo {
    const raw = this.text(['show', '-s', '--format=%H%n%T%n%P%n%an%n%ae%n%aI%n%cn%n%ce%n%cI%n%B', sha]);
    const [h, tree, parents, an, ae, ad, cn, ce, cd, ...message] = raw.split('\n');
    return {
      sha: h!,
      tree: tree!,
      parents: parents ? parents.split(' ') : [],
      author: { name: an!, email: ae!, date: ad! },
      committer: { name: cn!, email: ce!, date: cd! },
      message: message.join('\n').trim(),
    };
  }

  /** The merge base of two commits (what a three-dot comparison starts from), or undefined. */
  mergeBase(a: string, b: string): string | undefined {
    try {
      return this.text(['merge-base', a, b]) || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The files that differ between two commits, as GitHub's compare API lists them: status
   * `added` / `removed` / `modified` / `renamed` (with `previous_filename`), renames detected.
   */
  changedFiles(from: string, to: string): { filename: string; status: string; previous_filename?: string }[] {
    const out = this.git(['diff', '--name-status', '-z', '-M', from, to]).toString('utf8');
    const parts = out.split('\0').filter(Boolean);
    const files: { filename: string; status: string; previous_filename?: string }[] = [];
    const names: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', T: 'changed', C: 'copied' };
    for (let i = 0; i < parts.length;) {
      const code = parts[i++]!;
      if (code.startsWith('R')) {
        const previous = parts[i++]!;
        files.push({ filename: parts[i++]!, status: 'renamed', previous_filename: previous });
      } else if (code.startsWith('C')) {
        i++;
        files.push({ filename: parts[i++]!, status: 'copied' });
      } else {
        files.push({ filename: parts[i++]!, status: names[code] ?? 'modified' });
      }
    }
    return files;
  }

  /** A file's content at a commit, or undefined when the commit has no such file. */
  fileAt(sha: string, path: string): Buffer | undefined {
    try {
      return this.git(['cat-file', 'blob', `${sha}:${path}`]);
    } catch {
      return undefined;
    }
  }

  /** `git archive` of `sha` as GitHub's tarball: gzip, one top-level `prefix/` directory. */
  tarball(sha: string, prefix: string): Buffer {
    return this.git(['archive', '--format=tar.gz', `--prefix=${prefix}/`, sha]);
  }

  /** Points `refs/heads/{name}` at `sha`; false when the branch already exists. */
  createBranch(name: string, sha: string): boolean {
    try {
      // The empty old value makes update-ref refuse an existing ref, atomically.
      this.git(['update-ref', `refs/heads/${name}`, sha, '']);
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes branch `name`; false when it did not exist. */
  deleteBranch(name: string): boolean {
    if (!this.head(name)) return false;
    this.git(['update-ref', '-d', `refs/heads/${name}`]);
    return true;
  }

  /**
   * Commits onto `branch` (created from `from`, or as a root commit, when missing): the parent's
   * tree with `files` written over it (null deletes a file), or exactly `files` when `replace`.
   * Returns the new commit's SHA.
   */
  commitFiles(branch: string, files: Record<string, string | null>, options: { from?: string; message?: string; replace?: boolean } = {}): string {
    const parent = this.head(branch) ?? (options.from ? this.resolve(options.from) : undefined);
    if (options.from && !this.head(branch) && !parent) throw new Error(`git: no commit ${options.from} to branch ${branch} from`);
    const tmp = mkdtempSync(join(tmpdir(), 'djbs-git-'));
    const env = { GIT_INDEX_FILE: join(tmp, 'index') };
    try {
      if (parent && !options.replace) this.git(['read-tree', parent], { env });
      else this.git(['read-tree', '--empty'], { env });
      for (const [path, content] of Object.entries(files)) {
        if (content === null) {
          // Mode 0 removes the entry; `--force-remove` would need a work tree, and this repository is bare.
          this.git(['update-index', '--index-info'], { env, input: `0 ${'0'.repeat(40)}\t${path}\n` });
          continue;
        }
        const blob = this.git(['hash-object', '-w', '--stdin'], { input: content }).toString().trim();
        this.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env });
      }
      const tree = this.git(['write-tree'], { env }).toString().trim();
      const message = options.message ?? `Update ${branch}`;
      const sha = this.git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message])
        .toString()
        .trim();
      this.git(['update-ref', `refs/heads/${branch}`, sha]);
      return sha;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}
