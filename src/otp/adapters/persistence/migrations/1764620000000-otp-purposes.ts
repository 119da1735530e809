import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Codes belong to their purpose (docs/domain-rules.md, OTP verification). The built-in service
 * keeps one live code per phone and purpose, each with the client of its purpose; codes sent
 * before have no purpose, so those still live are cancelled (their client resends). With an
 * external OTP service, `otp_code_holders` remembers, per phone, the purpose and client of the
 * one code that service holds (see ExternalOtpVerifier); a code sent there before this has no
 * holder, and its completion answers "Verification not found" until its client resends.
 */
export class OtpPurposes1764620000000 implements MigrationInterface {
  name = 'OtpPurposes1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE otp_verifications ADD COLUMN purpose text, ADD COLUMN client_id text`,
    );
    await q.query(
      `UPDATE otp_verifications SET status = 'CANCELED', updated_at = now() WHERE status = 'NEW'`,
    );
    await q.query(`UPDATE otp_verifications SET purpose = '', client_id = ''`);
    await q.query(
      `ALTER TABLE otp_verifications ALTER COLUMN purpose SET NOT NULL, ALTER COLUMN client_id SET NOT NULL`,
    );
    await q.query(`DROP INDEX IF EXISTS otp_verifications_live_idx`);
    await q.query(`DROP INDEX IF EXISTS otp_verifications_phone_idx`);
    // One live code per phone and purpose, enforced by the database so concurrent sends of one
    // purpose cannot leave two.
    await q.query(
      `CREATE UNIQUE INDEX otp_verifications_live_idx
         ON otp_verifications (phone_number, purpose) WHERE status = 'NEW'`,
    );
    await q.query(
      `CREATE INDEX otp_verifications_purpose_idx
         ON otp_verifications (phone_number, purpose, inserted_at DESC)`,
    );
    await q.query(`
      CREATE TABLE otp_code_holders (
        phone_number text PRIMARY KEY,
        purpose text NOT NULL,
        client_id text NOT NULL,
        live_until timestamptz NOT NULL,
        sent_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS otp_code_holders`);
    await q.query(`DROP INDEX IF EXISTS otp_verifications_purpose_idx`);
    await q.query(`DROP INDEX IF EXISTS otp_verifications_live_idx`);
    // Back to one live code per phone: the newest stays live.
    await q.query(`
      UPDATE otp_verifications v SET status = 'CANCELED'
       WHERE v.status = 'NEW'
         AND EXISTS (SELECT 1 FROM otp_verifications n
                      WHERE n.phone_number = v.phone_number AND n.status = 'NEW'
                        AND (n.inserted_at, n.id) > (v.inserted_at, v.id))`);
    await q.query(
      `CREATE UNIQUE INDEX otp_verifications_live_idx ON otp_verifications (phone_number) WHERE status = 'NEW'`,
    );
    await q.query(
      `CREATE INDEX otp_verifications_phone_idx ON otp_verifications (phone_number, inserted_at DESC)`,
    );
    await q.query(`ALTER TABLE otp_verifications DROP COLUMN purpose, DROP COLUMN client_id`);
  }
}
