import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The state registers' results of a person's checks, as a host records them: one row per person
 * and register at most. A register without a row is answered as not verified.
 */
export class RegisterVerifications1764960000001 implements MigrationInterface {
  name = 'RegisterVerifications1764960000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_register_verifications (
        person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        register text NOT NULL,
        verification_status text NOT NULL,
        verification_reason text NOT NULL,
        verification_comment text,
        result integer,
        status integer,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (person_id, register)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS person_register_verifications`);
  }
}
