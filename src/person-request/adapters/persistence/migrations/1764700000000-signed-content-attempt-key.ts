import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign records the key of the attempt whose signed copy it keeps, in the transaction that makes
 * the request SIGNED, so that a copy a crash left unplaced is put in place from that key at the
 * next start. Requests signed earlier have none: their signed copy was written directly.
 */
export class SignedContentAttemptKey1764700000000 implements MigrationInterface {
  name = 'SignedContentAttemptKey1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_requests ADD COLUMN signed_content_attempt_key text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_requests DROP COLUMN IF EXISTS signed_content_attempt_key`);
  }
}
