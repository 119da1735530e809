import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person has at most one active own method (OTP or OFFLINE), so also at most one active OTP
 * method per phone: kept by the database, not only by the code that locks the person, so that
 * no interleaving of concurrent approves can break it. Own methods end by getting `ended_at`,
 * so "active" is `ended_at IS NULL` for them.
 */
export class OneActiveOwnMethod1764500000001 implements MigrationInterface {
  name = 'OneActiveOwnMethod1764500000001';

  async up(q: QueryRunner): Promise<void> {
    // Races before this migration may have left several; the newest stays, as an approve would
    // have left it, the others end now.
    await q.query(`
      UPDATE person_authentication_methods m SET ended_at = now()
       WHERE m.type IN ('OTP', 'OFFLINE') AND m.ended_at IS NULL
         AND EXISTS (SELECT 1 FROM person_authentication_methods n
                      WHERE n.person_id = m.person_id AND n.type IN ('OTP', 'OFFLINE')
                        AND n.ended_at IS NULL
                        AND (n.inserted_at, n.id) > (m.inserted_at, m.id))`);
    await q.query(
      `CREATE UNIQUE INDEX person_authentication_methods_one_own_idx
         ON person_authentication_methods (person_id)
         WHERE type IN ('OTP', 'OFFLINE') AND ended_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS person_authentication_methods_one_own_idx`);
  }
}
