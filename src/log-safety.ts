/**
 * Pure rules for text the action did not write itself (server answers, branch names, URLs,
 * error messages) on its way into the log, the summary, the comment and the outputs:
 *
 * - {@link neutralizeCommands}: such text can never start a workflow command, under the
 *   runner's own parsing (actions/runner, ActionCommand.TryParseV2 / TryParse): a line is
 *   ended by `\n`, `\r\n` or a bare `\r`; `::command::` counts after any leading whitespace
 *   (.NET's TrimStart, Unicode whitespace included); the legacy `##[command]` counts anywhere
 *   in a line.
 * - {@link Redactor}: secrets are replaced in server text, URLs and error messages, never in
 *   the action's own wording, keys and numbers, so a secret that is an ordinary word (`dj`,
 *   `sync`, `1`) cannot corrupt a JSON output, a count or the sticky comment's marker; it
 *   never throws.
 * - {@link redactUrl}: what may be shown of a URL input: never user info, query or fragment,
 *   also when the text does not parse as a URL.
 */
import type { Reported, TargetBranch } from './outcome.js';

/**
 * Whitespace as .NET's `String.TrimStart()` sees it (Char.IsWhiteSpace), which the runner
 * applies before looking for `::`; a superset (JavaScript's `\s` adds U+FEFF) is harmless.
 */
const LEADING_SPACE = '[\\s\\u0085]*';

/** A zero-width space: invisible to people, and not whitespace to the runner (so not trimmed). */
const ZWSP = '\u200B';

/**
 * `text` with every way to start a workflow command broken by a zero-width space: `::` at the
 * start of any line (after `\n`, `\r` or at the start, after any Unicode whitespace) becomes
 * `:\u200B:`, and every `##[` becomes `##\u200B[`. Idempotent; changes nothing else.
 */
export function neutralizeCommands(text: string): string {
  return text.replace(new RegExp(`(^|[\\r\\n])(${LEADING_SPACE}):(?=:)`, 'g'), `$1$2:${ZWSP}`).replace(/##\[/g, `##${ZWSP}[`);
}

/**
 * Whether `line` (one line as the runner reads it) would be taken for a command: the
 * runner's two parsers, restricted to what this action must never let other text do.
 * Exported for the tests; names are compared case-insensitively, as the runner does.
 */
export function looksLikeCommand(line: string): boolean {
  const trimmed = line.replace(new RegExp(`^${LEADING_SPACE}`), '');
  if (trimmed.startsWith('::') && trimmed.indexOf('::', 2) > 2) return true;
  const legacy = line.indexOf('##[');
  return legacy !== -1 && line.indexOf(']', legacy) > legacy + 3;
}

/** Lines as the runner splits them: on `\r\n`, `\n` and a bare `\r`. */
export function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The mask that replaces a secret. */
export const MASK = '***';

/**
 * Redacts known secrets from text that did not come from the action itself. Secrets are kept
 * longest first, so a secret that contains a shorter one is replaced whole.
 */
export class Redactor {
  private secrets: string[] = [];

  /** Adds a secret (each non-blank line of it, as the runner masks lines). */
  add(secret: string | undefined): void {
    if (!secret) return;
    for (const line of secret.split(/\r?\n/)) {
      if (line.trim() && !this.secrets.includes(line)) this.secrets.push(line);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** The secrets known so far (for `::add-mask::`). */
  list(): readonly string[] {
    return this.secrets;
  }

  /** `text` with every known secret replaced by `***`. Never throws. */
  text(text: string): string {
    let out = typeof text === 'string' ? text : String(text);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  /**
   * Every string inside `value` redacted (plain objects and arrays are copied; keys are
   * the action's and stay as they are). Depth is bounded: nothing deeper is kept.
   */
  deep<T>(value: T, depth = 64): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (depth <= 0) return (Array.isArray(value) ? [] : value && typeof value === 'object' ? {} : value) as T;
    if (Array.isArray(value)) return value.map(v => this.deep(v, depth - 1)) as T;
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: this.deep(v, depth - 1), enumerable: true, writable: true, configurable: true });
      return out as T;
    }
    return value;
  }
}

/**
 * What may be shown of a URL (an input, or one inside an error): scheme, host, port and path;
 * user info, query and fragment become `***`. Text that does not parse is shown only up to
 * where user info, a query or a fragment could start.
 */
export function redactUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    const auth = url.username || url.password ? `${MASK}@` : '';
    return `${url.protocol}//${auth}${url.host}${url.pathname === '/' && !raw.replace(/[?#].*$/, '').endsWith('/') ? '' : url.pathname}${url.search ? `?${MASK}` : ''}${url.hash ? `#${MASK}` : ''}`;
  }
  // Not a URL: the text before any '?', '#' or whitespace, with everything before an '@'
  // (user info, perhaps a password) hidden, keeping only a `scheme://` head.
  const cut = raw.search(/[?#\s]/);
  let head = (cut === -1 ? raw : raw.slice(0, cut)).slice(0, 200);
  const at = head.lastIndexOf('@');
  if (at !== -1) head = `${/^[a-z][a-z0-9+.-]*:\/\//i.exec(head)?.[0] ?? ''}${MASK}@${head.slice(at + 1)}`;
  return cut === -1 ? head : `${head}${MASK}`;
}

/** Every `scheme://…` URL inside `text` shown as {@link redactUrl} shows it. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi, m => redactUrl(m));
}

/** A full commit hash: a key, not text (a secret `1` must not change it). */
const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * `outcome` with the server's text redacted (results, listed branches, failure messages,
 * notes that quote the server, a deployed commit that is not a hash) and the action's own
 * values left as they are: target, operation, skip reason, namespace and branch names it
 * computed, URLs it built, counts.
 */
export function redactOutcome<T extends Reported>(outcome: T, redactor: Redactor): T {
  // Which fields exist depends on the operation; each is redacted where it is present.
  const o = outcome as T & Partial<{ branches: TargetBranch[]; failures: { name: string; message: string }[]; deployedSha: string }>;
  return {
    ...outcome,
    results: outcome.results.map(r => redactor.deep(r)),
    ...(o.branches
      ? {
          branches: o.branches.map(b => ({
            ...b,
            gitBranch: redactor.text(b.gitBranch),
            ...(b.state !== undefined ? { state: redactor.text(b.state) } : {}),
            raw: redactor.deep(b.raw),
          })),
        }
      : {}),
    ...(o.failures ? { failures: o.failures.map(f => ({ name: f.name, message: redactor.text(f.message) })) } : {}),
    ...(o.deployedSha && !SHA.test(o.deployedSha) ? { deployedSha: redactor.text(o.deployedSha) } : {}),
    notes: outcome.notes.map(n => redactor.text(n)),
  };
}
