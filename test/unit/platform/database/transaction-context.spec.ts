import type { DataSource, EntityManager } from 'typeorm';
import { ERRORS } from '../../../../src/error-catalogue.js';
import { isConcurrentChange } from '../../../../src/platform/database/database-errors.js';
import { TypeOrmUnitOfWork } from '../../../../src/platform/database/transaction-context.js';

/** A QueryFailedError as TypeORM builds it: the driver's error kept in `driverError`. */
const wrapped = (driverError: object): Error =>
  Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });
/** The driver's own error: a message and a SQLSTATE. */
const driver = (code: string): Error => Object.assign(new Error('driver error'), { code });

const cyclic = (): object => {
  const error: { code: string; driverError?: unknown } = { code: 'XX000' };
  error.driverError = error;
  return error;
};

describe('isConcurrentChange (docs/api.md, Concurrency guarantees)', () => {
  it.each<[string, unknown]>([
    ['a unique violation (23505)', { code: '23505' }],
    ['a deadlock (40P01)', { code: '40P01' }],
    ['a serialization failure (40001)', { code: '40001' }],
    ['a unique violation wrapped by TypeORM', wrapped({ code: '23505' })],
    ['a deadlock wrapped by TypeORM', wrapped({ code: '40P01' })],
    ['a serialization failure nested twice', wrapped(wrapped({ code: '40001' }))],
  ])('is true for %s', (_name, error) => {
    expect(isConcurrentChange(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a foreign key violation (23503)', { code: '23503' }],
    ['a not-null violation (23502)', { code: '23502' }],
    ['a lock timeout (55P03)', { code: '55P03' }],
    ['a connection refused', { code: 'ECONNREFUSED' }],
    ['a wrapped check violation (23514)', wrapped({ code: '23514' })],
    ['the code as a number', { code: 23505 }],
    ['an error without a code', new Error('23505')],
    ['an error that wraps itself', cyclic()],
    ['null', null],
    ['undefined', undefined],
    ['a string', '23505'],
  ])('is false for %s', (_name, error) => {
    expect(isConcurrentChange(error)).toBe(false);
  });
});

describe('TypeOrmUnitOfWork', () => {
  /** A DataSource whose transaction runs the work, then fails with `error` when one is given. */
  const dataSource = (error?: Error): DataSource =>
    ({
      manager: {} as EntityManager,
      transaction: async (work: (manager: EntityManager) => Promise<unknown>) => {
        const result = await work({} as EntityManager);
        if (error !== undefined) throw error;
        return result;
      },
    }) as unknown as DataSource;

  it.each<[string, Error]>([
    ['a unique violation', wrapped(driver('23505'))],
    ['a deadlock', wrapped(driver('40P01'))],
    ['a serialization failure', driver('40001')],
  ])('answers 409 Concurrent change, retry for %s', async (_name, error) => {
    const uow = new TypeOrmUnitOfWork(dataSource(error));

    await expect(uow.run(() => Promise.resolve('done'))).rejects.toMatchObject({
      code: ERRORS.concurrentChange.code,
      message: 'Concurrent change, retry',
    });
  });

  it('lets any other error through unchanged', async () => {
    const error = wrapped(driver('23503'));
    const uow = new TypeOrmUnitOfWork(dataSource(error));

    await expect(uow.run(() => Promise.resolve('done'))).rejects.toBe(error);
  });

  it('answers the work’s result when the transaction commits', async () => {
    const uow = new TypeOrmUnitOfWork(dataSource());

    await expect(uow.run(() => Promise.resolve('done'))).resolves.toBe('done');
  });
});
