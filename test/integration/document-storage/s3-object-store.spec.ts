import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger, type LoggerService } from '@nestjs/common';
import { LocalObjectStore } from '../../../src/document-storage/adapters/local/local-object-store.js';
import {
  clientConfig,
  S3ObjectStore,
} from '../../../src/document-storage/adapters/s3/s3-object-store.js';
import { RegisteredAttemptRecords } from '../../../src/document-storage/application/attempt-records.js';
import {
  AttemptSweep,
  LEFTOVER_AGE_MS,
} from '../../../src/document-storage/application/attempt-sweep.js';
import type { ObjectStore } from '../../../src/document-storage/application/object-store.port.js';
import {
  MAX_DOCUMENT_BYTES,
  ReceiveUploadUseCase,
} from '../../../src/document-storage/application/receive-upload.use-case.js';
import { SignedUploadDocumentStorage } from '../../../src/document-storage/application/signed-upload-document-storage.js';
import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { InMemoryUploadTarget } from '../../support/fakes/in-memory-upload-target.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { startS3Server } from '../../support/s3-server.js';
import { chunked } from '../../support/upload-bodies.js';
import { JPEG } from '../../support/uploads.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const KEY = `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`;
const SIGNED_COPY = `person_requests/${REQUEST}/signed_content.p7s`;
/** 25 bytes that pass for a JPEG and differ from JPEG. */
const OTHER = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), Buffer.alloc(21, 9)]);
const REFUSED = { code: 'forbidden_upload', message: 'Upload URL signature is invalid or expired' };
const MiB = 1024 * 1024;
const UNAVAILABLE = { code: 'unavailable', message: 'Document storage is unavailable' };

/** One backend as the tests see it: the store, and a look at what it really holds. */
interface Harness {
  readonly store: ObjectStore;
  /** The bytes of the object under the key, read past the store. */
  read(key: string): Promise<Buffer>;
  /** Keys of everything stored, including anything half-written that would be visible. */
  keys(): string[];
  /** Takes the storage away (server stopped, disk unusable). */
  breakDown(): Promise<void>;
  close(): Promise<void>;
}

interface Backend {
  readonly name: string;
  start(): Promise<Harness>;
}

const BACKENDS: Backend[] = [
  {
    name: 'the local disk',
    start: () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'documents-it-'));
      const root = join(dataDir, 'documents');
      return Promise.resolve({
        store: new LocalObjectStore(dataDir),
        read: (key) => Promise.resolve(readFileSync(join(root, key))),
        keys: () => filesUnder(root),
        breakDown: () => {
          // A symbolic link to itself: every path below it fails with ELOOP, even for root.
          rmSync(root, { recursive: true, force: true });
          symlinkSync('documents', root);
          return Promise.resolve();
        },
        close: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
      });
    },
  },
  {
    name: 'an S3-compatible server',
    start: async () => {
      const server = await startS3Server();
      const settings = loadConfig(server.env).documentStorage;
      if (settings.backend !== 's3') throw new Error('expected the s3 backend');
      const store = await S3ObjectStore.fromConfig(settings.s3);
      const reader = new S3Client(clientConfig(settings.s3));
      return {
        store,
        read: async (key) => {
          const object = await reader.send(
            new GetObjectCommand({ Bucket: server.bucket, Key: key }),
          );
          return Buffer.from(await object.Body!.transformToByteArray());
        },
        keys: () => server.objectKeys(),
        breakDown: () => server.stop(),
        close: async () => {
          store.onModuleDestroy();
          reader.destroy();
          await server.stop();
        },
      };
    },
  },
];

