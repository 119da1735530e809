import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateWindows, WINDOW_MS } from './rate-windows.js';

/**
 * Window counts in the `rate_limit_windows` table, so that every instance on one database shares
 * them: a lease is one upsert that adds what is left of the wanted slots to the count, or finds
 * the window full. Ended windows are deleted once per window per instance.
 */
@Injectable()
export class PostgresRateWindows extends RateWindows {
  private readonly logger = new Logger('RateWindows');
  private sweptBefore = 0;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async lease(
    limitName: string,
    clientId: string,
    windowStart: Date,
    wanted: number,
    limit: number,
  ): Promise<number> {
    // In an UPDATE every expression reads the row as it was, so `last_lease` is what this call
    // added (on every PostgreSQL version, without RETURNING old values). When the window is full
    // the WHERE fails and no row comes back.
    const rows: { last_lease: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows AS w (rate_limit, client_id, window_start, used, last_lease)
       VALUES ($1, $2, $3, LEAST($4::int, $5::int), LEAST($4::int, $5::int))
       ON CONFLICT (rate_limit, client_id, window_start) DO UPDATE
          SET used = LEAST(w.used + $4::int, $5::int), last_lease = LEAST($4::int, $5::int - w.used)
        WHERE w.used < $5::int
       RETURNING last_lease`,
      [limitName, clientId, windowStart, wanted, limit],
    );
    await this.sweep(windowStart.getTime());
    return rows[0]?.last_lease ?? 0;
  }

  private async sweep(currentStart: number): Promise<void> {
    if (currentStart <= this.sweptBefore) return;
    this.sweptBefore = currentStart;
    try {
      await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE window_start < $1`, [
        new Date(currentStart - WINDOW_MS),
      ]);
    } catch (error) {
      // Old rows only cost space; the next window tries again (one line a minute at most).
      this.logger.warn({ err: error }, 'Could not delete ended rate-limit windows');
    }
  }
}
