/**
 * PostgreSQL and connection errors that mean "the database is down" or "the database did not
 * answer in time", not "the code is wrong": the connection errors of Node, the server shutting
 * down (57P01-57P03), and a statement cancelled by statement_timeout (57014) or a lock not
 * granted within lock_timeout (55P03), the limits every connection opens with (database.module.ts).
 * Class 08 (connection exception) is matched as a whole.
 */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '55P03',
]);

interface DriverErrorShape {
  readonly code?: unknown;
  readonly driverError?: unknown;
  readonly message?: unknown;
}

/** The error and those it wraps: TypeORM's QueryFailedError keeps the driver's in `driverError`. */
function* errorChain(error: unknown): Generator<DriverErrorShape> {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const e = current as DriverErrorShape;
    yield e;
    current = e.driverError;
  }
}

/**
 * The driver's error code of a database error (a SQLSTATE such as '23505', or a Node code such
 * as 'ECONNREFUSED'), also when TypeORM wraps it; undefined for any other value.
 */
export function databaseErrorCode(error: unknown): string | undefined {
  let code: string | undefined;
  // The innermost code wins: it is the driver's own.
  for (const e of errorChain(error)) if (typeof e.code === 'string') code = e.code;
  return code;
}

function codes(error: unknown): string[] {
  return [...errorChain(error)].flatMap((e) => (typeof e.code === 'string' ? [e.code] : []));
}

/** The database is down, unreachable or timed out: a dependency failure (503), not a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (codes(error).some((code) => DB_UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return [...errorChain(error)].some(
    (e) =>
      typeof e.message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        e.message,
      ),
  );
}

/**
 * Another transaction changed the same rows first: a unique constraint that keeps an invariant
 * (23505), a deadlock (40P01) or a serialization failure (40001). The caller may retry.
 */
export function isConcurrentChange(error: unknown): boolean {
  return codes(error).some((code) => code === '23505' || code === '40P01' || code === '40001');
}