describe.each(BACKENDS)('documents on $name', (backend) => {
  let h: Harness;
  let target: InMemoryUploadTarget;
  let uploads: ReceiveUploadUseCase;
  let urls: UploadUrls;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    const capture = (...args: unknown[]): void => {
      logged.push(JSON.stringify(args));
    };
    const logger: LoggerService = { log: capture, error: capture, warn: capture };
    Logger.overrideLogger(logger);
    h = await backend.start();
    urls = new UploadUrls(
      { publicUrl: 'http://localhost:3000', ttlSeconds: 600 },
      new FixedClock(new Date('2026-11-23T10:00:00.000Z')),
      () => Promise.resolve(Buffer.from('k'.repeat(64))),
    );
    target = new InMemoryUploadTarget(REQUEST);
    const targets = new RegisteredUploadTargets();
    targets.register('authentication_method_requests', target);
    uploads = new ReceiveUploadUseCase(urls, targets, h.store);
  });

  afterEach(async () => {
    await h.close();
  });

  it('streams an upload into an object, finds it, and replaces it with a later one', async () => {
    await expect(h.store.exists(KEY)).resolves.toBe(false);
    await expect(uploads.receive(KEY, chunked(300 * 1024))).resolves.toEqual({
      stored: true,
      size: 300 * 1024,
    });
    await expect(h.store.exists(KEY)).resolves.toBe(true);
    await expect(uploads.receive(KEY, Readable.from([JPEG]))).resolves.toMatchObject({
      stored: true,
    });
    await expect(h.read(KEY)).resolves.toEqual(JPEG);
    expect(h.keys()).toEqual([KEY]);
  });

  it('stores exactly 10 MiB whole', async () => {
    const body = Buffer.alloc(MAX_DOCUMENT_BYTES, 5);
    JPEG.copy(body);
    await expect(uploads.receive(KEY, pieces(body))).resolves.toEqual({
      stored: true,
      size: MAX_DOCUMENT_BYTES,
    });
    // Digests: Jest's deep equality walks 10 MiB byte by byte for minutes.
    expect(sha256(await h.read(KEY))).toBe(sha256(body));
  });

  it('writes bytes under a key and overwrites them on a retry', async () => {
    await h.store.writeBytes(SIGNED_COPY, new Uint8Array([1, 2, 3]), 'application/pkcs7-mime');
    await h.store.writeBytes(SIGNED_COPY, new Uint8Array([4, 5]), 'application/pkcs7-mime');
    await expect(h.store.exists(SIGNED_COPY)).resolves.toBe(true);
    await expect(h.read(SIGNED_COPY)).resolves.toEqual(Buffer.from([4, 5]));
    expect(h.keys()).toEqual([SIGNED_COPY]);
  });

  it.each<[string, () => Readable, string]>([
    ['a body over 10 MiB (past the first part)', () => chunked(11 * MiB), 'too_large'],
    ['a body over 10 MiB that is no JPEG', () => chunked(11 * MiB, 'GIF8'), 'too_large'],
    ['a body that is no JPEG', () => chunked(6 * MiB, 'GIF8'), 'not_jpeg'],
    ['a short body that is no JPEG', () => Readable.from([Buffer.from('GIF89a')]), 'not_jpeg'],
    ['a body that breaks off past the first part', () => breaksOff(6 * MiB), 'interrupted'],
  ])('leaves no object for %s', async (_name, body, reason) => {
    await expect(uploads.receive(KEY, body())).resolves.toEqual({ stored: false, reason });
    await expect(h.store.exists(KEY)).resolves.toBe(false);
    expect(h.keys()).toEqual([]);
    // A refusal is the client's doing, not a storage failure.
    expect(logged.filter((line) => line.includes('Document storage could not'))).toEqual([]);
  });

  it('keeps the earlier object when a later upload is refused', async () => {
    await uploads.receive(KEY, Readable.from([JPEG]));
    await expect(uploads.receive(KEY, chunked(11 * MiB))).resolves.toMatchObject({
      stored: false,
    });
    expect(sha256(await h.read(KEY))).toBe(sha256(JPEG));
    expect(h.keys()).toEqual([KEY]);
  });

  it('refuses an upload that finishes after its request closed, and keeps the earlier object alone', async () => {
    await uploads.receive(KEY, Readable.from([JPEG]));
    const body = new PassThrough();
    const receiving = uploads.receive(KEY, body);
    body.write(OTHER.subarray(0, 5));
    // The request's approve takes its lock and commits while the rest of the body is on its way.
    await target.closeUnderLock(REQUEST, () => Promise.resolve());
    body.end(OTHER.subarray(5));
    await expect(receiving).rejects.toMatchObject(REFUSED);
    await expect(h.read(KEY)).resolves.toEqual(JPEG);
    expect(h.keys()).toEqual([KEY]);
  });

  it('keeps an upload that holds the lock first: an approve waiting for it reads the new object', async () => {
    await uploads.receive(KEY, Readable.from([JPEG]));
    const held = target.holdInside();
    const receiving = uploads.receive(KEY, Readable.from([OTHER]));
    await held.inside;
    const approve = target.closeUnderLock(REQUEST, () => h.read(KEY));
    held.release();
    await expect(receiving).resolves.toEqual({ stored: true, size: OTHER.length });
    await expect(approve).resolves.toEqual(OTHER);
    expect(h.keys()).toEqual([KEY]);
  });

  it('moves an object whole onto another key, replacing it, and reports a source that is gone', async () => {
    const from = `attempts/${REQUEST}/${SIGNED_COPY}`;
    await h.store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
    await h.store.writeBytes(from, new Uint8Array([1, 2, 3]), 'application/pkcs7-mime');
    await expect(h.store.move(from, SIGNED_COPY)).resolves.toBe(true);
    await expect(h.read(SIGNED_COPY)).resolves.toEqual(Buffer.from([1, 2, 3]));
    expect(h.keys()).toEqual([SIGNED_COPY]);
    await expect(h.store.move(from, SIGNED_COPY)).resolves.toBe(false);
    await expect(h.read(SIGNED_COPY)).resolves.toEqual(Buffer.from([1, 2, 3]));
  });

  it('lists the objects under a prefix with when they were stored, and removes them', async () => {
    const before = Date.now() - 5_000;
    const attempt = `attempts/${REQUEST}/${SIGNED_COPY}`;
    await h.store.writeBytes(attempt, new Uint8Array([1]), 'application/pkcs7-mime');
    await h.store.writeBytes(SIGNED_COPY, new Uint8Array([2]), 'application/pkcs7-mime');
    const listed = await h.store.list('attempts/', 10);
    expect(listed).toEqual([{ key: attempt, storedAt: expect.any(Date) }]);
    expect(listed[0].storedAt.getTime()).toBeGreaterThan(before);
    await expect(h.store.list('nothing/', 10)).resolves.toEqual([]);
    await h.store.remove(attempt);
    await h.store.remove(attempt);
    expect(h.keys()).toEqual([SIGNED_COPY]);
  });

  it('sweeps: a recorded attempt is put in place, an old unrecorded one goes, a young one stays', async () => {
    const storage = new SignedUploadDocumentStorage(urls, h.store);
    const records = new RegisteredAttemptRecords();
    const other = '0c7a8f4e-5d6b-4a3c-9b2d-1e0f9a8b7c6d';
    const otherCopy = `person_requests/${other}/signed_content.p7s`;
    await h.store.writeBytes(SIGNED_COPY, new Uint8Array([9]), 'application/pkcs7-mime');
    const winner = await storage.putAttempt(
      SIGNED_COPY,
      new Uint8Array([1]),
      'application/pkcs7-mime',
    );
    const loser = await storage.putAttempt(
      SIGNED_COPY,
      new Uint8Array([2]),
      'application/pkcs7-mime',
    );
    const unsigned = await storage.putAttempt(
      otherCopy,
      new Uint8Array([3]),
      'application/pkcs7-mime',
    );
    records.register('person_requests', {
      recordedAttempt: (id) => Promise.resolve(id === REQUEST ? winner : null),
    });
    const sweepAt = (ms: number) =>
      new AttemptSweep(storage, h.store, records, () => new Date(Date.now() + ms)).sweep();

    await expect(sweepAt(0)).resolves.toBe(1);
    await expect(h.read(SIGNED_COPY)).resolves.toEqual(Buffer.from([1]));
    expect(h.keys()).toEqual([loser, unsigned, SIGNED_COPY].sort());

    await expect(sweepAt(LEFTOVER_AGE_MS + 60_000)).resolves.toBe(2);
    expect(h.keys()).toEqual([SIGNED_COPY]);
    await expect(h.read(SIGNED_COPY)).resolves.toEqual(Buffer.from([1]));
  });

  it('answers unavailable when the storage is down, and logs it without the key pair', async () => {
    await h.breakDown();
    await expect(h.store.exists(KEY)).rejects.toMatchObject(UNAVAILABLE);
    await expect(uploads.receive(KEY, Readable.from([JPEG]))).rejects.toMatchObject(UNAVAILABLE);
    await expect(
      h.store.writeBytes(SIGNED_COPY, new Uint8Array([1]), 'application/pkcs7-mime'),
    ).rejects.toMatchObject(UNAVAILABLE);
    const failures = logged.filter((line) => line.includes('Document storage could not'));
    expect(failures).toHaveLength(3);
    expect(failures.join('\n')).not.toContain('S3RVER');
  });
});

