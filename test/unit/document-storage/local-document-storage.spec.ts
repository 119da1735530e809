import { mkdtempSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import {
  LocalDocumentStorage,
  MAX_DOCUMENT_BYTES,
} from '../../../src/document-storage/adapters/local/local-document-storage.js';
import { signUpload } from '../../../src/document-storage/adapters/local/upload-signature.js';
import { loadConfig, type AppConfig } from '../../../src/platform/config/app-config.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { DomainError } from '../../../src/shared/domain/errors.js';

const KEY = 'authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const REFUSED = {
  code: 'forbidden_upload',
  message: 'Upload URL signature is invalid or expired',
};
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

interface Signed {
  readonly path: string;
  readonly expires: string;
  readonly signature: string;
}

describe('the embedded document storage', () => {
  let config: AppConfig;
  let clock: FixedClock;
  let storage: LocalDocumentStorage;

  beforeAll(() => {
    // The storage logs the cause of each 'unavailable'; one test provokes it on purpose.
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'documents-unit-')),
      PUBLIC_URL: 'https://mpi.example.org',
      DOCUMENT_URL_TTL_SECONDS: '600',
    });
    clock = new FixedClock(NOW);
    storage = new LocalDocumentStorage(config, clock);
  });

  const signed = async (key = KEY): Promise<Signed> => {
    const url = new URL(await storage.uploadUrl(key));
    return {
      path: url.pathname,
      expires: url.searchParams.get('expires')!,
      signature: url.searchParams.get('signature')!,
    };
  };

  describe('upload URLs', () => {
    it('points at the public URL with an expiry of now plus the TTL and a hex signature', async () => {
      const url = await storage.uploadUrl(KEY);
      expect(url).toMatch(
        new RegExp(
          `^https://mpi\\.example\\.org/api/uploads/${KEY}\\?expires=${NOW_SECONDS + 600}&signature=[0-9a-f]{64}$`,
        ),
      );
    });

    it('refuses to sign a key outside the key rules', async () => {
      await expect(storage.uploadUrl('../etc/passwd.jpeg')).rejects.toThrow(
        'Not a valid document key',
      );
    });

    it('generates the signing key once, readable by the owner only', async () => {
      const first = await signed();
      const file = join(config.dataDir, 'document-signing-key');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const again = new LocalDocumentStorage(config, clock);
      await expect(again.authorizeUpload(KEY, first.expires, first.signature)).resolves.toBe(KEY);
    });

    it('signs with the key already in the data directory', async () => {
      const secret = 's'.repeat(64);
      await writeFile(join(config.dataDir, 'document-signing-key'), `${secret}\n`);
      const url = await signed();
      expect(url.signature).toBe(signUpload(Buffer.from(secret), KEY, Number(url.expires)));
    });

    it('refuses a signing key file that is too short', async () => {
      await writeFile(join(config.dataDir, 'document-signing-key'), 'short\n');
      await expect(storage.uploadUrl(KEY)).rejects.toMatchObject({ code: 'unavailable' });
    });
  });

  describe('authorizing an upload', () => {
    it('accepts its own URL until it expires', async () => {
      const url = await signed();
      clock.advance(600_000);
      await expect(storage.authorizeUpload(KEY, url.expires, url.signature)).resolves.toBe(KEY);
    });

    it('refuses its own URL a second after it expires', async () => {
      const url = await signed();
      clock.advance(601_000);
      await expect(storage.authorizeUpload(KEY, url.expires, url.signature)).rejects.toMatchObject(
        REFUSED,
      );
    });

    it('refuses the signature of one key used for another', async () => {
      const url = await signed();
      await expect(
        storage.authorizeUpload(KEY.replace('PASSPORT', 'NATIONAL_ID'), url.expires, url.signature),
      ).rejects.toMatchObject(REFUSED);
    });

    it('refuses a lengthened expiry', async () => {
      const url = await signed();
      await expect(
        storage.authorizeUpload(KEY, String(Number(url.expires) + 1), url.signature),
      ).rejects.toMatchObject(REFUSED);
    });

    it('refuses an invalid key before anything else', async () => {
      const url = await signed();
      await expect(
        storage.authorizeUpload(`../${KEY}`, url.expires, url.signature),
      ).rejects.toMatchObject(REFUSED);
      await expect(
        storage.authorizeUpload(undefined, url.expires, url.signature),
      ).rejects.toMatchObject(REFUSED);
    });

    it('throws a DomainError the HTTP layer maps to 403', async () => {
      const error = await storage.authorizeUpload(KEY, '1', 'nope').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
    });
  });

  describe('storing and finding documents', () => {
    it('stores a JPEG under its key and then finds it', async () => {
      await expect(storage.exists(KEY)).resolves.toBe(false);
      await expect(storage.store(KEY, Readable.from([JPEG]))).resolves.toEqual({
        stored: true,
        size: JPEG.length,
      });
      await expect(storage.exists(KEY)).resolves.toBe(true);
      await expect(readFile(join(config.dataDir, 'documents', KEY))).resolves.toEqual(JPEG);
    });

    it('replaces an earlier upload of the same key', async () => {
      await storage.store(KEY, Readable.from([JPEG]));
      const larger = Buffer.concat([JPEG, JPEG]);
      await expect(storage.store(KEY, Readable.from([larger]))).resolves.toEqual({
        stored: true,
        size: larger.length,
      });
      await expect(readFile(join(config.dataDir, 'documents', KEY))).resolves.toEqual(larger);
    });

    it('reads the JPEG signature across chunk boundaries', async () => {
      const chunks = [JPEG.subarray(0, 1), JPEG.subarray(1, 2), JPEG.subarray(2)];
      await expect(storage.store(KEY, Readable.from(chunks))).resolves.toMatchObject({
        stored: true,
      });
    });

    it('accepts exactly 10 MiB', async () => {
      const body = Buffer.alloc(MAX_DOCUMENT_BYTES, 1);
      JPEG.copy(body);
      await expect(storage.store(KEY, Readable.from([body]))).resolves.toEqual({
        stored: true,
        size: MAX_DOCUMENT_BYTES,
      });
    });

    it.each<[string, () => Readable, number | undefined, string]>([
      [
        'a body one byte over 10 MiB',
        () => chunked(MAX_DOCUMENT_BYTES + 1),
        undefined,
        'too_large',
      ],
      [
        'a declared length over 10 MiB',
        () => Readable.from([JPEG]),
        MAX_DOCUMENT_BYTES + 1,
        'too_large',
      ],
      [
        'a body that is no JPEG',
        () => Readable.from([Buffer.from('GIF89a')]),
        undefined,
        'not_jpeg',
      ],
      ['an empty body', () => Readable.from([]), undefined, 'not_jpeg'],
      ['a body that breaks off', () => breaksOff(), undefined, 'interrupted'],
    ])('leaves nothing behind for %s', async (_name, body, declared, reason) => {
      await expect(storage.store(KEY, body(), declared)).resolves.toEqual({
        stored: false,
        reason,
      });
      await expect(storage.exists(KEY)).resolves.toBe(false);
      await expect(leftovers(config.dataDir)).resolves.toEqual([]);
    });

    it('does not find a key outside the key rules', async () => {
      await expect(storage.exists('../document-signing-key')).resolves.toBe(false);
    });

    it('does not count a directory as a document', async () => {
      await storage.store(`${KEY.replace('.jpeg', '')}/inner.jpeg`, Readable.from([JPEG]));
      await expect(
        storage.exists('authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55.jpeg'),
      ).resolves.toBe(false);
      await expect(storage.exists(`${KEY.replace('.jpeg', '')}/inner.jpeg`)).resolves.toBe(true);
    });
  });
});

/** A JPEG-looking body of `size` bytes in 64 KiB chunks. */
function chunked(size: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 7);
  JPEG.copy(chunk);
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += chunk.length) {
        yield chunk.subarray(0, Math.min(chunk.length, size - sent));
      }
    })(),
  );
}

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

async function leftovers(dataDir: string): Promise<string[]> {
  const incoming = join(dataDir, 'documents', '.incoming');
  return readdir(incoming).catch(() => []);
}
