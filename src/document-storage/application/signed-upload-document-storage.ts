import { randomUUID } from 'node:crypto';
import {
  attemptKey,
  attemptTarget,
  ATTEMPTS_PREFIX,
  isDocumentKey,
  isUploadKey,
} from '../domain/document-key.js';
import { DocumentStorage, type StoredAttempt } from './document-storage.port.js';
import type { ObjectStore } from './object-store.port.js';
import type { UploadUrls } from './upload-urls.js';

/**
 * The document storage of this service: bytes in the configured object store, uploads through
 * this service's own signed route (which checks the JPEG, the 10 MiB, the expiry and that the
 * request is still NEW: things a presigned object-store URL could not revoke).
 */
export class SignedUploadDocumentStorage extends DocumentStorage {
  constructor(
    private readonly urls: UploadUrls,
    private readonly store: ObjectStore,
  ) {
    super();
  }

  async uploadUrl(key: string): Promise<string> {
    if (!isUploadKey(key)) throw new Error(`Not a valid upload key: ${JSON.stringify(key)}`);
    return this.urls.sign(key);
  }

  async exists(key: string): Promise<boolean> {
    return isDocumentKey(key) && (await this.store.exists(key));
  }

  async putAttempt(key: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const attempt = attemptKey(key, randomUUID());
    await this.store.writeBytes(attempt, bytes, contentType);
    return attempt;
  }

  async keepAttempt(key: string): Promise<boolean> {
    return this.store.move(key, targetOf(key));
  }

  async dropAttempt(key: string): Promise<void> {
    targetOf(key);
    await this.store.remove(key);
  }

  attempts(limit: number): Promise<StoredAttempt[]> {
    return this.store.list(ATTEMPTS_PREFIX, limit);
  }
}

function targetOf(key: string): string {
  const target = attemptTarget(key);
  if (target === undefined) throw new Error(`Not an attempt key: ${JSON.stringify(key)}`);
  return target;
}
