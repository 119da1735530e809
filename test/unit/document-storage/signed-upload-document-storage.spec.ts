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

  it('puts the signed copy, finds it, and overwrites it on a retry', async () => {
    await expect(storage.exists(SIGNED_COPY)).resolves.toBe(false);
    await storage.put(SIGNED_COPY, new Uint8Array([1, 2, 3]), 'application/pkcs7-mime');
    await storage.put(SIGNED_COPY, new Uint8Array([4, 5]), 'application/pkcs7-mime');
    await expect(storage.exists(SIGNED_COPY)).resolves.toBe(true);
    expect(store.objects.get(SIGNED_COPY)).toEqual(Buffer.from([4, 5]));
  });

  it('puts nothing under an invalid key', async () => {
    await expect(storage.put('../x.p7s', new Uint8Array([1]), 'x/y')).rejects.toThrow(
      'Not a valid document key',
    );
    expect(store.objects.size).toBe(0);
  });

  it('finds nothing under an invalid key without asking the store', async () => {
    store.objects.set('../escaped.jpeg', Buffer.from([1]));
    await expect(storage.exists('../escaped.jpeg')).resolves.toBe(false);
  });
});
