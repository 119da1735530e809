import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../kernel/application/clock.port.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';

/** What one more write of a client gets: allowed, or refused with the seconds until the next window. */
export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export const WINDOW_MS = 60_000;

/** The fixed window holding `nowMs` (aligned to the minute) and the whole seconds left in it. */
export function windowAt(
  nowMs: number,
  windowMs = WINDOW_MS,
): { readonly start: number; readonly retryAfterSeconds: number } {
  const start = Math.floor(nowMs / windowMs) * windowMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
}

/**
 * RATE_LIMIT_WRITES_PER_MINUTE per client, counted in PostgreSQL so that every instance on one
 * database shares the count: one upsert per write takes a slot of the client's current window,
 * or finds none left. Windows come from the service's clock (not the database's now()), like
 * every other domain time. Ended windows are deleted once per window per instance.
 */
@Injectable()
export class WriteRateLimiter {
  private readonly logger = new Logger('WriteRateLimiter');
  private readonly limit: number;
  private sweptBefore = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.rateLimit.writesPerMinute;
  }

  /** 0 = no limit. */
  get enabled(): boolean {
    return this.limit > 0;
  }

  async take(clientId: string): Promise<RateDecision> {
    const { start, retryAfterSeconds } = windowAt(this.clock.now().getTime());
    // When the client's window is full the update's WHERE fails and no row comes back.
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO write_rate_windows (client_id, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (client_id, window_start)
       DO UPDATE SET count = write_rate_windows.count + 1 WHERE write_rate_windows.count < $3
       RETURNING count`,
      [clientId, new Date(start), this.limit],
    );
    await this.sweep(start);
    return rows.length > 0 ? { allowed: true } : { allowed: false, retryAfterSeconds };
  }

  private async sweep(currentStart: number): Promise<void> {
    if (currentStart <= this.sweptBefore) return;
    this.sweptBefore = currentStart;
    try {
      await this.dataSource.query(`DELETE FROM write_rate_windows WHERE window_start < $1`, [
        new Date(currentStart - WINDOW_MS),
      ]);
    } catch (error) {
      // Old rows only cost space; the next window tries again (one line a minute at most).
      this.logger.warn({ err: error }, 'Could not delete ended rate-limit windows');
    }
  }
}
