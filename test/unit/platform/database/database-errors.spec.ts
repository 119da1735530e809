import { QueryFailedError } from 'typeorm';
import {
  databaseErrorCode,
  isConcurrentChange,
  isDatabaseUnavailable,
} from '../../../../src/platform/database/database-errors.js';

/** A pg error as TypeORM hands it over: QueryFailedError with the driver's error inside. */
function queryFailed(code: string, message = 'failed'): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
}

describe('database errors', () => {
  it.each([
    ['57014', 'query_canceled: statement_timeout'],
    ['55P03', 'lock_not_available: lock_timeout'],
    ['57P01', 'admin_shutdown'],
    ['08006', 'connection_failure (class 08)'],
    ['ECONNREFUSED', 'no server listening'],
  ])('%s (%s) means the database is unavailable, bare or wrapped', (code) => {
    expect(isDatabaseUnavailable({ code })).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(code))).toBe(true);
    expect(isConcurrentChange(queryFailed(code))).toBe(false);
  });

  it.each(['23505', '40P01', '40001'])('%s is a concurrent change, not an outage', (code) => {
    expect(isConcurrentChange(queryFailed(code))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(code))).toBe(false);
  });

  it('knows a dropped connection by its message and leaves other errors alone', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed('42P01'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("reads the driver's code, also through TypeORM's wrapper", () => {
    expect(databaseErrorCode(queryFailed('23505'))).toBe('23505');
    expect(databaseErrorCode({ code: 'OUTER', driverError: { code: '23505' } })).toBe('23505');
    expect(databaseErrorCode({ code: 'ECONNRESET' })).toBe('ECONNRESET');
    expect(databaseErrorCode({ code: 42 })).toBeUndefined();
    expect(databaseErrorCode(null)).toBeUndefined();
    expect(databaseErrorCode('23505')).toBeUndefined();
  });

  it('stops at an error that wraps itself', () => {
    const loop: { code?: string; driverError?: unknown } = { code: '40001' };
    loop.driverError = loop;
    expect(databaseErrorCode(loop)).toBe('40001');
    expect(isConcurrentChange(loop)).toBe(true);
  });
});

/** A QueryFailedError as TypeORM builds it: the driver's error kept in `driverError`. */
const wrapped = (driverError: object): Error =>
  Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });

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
