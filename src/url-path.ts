/**
 * URL path segments, encoded: the one helper every client builds request paths with. Apart from
 * http.ts (which re-exports it) so that code on the skip path, such as the commit status, can
 * use it without loading undici.
 */

/** A value that can stand in a URL path segment. */
export type Segment = string | number;

/**
 * Tagged template that URL-encodes every interpolated value as one path segment:
 * path`/namespaces/${ns}/git` never lets a `/`, `?` or `#` from a name change the route.
 * Throws a RangeError, before anything is sent, for values no encoding can carry as one
 * segment: '', '.' and '..' (URL parsers drop or climb them, even as `%2E`) and text with
 * lone surrogates.
 */
export function path(strings: TemplateStringsArray, ...values: Segment[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = String(value);
    let encoded: string | undefined;
    try {
      encoded = text === '' || text === '.' || text === '..' ? undefined : encodeURIComponent(text);
    } catch {
      encoded = undefined;
    }
    if (encoded === undefined) throw new RangeError(`${JSON.stringify(text)} cannot be sent as a URL path segment.`);
    out += encoded + (strings[i + 1] ?? '');
  });
  return out;
}
