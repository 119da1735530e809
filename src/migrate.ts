import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { dataSourceOptions } from './platform/database/data-source-options.js';
import { databaseUrlOrEmbedded } from './platform/database/embedded-postgres.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from './schema.js';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL or the embedded database. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const database = await databaseUrlOrEmbedded(config);
  const dataSource = new DataSource(
    dataSourceOptions(
      {
        url: database.url,
        // Applied below, to report what ran, rather than by initialize().
        migrationsRun: false,
        // A migration may rewrite or index a big table for minutes: no statement limit here. The
        // lock limit stays, so that a migration waiting for a table that requests hold fails
        // (and is run again) instead of queueing every request to that table behind it.
        statementTimeoutMs: 0,
        lockTimeoutMs: config.databaseLockTimeoutMs,
      },
      { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS },
    ),
  );
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
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
