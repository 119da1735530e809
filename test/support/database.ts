import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../src/schema.js';

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error(
      'TEST_PG_ADMIN_URL is not set: run tests through `npm test` (Jest global setup)',
    );
  return url;
}

/** Creates a fresh database for one test file; its name always contains "test". */
export async function createTestDatabase(label = 'test'): Promise<string> {
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_test_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) throw new Error(`Refusing database ${name}: name lacks "test"`);
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A TypeORM DataSource on `url` with every entity, the schema migrated, and the service's own
 * connection options (data-source-options.ts: pipelining, time limits); open.
 */
export async function migratedDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions(
      { url, migrationsRun: true },
      { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS },
    ),
  );
  await dataSource.initialize();
  return dataSource;
}

/**
 * A TypeORM DataSource with the service's connection options (data-source-options.ts: timeouts,
 * pipelining) on a new test database without the service's schema, for tests of the database
 * platform on tables of their own; `connections` is the pool's size, and `pipeline: false` makes
 * it a connection as a host may configure one, which waits for each answer. Open.
 */
export async function bareDataSource(
  label: string,
  connections: number,
  { pipeline = true }: { pipeline?: boolean } = {},
): Promise<DataSource> {
  const url = await createTestDatabase(label);
  const options = dataSourceOptions(
    { url, migrationsRun: false },
    { entities: [], migrations: [] },
  );
  const dataSource = new DataSource({
    ...options,
    extra: { ...options.extra, max: connections, pipeline },
  });
  await dataSource.initialize();
  return dataSource;
}

/** A plain pg pool on a test database, for assertions on what the service stored. */
export function testPool(url: string): pg.Pool {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`Refusing database ${name}: name lacks "test"`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection that the server ends (the outage test restarts PostgreSQL) makes the pool
  // emit 'error'; without a listener that would crash the test process. The next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Every row of the tables a flow may touch, to show a failed call changed nothing. */
export async function snapshot(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const tables = [
    'persons',
    'person_names',
    'person_phones',
    'person_documents',
    'person_authentication_methods',
    'person_requests',
    'authentication_method_requests',
    'confidant_person_relationship_requests',
    'confidant_person_relationships',
    'otp_verifications',
    'otp_code_holders',
    'verified_phones',
    'events',
    // The SMS budget's counted codes: a refused call must not count one (docs/api.md, SMS budget).
    'sms_budget_entries',
  ];
  const rows = await Promise.all(
    tables.map(async (table) => (await pool.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows),
  );
  return Object.fromEntries(tables.map((table, i) => [table, rows[i]]));
}

/** How many persons the registry holds. */
export async function countPersons(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n;
}

/** The codes the SMS budget counts for a client (rows of sms_budget_entries). */
export async function budgetCount(pool: pg.Pool, clientId: string): Promise<number> {
  return (
    await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sms_budget_entries WHERE client_id = $1',
      [clientId],
    )
  ).rows[0].n;
}
