/** An attempt still stored, and when the storage wrote it (by the storage's clock). */
export interface StoredAttempt {
  readonly key: string;
  readonly storedAt: Date;
}

/**
 * Port: storage of a request's documents. Scans for OFFLINE verification arrive through signed
 * upload URLs (one per document) and are checked on approve; the signed copy of a person request
 * is written by the service itself. Keys look like
 * `authentication_method_requests/<request id>/PASSPORT.jpeg` (see document-key.ts).
 *
 * Bytes whose place is decided later go in as an attempt: stored under a key of their own
 * (`attempts/<attempt id>/<key>`), then kept (they become the document of `key`) or dropped. The
 * signed copy of a sign is an attempt until the sign's transaction has committed, so that the
 * key of the signed copy never holds the signature of a sign that lost.
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
  /** Stores `bytes` meant for the document `key` as a new attempt, leaving `key` as it is; returns the attempt's key. */
  abstract putAttempt(key: string, bytes: Uint8Array, contentType: string): Promise<string>;
  /**
   * The attempt becomes the document of its key (replacing what was there) and its own key is
   * removed. Resolves false, changing nothing, when the attempt is no longer stored (it was kept
   * or dropped already): keeping twice is harmless.
   */
  abstract keepAttempt(attemptKey: string): Promise<boolean>;
  /** Removes an attempt that will not be kept; an attempt already gone is no error. */
  abstract dropAttempt(attemptKey: string): Promise<void>;
  /** Up to `limit` attempts still stored, in no order: those that were never kept nor dropped. */
  abstract attempts(limit: number): Promise<StoredAttempt[]>;
}
