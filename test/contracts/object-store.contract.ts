import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  UploadAborted,
  type ObjectStore,
} from '../../src/document-storage/application/object-store.port.js';
import { JPEG } from '../support/uploads.js';

export interface ObjectStoreSubject {
  readonly store: ObjectStore;
  /** The bytes stored under the key, read past the store; undefined when there are none. */
  read(key: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

const scanOf = (request: string) => `authentication_method_requests/${request}/PASSPORT.jpeg`;
const copyOf = (request: string) => `person_requests/${request}/signed_content.p7s`;
const P7S = 'application/pkcs7-mime';

/**
 * The promises of ObjectStore that document storage relies on (docs/domain-rules.md, Documents):
 * an object appears whole or not at all, a move replaces its target whole and tells a missing
 * source, a remove of nothing is no error, and a listing shows a prefix's objects.
 */
export function describeObjectStoreContract(
  name: string,
  makeSubject: () => Promise<ObjectStoreSubject>,
): void {
  describe(`the ObjectStore contract: ${name}`, () => {
    let s: ObjectStoreSubject;
    let request: string;

    beforeEach(async () => {
      s = await makeSubject();
      request = randomUUID();
    });
    afterEach(async () => {
      await s.close();
    });

    it('stores a streamed body under its key, and replaces it with a later one', async () => {
      const key = scanOf(request);
      await expect(s.store.exists(key)).resolves.toBe(false);
      await s.store.write(key, Readable.from([JPEG, Buffer.from('first')]), 'image/jpeg');
      await expect(s.store.exists(key)).resolves.toBe(true);
      await s.store.write(key, Readable.from([JPEG]), 'image/jpeg');
      await expect(s.read(key)).resolves.toEqual(JPEG);
    });

    it('keeps the earlier object when a body is aborted, rejecting with its error', async () => {
      const key = scanOf(request);
      await s.store.writeBytes(key, JPEG, 'image/jpeg');
      // The body of an upload always has a listener (the HTTP server's) when it is aborted.
      const body = new PassThrough().on('error', () => undefined);
      const aborted = new UploadAborted('too large');
      const writing = s.store.write(key, body, 'image/jpeg');
      body.write(Buffer.alloc(64 * 1024, 1));
      setTimeout(() => body.destroy(aborted), 20);

      await expect(writing).rejects.toBe(aborted);
      await expect(s.read(key)).resolves.toEqual(JPEG);
      await expect(s.store.list(`authentication_method_requests/${request}/`, 10)).resolves.toEqual(
        [{ key, storedAt: expect.any(Date) }],
      );
    });

    it('stores nothing new when a first body is aborted', async () => {
      const key = scanOf(request);
      // The body of an upload always has a listener (the HTTP server's) when it is aborted.
      const body = new PassThrough().on('error', () => undefined);
      const aborted = new UploadAborted('closed');
      const writing = s.store.write(key, body, 'image/jpeg');
      body.write(JPEG);
      setTimeout(() => body.destroy(aborted), 20);

      await expect(writing).rejects.toBe(aborted);
      await expect(s.store.exists(key)).resolves.toBe(false);
    });

    it('writes bytes under a key, replacing what was there', async () => {
      const key = copyOf(request);
      await s.store.writeBytes(key, new Uint8Array([1, 2]), P7S);
      await s.store.writeBytes(key, new Uint8Array([3]), P7S);
      await expect(s.read(key)).resolves.toEqual(Buffer.from([3]));
    });

    it('moves an object whole onto another key, and tells when the source is gone', async () => {
      const to = copyOf(request);
      const from = `attempts/${request}/${to}`;
      await s.store.writeBytes(to, new Uint8Array([9]), P7S);
      await s.store.writeBytes(from, new Uint8Array([1, 2, 3]), P7S);

      await expect(s.store.move(from, to)).resolves.toBe(true);
      await expect(s.read(to)).resolves.toEqual(Buffer.from([1, 2, 3]));
      await expect(s.store.exists(from)).resolves.toBe(false);
      await expect(s.store.move(from, to)).resolves.toBe(false);
      await expect(s.read(to)).resolves.toEqual(Buffer.from([1, 2, 3]));
    });

    it('removes an object, and removing nothing is no error', async () => {
      const key = copyOf(request);
      await s.store.writeBytes(key, new Uint8Array([1]), P7S);
      await s.store.remove(key);
      await s.store.remove(key);
      await expect(s.store.exists(key)).resolves.toBe(false);
      await expect(s.read(key)).resolves.toBeUndefined();
    });

    it('lists the objects under a prefix, with when they were stored', async () => {
      const before = Date.now() - 5_000;
      const attempts = [randomUUID(), randomUUID(), randomUUID()].map(
        (attempt) => `attempts/${request}/${attempt}/${copyOf(request)}`,
      );
      for (const key of attempts) await s.store.writeBytes(key, new Uint8Array([1]), P7S);
      await s.store.writeBytes(copyOf(request), new Uint8Array([2]), P7S);

      const listed = await s.store.list(`attempts/${request}/`, 10);
      expect(listed.map((o) => o.key).sort()).toEqual([...attempts].sort());
      for (const o of listed) expect(o.storedAt.getTime()).toBeGreaterThan(before);
      // A limit the listing just fits: the S3 test server cannot cut a listing short (its
      // continuation tokens need DES, which OpenSSL 3 no longer offers).
      await expect(s.store.list(`attempts/${request}/`, 3)).resolves.toHaveLength(3);
      await expect(s.store.list(`attempts/${randomUUID()}/`, 10)).resolves.toEqual([]);
    });

    it('finds nothing unfinished where every write ended', async () => {
      await s.store.writeBytes(copyOf(request), new Uint8Array([1]), P7S);
      await expect(s.store.removeUnfinished(new Date(Date.now() + 60_000))).resolves.toBe(0);
      await expect(s.store.exists(copyOf(request))).resolves.toBe(true);
    });
  });
}
