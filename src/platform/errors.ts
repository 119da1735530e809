import type { ErrorSpec } from '../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers the platform gives, whatever the route (docs/api.md, Error texts). */
export const PLATFORM_ERRORS = {
  concurrentChange: spec('conflict', 'Concurrent change, retry'),
  writeRateLimited: spec('rate_limited', 'Too many write requests, retry later'),
  readLimit: spec('rate_limited', 'Read limit for this client is reached'),
  signLimit: spec('rate_limited', 'Sign limit for this client is reached'),
  databaseUnavailable: spec('unavailable', 'Database is unavailable'),
  idempotencyInProgress: spec('conflict', 'Request with this idempotency key is in progress'),
} as const satisfies Record<string, ErrorSpec>;
