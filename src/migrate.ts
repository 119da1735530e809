import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from './schema.js';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL or the embedded database. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        databaseDir: join(config.dataDir, 'postgres'),
        persistent: true,
        database: 'ehealth',
      });
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.databaseUrl ?? embedded!.url,
    entities: EHEALTH_ENTITIES,
    migrations: EHEALTH_MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations();
    process.stdout.write(
      applied.length === 0
        ? 'No pending migrations\n'
        : `Applied: ${applied.map((m) => m.name).join(', ')}\n`,
    );
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
