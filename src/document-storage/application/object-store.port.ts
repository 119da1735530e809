import type { Readable } from 'node:stream';

/** An object as a listing shows it: its key and when the store last wrote it (its own clock). */
export interface StoredObject {
  readonly key: string;
  readonly storedAt: Date;
}

/**
 * Where the bytes of documents live: this instance's disk or an S3-compatible bucket. Internal to
 * document storage (features use DocumentStorage). Keys are valid document keys. A failure of the
 * store itself is a DomainError 'unavailable', logged by the store without personal data.
 */
export abstract class ObjectStore {
  /** Whether an object is stored under the key. */
  abstract exists(key: string): Promise<boolean>;
  /**
   * Streams `body` into the object of `key`. The object appears, or replaces an earlier one, only
   * once `body` has ended cleanly. When `body` is destroyed with an UploadAborted, nothing new
   * becomes visible and the write rejects with that same error.
   */
  abstract write(key: string, body: Readable, contentType: string): Promise<void>;
  /** Stores `bytes` under the key, replacing an earlier object at once. */
  abstract writeBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /**
   * Makes the object of `from` the object of `to`, whole (it replaces an earlier one at once,
   * content type included), and removes `from`. Resolves false, changing nothing, when nothing
   * is stored under `from` (another caller moved or removed it first).
   */
  abstract move(from: string, to: string): Promise<boolean>;
  /** Removes the object of the key; nothing stored there is no error. */
  abstract remove(key: string): Promise<void>;
  /** Up to `limit` objects whose keys start with `prefix` (which ends with `/`), in no order. */
  abstract list(prefix: string, limit: number): Promise<StoredObject[]>;
  /**
   * Removes what writes that never finished (the process was killed) left in the store's own
   * working area, when the store last touched it before `before`; returns how many it removed.
   */
  abstract removeUnfinished(before: Date): Promise<number>;
}

/** The error a body given to ObjectStore.write is destroyed with when the upload is refused. */
export class UploadAborted extends Error {
  constructor(readonly reason: string) {
    super(`Upload aborted: ${reason}`);
    this.name = 'UploadAborted';
  }
}
