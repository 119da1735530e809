import { isUuid } from '../../kernel/domain/uuid.js';

/**
 * Keys of stored documents (docs/domain-rules.md, The current authentication method), for example
 * `authentication_method_requests/<request id>/PASSPORT.jpeg`, and the signed copy of a person
 * request, `person_requests/<request id>/signed_content.p7s` (docs/api.md, Person requests, sign).
 *
 * The key becomes a URL path, a file path and an object name, so it is held to a strict shape:
 * segments of `[A-Za-z0-9_-]` joined by `/`, the last one ending `.jpeg` or being exactly
 * `signed_content.p7s`. That shape leaves no room for `..`, a leading or doubled slash,
 * percent-encoding or a hidden file.
 */
const SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_SEGMENTS = 8;
const MAX_LENGTH = 512;
const EXTENSION = '.jpeg';
const SIGNED_CONTENT = 'signed_content.p7s';

export function isDocumentKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return false;
  let segments: string[];
  if (value.endsWith(`/${SIGNED_CONTENT}`)) {
    segments = value.slice(0, -SIGNED_CONTENT.length - 1).split('/');
    if (segments.length >= MAX_SEGMENTS) return false;
  } else if (value.endsWith(EXTENSION)) {
    segments = value.slice(0, -EXTENSION.length).split('/');
    if (segments.length > MAX_SEGMENTS) return false;
  } else {
    return false;
  }
  return segments.every((s) => SEGMENT.test(s));
}

/** A key that takes uploads through a signed URL: a scanned document (`.jpeg`). */
export function isUploadKey(value: unknown): value is string {
  return isDocumentKey(value) && value.endsWith(EXTENSION);
}

/** The key of one scanned document of a request: `<collection>/<owner id>/<DOCUMENT_TYPE>.jpeg`. */
export function documentKey(collection: string, ownerId: string, documentType: string): string {
  return checked(`${collection}/${ownerId}/${documentType}${EXTENSION}`);
}

/** The key of the signed copy of a request: `<collection>/<owner id>/signed_content.p7s`. */
export function signedContentKey(collection: string, ownerId: string): string {
  return checked(`${collection}/${ownerId}/${SIGNED_CONTENT}`);
}

/**
 * Who a document belongs to: `<kind>/<uuid>/<file>` names the record (of kind, say,
 * `person_requests`) whose upload URLs it came from; any other shape belongs to nobody.
 */
export function documentOwner(key: string): { kind: string; id: string } | undefined {
  if (!isDocumentKey(key)) return undefined;
  const segments = key.split('/');
  if (segments.length !== 3 || !isUuid(segments[1])) return undefined;
  return { kind: segments[0], id: segments[1] };
}

/**
 * Where attempts live: an attempt is an object written under a key of its own and kept (moved to
 * its document's key) or dropped later, so that a document's key only ever holds what its owner
 * decided to keep: an upload that arrived while its request was still NEW, the signed copy of the
 * sign that committed (docs/api.md, Document uploads; Person requests, sign).
 */
const ATTEMPTS = 'attempts';

/**
 * The key of one attempt at the document `key`: `attempts/<attempt id>/<key>`. Everything under
 * `attempts/<attempt id>/` belongs to that one attempt, so removing it races with nobody.
 */
export function attemptKey(key: string, attemptId: string): string {
  if (!isDocumentKey(key) || key.startsWith(`${ATTEMPTS}/`) || !isUuid(attemptId)) {
    throw new Error(`Not a document key to attempt: ${JSON.stringify(key)}`);
  }
  return checked(`${ATTEMPTS}/${attemptId}/${key}`);
}

/** The prefix every attempt key starts with (for listing them). */
export const ATTEMPTS_PREFIX = `${ATTEMPTS}/`;

/**
 * Whether `kind` can name the records a feature registers keys for (the first segment of their
 * keys): one segment, and not the one attempts live under.
 */
export function isDocumentKind(kind: string): boolean {
  return SEGMENT.test(kind) && kind !== ATTEMPTS;
}

/** The document an attempt key is an attempt at, or undefined when it is no attempt key. */
export function attemptTarget(key: string): string | undefined {
  if (!isDocumentKey(key) || !key.startsWith(ATTEMPTS_PREFIX)) return undefined;
  const [, attemptId, ...rest] = key.split('/');
  const target = rest.join('/');
  return isUuid(attemptId) && isDocumentKey(target) && !target.startsWith(ATTEMPTS_PREFIX)
    ? target
    : undefined;
}

function checked(key: string): string {
  if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
  return key;
}
