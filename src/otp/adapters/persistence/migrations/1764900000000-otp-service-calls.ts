import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calls to an external OTP service in flight, per phone (see ExternalOtpVerifier): sends and
 * completions of one phone take turns through these rows instead of a lock held on a database
 * connection for the whole call. Each row ends at `live_until` even if its process died.
 */
export class OtpServiceCalls1764900000000 implements MigrationInterface {
  name = 'OtpServiceCalls1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE otp_service_calls (
        id uuid PRIMARY KEY,
        phone_number text NOT NULL,
        kind text NOT NULL,
        live_until timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX otp_service_calls_phone_idx ON otp_service_calls (phone_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS otp_service_calls`);
  }
}
