import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The idempotency keys of every client (src/platform/idempotency/), shared by every instance:
 * one row per client and key, "in progress" (no status) from the claim until the answer is kept.
 * `fingerprint` is the SHA-256 of method, path and body; `owner` the claiming request;
 * `claimed_at` (database clock) dates the claim for its lease; `expires_at` (service clock) ends
 * the key, and the sweep deletes by it.
 */
export class IdempotencyKeys1765100000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        client_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        owner uuid NOT NULL,
        claimed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status smallint,
        body text,
        PRIMARY KEY (client_id, key),
        CONSTRAINT idempotency_keys_answer CHECK ((status IS NULL) = (body IS NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
