import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { loadConfig, type AppConfig } from '../../src/platform/config/app-config.js';
import { configureApp } from '../../src/platform/http/configure-app.js';
import { FixedClock } from './fixed-clock.js';
import { createTestDatabase, testPool } from './database.js';
import { TEST_JWT_SECRET } from './tokens.js';
import type pg from 'pg';

export interface TestApp {
  readonly app: INestApplication;
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

/** The whole standalone app on a fresh test database, with a fixed clock and the test JWT key. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase('e2e'));
  const config = loadConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-data-')),
    LOG_LEVEL: 'silent',
    OTP_RESEND_INTERVAL_SECONDS: '0',
    // The SMS budget has its own tests; elsewhere one test file sends more codes than an hour allows.
    SMS_PER_CLIENT_PER_HOUR: '0',
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
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, config);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
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
