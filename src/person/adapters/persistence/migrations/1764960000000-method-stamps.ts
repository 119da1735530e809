import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who added and last changed an authentication method, and when it last changed: the registry
 * answers them in a person's method list. Methods written before are not known to anyone:
 * `inserted_by` and `updated_by` stay null for them, and `updated_at` starts as `inserted_at`
 * (`ended_at` is no trace of a change: a THIRD_PERSON method is written with its end ahead).
 */
export class MethodStamps1764960000000 implements MigrationInterface {
  name = 'MethodStamps1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person_authentication_methods
        ADD COLUMN inserted_by uuid,
        ADD COLUMN updated_by uuid,
        ADD COLUMN updated_at timestamptz`);
    await q.query(`
      UPDATE person_authentication_methods
         SET updated_at = inserted_at`);
    await q.query(`
      ALTER TABLE person_authentication_methods
        ALTER COLUMN updated_at SET DEFAULT now(),
        ALTER COLUMN updated_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person_authentication_methods
        DROP COLUMN updated_at, DROP COLUMN updated_by, DROP COLUMN inserted_by`);
  }
}
