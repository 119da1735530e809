import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ClientRateLimit } from './client-rate-limit.js';
import { RateWindows } from './rate-windows.js';

/**
 * Slots a read lease takes: a fiftieth of the limit, from 1 to 100 (60 for the default 3000).
 * One database round trip then serves that many reads of a client on an instance, and what the
 * other instances may hold unused at the end of a minute stays a small share of the limit.
 */
export function readLeaseBlock(perMinute: number): number {
  return Math.min(100, Math.max(1, Math.floor(perMinute / 50)));
}

/**
 * The per-client limits of the HTTP API, all counted per one-minute window in the count every
 * instance shares (docs/api.md, Write rate limit, Read limit, Sign limit):
 * - writes (RATE_LIMIT_WRITES_PER_MINUTE): calls to write routes, each counted when it is made
 *   (they cost a database round trip anyway);
 * - reads (READS_PER_CLIENT_PER_MINUTE): calls to read routes, leased in blocks, so that most
 *   reads do not touch the database;
 * - sign attempts (SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE): calls to routes declared with
 *   @CountsAsSignAttempt(), whatever their outcome, each counted when it is made.
 */
@Injectable()
export class ClientLimits {
  readonly writes: ClientRateLimit;
  readonly reads: ClientRateLimit;
  readonly signAttempts: ClientRateLimit;

  constructor(windows: RateWindows, clock: Clock, @Inject(APP_CONFIG) config: AppConfig) {
    const { writesPerMinute, readsPerMinute, signAttemptsPerMinute } = config.rateLimit;
    this.writes = new ClientRateLimit('writes', writesPerMinute, 1, windows, clock);
    this.reads = new ClientRateLimit(
      'reads',
      readsPerMinute,
      readLeaseBlock(readsPerMinute),
      windows,
      clock,
    );
    this.signAttempts = new ClientRateLimit(
      'sign_attempts',
      signAttemptsPerMinute,
      1,
      windows,
      clock,
    );
  }
}
