import { randomUUID } from 'node:crypto';
import type { DocumentStorage } from '../../src/document-storage/application/document-storage.port.js';

export interface DocumentStorageSubject {
  readonly storage: DocumentStorage;
  /** The bytes stored as the document or attempt of the key, read past the storage. */
  read(key: string): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

const P7S = 'application/pkcs7-mime';
const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * The promises of DocumentStorage that the request lifecycle relies on (docs/domain-rules.md,
 * Documents): upload URLs for scans only, and attempts that leave their document alone until
 * kept, are kept once, and are listed until kept or dropped.
 */
export function describeDocumentStorageContract(
  name: string,
  makeSubject: () => Promise<DocumentStorageSubject>,
): void {
  describe(`the DocumentStorage contract: ${name}`, () => {
    let s: DocumentStorageSubject;
    let scan: string;
    let copy: string;

    beforeEach(async () => {
      s = await makeSubject();
      const request = randomUUID();
      scan = `authentication_method_requests/${request}/PASSPORT.jpeg`;
      copy = `person_requests/${request}/signed_content.p7s`;
    });
    afterEach(async () => {
      await s.close();
    });

    it('hands out an upload URL naming a scan’s key, and none for a key that takes no upload', async () => {
      await expect(s.storage.uploadUrl(scan)).resolves.toContain(scan);
      await expect(s.storage.uploadUrl(copy)).rejects.toThrow();
      await expect(s.storage.exists(scan)).resolves.toBe(false);
    });

    it('keeps an attempt as its document once, replacing what was there', async () => {
      const first = await s.storage.putAttempt(copy, bytes(1), P7S);
      await s.storage.keepAttempt(first);
      const attempt = await s.storage.putAttempt(copy, bytes(2, 3), P7S);

      expect(attempt).not.toBe(copy);
      await expect(s.read(copy)).resolves.toEqual(bytes(1));
      await expect(s.storage.keepAttempt(attempt)).resolves.toBe(true);
      await expect(s.read(copy)).resolves.toEqual(bytes(2, 3));
      await expect(s.storage.exists(copy)).resolves.toBe(true);
      await expect(s.storage.keepAttempt(attempt)).resolves.toBe(false);
      await expect(s.read(copy)).resolves.toEqual(bytes(2, 3));
    });

    it('drops an attempt, leaving its document alone; dropping twice is no error', async () => {
      const attempt = await s.storage.putAttempt(copy, bytes(7), P7S);
      await s.storage.dropAttempt(attempt);
      await s.storage.dropAttempt(attempt);

      await expect(s.storage.exists(copy)).resolves.toBe(false);
      await expect(s.storage.keepAttempt(attempt)).resolves.toBe(false);
      await expect(s.storage.attempts(10)).resolves.toEqual([]);
    });

    it('lists the attempts neither kept nor dropped, with when they were stored', async () => {
      const before = Date.now() - 5_000;
      const kept = await s.storage.putAttempt(copy, bytes(1), P7S);
      const waiting = await s.storage.putAttempt(copy, bytes(2), P7S);
      const dropped = await s.storage.putAttempt(copy, bytes(3), P7S);
      await s.storage.keepAttempt(kept);
      await s.storage.dropAttempt(dropped);

      const listed = await s.storage.attempts(10);
      expect(listed.map((a) => a.key)).toEqual([waiting]);
      expect(listed[0].storedAt.getTime()).toBeGreaterThan(before);
    });
  });
}
