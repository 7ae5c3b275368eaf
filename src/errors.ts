/**
 * Every error class the action branches on, in the bottom layer: settings, naming and events
 * throw them, targets and the report catch them, and none of those import each other for it.
 */

/** A user mistake (bad input, refused branch name): nothing was sent. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A refusal that protects data (collision, default-branch delete): nothing was changed. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

/** What went wrong with a request, in terms a caller can branch on. */
export type HttpFailureKind = 'http' | 'network' | 'timeout' | 'too-large';

/** Headers of a response: a case-insensitive look-up and every Set-Cookie. */
export interface HeaderLookup {
  get(name: string): string | null;
  getSetCookie(): string[];
}

/** A failed request: status 0 for network failures and timeouts. Never carries credentials. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly kind: HttpFailureKind,
    readonly status: number,
    readonly method: string,
    /** Path and query only; never the origin, never credentials. */
    readonly path: string,
    /** The server's own message, or a description of the failure. */
    readonly serverMessage: string,
    /** The decoded body (JSON or text) when there was one. */
    readonly body: unknown,
    readonly attempts: number,
    /** Response headers (rate-limit and retry hints), when there was a response. */
    readonly headers?: HeaderLookup,
    /**
     * The request is not idempotent and failed in a way that does not show it never started
     * (timeout, reset mid-request, 502, 504): it was not resent, and the server may have acted.
     */
    readonly mayHaveActed = false,
  ) {
    super(
      (kind === 'http'
        ? `${method} ${path} → HTTP ${status}: ${serverMessage}`
        : `${method} ${path} → ${kind === 'timeout' ? 'timed out' : kind === 'too-large' ? 'answer too large' : 'network error'}: ${serverMessage}`) +
        (mayHaveActed ? ' (not resent: the server may have acted on it)' : ''),
    );
  }
}

/** One sentence for the step's failure line, with what to do where the error type tells it. */
export function describeError(err: unknown): string {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}
