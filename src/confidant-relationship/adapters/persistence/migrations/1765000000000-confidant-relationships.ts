import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidant person relationships and the requests that start or end them. The database keeps
 * the invariants whatever the interleaving of concurrent calls: at most one NEW request per
 * person, and at most one active relationship per person and confidant. The lists read through
 * indexes in their order (newest first).
 */
export class ConfidantRelationships1765000000000 implements MigrationInterface {
  name = 'ConfidantRelationships1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE confidant_person_relationship_requests (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        client_id text NOT NULL,
        status text NOT NULL,
        action text NOT NULL,
        channel text NOT NULL,
        confidant_person_id uuid NOT NULL,
        documents_relationship jsonb NOT NULL,
        confidant_person_relationship jsonb,
        authorize_with uuid,
        authentication_method_current jsonb NOT NULL,
        documents jsonb NOT NULL,
        signed_content_attempt_key text,
        inserted_by uuid,
        updated_by uuid,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX confidant_requests_one_new_idx
         ON confidant_person_relationship_requests (person_id) WHERE status = 'NEW'`,
    );
    await q.query(
      `CREATE INDEX confidant_requests_client_person_time_idx
         ON confidant_person_relationship_requests
            (client_id, person_id, inserted_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX confidant_requests_client_person_status_time_idx
         ON confidant_person_relationship_requests
            (client_id, person_id, status, inserted_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX confidant_requests_expiring_idx
         ON confidant_person_relationship_requests (inserted_at)
      WHERE status IN ('NEW', 'APPROVED')`,
    );
    await q.query(`
      CREATE TABLE confidant_person_relationships (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        confidant_person_id uuid NOT NULL,
        documents_relationship jsonb NOT NULL,
        active_to date NOT NULL,
        is_active boolean NOT NULL,
        verification_status text NOT NULL,
        verification_reason text NOT NULL,
        inserted_by uuid,
        updated_by uuid,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX confidant_relationships_one_active_idx
         ON confidant_person_relationships (person_id, confidant_person_id) WHERE is_active`,
    );
    await q.query(
      `CREATE INDEX confidant_relationships_person_time_idx
         ON confidant_person_relationships (person_id, inserted_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX confidant_relationships_confidant_idx
         ON confidant_person_relationships (confidant_person_id) WHERE is_active`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS confidant_person_relationships`);
    await q.query(`DROP TABLE IF EXISTS confidant_person_relationship_requests`);
  }
}
