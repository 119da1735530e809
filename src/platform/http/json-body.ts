import { validationFailed, type InvalidEntry } from '../../kernel/domain/errors.js';
import { jsonDepthProblem, jsonPath, MAX_JSON_DEPTH } from '../../kernel/domain/json.js';
import { RequestMalformed } from './request-malformed.js';

const NUL = '\u0000';
const MAX_NUL_ENTRIES = 20;
const NUL_DESCRIPTION = 'must not contain the NUL character (\\u0000)';

/**
 * JSON paths of every string (value or key) holding a NUL character, in document order, at most
 * MAX_NUL_ENTRIES. Walks with an explicit stack: no input can overflow the call stack.
 */
function nulPaths(root: unknown): string[] {
  const found: string[] = [];
  // A `hit` item is a key holding a NUL, reported when the walk reaches it (document order).
  const stack: { value?: unknown; path: string; hit?: true }[] = [{ value: root, path: '$' }];
  while (stack.length > 0 && found.length < MAX_NUL_ENTRIES) {
    const { value, path, hit } = stack.pop()!;
    if (hit) {
      found.push(path);
    } else if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i] as unknown, path: jsonPath(path, i) });
      }
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        if (key.includes(NUL)) {
          stack.push({ path: jsonPath(path, key.replaceAll(NUL, '\\u0000')), hit: true });
        } else {
          stack.push({ value: item, path: jsonPath(path, key) });
        }
      }
    }
  }
  return found;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a body or query string carrying one would
 * fail in the database as a 500. It is refused up front as a validation failure (422) naming
 * each place, before any route runs.
 */
export function refuseNulCharacters(value: unknown): void {
  const paths = nulPaths(value);
  if (paths.length === 0) return;
  const entries: InvalidEntry[] = paths.map((entry) => ({
    entry,
    rule: 'format',
    description: NUL_DESCRIPTION,
  }));
  throw validationFailed(entries);
}

/**
 * A JSON request body from its text: the nesting depth is checked before anything recursive
 * runs (the parser, the NUL walk, validation), then the text is parsed by `parse` and checked
 * for NUL characters. An empty body is no body.
 */
export function readJsonBody(
  text: string,
  parse: (text: string) => unknown = (json) => JSON.parse(json) as unknown,
): unknown {
  if (text === '') return undefined;
  const problem = jsonDepthProblem(text, MAX_JSON_DEPTH);
  if (problem === 'too_deep') {
    throw new RequestMalformed(`JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (problem === 'malformed') throw new RequestMalformed(RequestMalformed.MALFORMED_JSON);
  let body: unknown;
  try {
    body = parse(text);
  } catch {
    throw new RequestMalformed(RequestMalformed.MALFORMED_JSON);
  }
  // In JSON text a NUL can only be written as the escape \u0000; without one there is none.
  if (text.includes('\\u0000')) refuseNulCharacters(body);
  return body;
}
