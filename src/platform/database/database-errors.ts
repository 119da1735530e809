/** PostgreSQL and connection errors that mean "the database is down", not "the code is wrong". */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

/** The database is down or unreachable: a dependency failure (503), not a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; driverError?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (DB_UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08')))
    return true;
  if (
    typeof e.message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      e.message,
    )
  ) {
    return true;
  }
  return (
    e.driverError !== undefined && e.driverError !== error && isDatabaseUnavailable(e.driverError)
  );
}

/**
 * Another transaction changed the same rows first: a unique constraint that keeps an invariant
 * (23505), a deadlock (40P01) or a serialization failure (40001). The caller may retry.
 */
export function isConcurrentChange(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; driverError?: unknown };
  if (e.code === '23505' || e.code === '40P01' || e.code === '40001') return true;
  return (
    e.driverError !== undefined && e.driverError !== error && isConcurrentChange(e.driverError)
  );
}
