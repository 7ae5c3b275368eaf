/**
 * Markdown → HTML the way GitHub shows a comment, as far as a local renderer can: GitHub
 * Flavored Markdown (tables, inline HTML kept) plus GitHub's alert blocks (`> [!CAUTION]`).
 * Tests read the HTML, and the comment pictures in docs/ are made from it.
 */
import { Marked } from 'marked';
import markedAlert from 'marked-alert';

const renderer = new Marked({ gfm: true, async: false }, markedAlert());

/** The HTML of a report. */
export function toHtml(markdown: string): string {
  return renderer.parse(markdown, { async: false }) as string;
}

/** Visible text of HTML: tags gone, entities decoded once. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

/** The alert kinds of the HTML, in order (`caution`, `note`, …). */
export function alertsOf(html: string): string[] {
  return [...html.matchAll(/<div class="markdown-alert markdown-alert-(\w+)">/g)].map(m => m[1]!);
}

/** The report's first line: the verdict heading, without `### `. */
export function firstLine(markdown: string): string {
  const body = markdown.replace(/^(?:<!--[^\n]*-->\n)+\n?/, '');
  return body.split('\n')[0]!.replace(/^### /, '');
}
