import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};
var RefusedError = class extends Error {
  name = "RefusedError";
};
var HttpError = class extends Error {
  constructor(kind, status, method, path, serverMessage, body, attempts, headers, mayHaveActed = false) {
    super(
      (kind === "http" ? `${method} ${path} \u2192 HTTP ${status}: ${serverMessage}` : `${method} ${path} \u2192 ${kind === "timeout" ? "timed out" : kind === "too-large" ? "answer too large" : "network error"}: ${serverMessage}`) + (mayHaveActed ? " (not resent: the server may have acted on it)" : "")
    );
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.path = path;
    this.serverMessage = serverMessage;
    this.body = body;
    this.attempts = attempts;
    this.headers = headers;
    this.mayHaveActed = mayHaveActed;
  }
  kind;
  status;
  method;
  path;
  serverMessage;
  body;
  attempts;
  headers;
  mayHaveActed;
  name = "HttpError";
};
function describeError(err) {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}

export {
  InputError,
  RefusedError,
  HttpError,
  describeError
};
