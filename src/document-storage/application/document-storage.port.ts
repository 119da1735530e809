/**
 * Port: storage of a request's documents. Scans for OFFLINE verification arrive through signed
 * upload URLs (one per document) and are checked on approve; the signed copy of a person request
 * is written by the service itself. Keys look like
 * `authentication_method_requests/<request id>/PASSPORT.jpeg` (see document-key.ts).
 *
 * Every method throws DomainError 'unavailable' (503) when the storage is down.
 */
export abstract class DocumentStorage {
  /**
   * A URL that accepts `PUT` of one `image/jpeg` (≤ 10 MiB) until it expires and while the
   * request owning the key is still NEW. Only `.jpeg` keys take uploads.
   */
  abstract uploadUrl(key: string): Promise<string>;
  /** Whether a document is stored under the key. */
  abstract exists(key: string): Promise<boolean>;
  /** Stores `bytes` under the key; a later put of the same key replaces them. */
  abstract put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
}
