import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { TypeOrmAuditLog } from '../../../src/audit/adapters/persistence/typeorm-audit-log.js';
import { dataSourceOptions } from '../../../src/platform/database/data-source-options.js';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';

const DAY = 86_400_000;

/**
 * The fallback of the audit table's migration: a database user without CREATEROLE (as many
 * managed PostgreSQL services give) migrates, keeps the purge function itself, and is still
 * refused a plain UPDATE or DELETE, while the retention sweep deletes what is old.
 */
describe('audit_log migrated by a user who may not create roles', () => {
  const suffix = randomBytes(4).toString('hex');
  const role = `audit_plain_${suffix}`;
  const database = `audit_plain_test_${suffix}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  let dataSource: DataSource;
  let pool: pg.Pool;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'plain' NOSUPERUSER NOCREATEROLE`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
    const url = new URL(process.env.TEST_PG_ADMIN_URL!);
    url.username = role;
    url.password = 'plain';
    url.pathname = `/${database}`;
    dataSource = new DataSource(
      dataSourceOptions(
        { url: url.toString(), migrationsRun: true, poolSize: 2 },
        { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS },
      ),
    );
    await dataSource.initialize();
    pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const insert = (at: Date) =>
    pool.query(
      `INSERT INTO audit_log (at, client_id, action, resource_type, request_id, status)
       VALUES ($1, 'client', 'read', 'person', 'r', 200)`,
      [at],
    );
  const count = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;

  it('leaves the purge function with the migrating user', async () => {
    const owner = await pool.query<{ owner: string }>(
      `SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc
        WHERE oid = 'audit_log_purge(timestamptz)'::regprocedure`,
    );
    expect(owner.rows[0].owner).toBe(role);
  });

  it('refuses that user a plain UPDATE, DELETE and TRUNCATE', async () => {
    await insert(new Date());
    const before = await count();
    for (const sql of [
      'UPDATE audit_log SET status = 500',
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(pool.query(sql)).rejects.toThrow(/audit_log is append-only/);
    }
    expect(await count()).toBe(before);
  });

  it('deletes only the rows past retention through the function', async () => {
    const now = Date.now();
    await insert(new Date(now - 400 * DAY));
    await insert(new Date(now - 10 * DAY));
    const before = await count();
    const log = new TypeOrmAuditLog(dataSource, new TypeOrmUnitOfWork(dataSource));
    expect(await log.purgeBefore(new Date(now - 365 * DAY))).toBe(1);
    expect(await count()).toBe(before - 1);
  });
});
