import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person request records the registry version it was created in (2 or 3): the routes of that
 * version reach it and its answers keep that version's shape. Every request stored before is a
 * v3 one. The v3 list reads its page and bounded total from two partial indexes of v3 requests
 * in the list's order; the version-neutral list keeps the indexes of all requests
 * (1764800000002-client-list-indexes.ts).
 */
export class RequestVersion1764960000021 implements MigrationInterface {
  name = 'RequestVersion1764960000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE person_requests ADD COLUMN version smallint NOT NULL DEFAULT 3
         CONSTRAINT person_requests_version_check CHECK (version IN (2, 3))`,
    );
    await q.query(
      `CREATE INDEX person_requests_v3_client_time_idx
         ON person_requests (client_id, inserted_at DESC, id DESC) WHERE version = 3`,
    );
    await q.query(
      `CREATE INDEX person_requests_v3_client_status_time_idx
         ON person_requests (client_id, status, inserted_at DESC, id DESC) WHERE version = 3`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS person_requests_v3_client_status_time_idx`);
    await q.query(`DROP INDEX IF EXISTS person_requests_v3_client_time_idx`);
    await q.query(`ALTER TABLE person_requests DROP COLUMN IF EXISTS version`);
  }
}
