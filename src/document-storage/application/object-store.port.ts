import type { Readable } from 'node:stream';

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
}

/** The error a body given to ObjectStore.write is destroyed with when the upload is refused. */
export class UploadAborted extends Error {
  constructor(readonly reason: string) {
    super(`Upload aborted: ${reason}`);
    this.name = 'UploadAborted';
  }
}
