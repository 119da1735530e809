import { DocumentStorage } from '../../../src/document-storage/application/document-storage.port.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import { unavailable } from '../../../src/kernel/domain/errors.js';
import { CallJournal } from './call-journal.js';

export interface StoredDocument {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * Document storage in memory: upload URLs name their key, `upload` stands for a client's PUT
 * through one, and a storage taken down answers every call with the port's 503.
 */
export class InMemoryDocumentStorage extends DocumentStorage {
  readonly documents = new Map<string, StoredDocument>();
  /** Keys an upload URL was handed out for, in order. */
  readonly urlKeys: string[] = [];
  down = false;

  constructor(private readonly journal = new CallJournal()) {
    super();
  }

  /** A scan arrived through its upload URL (test setup). */
  upload(...keys: string[]): this {
    for (const key of keys) {
      this.documents.set(key, {
        bytes: new Uint8Array([0xff, 0xd8, 0xff]),
        contentType: 'image/jpeg',
      });
    }
    return this;
  }

  uploadUrl(key: string): Promise<string> {
    this.journal.record('storage.uploadUrl', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    this.urlKeys.push(key);
    return Promise.resolve(`https://storage.test/${key}?signature=fake`);
  }

  exists(key: string): Promise<boolean> {
    this.journal.record('storage.exists', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    return Promise.resolve(this.documents.has(key));
  }

  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.journal.record('storage.put', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    this.documents.set(key, { bytes: new Uint8Array(bytes), contentType });
    return Promise.resolve();
  }
}
