import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { withDevelopmentKey } from './platform/auth/dev-key.js';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { databaseUrlOrEmbedded } from './platform/database/embedded-postgres.js';
import { createStandaloneApp } from './platform/http/configure-app.js';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = withDevelopmentKey(loadConfig(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const database = await databaseUrlOrEmbedded(config);
  const app = await createStandaloneApp(config, (adapter, options) =>
    NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config: { ...config, databaseUrl: database.url } }),
      adapter,
      options,
    ),
  );
  await app.listen(config.port, '0.0.0.0');
  // In the bundled build (scripts/bundle.mjs), functions stop being renamed as they are created
  // now that every class has its name; a build from modules has no such hook.
  (globalThis as Record<symbol, (() => void) | undefined>)[
    Symbol.for('ehealth.bundle.started')
  ]?.();

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal}: draining` })}\n`,
    );
    // Stops accepting connections, waits for in-flight requests, closes the pool; then the
    // embedded PostgreSQL stops cleanly (its data stays in DATA_DIR). A request still in flight
    // after SHUTDOWN_GRACE_MS (a client that stalls an upload, or stops reading an answer) has
    // its connection closed, so that a stop always ends.
    const grace = setTimeout(() => {
      process.stdout.write(
        `${JSON.stringify({ level: 40, time: Date.now(), msg: `${signal}: requests still in flight after ${config.http.shutdownGraceMs} ms, closing their connections` })}\n`,
      );
      app.getHttpServer().closeAllConnections();
    }, config.http.shutdownGraceMs);
    grace.unref();
    await app.close().catch(() => undefined);
    clearTimeout(grace);
    await database.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

void bootstrap();
