import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role that owns the retention function: the one role whose DELETE the trigger lets pass. */
export const AUDIT_PURGE_ROLE = 'ehealth_audit_purge';

/**
 * The audit trail (docs/api.md, Audit trail): an append-only table. A statement trigger refuses
 * every UPDATE, DELETE and TRUNCATE, except a DELETE run by `audit_log_purge(cutoff)` (the
 * retention sweep), a SECURITY DEFINER function owned by the NOLOGIN role `ehealth_audit_purge`:
 * the trigger lets a DELETE pass only while that role is the current user and the function has
 * set `ehealth.audit_purge` for its own transaction. The service's user may call the function
 * and may insert and read rows; it cannot change or delete one, however it connects, unless it
 * is a superuser that sets out to (and then no database rule binds it).
 *
 * A database user without CREATEROLE cannot create that role: the migration then leaves the
 * function owned by the service's user (`ehealth.audit_purge` alone then opens the trigger, which
 * only the function sets; a plain UPDATE or DELETE is still refused). An operator who wants the
 * stronger form creates the role once (`CREATE ROLE ehealth_audit_purge NOLOGIN`, granted to the
 * migrating user) and runs the migration again (docs/api.md, Audit trail).
 *
 * Indexes serve GET /api/audit_log in its order (at, id newest first): with no filter or a time
 * range, by client, by resource.
 */
export class AuditLog1765000000000 implements MigrationInterface {
  name = 'AuditLog1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        client_id text NOT NULL,
        sub uuid NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id uuid NULL,
        request_id text NOT NULL,
        status smallint NOT NULL,
        details jsonb NULL
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX audit_log_client_at_idx ON audit_log (client_id, at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX audit_log_resource_at_idx ON audit_log (resource_id, at DESC, id DESC)
        WHERE resource_id IS NOT NULL`,
    );
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_PURGE_ROLE}') THEN
          BEGIN
            CREATE ROLE ${AUDIT_PURGE_ROLE} NOLOGIN;
          EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'audit_log: cannot create role ${AUDIT_PURGE_ROLE}; the purge function stays owned by %', current_user;
          END;
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_log_purge(cutoff timestamptz) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE
        deleted bigint;
      BEGIN
        PERFORM set_config('ehealth.audit_purge', 'on', true);
        DELETE FROM audit_log WHERE at < cutoff;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        PERFORM set_config('ehealth.audit_purge', 'off', true);
        RETURN deleted;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'DELETE'
          AND current_setting('ehealth.audit_purge', true) = 'on'
          AND current_user = (SELECT pg_get_userbyid(proowner) FROM pg_proc
                               WHERE oid = 'audit_log_purge(timestamptz)'::regprocedure)
        THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only
        BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`REVOKE ALL ON FUNCTION audit_log_purge(timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_log_purge(timestamptz) TO CURRENT_USER`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_PURGE_ROLE}') THEN
          BEGIN
            GRANT SELECT, DELETE ON audit_log TO ${AUDIT_PURGE_ROLE};
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${AUDIT_PURGE_ROLE}', current_schema());
            ALTER FUNCTION audit_log_purge(timestamptz) OWNER TO ${AUDIT_PURGE_ROLE};
          EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'audit_log: cannot hand the purge function to ${AUDIT_PURGE_ROLE}; it stays owned by %', current_user;
          END;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_refuse_change()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_purge(timestamptz)`);
  }
}
