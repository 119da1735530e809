import { createHash } from 'node:crypto';
import { validationFailed } from '../../kernel/domain/errors.js';

/** The request header that makes a POST or PATCH safe to retry (docs/api.md, Safe retries). */
export const IDEMPOTENCY_HEADER = 'x-idempotency-key';
/** Where a 422 about the header points. */
export const IDEMPOTENCY_ENTRY = '$.headers.x-idempotency-key';
/** Methods whose requests a key covers. */
export const KEYED_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH']);

export const KEY_FORMAT = 'must be 1 to 255 printable ASCII characters (0x21-0x7E)';
export const KEY_REUSED =
  'is already used for another request (another method, path or body) of this client';

/** 1–255 printable ASCII characters, no space (as the identity claims of a token). */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The key of a request, from its header: undefined when there is none (the request runs as
 * usual), else the key, or 422 on the header when it is not 1–255 printable ASCII characters. A
 * header sent twice arrives joined by ", " and is refused (a space is not allowed).
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!KEY.test(value)) {
    throw validationFailed([{ entry: IDEMPOTENCY_ENTRY, rule: 'format', description: KEY_FORMAT }]);
  }
  return value;
}

/** 422 for a key already used with another method, path or body. */
export function keyReused(): Error {
  return validationFailed([{ entry: IDEMPOTENCY_ENTRY, rule: 'invalid', description: KEY_REUSED }]);
}

/**
 * What makes two requests the same request: method, path (without the query) and the body's raw
 * bytes, as one SHA-256 (hex). Each part is length-prefixed, so no two different requests give
 * the same input.
 */
export function requestFingerprint(method: string, path: string, body: Buffer): string {
  const hash = createHash('sha256');
  for (const part of [Buffer.from(method.toUpperCase()), Buffer.from(path), body]) {
    hash.update(`${part.length}:`);
    hash.update(part);
  }
  return hash.digest('hex');
}

/**
 * Whether an answer is kept for replay: 2xx, 404, 409 and 422 are what the request did (or
 * found); 401, 403, 429, every 5xx and the other refusals of the request's form are not kept, and
 * a retry runs again.
 */
export function isStoredStatus(status: number): boolean {
  return (status >= 200 && status < 300) || status === 404 || status === 409 || status === 422;
}

/**
 * The answer's JSON text with `meta.request_id` set to this request's id and
 * `meta.idempotency_key` to the key (right after it). A text that is not an enveloped JSON
 * object is left as it is.
 */
export function withIdempotencyMeta(payload: string, requestId: string, key: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return payload;
  const answer = parsed as Record<string, unknown>;
  const meta = answer.meta;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return payload;
  const { idempotency_key: _old, ...rest } = meta as Record<string, unknown>;
  return JSON.stringify({
    ...answer,
    meta: { ...rest, request_id: requestId, idempotency_key: key },
  });
}
