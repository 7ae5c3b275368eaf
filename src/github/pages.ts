/**
 * GitHub's paged listings, read whole: page 1 tells how many pages there are, the rest are
 * fetched in parallel, and only a link's path and query are followed, relative to our API base.
 */
import { mapPool } from '../pool.js';
import { PAGE_CONCURRENCY, type GitHubConnection } from './client.js';

/** The most pages any listing follows: 100 per page, so 100,000 items; beyond is a loop. */
const MAX_PAGES = 1000;

/**
 * Every item of a paged listing. Page 1 tells how many pages there are (`rel="last"`); the
 * rest are fetched in parallel (a few at a time), so a pull request with 1,000 comments costs
 * two round trips, not eleven. Pages added meanwhile are followed through `rel="next"`. Only a
 * link's path and query are used, relative to our base: the token never goes to another host.
 */
export async function getAllPages<T>(gh: GitHubConnection, first: string): Promise<T[]> {
  const fetchPage = async (p: string): Promise<{ items: T[]; link: string | null }> => {
    const res = await gh.call<T[]>('GET', p);
    if (!Array.isArray(res.data)) throw new Error(`GitHub answered GET ${p} with something that is not a list`);
    const link = res.headers.link;
    if (typeof link === 'string') return { items: res.data, link };
    // A full page without any Link header (a proxy that strips it, or exactly 100 items): the
    // next page is asked for by number, so the listing ends only on a page that is not full.
    if (res.data.length < 100) return { items: res.data, link: null };
    const at = Number(new URL(p, 'http://relative.invalid').searchParams.get('page') ?? 1) || 1;
    return { items: res.data, link: `<${first}?per_page=100&page=${at + 1}>; rel="next"` };
  };
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = `${first}?per_page=100`;
  let page = await fetchPage(next);
  seen.add(next);
  items.push(...page.items);
  const middle = pagesBetween(gh, page.link);
  if (middle.length) {
    const pages = await mapPool(middle, PAGE_CONCURRENCY, fetchPage);
    middle.forEach(p => seen.add(p));
    for (const p of pages) items.push(...p.items);
    page = pages[pages.length - 1]!;
  }
  for (next = relPath(gh, page.link, 'next'); next !== undefined; next = relPath(gh, page.link, 'next')) {
    if (seen.size >= MAX_PAGES || seen.has(next)) throw new Error(`GitHub pagination of ${first} did not end after ${seen.size} pages`);
    seen.add(next);
    page = await fetchPage(next);
    items.push(...page.items);
  }
  return items;
}

/**
 * Paths of pages 2…last from page 1's Link header, when `next` and `last` differ only in
 * their `page` parameter (GitHub's form); otherwise none, and the pages are followed one by one.
 */
function pagesBetween(gh: GitHubConnection, link: string | null): string[] {
  const next = relPath(gh, link, 'next');
  const last = relPath(gh, link, 'last');
  if (!next || !last) return [];
  const n = new URL(next, 'http://relative.invalid');
  const l = new URL(last, 'http://relative.invalid');
  const from = Number(n.searchParams.get('page'));
  const to = Number(l.searchParams.get('page'));
  n.searchParams.delete('page');
  l.searchParams.delete('page');
  if (n.pathname !== l.pathname || n.search !== l.search || from !== 2 || !Number.isInteger(to) || to < from || to > MAX_PAGES) return [];
  const out: string[] = [];
  for (let i = from; i <= to; i++) {
    const u = new URL(next, 'http://relative.invalid');
    u.searchParams.set('page', String(i));
    out.push(u.pathname + u.search);
  }
  return out;
}

/** The path (below the API base) of a Link header's `rel`, if any. */
function relPath(gh: GitHubConnection, link: string | null, rel: string): string | undefined {
  const target = parseLink(link, rel);
  if (!target) return undefined;
  return gh.relative(target);
}

/** The URL of relation `rel` in a Link header, if any. */
export function parseLink(link: string | null, rel: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /^<([^>]*)>(.*)$/.exec(part.trim());
    const found = m && /;\s*rel="?([^";]*)"?/.exec(m[2]!);
    if (found && found[1]!.split(/\s+/).includes(rel)) return m[1];
  }
  return undefined;
}
