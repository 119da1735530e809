import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Write counts per client and one-minute window (RATE_LIMIT_WRITES_PER_MINUTE), kept in the
 * database that every instance shares, so the limit holds across instances.
 */
export class WriteRateWindows1764610000000 implements MigrationInterface {
  name = 'WriteRateWindows1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE write_rate_windows (
        client_id text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (client_id, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS write_rate_windows`);
  }
}
