import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes of GET /api/v3/person_requests, in the list's order (inserted_at, then id, newest
 * first): one on the client alone, one on the client and status, so that a page and its bounded
 * total read only the caller's matching requests. The first replaces person_requests_client_idx,
 * whose id ran the other way (each page was sorted again).
 */
export class ClientListIndexes1764800000002 implements MigrationInterface {
  name = 'ClientListIndexes1764800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX person_requests_client_time_idx
         ON person_requests (client_id, inserted_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX person_requests_client_status_time_idx
         ON person_requests (client_id, status, inserted_at DESC, id DESC)`,
    );
    await q.query(`DROP INDEX IF EXISTS person_requests_client_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX person_requests_client_idx ON person_requests (client_id, inserted_at DESC, id)`,
    );
    await q.query(`DROP INDEX IF EXISTS person_requests_client_status_time_idx`);
    await q.query(`DROP INDEX IF EXISTS person_requests_client_time_idx`);
  }
}
