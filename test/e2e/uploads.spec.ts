import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { DocumentStorage } from '../../src/document-storage/application/document-storage.port.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const REQUEST = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const keyOf = (type: string): string => `authentication_method_requests/${REQUEST}/${type}.jpeg`;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const MiB = 1024 * 1024;
const REFUSED = { type: 'forbidden', message: 'Upload URL signature is invalid or expired' };

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: { meta?: unknown; data?: unknown; error?: { type: string; message: string } };
}

describe('document uploads of the embedded storage (api.md §8)', () => {
  let t: TestApp;
  let storage: DocumentStorage;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    storage = t.app.get(DocumentStorage);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Path and query of a fresh upload URL (the URL's host is PUBLIC_URL, not the test port). */
  const uploadPath = async (key: string): Promise<string> => {
    const url = new URL(await storage.uploadUrl(key));
    expect(url.origin).toBe(t.config.publicUrl);
    return `${url.pathname}${url.search}`;
  };
  const documentsDir = (): string => join(t.config.dataDir, 'documents');

  /** A request without supertest's URL handling: the path goes out byte for byte. */
  const raw = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer | Readable,
  ): Promise<RawResponse> => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      });
      req.on('error', reject);
      if (body instanceof Readable) body.pipe(req);
      else req.end(body);
    });
  };

  it('stores a JPEG sent to a signed URL without a bearer token', async () => {
    const key = keyOf('PASSPORT');
    await expect(storage.exists(key)).resolves.toBe(false);
    const res = await t.http
      .put(await uploadPath(key))
      .set('Content-Type', 'image/jpeg')
      .send(JPEG)
      .expect(200);
    expect(res.body).toEqual({
      meta: {
        code: 200,
        url: `${t.config.publicUrl}/api/uploads/${key}`,
        type: 'object',
        request_id: res.headers['x-request-id'],
      },
      data: { key, size: JPEG.length },
    });
    await expect(storage.exists(key)).resolves.toBe(true);
    await expect(readFile(join(documentsDir(), key))).resolves.toEqual(JPEG);
  });

  it('accepts a content type with parameters', async () => {
    const key = keyOf('NATIONAL_ID');
    await t.http
      .put(await uploadPath(key))
      .set('Content-Type', 'image/jpeg; charset=binary')
      .send(JPEG)
      .expect(200);
    await expect(storage.exists(key)).resolves.toBe(true);
  });

  it('refuses a wrong signature with 403', async () => {
    const key = keyOf('BIRTH_CERTIFICATE');
    const path = (await uploadPath(key)).replace(/signature=[0-9a-f]/, (m) =>
      m.endsWith('0') ? `${m.slice(0, -1)}1` : `${m.slice(0, -1)}0`,
    );
    const res = await t.http.put(path).set('Content-Type', 'image/jpeg').send(JPEG).expect(403);
    expect(res.body.error).toEqual(REFUSED);
    expect(res.body.meta.code).toBe(403);
    await expect(storage.exists(key)).resolves.toBe(false);
  });

  it('refuses a URL without signature or expiry with 403', async () => {
    const key = keyOf('BIRTH_CERTIFICATE');
    const res = await t.http
      .put(`/api/uploads/${key}`)
      .set('Content-Type', 'image/jpeg')
      .send(JPEG)
      .expect(403);
    expect(res.body.error).toEqual(REFUSED);
  });

  it('refuses the signature of one key used for another with 403', async () => {
    const path = (await uploadPath(keyOf('PASSPORT'))).replace('PASSPORT', 'TEMPORARY_CERTIFICATE');
    const res = await t.http.put(path).set('Content-Type', 'image/jpeg').send(JPEG).expect(403);
    expect(res.body.error).toEqual(REFUSED);
    await expect(storage.exists(keyOf('TEMPORARY_CERTIFICATE'))).resolves.toBe(false);
  });

  it('refuses an expired URL with 403', async () => {
    const key = keyOf('REFUGEE_CERTIFICATE');
    const path = await uploadPath(key);
    t.clock.advance((t.config.documentUrlTtlSeconds + 1) * 1000);
    try {
      const res = await t.http.put(path).set('Content-Type', 'image/jpeg').send(JPEG).expect(403);
      expect(res.body.error).toEqual(REFUSED);
    } finally {
      t.clock.advance(-(t.config.documentUrlTtlSeconds + 1) * 1000);
    }
    await expect(storage.exists(key)).resolves.toBe(false);
  });

  it.each([
    ['image/png', JPEG],
    ['application/octet-stream', JPEG],
    ['application/json', Buffer.from('{"a":1}')],
  ])('refuses a body of type %s with 400', async (type, body) => {
    const key = keyOf('COMPLEMENTARY_PROTECTION_CERTIFICATE');
    const res = await t.http
      .put(await uploadPath(key))
      .set('Content-Type', type)
      .send(body)
      .expect(400);
    expect(res.body.error).toEqual({
      type: 'request_malformed',
      message: 'Content-Type must be image/jpeg',
    });
    await expect(storage.exists(key)).resolves.toBe(false);
  });

  it('refuses a body that is no JPEG with 400', async () => {
    const key = keyOf('COMPLEMENTARY_PROTECTION_CERTIFICATE');
    const res = await t.http
      .put(await uploadPath(key))
      .set('Content-Type', 'image/jpeg')
      .send(Buffer.from('GIF89a............'))
      .expect(400);
    expect(res.body.error).toEqual({
      type: 'request_malformed',
      message: 'Body is not a JPEG image',
    });
    await expect(storage.exists(key)).resolves.toBe(false);
  });

  it('refuses an 11 MiB body with 413 and keeps no file', async () => {
    const key = keyOf('PERMANENT_RESIDENCE_PERMIT');
    const body = Buffer.alloc(11 * MiB, 7);
    JPEG.copy(body);
    const res = await t.http
      .put(await uploadPath(key))
      .set('Content-Type', 'image/jpeg')
      .send(body);
    expect(res.status).toBe(413);
    expect(res.body.error.type).toBe('request_too_large');
    await expect(storage.exists(key)).resolves.toBe(false);
  });

  it('refuses an 11 MiB chunked body with 413 and keeps no file', async () => {
    const key = keyOf('PERMANENT_RESIDENCE_PERMIT');
    const res = await raw(
      'PUT',
      await uploadPath(key),
      { 'Content-Type': 'image/jpeg', 'Transfer-Encoding': 'chunked' },
      jpegChunks(11 * MiB),
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ type: 'request_too_large' });
    await expect(storage.exists(key)).resolves.toBe(false);
    expect(readdirSync(join(documentsDir(), '.incoming'))).toEqual([]);
  });

  it('accepts a good upload to a URL after refusing a large one', async () => {
    const key = keyOf('PASSPORT');
    const path = await uploadPath(key);
    const big = Buffer.alloc(11 * MiB, 7);
    JPEG.copy(big);
    await t.http.put(path).set('Content-Type', 'image/jpeg').send(big).expect(413);
    await t.http.put(path).set('Content-Type', 'image/jpeg').send(JPEG).expect(200);
  });

  it.each([
    ['an encoded slash and parent segments', '..%2F..%2Fescaped.jpeg'],
    ['raw parent segments', 'a/../../../escaped.jpeg'],
    ['encoded dots', '%2E%2E/%2E%2E/escaped.jpeg'],
    ['an encoded backslash', '..%5C..%5Cescaped.jpeg'],
    ['an absolute path', '%2Ftmp%2Fescaped.jpeg'],
  ])('refuses a key with %s and writes nothing outside the documents', async (_name, path) => {
    const res = await raw(
      'PUT',
      `/api/uploads/${path}?expires=9999999999&signature=${'0'.repeat(64)}`,
      { 'Content-Type': 'image/jpeg' },
      JPEG,
    );
    expect([403, 404]).toContain(res.status);
    for (const dir of [t.config.dataDir, dirname(t.config.dataDir), documentsDir()]) {
      expect(existsSync(join(dir, 'escaped.jpeg'))).toBe(false);
    }
    expect(existsSync('/tmp/escaped.jpeg')).toBe(false);
  });

  it('takes percent-encoded slashes of a signed key as the same key', async () => {
    const key = keyOf('TEMPORARY_PASSPORT');
    const path = (await uploadPath(key))
      .replaceAll('/', '%2F')
      .replace('%2Fapi%2Fuploads%2F', '/api/uploads/');
    const res = await raw('PUT', path, { 'Content-Type': 'image/jpeg' }, JPEG);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ key, size: JPEG.length });
    await expect(storage.exists(key)).resolves.toBe(true);
  });

  it('documents the upload in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/uploads/'));
    expect(paths).toHaveLength(1);
    const put = doc.body.paths[paths[0]].put;
    expect(put.tags).toEqual(['Document uploads']);
    expect(Object.keys(put.requestBody.content)).toEqual(['image/jpeg']);
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '413']),
    );
    expect(put.security ?? []).toEqual([]);
  });
});

function jpegChunks(size: number): Readable {
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
