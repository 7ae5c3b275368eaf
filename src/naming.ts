/**
 * Pure naming rules: git branch → DJ namespace (the server's own rule, so the action's
 * namespaces match what DJ's "Create Branch" makes), the segment check DJ itself skips on
 * that path, and the `ignore-branches` globs.
 */
import { InputError } from './errors.js';

/** What DJ's `validate_namespace` accepts for one segment. */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
/** DJ's RESERVED_NAMESPACE_NAMES. */
const RESERVED = new Set(['user']);

/**
 * The namespace segment DJ derives from a git branch (`branches.py`): trim, then every `-`
 * and every `/` becomes `_`. Nothing else changes: case, dots and runs are kept.
 */
export function djSuffix(branch: string): string {
  return branch.trim().replace(/-/g, '_').replace(/\//g, '_');
}

/** Why `suffix` cannot be a namespace segment, or undefined when it can. */
function segmentProblem(suffix: string, branch: string): string | undefined {
  if (!suffix) return 'the name is empty';
  // DJ trims the name first: ' x' would share the namespace of branch 'x'.
  if (branch !== branch.trim()) return 'it starts or ends with whitespace, so it would share the namespace of the branch without it';
  if (suffix.includes('.')) return 'it contains a dot, which would add namespace levels';
  if (/^[0-9]/.test(suffix)) return 'it starts with a digit';
  if (suffix.startsWith('_')) return "it starts with '-', '/' or '_'";
  if (RESERVED.has(suffix)) return `'${suffix}' is reserved by DJ`;
  const bad = [...new Set(suffix.replace(/[A-Za-z0-9_]/g, ''))];
  if (bad.length) return `it contains ${bad.map(c => (/\s/.test(c) ? 'whitespace' : `'${c}'`)).join(', ')}`;
  return SEGMENT.test(suffix) ? undefined : 'it is not a valid DJ namespace segment';
}

/**
 * The branch namespace of `branch` under the git root `root`: `${root}.${djSuffix(branch)}`.
 * Throws an {@link InputError} naming the branch and the namespace when DJ would accept the
 * name on the branch path but it is not a valid segment (reference dj-api.md §6.4): such
 * names nest extra levels, break SQL references or GitHub URLs.
 */
export function namespaceForBranch(root: string, branch: string): string {
  const suffix = djSuffix(branch);
  const namespace = `${root}.${suffix}`;
  const problem = segmentProblem(suffix, branch);
  if (problem) {
    throw new InputError(
      `Git branch '${branch}' maps to DJ namespace '${namespace}', which is not a valid namespace: ${problem}. ` +
        `A branch's last namespace segment must start with a letter and hold only letters, digits and '_' ` +
        `(git '-' and '/' become '_'). Rename the branch, or skip it with 'ignore-branches'.`,
    );
  }
  return namespace;
}

/** Regular expression of one glob: `**` anything, `*` anything but `/`, `?` one character but `/`. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '[\\s\\S]*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `branch` matches one of the `ignore-branches` globs. Like GitHub's branch filters:
 * `*` matches within one path level, `**` across levels (`dependabot/**`), `?` one character;
 * a name without wildcards matches only itself.
 */
export function branchMatchesGlobs(branch: string, globs: readonly string[]): boolean {
  return globs.some(glob => {
    const g = glob.trim();
    return g !== '' && globToRegExp(g).test(branch);
  });
}
