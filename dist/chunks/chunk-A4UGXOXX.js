import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);

// src/url-path.ts
function path(strings, ...values) {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    const text = String(value);
    let encoded;
    try {
      encoded = text === "" || text === "." || text === ".." ? void 0 : encodeURIComponent(text);
    } catch {
      encoded = void 0;
    }
    if (encoded === void 0) throw new RangeError(`${JSON.stringify(text)} cannot be sent as a URL path segment.`);
    out += encoded + (strings[i + 1] ?? "");
  });
  return out;
}

export {
  path
};
