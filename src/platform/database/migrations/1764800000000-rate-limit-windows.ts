import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table for every per-client limit counted per one-minute window (writes, reads, sign
 * attempts: src/platform/rate-limit/), so that all instances on one database share each count.
 * `last_lease` is what the latest lease added, read back by the lease's own upsert. It replaces
 * `write_rate_windows`, which held the write limit alone: its counts live one minute, so nothing
 * worth keeping is lost (an instance of the previous release still running after this migration
 * fails its writes only while RATE_LIMIT_WRITES_PER_MINUTE is on).
 */
export class RateLimitWindows1764800000000 implements MigrationInterface {
  name = 'RateLimitWindows1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_windows (
        rate_limit text NOT NULL,
        client_id text NOT NULL,
        window_start timestamptz NOT NULL,
        used integer NOT NULL,
        last_lease integer NOT NULL,
        PRIMARY KEY (rate_limit, client_id, window_start)
      )`);
    // Ended windows are deleted by their start, whatever the limit and client.
    await q.query(`CREATE INDEX rate_limit_windows_start_idx ON rate_limit_windows (window_start)`);
    await q.query(`DROP TABLE IF EXISTS write_rate_windows`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_limit_windows`);
    await q.query(`
      CREATE TABLE write_rate_windows (
        client_id text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (client_id, window_start)
      )`);
  }
}
