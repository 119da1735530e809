import type { DataSource } from 'typeorm';
import { isConcurrentChange } from '../../../src/platform/database/database-errors.js';
import { statement } from '../../../src/platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { bareDataSource } from '../../support/database.js';

const PREPARED = `SELECT name FROM pg_prepared_statements ORDER BY name`;

const probe = statement('test_probe', `SELECT $1::int + 1 AS n`);
const insert = statement('test_insert', `INSERT INTO named_probe (id) VALUES ($1)`);
const update = statement('test_update', `UPDATE named_probe SET id = id WHERE id = ANY($1::int[])`);
const unnamed = statement('test_unnamed', `SELECT $1::text AS t`);
const count = statement('test_count', `SELECT count(*)::int AS n FROM named_probe`);

/**
 * Hot statements as named prepared statements (platform/database/statement.ts) on a real
 * PostgreSQL: prepared once on the connection, inside a transaction and outside one, with the
 * same results and errors as TypeORM's own query, and left unnamed when switched off.
 */
describe('TypeOrmUnitOfWork.execute', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    // One connection, so every call below runs on the connection the statements are prepared on.
    dataSource = await bareDataSource('named', 1);
    await dataSource.query(`CREATE TABLE named_probe (id int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('prepares a statement once per connection, in a transaction and outside one', async () => {
    const uow = new TypeOrmUnitOfWork(dataSource);

    await expect(uow.execute(probe, [1])).resolves.toEqual([{ n: 2 }]);
    await expect(uow.run(() => uow.execute(probe, [41]))).resolves.toEqual([{ n: 42 }]);
    await uow.run(() => uow.execute(insert, [7]));

    const prepared: { name: string }[] = await dataSource.query(PREPARED);
    expect(prepared.map((p) => p.name)).toEqual(['test_insert', 'test_probe']);
  });

  it("returns what TypeORM's query returns: rows, and [rows, count] for an UPDATE", async () => {
    const uow = new TypeOrmUnitOfWork(dataSource);

    await expect(uow.execute(update, [[7, 8]])).resolves.toEqual([[], 1]);
  });

  it('keeps the database errors the unit of work maps (a unique violation is a concurrent change)', async () => {
    const uow = new TypeOrmUnitOfWork(dataSource);

    const error = await uow.execute(insert, [7]).catch((e: unknown) => e);
    expect(isConcurrentChange(error)).toBe(true);
    await expect(uow.execute(probe, [2])).resolves.toEqual([{ n: 3 }]);
  });

  it('sends statements issued together in their order, and the first failure fails the transaction', async () => {
    const uow = new TypeOrmUnitOfWork(dataSource);

    const seen = await uow.run(() =>
      Promise.all([uow.execute(insert, [20]), uow.execute(insert, [21]), uow.execute(count, [])]),
    );
    expect(seen[2]).toEqual([{ n: 3 }]);

    let outcomes: PromiseSettledResult<unknown>[] = [];
    const undone = uow.run(async () => {
      outcomes = await Promise.allSettled([
        uow.execute(insert, [30]),
        uow.execute(insert, [20]),
        uow.execute(count, []),
      ]);
      throw new Error('undo');
    });
    await expect(undone).rejects.toThrow('undo');
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(isConcurrentChange((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
    // The transaction was undone: 30 is not there.
    await expect(uow.execute(count, [])).resolves.toEqual([{ n: 3 }]);
  });

  it('sends the statement unnamed when DATABASE_NAMED_STATEMENTS is false', async () => {
    const uow = new TypeOrmUnitOfWork(dataSource, undefined, { databaseNamedStatements: false });

    await expect(uow.execute(unnamed, ['x'])).resolves.toEqual([{ t: 'x' }]);
    const prepared: { name: string }[] = await dataSource.query(PREPARED);
    expect(prepared.map((p) => p.name)).not.toContain('test_unnamed');
  });

  it('refuses a second text under a name already defined', () => {
    expect(() => statement('test_probe', 'SELECT 2')).toThrow(
      'statement test_probe is defined twice with different texts',
    );
    expect(statement('test_probe', probe.text)).toEqual(probe);
  });
});
