import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Secrets shared by every instance on one database (see SecretStore). */
export class ServiceSecrets1764400000000 implements MigrationInterface {
  name = 'ServiceSecrets1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_secrets (name text PRIMARY KEY, value text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS service_secrets`);
  }
}
