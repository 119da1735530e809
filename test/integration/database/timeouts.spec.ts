import { DataSource } from 'typeorm';
import { DomainError } from '../../../src/kernel/domain/errors.js';
import { dataSourceOptions } from '../../../src/platform/database/data-source-options.js';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tokenFor } from '../../support/tokens.js';

const WRITE = { Authorization: `Bearer ${tokenFor('person:write')}` };
const LIMITS = `SELECT current_setting('statement_timeout') AS statement,
                       current_setting('lock_timeout') AS lock`;

/**
 * The time limits of the service's connections (database.module.ts) on a real PostgreSQL: a write
 * that waits for a lock held elsewhere, or a statement that runs too long, is cancelled by the
 * server and answers 503 `Database is unavailable` (docs/api.md, 503 service_unavailable).
 */
describe('database time limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const register = (i: number) =>
    t.http
      .post('/api/persons')
      .set(WRITE)
      .send({
        first_name: `Locked${i}`,
        last_name: 'Test',
        birth_date: '1990-01-01',
        gender: 'FEMALE',
        no_tax_id: true,
        documents: [{ type: 'PASSPORT', number: `LK${i}` }],
        authentication_methods: [{ type: 'OFFLINE' }],
      });

  it("opens every connection of the app's pool with the limits", async () => {
    const [limits] = await t.app.get(DataSource).query(LIMITS);
    expect(limits).toEqual({ statement: '10s', lock: '5s' });
  });

  it('takes the limits from DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_LOCK_TIMEOUT_MS, 0 leaving the server’s', async () => {
    for (const [env, expected] of [
      [
        { DATABASE_STATEMENT_TIMEOUT_MS: '2500', DATABASE_LOCK_TIMEOUT_MS: '1500' },
        { statement: '2500ms', lock: '1500ms' },
      ],
      [
        { DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_LOCK_TIMEOUT_MS: '0' },
        { statement: '0', lock: '0' },
      ],
    ] as const) {
      const other = await createTestApp({ databaseUrl: t.databaseUrl, env });
      try {
        const [limits] = await other.app.get(DataSource).query(LIMITS);
        expect(limits).toEqual(expected);
      } finally {
        await other.close();
      }
    }
  });

  it('answers 503 to a write that waits on a lock past lock_timeout, and writes again once it is free', async () => {
    await register(1).expect(201);
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      // Blocks every insert into persons (readers still pass) until the transaction ends.
      await holder.query('LOCK TABLE persons IN EXCLUSIVE MODE');
      const started = Date.now();
      const res = await register(2);
      const waited = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({
        type: 'service_unavailable',
        message: 'Database is unavailable',
      });
      // The lock limit (5 s) ended the wait, not the statement limit (10 s).
      expect(waited).toBeGreaterThanOrEqual(4_500);
      expect(waited).toBeLessThan(9_500);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
    }
    await register(3).expect(201);
    const { rows } = await t.pool.query<{ first_name: string }>(
      `SELECT first_name FROM persons ORDER BY first_name`,
    );
    expect(rows.map((r) => r.first_name)).toEqual(['Locked1', 'Locked3']);
  }, 30_000);

  it('turns a statement cancelled by statement_timeout (57014) into the unavailable error', async () => {
    const uow = t.app.get(TypeOrmUnitOfWork);
    const slow = uow.run(async () => {
      // The service's limit is 10 s; the test lowers it for this one transaction.
      await uow.manager().query(`SET LOCAL statement_timeout = '100ms'`);
      await uow.manager().query('SELECT pg_sleep(2)');
    });
    const error = await slow.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unavailable', message: 'Database is unavailable' });
    // The connection went back to the pool with the service's own limit.
    const [limits] = await t.app.get(DataSource).query(LIMITS);
    expect(limits.statement).toBe('10s');
  });

  it('lets the migration command run statements without a limit of its own, under the lock limit', async () => {
    const migrations = new DataSource(
      dataSourceOptions(
        { url: t.databaseUrl, migrationsRun: false, statementTimeoutMs: 0 },
        { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS },
      ),
    );
    await migrations.initialize();
    try {
      const [limits] = await migrations.query(LIMITS);
      expect(limits).toEqual({ statement: '0', lock: '5s' });
      await expect(migrations.showMigrations()).resolves.toBe(false);
    } finally {
      await migrations.destroy();
    }
  });
});
