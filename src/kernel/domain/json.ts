/** A JSON object as a client sent it: kept and echoed, never interpreted past the edge. */
export type JsonObject = { readonly [key: string]: unknown };

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deepest nesting of arrays and objects read anywhere: a request body, a signed document, a remote answer (64 pass, 65 fail). */
export const MAX_JSON_DEPTH = 64;

/** `parent.key`, or `parent[index]` for an index, in the registry's JSON paths of `invalid` entries. */
export function jsonPath(parent: string, key: string | number): string {
  return typeof key === 'number' || /^\d+$/.test(key) ? `${parent}[${key}]` : `${parent}.${key}`;
}

/**
 * Whether a JSON text nests arrays and objects deeper than `limit`, read in one pass without
 * recursion (so that hostile input cannot exhaust the stack before anything else looks at it):
 * brackets inside strings (escapes honoured) do not count. A text that closes more than it
 * opened is not JSON at all and is reported as malformed.
 */
export function jsonDepthProblem(
  text: string,
  limit: number,
): 'too_deep' | 'malformed' | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > limit) return 'too_deep';
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth < 0) return 'malformed';
    }
  }
  return undefined;
}

/**
 * The value of JSON text from elsewhere (a remote service's answer), or
 * undefined when it is empty, not JSON, or nested deeper than `maxDepth`.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.trim() === '' || jsonDepthProblem(text, maxDepth) !== undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
