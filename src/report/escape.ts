/**
 * Escaping for GitHub Markdown and the hidden markers of the sticky comment: everything from a
 * server, a branch name or an event goes through {@link escapeMarkdown} before any sink shows it.
 */
import { createHash } from 'node:crypto';
import type { TargetName } from '../targets/target.js';

/**
 * Separates the content from the footer (run link, time). Those two change on every run, so
 * {@link digestMarker} hashes only what is above, and a re-run with the same results leaves the
 * comment alone. Untrusted text cannot forge it: escaping turns every `<` into an entity.
 */
export const FOOTER_MARK = '<!-- dj-branch-sync-footer -->';

const ZWJ = '\u200D';

const CHAR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '~': '\\~',
  $: '\\$',
  '\n': '<br>',
};

/**
 * Makes untrusted text (names, messages, branch names) inert in GitHub Markdown, in a table
 * cell, a list item, a heading or link text alike:
 * - `&`, `<`, `>` become entities: no raw HTML (`<script>`, `<img>`), no `-->` that could end
 *   a hidden marker, no `&#64;` that would decode to a mention;
 * - Markdown punctuation (`\` `` ` `` `*` `_` `[` `]` `|` `~` `$`) is backslash-escaped: no
 *   emphasis, code, link injection (`](javascript:…)`), table breaks or math;
 * - newlines become `<br>`, so a message never starts a new block or table row;
 * - a zero-width joiner goes after `@` (and after `#` before a digit). GitHub finds mentions and
 *   issue references in the rendered text, where entities and backslashes are already gone, so
 *   only a character between `@` and the name stops `@octocat` or `@org/team` from notifying
 *   anyone; code spans would also stop it but cannot hold arbitrary backticks and read worse in
 *   tables. The text still reads the same.
 * - a leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so a list item stays one item.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\r\n?/g, '\n').replace(/^[ \t\n]+/, '');
  const out = flat.replace(/[&<>\\`*_[\]|~$\n]|@(?=[A-Za-z0-9])|#(?=[0-9])/g, ch => (ch === '@' || ch === '#' ? ch + ZWJ : CHAR_ESCAPES[ch]!));
  return out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An http(s) URL safe to put in a Markdown link destination, or undefined. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href.replace(/[()[\]<>"'`|\\ ]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * The hidden marker that finds the sticky comment of one target branch again; with `server`
 * (the DJ server's host, server-identity.ts), one per server, so a staging and a production
 * step keep a comment each. Without it, the marker of earlier versions.
 */
export function stickyMarker(target: TargetName, name: string, server?: string): string {
  // A hash, so no branch or namespace name can put `-->` or anything else into the marker.
  const key = createHash('sha1')
    .update(`${target}\n${name}${server ? `\n${server}` : ''}`)
    .digest('hex');
  return `<!-- dj-branch-sync:${key} -->`;
}

/** The hidden digest of a report's content (footer excluded: run link and time always change). */
export function digestMarker(body: string): string {
  const end = body.indexOf(FOOTER_MARK);
  const content = end === -1 ? body : body.slice(0, end);
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return `<!-- dj-branch-sync-digest:${digest} -->`;
}

/** An event name as code when it looks like one (they come from the runner), escaped otherwise. */
export function eventName(name: string): string {
  return /^[a-z_]+$/.test(name) ? `\`${name}\`` : escapeMarkdown(name);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
