import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authentication method requests belong to the MIS client that created them (rows from before
 * have none and answer 404 to every client), and a person has at most one NEW request: the
 * database keeps it so, whatever the interleaving of concurrent creates.
 */
export class AmrTenancyAndOneNew1764500000000 implements MigrationInterface {
  name = 'AmrTenancyAndOneNew1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE authentication_method_requests ADD COLUMN client_id text`);
    // Races before this migration may have left several NEW requests of one person: the newest
    // stays NEW, as a create would have left it.
    await q.query(`
      UPDATE authentication_method_requests r SET status = 'CANCELED'
       WHERE r.status = 'NEW'
         AND EXISTS (SELECT 1 FROM authentication_method_requests n
                      WHERE n.person_id = r.person_id AND n.status = 'NEW'
                        AND (n.inserted_at, n.id) > (r.inserted_at, r.id))`);
    await q.query(`DROP INDEX IF EXISTS authentication_method_requests_new_idx`);
    await q.query(
      `CREATE UNIQUE INDEX authentication_method_requests_one_new_idx
         ON authentication_method_requests (person_id) WHERE status = 'NEW'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS authentication_method_requests_one_new_idx`);
    await q.query(
      `CREATE INDEX authentication_method_requests_new_idx
         ON authentication_method_requests (person_id) WHERE status = 'NEW'`,
    );
    await q.query(`ALTER TABLE authentication_method_requests DROP COLUMN client_id`);
  }
}
