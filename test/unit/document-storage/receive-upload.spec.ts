import { PassThrough, Readable } from 'node:stream';
import {
  MAX_DOCUMENT_BYTES,
  ReceiveUploadUseCase,
} from '../../../src/document-storage/application/receive-upload.use-case.js';
import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { unavailable } from '../../../src/kernel/domain/errors.js';
import { InMemoryUploadTarget } from '../../support/fakes/in-memory-upload-target.js';
import { MemoryObjectStore } from '../../support/fakes/memory-object-store.js';
import { chunked } from '../../support/upload-bodies.js';
import { JPEG } from '../../support/uploads.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const KEY = `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`;
const NOW = new Date('2026-11-23T10:00:00.000Z');
const REFUSED = { code: 'forbidden_upload', message: 'Upload URL signature is invalid or expired' };
const MiB = 1024 * 1024;
const OTHER = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), Buffer.alloc(21, 9)]);

describe('receiving an upload', () => {
  let clock: FixedClock;
  let urls: UploadUrls;
  let store: MemoryObjectStore;
  let target: InMemoryUploadTarget;
  let uploads: ReceiveUploadUseCase;

  beforeEach(() => {
    clock = new FixedClock(NOW);
    urls = new UploadUrls({ publicUrl: 'https://mpi.example.org', ttlSeconds: 600 }, clock, () =>
      Promise.resolve(Buffer.from('k'.repeat(64))),
    );
    store = new MemoryObjectStore();
    target = new InMemoryUploadTarget(REQUEST);
    const targets = new RegisteredUploadTargets();
    targets.register('authentication_method_requests', target);
    uploads = new ReceiveUploadUseCase(urls, targets, store);
  });

  const signed = async (key = KEY): Promise<[string, string]> => {
    const url = new URL(await urls.sign(key));
    return [url.searchParams.get('expires')!, url.searchParams.get('signature')!];
  };

  describe('authorizing', () => {
    it('accepts a signed URL of a request that is still open', async () => {
      await expect(uploads.authorize(KEY, ...(await signed()))).resolves.toBe(KEY);
    });

    it('refuses a signed URL once the request is closed, with the message of a bad signature', async () => {
      const query = await signed();
      target.open.clear();
      await expect(uploads.authorize(KEY, ...query)).rejects.toMatchObject(REFUSED);
    });

    it.each<[string, string]>([
      ['a kind nobody registered', `person_requests/${REQUEST}/PASSPORT.jpeg`],
      ['a key that names no request', 'PASSPORT.jpeg'],
      ['a key whose request id is no UUID', 'authentication_method_requests/42/PASSPORT.jpeg'],
    ])('refuses a signed URL of %s', async (_name, key) => {
      await expect(uploads.authorize(key, ...(await signed(key)))).rejects.toMatchObject(REFUSED);
    });

    it('refuses a signed URL of the signed copy: only scans are uploaded', async () => {
      const key = `authentication_method_requests/${REQUEST}/signed_content.p7s`;
      await expect(uploads.authorize(key, ...(await signed(key)))).rejects.toMatchObject(REFUSED);
    });

    it.each<[string, () => Promise<[unknown, unknown, unknown]>]>([
      ['a wrong signature', async () => [KEY, (await signed())[0], '0'.repeat(64)]],
      ['no query', () => Promise.resolve([KEY, undefined, undefined])],
      ['an invalid key', async () => [`../${KEY}`, ...(await signed())]],
      ['no key', async () => [undefined, ...(await signed())]],
    ])('refuses %s without asking about the request', async (_name, args) => {
      await expect(uploads.authorize(...(await args()))).rejects.toMatchObject(REFUSED);
      expect(target.asked).toEqual([]);
    });

    it('refuses an expired URL of an open request', async () => {
      const query = await signed();
      clock.advance(601_000);
      await expect(uploads.authorize(KEY, ...query)).rejects.toMatchObject(REFUSED);
    });
  });

  describe('storing the body', () => {
    it('stores a JPEG under its key', async () => {
      await expect(uploads.receive(KEY, Readable.from([JPEG]))).resolves.toEqual({
        stored: true,
        size: JPEG.length,
      });
      expect(store.objects.get(KEY)).toEqual(JPEG);
      expect([...store.objects.keys()]).toEqual([KEY]);
    });

    it('replaces an earlier upload of the same key', async () => {
      await uploads.receive(KEY, Readable.from([JPEG]));
      const larger = Buffer.concat([JPEG, JPEG]);
      await uploads.receive(KEY, Readable.from([larger]));
      expect(store.objects.get(KEY)).toEqual(larger);
    });

    it('reads the JPEG signature across chunk boundaries', async () => {
      const chunks = [JPEG.subarray(0, 1), JPEG.subarray(1, 2), JPEG.subarray(2)];
      await expect(uploads.receive(KEY, Readable.from(chunks))).resolves.toMatchObject({
        stored: true,
      });
      expect(store.objects.get(KEY)).toEqual(JPEG);
    });

    it('accepts exactly 10 MiB', async () => {
      await expect(uploads.receive(KEY, chunked(MAX_DOCUMENT_BYTES))).resolves.toEqual({
        stored: true,
        size: MAX_DOCUMENT_BYTES,
      });
      expect(store.objects.get(KEY)?.length).toBe(MAX_DOCUMENT_BYTES);
    });

    it.each<[string, () => Readable, string]>([
      ['a body one byte over 10 MiB', () => chunked(MAX_DOCUMENT_BYTES + 1), 'too_large'],
      ['a body of 11 MiB that is no JPEG', () => chunked(11 * MiB, 'GIF'), 'too_large'],
      ['a body that is no JPEG', () => Readable.from([Buffer.from('GIF89a')]), 'not_jpeg'],
      ['a body that is no JPEG from its first byte', () => chunked(MiB, 'G'), 'not_jpeg'],
      ['a body of two bytes', () => Readable.from([JPEG.subarray(0, 2)]), 'not_jpeg'],
      ['an empty body', () => Readable.from([]), 'not_jpeg'],
    ])('refuses %s, stores nothing and still reads it to its end', async (_name, make, reason) => {
      const body = make();
      await expect(uploads.receive(KEY, body)).resolves.toEqual({ stored: false, reason });
      expect([...store.objects.keys()]).toEqual([]);
      expect(body.readableEnded).toBe(true);
    });

    it('keeps the earlier upload when a later one is refused', async () => {
      await uploads.receive(KEY, Readable.from([JPEG]));
      await uploads.receive(KEY, chunked(MAX_DOCUMENT_BYTES + 1));
      expect(store.objects.get(KEY)).toEqual(JPEG);
    });

    it('refuses a declared length over 10 MiB without reading the body', async () => {
      const body = Readable.from([JPEG]);
      await expect(uploads.receive(KEY, body, MAX_DOCUMENT_BYTES + 1)).resolves.toEqual({
        stored: false,
        reason: 'too_large',
      });
      expect(body.readableEnded).toBe(false);
      expect(store.objects.has(KEY)).toBe(false);
    });

    it('stores nothing for a body that breaks off', async () => {
      await expect(uploads.receive(KEY, breaksOff())).resolves.toEqual({
        stored: false,
        reason: 'interrupted',
      });
      expect(store.objects.has(KEY)).toBe(false);
    });

    it('stops reading a body far over the limit', async () => {
      const body = chunked(41 * MiB);
      await expect(uploads.receive(KEY, body)).resolves.toEqual({
        stored: false,
        reason: 'too_large',
      });
      expect(body.destroyed).toBe(true);
      expect(body.readableEnded).toBe(false);
    });

    it('refuses a body that arrived after its request closed, keeping the earlier upload and no attempt', async () => {
      await uploads.receive(KEY, Readable.from([JPEG]));
      const body = new PassThrough();
      const receiving = uploads.receive(KEY, body);
      body.write(OTHER.subarray(0, 5));
      // An approve takes the request's lock and commits while the rest is on its way.
      await target.closeUnderLock(REQUEST, () => Promise.resolve());
      body.end(OTHER.subarray(5));
      await expect(receiving).rejects.toMatchObject(REFUSED);
      expect(store.objects.get(KEY)).toEqual(JPEG);
      expect([...store.objects.keys()]).toEqual([KEY]);
    });

    it('keeps a body whose upload holds the lock first: the closing action then sees it', async () => {
      await uploads.receive(KEY, Readable.from([JPEG]));
      const held = target.holdInside();
      const receiving = uploads.receive(KEY, Readable.from([OTHER]));
      await held.inside;
      const approve = target.closeUnderLock(REQUEST, () => Promise.resolve(store.objects.get(KEY)));
      held.release();
      await expect(receiving).resolves.toEqual({ stored: true, size: OTHER.length });
      await expect(approve).resolves.toEqual(OTHER);
      expect([...store.objects.keys()]).toEqual([KEY]);
    });

    it('answers the store’s failure once the whole body is read, even when the store read nothing', async () => {
      store.failWith = unavailable('Document storage is unavailable');
      const body = chunked(2 * MiB);
      await expect(uploads.receive(KEY, body)).rejects.toBe(store.failWith);
      expect(body.readableEnded).toBe(true);
    });
  });
});

function breaksOff(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(JPEG);
      } else {
        this.destroy(new Error('socket hang up'));
      }
    },
  });
}
