// The bench's own throwaway PostgreSQL, started with the service's own embedded-database helper
// from dist/ so it runs as the service's does, and the bench's connection to it for seeding and
// checks. The postmaster's pid is read so its CPU (and its backends') can be counted per run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { log } from './log.mjs';
import { ROOT } from './options.mjs';

/** The service's embedded PostgreSQL helpers (`startEmbeddedPostgres`, `freePort`), from dist/. */
export function importDatabaseHelpers() {
  return import(
    pathToFileURL(join(ROOT, 'dist', 'platform', 'database', 'embedded-postgres.js')).href
  );
}

/** A non-persistent cluster in `<tmp>/postgres` with the database `bench`; `onLog` sees its log. */
export function startDatabase(tmp, startEmbeddedPostgres, onLog) {
  log(`PostgreSQL in ${tmp}`);
  return startEmbeddedPostgres({
    databaseDir: join(tmp, 'postgres'),
    persistent: false,
    database: 'bench',
    onLog,
  });
}

/** The pid of the postmaster of the cluster startDatabase started in `tmp`. */
export function postmasterPid(tmp) {
  return Number(readFileSync(join(tmp, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** The bench's own connection, for seeding and for the checks after each run. */
export async function connect(url) {
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined); // the server stops under it at the end
  await db.connect();
  return db;
}

/**
 * Whether authentication_method_requests has client_id: an older schema (before requests
 * belonged to a client) lacks it, and the seeding then leaves it out.
 */
export async function hasAmrClientId(db) {
  const found =
    (
      await db.query(
        `SELECT 1 FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'authentication_method_requests'
            AND column_name = 'client_id'`,
      )
    ).rowCount > 0;
  log(`authentication_method_requests.client_id ${found ? 'exists' : 'absent'}`);
  return found;
}

/** The tables an approve writes. */
const APPROVE_TABLES = [
  'persons',
  'person_authentication_methods',
  'authentication_method_requests',
  'events',
  'audit_log',
];

/**
 * Leaves the database with no work pending before a measured approve run, the service's and the
 * ceiling's alike: the dead rows of the runs before are vacuumed, the statistics fresh and the
 * dirty pages written (a checkpoint), so neither run pays for the other's autovacuum or
 * checkpoint, and the planner sees the tables as they are now.
 */
export async function settleDatabase(db) {
  await db.query(`VACUUM (ANALYZE) ${APPROVE_TABLES.join(', ')}`);
  await db.query('CHECKPOINT');
}
