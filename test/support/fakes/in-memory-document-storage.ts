import { randomUUID } from 'node:crypto';
import {
  DocumentStorage,
  type StoredAttempt,
} from '../../../src/document-storage/application/document-storage.port.js';
import {
  attemptKey,
  attemptTarget,
  isUploadKey,
} from '../../../src/document-storage/domain/document-key.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { unavailable } from '../../../src/kernel/domain/errors.js';
import { CallJournal } from './call-journal.js';

export interface StoredDocument {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * Document storage in memory: upload URLs name their key (scans only, as the real storage hands
 * them out), `upload` stands for a client's PUT
 * through one, and a storage taken down answers every call with the port's 503. Attempts are
 * kept under their own keys, as the real storage keeps them; the journal names an attempt by the
 * document it is an attempt at (its own key is random).
 */
export class InMemoryDocumentStorage extends DocumentStorage {
  readonly documents = new Map<string, StoredDocument>();
  /** Keys an upload URL was handed out for, in order. */
  readonly urlKeys: string[] = [];
  down = false;
  private readonly attemptTimes = new Map<string, Date>();

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

  /** Keys of the attempts still stored. */
  attemptKeys(): string[] {
    return [...this.documents.keys()].filter((key) => attemptTarget(key) !== undefined);
  }

  uploadUrl(key: string): Promise<string> {
    this.journal.record('storage.uploadUrl', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    if (!isUploadKey(key)) {
      return Promise.reject(new Error(`Not a valid upload key: ${JSON.stringify(key)}`));
    }
    this.urlKeys.push(key);
    return Promise.resolve(`https://storage.test/${key}?signature=fake`);
  }

  exists(key: string): Promise<boolean> {
    this.journal.record('storage.exists', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    return Promise.resolve(this.documents.has(key));
  }

  putAttempt(key: string, bytes: Uint8Array, contentType: string): Promise<string> {
    this.journal.record('storage.putAttempt', key);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    const attempt = attemptKey(key, randomUUID());
    this.documents.set(attempt, { bytes: new Uint8Array(bytes), contentType });
    this.attemptTimes.set(attempt, new Date());
    return Promise.resolve(attempt);
  }

  keepAttempt(attempt: string): Promise<boolean> {
    const target = attemptTarget(attempt);
    this.journal.record('storage.keepAttempt', target);
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    const stored = this.documents.get(attempt);
    if (target === undefined || stored === undefined) return Promise.resolve(false);
    this.documents.set(target, stored);
    this.documents.delete(attempt);
    return Promise.resolve(true);
  }

  dropAttempt(attempt: string): Promise<void> {
    this.journal.record('storage.dropAttempt', attemptTarget(attempt));
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    this.documents.delete(attempt);
    return Promise.resolve();
  }

  attempts(limit: number): Promise<StoredAttempt[]> {
    if (this.down) return Promise.reject(unavailable(ERRORS.storageUnavailable.message));
    return Promise.resolve(
      this.attemptKeys()
        .slice(0, limit)
        .map((key) => ({ key, storedAt: this.attemptTimes.get(key) ?? new Date(0) })),
    );
  }
}
