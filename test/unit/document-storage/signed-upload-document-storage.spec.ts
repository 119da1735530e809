import { SignedUploadDocumentStorage } from '../../../src/document-storage/application/signed-upload-document-storage.js';
import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { MemoryObjectStore } from '../../support/fakes/memory-object-store.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const SCAN = `person_requests/${REQUEST}/PASSPORT.jpeg`;
const SIGNED_COPY = `person_requests/${REQUEST}/signed_content.p7s`;

describe('document storage over an object store', () => {
  let store: MemoryObjectStore;
  let storage: SignedUploadDocumentStorage;

  beforeEach(() => {
    store = new MemoryObjectStore();
    const urls = new UploadUrls(
      { publicUrl: 'https://mpi.example.org', ttlSeconds: 600 },
      new FixedClock(new Date('2026-11-23T10:00:00.000Z')),
      () => Promise.resolve(Buffer.from('k'.repeat(64))),
    );
    storage = new SignedUploadDocumentStorage(urls, store);
  });

  it('hands out upload URLs of its own route for scans', async () => {
    await expect(storage.uploadUrl(SCAN)).resolves.toMatch(
      new RegExp(`^https://mpi\\.example\\.org/api/uploads/${SCAN}\\?expires=\\d+&signature=`),
    );
  });

  it.each([SIGNED_COPY, '../etc/passwd.jpeg', `${SCAN}/`])(
    'hands out no upload URL for %s',
    async (key) => {
      await expect(storage.uploadUrl(key)).rejects.toThrow('Not a valid upload key');
    },
  );

  it('stores an attempt under a key of its own and leaves the document as it is', async () => {
    await store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
    const attempt = await storage.putAttempt(
      SIGNED_COPY,
      new Uint8Array([1, 2, 3]),
      'application/pkcs7-mime',
    );
    expect(attempt).toMatch(new RegExp(`^attempts/[0-9a-f-]{36}/${SIGNED_COPY}$`));
    expect(store.objects.get(SIGNED_COPY)).toEqual(Buffer.from([9]));
    expect(store.objects.get(attempt)).toEqual(Buffer.from([1, 2, 3]));
    await expect(storage.attempts(10)).resolves.toEqual([
      { key: attempt, storedAt: expect.any(Date) },
    ]);
  });

  it('keeps an attempt: it replaces the document, and a second keep changes nothing', async () => {
    await store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
    const attempt = await storage.putAttempt(SIGNED_COPY, new Uint8Array([4, 5]), 'x/y');
    await expect(storage.keepAttempt(attempt)).resolves.toBe(true);
    expect(store.objects.get(SIGNED_COPY)).toEqual(Buffer.from([4, 5]));
    await expect(storage.keepAttempt(attempt)).resolves.toBe(false);
    expect([...store.objects.keys()]).toEqual([SIGNED_COPY]);
    await expect(storage.attempts(10)).resolves.toEqual([]);
  });

  it('drops an attempt and leaves the document as it is; a second drop is no error', async () => {
    await store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
    const attempt = await storage.putAttempt(SIGNED_COPY, new Uint8Array([4, 5]), 'x/y');
    await storage.dropAttempt(attempt);
    await storage.dropAttempt(attempt);
    expect([...store.objects.keys()]).toEqual([SIGNED_COPY]);
    expect(store.objects.get(SIGNED_COPY)).toEqual(Buffer.from([9]));
  });

  it.each(['../x.p7s', `attempts/${REQUEST}/${SIGNED_COPY}`])(
    'stores no attempt at %s',
    async (key) => {
      await expect(storage.putAttempt(key, new Uint8Array([1]), 'x/y')).rejects.toThrow(
        'Not a document key to attempt',
      );
      expect(store.objects.size).toBe(0);
    },
  );

  it.each([SIGNED_COPY, `attempts/not-a-uuid/${SIGNED_COPY}`])(
    'keeps and drops nothing that is no attempt key (%s)',
    async (key) => {
      await store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
      await expect(storage.keepAttempt(key)).rejects.toThrow('Not an attempt key');
      await expect(storage.dropAttempt(key)).rejects.toThrow('Not an attempt key');
      expect([...store.objects.keys()]).toEqual([SIGNED_COPY]);
    },
  );

  it('finds nothing under an invalid key without asking the store', async () => {
    store.objects.set('../escaped.jpeg', Buffer.from([1]));
    await expect(storage.exists('../escaped.jpeg')).resolves.toBe(false);
  });
});
