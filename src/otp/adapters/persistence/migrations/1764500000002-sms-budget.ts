import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The codes each MIS client caused in the last hour (see TypeOrmSmsBudget). */
export class SmsBudget1764500000002 implements MigrationInterface {
  name = 'SmsBudget1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_budget_entries (
        id uuid PRIMARY KEY,
        client_id text NOT NULL,
        sent_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX sms_budget_entries_client_idx ON sms_budget_entries (client_id, sent_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sms_budget_entries`);
  }
}
