import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of the first release: the MPI part (persons, documents, authentication
 * methods), person requests, authentication method requests, the built-in OTP service and the
 * event outbox. Indexes follow the queries the use cases run.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY,
        first_name text NOT NULL,
        last_name text NOT NULL,
        second_name text,
        birth_date date NOT NULL,
        gender text NOT NULL,
        tax_id text,
        no_tax_id boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'active',
        verification_status text NOT NULL DEFAULT 'VERIFICATION_NEEDED',
        verification_reason text,
        verification_comment text,
        inserted_by uuid,
        updated_by uuid,
        inserted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE person_documents (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        position integer NOT NULL,
        type text NOT NULL,
        number text NOT NULL,
        issued_at date,
        expiration_date date
      )`);
    await q.query(
      `CREATE INDEX person_documents_person_idx ON person_documents (person_id, position)`,
    );
    await q.query(`
      CREATE TABLE person_authentication_methods (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        type text NOT NULL,
        phone_number text,
        value uuid,
        alias text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        inserted_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX person_authentication_methods_person_idx ON person_authentication_methods (person_id, inserted_at)`,
    );
    await q.query(`
      CREATE TABLE person_requests (
        id uuid PRIMARY KEY,
        status text NOT NULL,
        channel text NOT NULL DEFAULT 'MIS',
        person json NOT NULL, -- json, not jsonb: kept byte-for-byte in the order sent
        person_id uuid,
        client_id text,
        patient_signed boolean NOT NULL DEFAULT false,
        process_disclosure_data_consent boolean NOT NULL,
        authorize_with uuid,
        authentication_method_current jsonb NOT NULL,
        documents jsonb NOT NULL DEFAULT '[]',
        content text,
        inserted_by uuid,
        updated_by uuid,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX person_requests_client_idx ON person_requests (client_id, inserted_at DESC, id)`,
    );
    await q.query(`
      CREATE TABLE authentication_method_requests (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id),
        status text NOT NULL,
        channel text NOT NULL DEFAULT 'MIS',
        action text NOT NULL,
        authentication_method jsonb NOT NULL,
        authentication_method_current jsonb NOT NULL,
        documents jsonb NOT NULL DEFAULT '[]',
        inserted_by uuid,
        updated_by uuid,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX authentication_method_requests_new_idx ON authentication_method_requests (person_id) WHERE status = 'NEW'`,
    );
    await q.query(`
      CREATE TABLE otp_verifications (
        id uuid PRIMARY KEY,
        phone_number text NOT NULL,
        code_hash text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        code_expired_at timestamptz NOT NULL,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // One live code per phone, enforced by the database so concurrent sends cannot leave two.
    await q.query(
      `CREATE UNIQUE INDEX otp_verifications_live_idx ON otp_verifications (phone_number) WHERE status = 'NEW'`,
    );
    await q.query(
      `CREATE INDEX otp_verifications_phone_idx ON otp_verifications (phone_number, inserted_at DESC)`,
    );
    await q.query(`
      CREATE TABLE verified_phones (
        phone_number text PRIMARY KEY,
        verified_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE events (
        seq bigserial UNIQUE,
        id uuid PRIMARY KEY,
        event_type text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        properties jsonb NOT NULL,
        event_time timestamptz NOT NULL,
        changed_by uuid,
        published_at timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX events_unpublished_idx ON events (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX events_entity_idx ON events (entity_id, event_time DESC)`);
    await q.query(`CREATE INDEX events_time_idx ON events (event_time DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'events',
      'verified_phones',
      'otp_verifications',
      'authentication_method_requests',
      'person_requests',
      'person_authentication_methods',
      'person_documents',
      'persons',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
