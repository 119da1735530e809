import type { NextFunction, Request, Response } from 'express';
import { validationFailed, type InvalidEntry } from '../../shared/domain/errors.js';

const NUL = '\u0000';
const MAX_ENTRIES = 20;
const DESCRIPTION = 'must not contain the NUL character (\\u0000)';

function segment(parent: string, key: string | number): string {
  return typeof key === 'number' || /^\d+$/.test(key) ? `${parent}[${key}]` : `${parent}.${key}`;
}

/** JSON paths of every string (value or key) holding a NUL character, at most MAX_ENTRIES. */
export function nulPaths(value: unknown, path = '$', found: string[] = []): string[] {
  if (found.length >= MAX_ENTRIES) return found;
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, segment(path, i), found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) found.push(segment(path, key.replaceAll(NUL, '\\u0000')));
      else nulPaths(item, segment(path, key), found);
    }
  }
  return found;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a body or query string carrying one would
 * fail in the database as a 500 (found by HTTP fuzzing, docs/reliability.md). It is refused up
 * front as a validation failure (422) naming each place, before any route runs.
 */
export function rejectNulCharacters(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const paths = [...nulPaths(request.body as unknown), ...nulPaths(request.query)];
  if (paths.length === 0) {
    next();
    return;
  }
  const entries: InvalidEntry[] = paths
    .slice(0, MAX_ENTRIES)
    .map((entry) => ({ entry, rule: 'format', description: DESCRIPTION }));
  next(validationFailed(entries));
}
