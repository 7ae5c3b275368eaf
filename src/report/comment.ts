/**
 * The sticky pull-request comment: one per pull request and target branch, found again by its
 * hidden marker and by its author (so a look-alike someone else wrote is never edited), edited
 * in place, and left alone when its content digest has not changed.
 *
 * Split in two so the search can run while the server works: main starts
 * {@link findStickyComment} next to its first requests and calls {@link writeStickyComment}
 * with the result at the end, which keeps the comment to one round trip on the critical path.
 * Neither function throws: a comment is a courtesy, so failures come back as values that the
 * caller reports as warnings (and a pending search can never become an unhandled rejection).
 */
import { GitHubError, type GitHubClient, type IssueComment } from '../github.js';
import { HttpError } from '../http.js';
import { digestMarker } from './markdown.js';

/** GitHub's limit for a comment body. */
export const MAX_COMMENT_CHARS = 65_536;

/** The GitHub calls the sticky comment needs. */
export type CommentApi = Pick<GitHubClient, 'listIssueComments' | 'createIssueComment' | 'updateIssueComment' | 'deleteIssueComment' | 'ownIdentity'>;

/** Where the sticky comment lives and how it is recognised. */
export interface StickyLocation {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The hidden marker from `stickyMarker` (markdown.ts). */
  marker: string;
  /** Markers of earlier versions that still find the comment (rewritten with `marker` on the next write). */
  legacyMarkers?: string[];
}

/** A sticky comment to write. */
export interface StickyRequest extends StickyLocation {
  /** The report (without markers). */
  body: string;
}

/** The search result: our comment if there is one, or why the search failed. */
export type StickySearch =
  | {
      ok: true;
      existing?: IssueComment;
      /** Newer comments of ours with the same marker (left by a race or a resent POST): removed when writing. */
      duplicates?: IssueComment[];
    }
  | { ok: false; error: Error };

/** The comment as written, for the `comment-id` and `comment-url` outputs. */
export interface StickyComment {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** What writing did, or why it failed. */
export type StickyResult = ({ ok: true } & StickyComment) | { ok: false; error: Error };

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The full comment body: marker first (found again by it), then the content digest, then the report. */
export function composeStickyBody(marker: string, body: string): string {
  return `${marker}\n${digestMarker(body)}\n\n${body}`;
}

/**
 * Finds our sticky comment across every page of the pull request's comments: it must carry
 * `marker` and be authored by the token's identity ({@link GitHubClient.ownLogin}, asked only
 * when some comment carries the marker). The oldest match wins; newer ones of ours (two runs
 * for one pull request at once, or a POST resent after its answer was lost) are returned as
 * duplicates, and the write removes them. The heal costs requests only when a duplicate exists,
 * so the common path stays at its minimum (one listing, one write).
 */
export async function findStickyComment(gh: CommentApi, where: StickyLocation): Promise<StickySearch> {
  try {
    const comments = await gh.listIssueComments(where.owner, where.repo, where.issueNumber);
    const markers = [where.marker, ...(where.legacyMarkers ?? [])];
    const marked = comments.filter(c => startsWithMarker(c.body, markers));
    if (!marked.length) return { ok: true };
    const identity = await gh.ownIdentity();
    const own = marked.filter(c => c.login === identity.login);
    const mine = own.length || !identity.guessed ? own : byOneBot(marked);
    if (!mine) {
      const authors = [...new Set(marked.map(c => c.login))].join(', ');
      return {
        ok: false,
        error: new Error(
          `GitHub refused the identity query (POST /graphql), and the comments that start with this report's marker are by ${authors}: which one is ours cannot be told, so no comment is written beside them. Let the token read GraphQL (\`query { viewer { login } }\`).`,
        ),
      };
    }
    // Ours under the current marker first, so a comment under an earlier marker is the duplicate.
    const ordered = [...mine.filter(c => firstLine(c.body) === where.marker), ...mine.filter(c => firstLine(c.body) !== where.marker)];
    const [existing, ...duplicates] = ordered;
    return existing ? { ok: true, existing, duplicates } : { ok: true };
  } catch (err) {
    return { ok: false, error: asError(err) };
  }
}

/** A comment's first line (a `\r` before the newline dropped). */
function firstLine(body: string): string {
  const end = body.indexOf('\n');
  return (end === -1 ? body : body.slice(0, end)).replace(/\r$/, '');
}

/** Ours only when the body starts with one of our exact marker lines: a comment quoting the marker is someone else's. */
export function startsWithMarker(body: string, markers: readonly string[]): boolean {
  return markers.includes(firstLine(body));
}

/**
 * When the identity is a guess: the marked comments, if they are all by one bot account (an
 * App token writes as `<app>[bot]`; people cannot write as a bot); undefined when that cannot be
 * told (several authors, or a person's comment).
 */
function byOneBot(marked: IssueComment[]): IssueComment[] | undefined {
  const authors = new Set(marked.map(c => c.login));
  const [only] = authors;
  return authors.size === 1 && only?.endsWith('[bot]') ? marked : undefined;
}

/**
 * Writes the comment given a finished search: nothing when the existing comment has the same
 * content digest, PATCH when it differs, POST when there is none (or it was deleted meanwhile).
 */
export async function writeStickyComment(gh: CommentApi, found: StickySearch, req: StickyRequest): Promise<StickyResult> {
  if (!found.ok) return found;
  const full = composeStickyBody(req.marker, req.body);
  if (full.length > MAX_COMMENT_CHARS) {
    return { ok: false, error: new Error(`the comment body has ${full.length} characters; GitHub allows ${MAX_COMMENT_CHARS}`) };
  }
  try {
    const existing = found.existing;
    // In parallel with the write: nothing depends on it, and a failure only leaves the extra copy.
    const healed = Promise.all((found.duplicates ?? []).map(c => gh.deleteIssueComment(req.owner, req.repo, c.id).catch(() => undefined)));
    try {
      return await writeOne(gh, existing, req, full);
    } finally {
      await healed;
    }
  } catch (err) {
    return { ok: false, error: asError(err) };
  }
}

async function writeOne(gh: CommentApi, existing: IssueComment | undefined, req: StickyRequest, full: string): Promise<StickyResult> {
  {
    if (existing) {
      if (firstLine(existing.body) === req.marker && existing.body.includes(digestMarker(req.body))) return { ok: true, id: existing.id, url: existing.url, action: 'unchanged' };
      try {
        const updated = await gh.updateIssueComment(req.owner, req.repo, existing.id, full);
        return { ok: true, id: updated.id, url: updated.url, action: 'updated' };
      } catch (err) {
        // Deleted between the search and now: write a new one rather than fail.
        if (!(err instanceof GitHubError && err.status === 404)) throw err;
      }
    }
    try {
      const created = await gh.createIssueComment(req.owner, req.repo, req.issueNumber, full);
      return { ok: true, id: created.id, url: created.url, action: 'created' };
    } catch (err) {
      // The answer was lost (timeout, reset, 502, 504): GitHub may have made the comment. Look
      // for it before trying again, so a lost answer never leaves two.
      const lost = (err instanceof GitHubError && [502, 504].includes(err.status)) || (err instanceof HttpError && err.kind !== 'http');
      if (!lost) throw err;
      const again = await findStickyComment(gh, req);
      if (!again.ok) throw err;
      if (again.existing?.body.includes(digestMarker(req.body))) {
        return { ok: true, id: again.existing.id, url: again.existing.url, action: 'created' };
      }
      return writeOne(gh, again.existing, req, full);
    }
  }
}
