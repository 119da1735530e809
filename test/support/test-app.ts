import { mkdtempSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { loadConfig, type AppConfig } from '../../src/platform/config/app-config.js';
import { createStandaloneApp } from '../../src/platform/http/configure-app.js';
import { FixedClock } from './fixed-clock.js';
import { createTestDatabase, testPool } from './database.js';
import { TEST_JWT_SECRET } from './tokens.js';
import type pg from 'pg';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<typeof supertest>;
  readonly pool: pg.Pool;
  readonly clock: FixedClock;
  readonly config: AppConfig;
  readonly databaseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly now?: Date;
  readonly logStream?: DestinationStream;
  readonly databaseUrl?: string;
  readonly customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Listen on a real port (needed when the app's own URLs are called, e.g. uploads). */
  readonly listen?: boolean;
}

/**
 * The whole standalone app (Fastify, as shipped) on a fresh test database, with a fixed clock and
 * the test JWT key.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase('e2e'));
  const config = loadConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-data-')),
    LOG_LEVEL: 'silent',
    OTP_RESEND_INTERVAL_SECONDS: '0',
    // The SMS budget has its own tests; elsewhere one test file sends more codes than an hour allows.
    SMS_PER_CLIENT_PER_HOUR: '0',
    // Likewise the read and sign limits (test/e2e/client-limits.spec.ts): the fixed clock keeps a
    // whole test file inside one minute.
    READS_PER_CLIENT_PER_MINUTE: '0',
    SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: '0',
    ...options.env,
  });
  const clock = new FixedClock(options.now ?? new Date('2026-11-23T10:00:00.000Z'));
  let builder = Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        config: { ...config, databaseUrl },
        clock,
        ...(options.logStream ? { logStream: options.logStream } : {}),
      }),
    ],
  });
  if (options.customize) builder = options.customize(builder);
  const moduleRef = await builder.compile();
  // Built exactly as main.ts builds the service: the same adapter and configuration.
  const app = await createStandaloneApp(config, (adapter, appOptions) =>
    moduleRef.createNestApplication<NestFastifyApplication>(adapter, appOptions),
  );
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const pool = testPool(databaseUrl);
  return {
    app,
    http: supertest(app.getHttpServer()),
    pool,
    clock,
    config,
    databaseUrl,
    close: async () => {
      await pool.end();
      await app.close();
    },
  };
}

export interface RawAnswer {
  readonly status: number;
  readonly head: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends bytes exactly as given over a TCP socket to a listening app (`listen: true`) and reads
 * the answer until the server closes the connection: for what no HTTP client would send (forged
 * request targets, oversized heads).
 */
export function rawRequest(app: TestApp['app'], request: string | Buffer): Promise<RawAnswer> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer arrived still leaves the answer to read.
      if (chunks.length > 0 && error.code === 'ECONNRESET') socket.destroy();
      else reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      resolve({
        status: Number(statusLine.split(' ')[1]),
        head,
        headers,
        body: rest.join('\r\n\r\n'),
      });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.end(request);
  });
}
