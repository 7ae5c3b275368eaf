/**
 * The DataJunction releases the action works with, and what a server outside them is told. Loaded
 * only when a request fails as a server without one of the action's routes answers (FastAPI's
 * bare 404 "Not Found" or 405 "Method Not Allowed"): then one `GET /openapi.json` reads the
 * server's own `info.version`, and the error says which releases work.
 */
import * as v from 'valibot';
import { checkAnswer } from '../../schema.js';

/**
 * The supported range: the oldest release with every endpoint the action relies on
 * (`sync-from-git` came in 0.0.116; the branch and git-config endpoints are older), and the
 * newest the real-server suite ran against. scripts/dj-server.mjs pins both
 * (requirements-dj-0.0.116.txt, requirements-dj.txt); a unit test keeps them in step.
 */
export const OLDEST_SUPPORTED = '0.0.116';
export const NEWEST_TESTED = '0.0.272';

/** Compares dotted numeric versions ("0.0.116" < "0.0.272"); a non-numeric part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(p => Number.parseInt(p, 10) || 0);
  const y = b.split('.').map(p => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** FastAPI's answer for a path or method the server has no route for. */
export function routeMissing(status: number, body: unknown): boolean {
  if (status !== 404 && status !== 405) return false;
  const detail = body && typeof body === 'object' ? (body as { detail?: unknown }).detail : undefined;
  return detail === (status === 404 ? 'Not Found' : 'Method Not Allowed');
}

const openApi = v.object({ info: v.object({ version: v.pipe(v.string(), v.maxLength(64)) }) });

/** `info.version` of an `/openapi.json` answer, when it is a DJ-style version ("0.0.116"). */
export function versionOf(document: unknown): string | undefined {
  const checked = checkAnswer(openApi, document);
  if (!checked.ok) return undefined;
  const version = checked.value.info.version.trim();
  return /^\d+(\.\d+){1,3}$/.test(version) ? version : undefined;
}

/** The note for a server older than the range, or undefined when `version` is in it. */
export function unsupportedNote(version: string): string | undefined {
  if (compareVersions(version, OLDEST_SUPPORTED) >= 0) return undefined;
  return `The DJ server is datajunction-server ${version}, older than dj-branch-sync supports: it works with datajunction-server ${OLDEST_SUPPORTED} and newer (tested ${OLDEST_SUPPORTED} to ${NEWEST_TESTED}). Upgrade the server.`;
}
