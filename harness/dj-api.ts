/**
 * A bare DJ API caller for tests: seeds state and reads it back, independent of the action's
 * own client (a test that read state through the code under test could not catch its bugs).
 */

/** A failed DJ call, with what the server said. */
export class DJApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 2000)}`);
  }
}

/** Calls on one server as one identity. */
export interface DJApi {
  /** JSON in and out; throws {@link DJApiError} on any non-2xx. */
  json(method: string, path: string, body?: unknown): Promise<unknown>;
  /** The raw answer: status and parsed body (text when not JSON). */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** A caller for `url` with Bearer `token`. */
export function djApi(url: string, token?: string): DJApi {
  const raw = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, text };
  };
  return {
    raw: async (method, path, body) => {
      const { status, body: parsed } = await raw(method, path, body);
      return { status, body: parsed };
    },
    json: async (method, path, body) => {
      const r = await raw(method, path, body);
      if (r.status < 200 || r.status >= 300) throw new DJApiError(r.status, r.text, `${method} ${path}`);
      return r.body;
    },
  };
}
