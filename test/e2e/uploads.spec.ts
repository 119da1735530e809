import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { DocumentStorage } from '../../src/document-storage/application/document-storage.port.js';
import { approveAmr, readAmr } from '../support/auth-method-requests.js';
import {
  AMR,
  keyIn,
  offlineAuthMethodRequest,
  offlinePerson,
  offlinePersonRequest,
  PR,
  type OfflineRequest,
} from '../support/offline-requests.js';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { JPEG, pathOf, putJpeg } from '../support/uploads.js';

const OTHER_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00]);
const MiB = 1024 * 1024;
const HOUR_MS = 3_600_000;
const REFUSED = { type: 'forbidden', message: 'Upload URL signature is invalid or expired' };
interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: { meta?: unknown; data?: unknown; error?: { type: string; message: string } };
}

const approveAuthMethodRequest = (t: TestApp, request: OfflineRequest) =>
  approveAmr(t, AMR, request.personId!, request.id);

describe('document uploads to the local disk', () => {
  let t: TestApp;
  let storage: DocumentStorage;
  /** A NEW request that owns the keys of the tests below. */
  let request: string;
  const keyOf = (type: string): string => `authentication_method_requests/${request}/${type}.jpeg`;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    storage = t.app.get(DocumentStorage);
    request = (await offlineAuthMethodRequest(t)).id;
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

  it('checks the URL before any body parsing: a deep JSON body to a wrong signature is a 403', async () => {
    const key = keyOf('BIRTH_CERTIFICATE');
    const path = (await uploadPath(key)).replace(
      /signature=[0-9a-f]{64}/,
      `signature=${'0'.repeat(64)}`,
    );
    // Parsed, this would be a 400 (nested deeper than 64 levels) before any check of the URL.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await t.http
      .put(path)
      .set('Content-Type', 'application/json')
      .send(deep)
      .expect(403);
    expect(res.body.error).toEqual(REFUSED);
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

  describe('only while the request is NEW (docs/api.md, Authentication method requests, §8)', () => {
    const documentsDir = (): string => join(t.config.dataDir, 'documents');

    it('refuses a signed URL whose request does not exist, and stores nothing', async () => {
      const key = `authentication_method_requests/${randomUUID()}/PASSPORT.jpeg`;
      const res = await putJpeg(t, await storage.uploadUrl(key)).expect(403);
      expect(res.body.error).toEqual(REFUSED);
      await expect(storage.exists(key)).resolves.toBe(false);
    });

    it('refuses the URLs of an authentication method request a newer one cancelled, and takes the newer one’s', async () => {
      const person = await offlinePerson(t);
      const older = await offlineAuthMethodRequest(t, person);
      const newer = await offlineAuthMethodRequest(t, person);
      const read = await readAmr(t, AMR, person.id, older.id).expect(200);
      expect(read.body.data.status).toBe('CANCELED');
      expect(older.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);

      for (const doc of older.documents) {
        const res = await putJpeg(t, doc.url).expect(403);
        expect(res.body.error).toEqual(REFUSED);
        await expect(storage.exists(keyIn(doc.url))).resolves.toBe(false);
      }
      await putJpeg(t, newer.documents[0].url).expect(200);
      await expect(storage.exists(keyIn(newer.documents[0].url))).resolves.toBe(true);
    });

    it('refuses the URLs of a COMPLETED authentication method request and keeps its scans', async () => {
      const request = await offlineAuthMethodRequest(t);
      expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
      for (const doc of request.documents) await putJpeg(t, doc.url).expect(200);
      const approved = await approveAuthMethodRequest(t, request).expect(201);
      expect(approved.body.data.status).toBe('COMPLETED');

      const res = await putJpeg(t, request.documents[0].url, OTHER_JPEG).expect(403);
      expect(res.body.error).toEqual(REFUSED);
      await expect(
        readFile(join(documentsDir(), keyIn(request.documents[0].url))),
      ).resolves.toEqual(JPEG);
    });

    it('refuses the URLs of a REJECTED person request, and stores nothing', async () => {
      const request = await offlinePersonRequest(t);
      expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
      await t.http
        .patch(`/api/v3/person_requests/${request.id}/actions/reject`)
        .set(PR)
        .expect(200);
      for (const doc of request.documents) {
        const res = await putJpeg(t, doc.url).expect(403);
        expect(res.body.error).toEqual(REFUSED);
        await expect(storage.exists(keyIn(doc.url))).resolves.toBe(false);
      }
    });

    it('refuses the URLs of an APPROVED person request and keeps its scans', async () => {
      const request = await offlinePersonRequest(t);
      expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
      for (const doc of request.documents) await putJpeg(t, doc.url).expect(200);
      const approved = await t.http
        .patch(`/api/v3/person_requests/${request.id}/actions/approve`)
        .set(PR)
        .expect(201);
      expect(approved.body.data.status).toBe('APPROVED');

      const res = await putJpeg(t, request.documents[1].url, OTHER_JPEG).expect(403);
      expect(res.body.error).toEqual(REFUSED);
      await expect(
        readFile(join(documentsDir(), keyIn(request.documents[1].url))),
      ).resolves.toEqual(JPEG);
    });

    it.each<[string, (t: TestApp) => Promise<OfflineRequest>, () => number]>([
      [
        'an authentication method request',
        offlineAuthMethodRequest,
        () => t.config.authMethodRequestTtlHours * HOUR_MS,
      ],
      [
        'a person request',
        offlinePersonRequest,
        () => t.config.personRequestTtlDays * 24 * HOUR_MS,
      ],
    ])(
      'refuses the URLs of %s from the second it expires, though the URLs have not',
      async (_name, create, ttl) => {
        const created = t.clock.now();
        const request = await create(t);
        expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
        const [first, second] = request.documents.map((doc) => keyIn(doc.url));
        try {
          // URLs handed out (by a read or a retry) a minute before the request expires.
          t.clock.set(new Date(created.getTime() + ttl() - 60_000));
          const firstUrl = await storage.uploadUrl(first);
          const secondUrl = await storage.uploadUrl(second);
          t.clock.advance(59_000);
          await putJpeg(t, firstUrl).expect(200);
          t.clock.advance(1_000);
          const res = await putJpeg(t, secondUrl).expect(403);
          expect(res.body.error).toEqual(REFUSED);
          await expect(storage.exists(second)).resolves.toBe(false);
        } finally {
          t.clock.set(created);
        }
      },
    );
  });
});

describe('document uploads across two instances sharing S3-compatible storage', () => {
  let s3: S3Server;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server();
    a = await createTestApp({ listen: true, env: s3.env });
    b = await createTestApp({ listen: true, env: s3.env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await s3?.stop();
  });

  /** The upload URL with its origin rewritten to the instance's own listening address. */
  const onInstance = (t: TestApp, url: string): URL => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return new URL(pathOf(url), `http://127.0.0.1:${port}`);
  };

  it('approves on A the request whose scans were uploaded to B', async () => {
    expect(a.config.dataDir).not.toBe(b.config.dataDir);
    const request = await offlineAuthMethodRequest(a);
    expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
    const missing = await approveAuthMethodRequest(a, request).expect(409);
    expect(missing.body.error.message).toBe('Documents PASSPORT, NATIONAL_ID is not uploaded');

    for (const doc of request.documents) {
      expect(new URL(doc.url).origin).toBe(a.config.publicUrl);
      const res = await fetch(onInstance(b, doc.url), {
        method: 'PUT',
        headers: { 'Content-Type': 'image/jpeg' },
        body: JPEG,
      });
      expect(res.status).toBe(200);
    }
    expect(s3.objectKeys()).toEqual(request.documents.map((d) => keyIn(d.url)).sort());
    for (const instance of [a, b]) {
      expect(existsSync(join(instance.config.dataDir, 'documents'))).toBe(false);
    }

    const approved = await approveAuthMethodRequest(a, request).expect(201);
    expect(approved.body.data.status).toBe('COMPLETED');
  });

  it('refuses on B the URLs of a request A has completed', async () => {
    const request = await offlineAuthMethodRequest(a);
    for (const doc of request.documents) await putJpeg(b, doc.url).expect(200);
    await approveAuthMethodRequest(a, request).expect(201);
    const res = await putJpeg(b, request.documents[0].url, OTHER_JPEG).expect(403);
    expect(res.body.error).toEqual(REFUSED);
  });

  // Last: the S3 server stays down for the rest of this describe.
  it('answers 503 on approve while the storage is down, and the request stays NEW', async () => {
    const request = await offlineAuthMethodRequest(a);
    for (const doc of request.documents) await putJpeg(b, doc.url).expect(200);
    await s3.stop();
    const res = await approveAuthMethodRequest(a, request).expect(503);
    expect(res.body.error).toEqual({
      type: 'service_unavailable',
      message: 'Document storage is unavailable',
    });
    const read = await readAmr(a, AMR, request.personId!, request.id).expect(200);
    expect(read.body.data.status).toBe('NEW');
    const stored = await a.pool.query(
      'SELECT status FROM authentication_method_requests WHERE id = $1',
      [request.id],
    );
    expect(stored.rows).toEqual([{ status: 'NEW' }]);
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
