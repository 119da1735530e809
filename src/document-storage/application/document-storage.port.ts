/**
 * Port: storage of scanned documents for OFFLINE verification. The service hands out signed
 * upload URLs (one per document) and, on approve, checks that each file arrived.
 * Keys look like `authentication_method_requests/<request id>/PASSPORT.jpeg`.
 */
export abstract class DocumentStorage {
  /** A URL that accepts one `PUT` of an `image/jpeg` (≤ 10 MiB) until it expires. */
  abstract uploadUrl(key: string): Promise<string>;
  /** Whether a file was uploaded under the key. Throws DomainError 'unavailable' when storage is down. */
  abstract exists(key: string): Promise<boolean>;
  /** Stores bytes under the key (a later put replaces them), e.g. a signed document. */
  abstract put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
}
