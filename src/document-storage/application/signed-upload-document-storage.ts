import { isDocumentKey, isUploadKey } from '../domain/document-key.js';
import { DocumentStorage } from './document-storage.port.js';
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

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
    await this.store.writeBytes(key, bytes, contentType);
  }
}
