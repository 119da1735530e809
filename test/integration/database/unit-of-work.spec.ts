import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { ERRORS } from '../../../src/error-catalogue.js';
import { BeforeCommitHooks } from '../../../src/platform/database/before-commit.js';
import { statement } from '../../../src/platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { bareDataSource } from '../../support/database.js';

const insert = statement('uow_probe_insert', `INSERT INTO uow_probe (id) VALUES ($1)`);
const stamp = statement(
  'uow_probe_now',
  `SELECT now() AS at, pg_current_xact_id_if_assigned() AS xid`,
);
/** Raises the SQLSTATE given, as the database would for a deadlock or a check violation. */
const raise = (code: string) =>
  statement(
    `uow_raise_${code}`,
    `DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '${code}'; END $$`,
  );

/**
 * TypeOrmUnitOfWork on a real PostgreSQL: its START TRANSACTION leaves with the work's first
 * statements and its COMMIT with what the before-commit hooks sent, without waiting for either,
 * and still everything the work and the hooks write commits together or not at all, with the
 * errors mapped as docs/api.md says (409 Concurrent change, retry; 503 when the database went).
 */
describe.each([
  ["on a pipelining connection (the service's)", true],
  ["on a connection that waits for each answer (a host's may)", false],
])('TypeOrmUnitOfWork %s', (_name, pipeline) => {
  let dataSource: DataSource;
  let hooks: BeforeCommitHooks;
  let uow: TypeOrmUnitOfWork;

  beforeAll(async () => {
    dataSource = await bareDataSource('uow', 2, { pipeline });
    await dataSource.query(`CREATE TABLE uow_probe (id int PRIMARY KEY)`);
  });
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE uow_probe`);
    hooks = new BeforeCommitHooks();
    uow = new TypeOrmUnitOfWork(dataSource, hooks);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const ids = async (): Promise<number[]> =>
    (await dataSource.query<{ id: number }[]>(`SELECT id FROM uow_probe ORDER BY id`)).map(
      (r) => r.id,
    );

  it("answers the work's result and commits what it wrote", async () => {
    await expect(
      uow.run(async () => {
        await uow.execute(insert, [1]);
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(await ids()).toEqual([1]);
  });

  it('runs every statement of the work in one transaction', async () => {
    const [first, second] = await uow.run(async () => {
      const a = await uow.execute<{ at: Date; xid: string | null }[]>(stamp, []);
      await uow.execute(insert, [2]);
      await sleep(20);
      const b = await uow.execute<{ at: Date; xid: string | null }[]>(stamp, []);
      return [a[0], b[0]];
    });
    // now() is the transaction's start: the same for both reads, 20 ms apart.
    expect(second.at.getTime()).toBe(first.at.getTime());
    expect(first.xid).toBeNull();
    expect(second.xid).not.toBeNull();
  });

  it('leaves nothing when the work fails after a write', async () => {
    await expect(
      uow.run(async () => {
        await uow.execute(insert, [3]);
        throw new Error('the work fails');
      }),
    ).rejects.toThrow('the work fails');
    expect(await ids()).toEqual([]);
  });

  it('leaves nothing when the work fails before it sent anything', async () => {
    await expect(uow.run(() => Promise.reject(new Error('refused at once')))).rejects.toThrow(
      'refused at once',
    );
    // The connection went back clean: the next unit of work commits.
    await uow.run(() => uow.execute(insert, [4]));
    expect(await ids()).toEqual([4]);
  });

  it.each<[string, string]>([
    ['a deadlock (40P01)', '40P01'],
    ['a serialization failure (40001)', '40001'],
  ])('answers 409 Concurrent change, retry for %s', async (_name, code) => {
    await expect(
      uow.run(async () => {
        await uow.execute(insert, [5]);
        await uow.execute(raise(code), []);
      }),
    ).rejects.toMatchObject({
      code: ERRORS.concurrentChange.code,
      message: 'Concurrent change, retry',
    });
    expect(await ids()).toEqual([]);
  });

  it('answers 409 Concurrent change, retry for a unique violation', async () => {
    await uow.run(() => uow.execute(insert, [6]));
    await expect(uow.run(() => uow.execute(insert, [6]))).rejects.toMatchObject({
      code: ERRORS.concurrentChange.code,
    });
  });

  it('lets any other error through unchanged', async () => {
    let thrown: unknown;
    const error = await uow
      .run(async () => {
        await uow.execute(insert, [7]);
        await uow.execute(raise('23514'), []).catch((e: unknown) => {
          thrown = e;
          throw e;
        });
      })
      .catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(await ids()).toEqual([]);
  });

  describe('before-commit hooks', () => {
    it("a hook's statement sent at once commits with the work, and `committed` is called after", async () => {
      const calls: string[] = [];
      hooks.add(() => ({
        written: uow.execute(insert, [11]).then(() => {
          calls.push('written');
        }),
        committed: () => calls.push('committed'),
      }));
      await uow.run(async () => {
        await uow.execute(insert, [10]);
        calls.push('work');
      });
      expect(calls).toEqual(['work', 'written', 'committed']);
      expect(await ids()).toEqual([10, 11]);
    });

    it("a hook's statement that fails undoes the work and fails the unit of work", async () => {
      let committedCalls = 0;
      const committed = (): void => {
        committedCalls += 1;
      };
      // The row the work wrote: the hook's INSERT breaks its key, after COMMIT was already sent.
      hooks.add(() => ({ written: uow.execute(insert, [12]).then(() => undefined), committed }));
      await expect(uow.run(() => uow.execute(insert, [12]))).rejects.toMatchObject({
        code: ERRORS.concurrentChange.code,
      });
      expect(committedCalls).toBe(0);
      expect(await ids()).toEqual([]);
    });

    it('an awaited hook sees what the hooks before it sent, and its failure undoes everything', async () => {
      hooks.add(() => ({ written: uow.execute(insert, [13]).then(() => undefined) }));
      hooks.add(async (manager) => {
        const rows: unknown[] = await manager.query(`SELECT id FROM uow_probe WHERE id = 13`);
        expect(rows).toHaveLength(1);
        throw new Error('the commit is refused');
      });
      await expect(uow.run(() => uow.execute(insert, [14]))).rejects.toThrow(
        'the commit is refused',
      );
      expect(await ids()).toEqual([]);
    });

    it('never runs a statement a hook sends late outside the transaction', async () => {
      // The hook says its statement is sent, but sends it only on the next turn of the loop.
      hooks.add(() => ({
        written: new Promise<void>((resolve, reject) => {
          setImmediate(() => {
            uow.execute(insert, [16]).then(() => resolve(), reject);
          });
        }),
      }));
      const outcome = await uow
        .run(() => uow.execute(insert, [15]))
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      expect({ outcome, ids: await ids() }).toEqual(
        pipeline
          ? // COMMIT left behind what was sent: the late statement is refused.
            { outcome: 'statement issued after COMMIT was sent: uow_probe_insert', ids: [15] }
          : // Without pipelining, COMMIT waits for the hooks' statements: it commits with the work.
            { outcome: 'committed', ids: [15, 16] },
      );
    });
  });
});