describe('unfinished writes on the local disk', () => {
  it('removes the .part files a killed process left, once they are old enough', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'documents-it-'));
    try {
      const incoming = join(dataDir, 'documents', '.incoming');
      mkdirSync(incoming, { recursive: true });
      const hourAgo = new Date(Date.now() - 3_600_000);
      writeFileSync(join(incoming, 'killed.part'), JPEG);
      utimesSync(join(incoming, 'killed.part'), hourAgo, hourAgo);
      writeFileSync(join(incoming, 'in-flight.part'), JPEG);
      const store = new LocalObjectStore(dataDir);
      await expect(store.removeUnfinished(new Date(Date.now() - 60_000))).resolves.toBe(1);
      expect(readdirSync(incoming)).toEqual(['in-flight.part']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('finds none in a storage that never wrote anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'documents-it-'));
    try {
      await expect(new LocalObjectStore(dataDir).removeUnfinished(new Date())).resolves.toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** `bytes` in 64 KiB pieces, as a network body arrives. */
function pieces(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );
}

/** A JPEG-looking body that fails after `size` bytes, as a dropped connection does. */
function breaksOff(size: number): Readable {
  const source = chunked(size);
  return new Readable({
    read() {
      const chunk = source.read() as Buffer | null;
      if (chunk !== null) this.push(chunk);
      else if (source.readableEnded) this.destroy(new Error('socket hang up'));
      else source.once('readable', () => this.read());
    },
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
      .sort();
  } catch {
    return [];
  }
}
