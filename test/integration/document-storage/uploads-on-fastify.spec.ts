import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Catch,
  Global,
  Injectable,
  Module,
  type ArgumentsHost,
  type ExceptionFilter,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { UploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { DocumentStorage } from '../../../src/document-storage/application/document-storage.port.js';
import {
  DocumentStorageHttpModule,
  DocumentStorageModule,
} from '../../../src/document-storage/document-storage.module.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { APP_CONFIG } from '../../../src/platform/config/config.tokens.js';
import { describeError } from '../../../src/platform/http/exception.filter.js';
import { SecretStore } from '../../../src/platform/secrets/secret-store.js';
import { Clock } from '../../../src/kernel/application/clock.port.js';
import { InMemoryUploadTarget } from '../../support/fakes/in-memory-upload-target.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { JPEG } from '../../support/uploads.js';

const ID = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const KEY = `test_requests/${ID}/PASSPORT.jpeg`;

const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'fastify-uploads-')) });

/** The host's error mapping, reduced to what these tests read (the standalone app's is Express-only). */
@Catch()
class ErrorsAsJson implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, type, message } = describeError(exception);
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .send({ error: { type, message } });
  }
}

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useValue: config },
    { provide: Clock, useValue: new FixedClock(new Date('2026-11-23T10:00:00.000Z')) },
    { provide: SecretStore, useValue: { get: () => Promise.resolve(Buffer.from('k'.repeat(64))) } },
  ],
  exports: [APP_CONFIG, Clock, SecretStore],
})
class TestCoreModule {}

@Injectable()
class OpenTestRequests implements OnModuleInit {
  constructor(private readonly targets: UploadTargets) {}
  onModuleInit(): void {
    this.targets.register('test_requests', new InMemoryUploadTarget(ID));
  }
}

/** A feature that hands out upload URLs: it registers the check that its requests are open. */
@Module({ imports: [DocumentStorageModule], providers: [OpenTestRequests] })
class TestFeatureModule {}

describe('the upload route on Fastify', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule, TestFeatureModule, DocumentStorageHttpModule],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new ErrorsAsJson());
    // What the Fastify app must do: leave image/jpeg bodies unread for the route to stream.
    app
      .getHttpAdapter()
      .getInstance()
      .addContentTypeParser('image/jpeg', (_request, _payload, done) => done(null));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const signed = async (key = KEY): Promise<URL> => {
    const url = new URL(await app.get(DocumentStorage).uploadUrl(key));
    return new URL(url.pathname + url.search, base);
  };

  it('streams a JPEG to the storage', async () => {
    const res = await fetch(await signed(), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: JPEG,
    });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ key: KEY, size: JPEG.length });
    expect(readFileSync(join(config.dataDir, 'documents', KEY))).toEqual(JPEG);
  });

  it('refuses a body over 10 MiB with 413 after reading it', async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 7);
    JPEG.copy(body);
    const res = await fetch(await signed(KEY.replace('PASSPORT', 'NATIONAL_ID')), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body,
    });
    expect(res.status).toBe(413);
    await expect(res.json()).resolves.toEqual({
      error: {
        type: 'request_too_large',
        message: 'Request body is too large (a document is at most 10 MiB)',
      },
    });
  });

  it('refuses a body that is no JPEG with 400', async () => {
    const res = await fetch(await signed(KEY.replace('PASSPORT', 'BIRTH_CERTIFICATE')), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: Buffer.from('GIF89a'),
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({
      error: { type: 'request_malformed', message: 'Body is not a JPEG image' },
    });
  });

  it('takes a key sent as one segment with encoded slashes', async () => {
    const url = await signed(KEY.replace('PASSPORT', 'NATIONAL_ID'));
    url.pathname = `/api/uploads/${encodeURIComponent(url.pathname.slice('/api/uploads/'.length))}`;
    const res = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: JPEG,
    });
    expect(res.status).toBe(200);
    await expect(
      app.get(DocumentStorage).exists(KEY.replace('PASSPORT', 'NATIONAL_ID')),
    ).resolves.toBe(true);
  });

  it('refuses the URL of a closed request with 403', async () => {
    const key = `test_requests/${ID.replace('6f1c', '0000')}/PASSPORT.jpeg`;
    const res = await fetch(await signed(key), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: JPEG,
    });
    expect(res.status).toBe(403);
    await expect(res.json()).resolves.toEqual({
      error: { type: 'forbidden', message: 'Upload URL signature is invalid or expired' },
    });
  });
});
