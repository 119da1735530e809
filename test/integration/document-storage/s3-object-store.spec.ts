import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger, type LoggerService } from '@nestjs/common';
import { LocalObjectStore } from '../../../src/document-storage/adapters/local/local-object-store.js';
import {
  clientConfig,
  S3ObjectStore,
} from '../../../src/document-storage/adapters/s3/s3-object-store.js';
import type { ObjectStore } from '../../../src/document-storage/application/object-store.port.js';
import {
  MAX_DOCUMENT_BYTES,
  ReceiveUploadUseCase,
} from '../../../src/document-storage/application/receive-upload.use-case.js';
import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { startS3Server } from '../../support/s3-server.js';
import { chunked } from '../../support/upload-bodies.js';
import { JPEG } from '../../support/uploads.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const KEY = `authentication_method_requests/${REQUEST}/PASSPORT.jpeg`;
const SIGNED_COPY = `person_requests/${REQUEST}/signed_content.p7s`;
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
      const store = S3ObjectStore.fromConfig(settings.s3);
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
  let uploads: ReceiveUploadUseCase;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    const capture = (...args: unknown[]): void => {
      logged.push(JSON.stringify(args));
    };
    const logger: LoggerService = { log: capture, error: capture, warn: capture };
    Logger.overrideLogger(logger);
    h = await backend.start();
    const urls = new UploadUrls(
      { publicUrl: 'http://localhost:3000', ttlSeconds: 600 },
      new FixedClock(new Date('2026-11-23T10:00:00.000Z')),
      () => Promise.resolve(Buffer.from('k'.repeat(64))),
    );
    uploads = new ReceiveUploadUseCase(urls, new RegisteredUploadTargets(), h.store);
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
