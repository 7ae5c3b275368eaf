/**
 * Which DJ server a record is about: the host (and port, when not the scheme's default) of the
 * server's URL, lower-cased, never its credentials, path or query. Two steps deploying the same
 * root to a staging and a production server keep separate deploy-once records and separate
 * sticky comments by it. Two servers under different paths of one host are one server here.
 */
import { createHash } from 'node:crypto';

/** The longest host written out in full; a longer one is cut and carries a digest of the whole. */
const MAX_HOST = 60;

/** The host identity of `serverUrl` ("dj.example.com", "localhost:8000"); undefined when it is no URL. */
export function serverIdentity(serverUrl: string | undefined): string | undefined {
  if (!serverUrl) return undefined;
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return undefined;
  }
  // URL drops the default port and lower-cases the host; user and password are not part of `host`.
  const host = url.host.toLowerCase();
  if (!host) return undefined;
  if (host.length <= MAX_HOST) return host;
  return `${host.slice(0, MAX_HOST - 13)}…${createHash('sha256').update(host).digest('hex').slice(0, 12)}`;
}
