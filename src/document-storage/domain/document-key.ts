/**
 * Keys of stored documents (rules.md §3), for example
 * `authentication_method_requests/<request id>/PASSPORT.jpeg`.
 *
 * The key becomes both a URL path and a file path, so it is held to a strict shape: segments of
 * `[A-Za-z0-9_-]` joined by `/`, the last one ending `.jpeg`. That shape leaves no room for `..`,
 * a leading or doubled slash, percent-encoding or a hidden file.
 */
const SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_SEGMENTS = 8;
const MAX_LENGTH = 512;
const EXTENSION = '.jpeg';
/** Extensions of stored files: scans (uploaded) and signed documents (stored by the service). */
const EXTENSIONS = [EXTENSION, '.p7s'];

export function isDocumentKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return false;
  const extension = EXTENSIONS.find((e) => value.endsWith(e));
  if (extension === undefined) return false;
  const segments = value.slice(0, -extension.length).split('/');
  return segments.length <= MAX_SEGMENTS && segments.every((s) => SEGMENT.test(s));
}

/** Whether the key names an uploadable scan (the upload route takes only these). */
export function isScanKey(value: unknown): value is string {
  return isDocumentKey(value) && value.endsWith(EXTENSION);
}

/** The key of a request's signed document: `<collection>/<owner id>/signed_content.p7s`. */
export function signedDocumentKey(collection: string, ownerId: string): string {
  const key = `${collection}/${ownerId}/signed_content.p7s`;
  if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
  return key;
}

/** The key of one scanned document of a request: `<collection>/<owner id>/<DOCUMENT_TYPE>.jpeg`. */
export function documentKey(collection: string, ownerId: string, documentType: string): string {
  const key = `${collection}/${ownerId}/${documentType}${EXTENSION}`;
  if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
  return key;
}
