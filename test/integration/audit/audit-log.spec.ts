import { DataSource } from 'typeorm';
import { AuditRecorder } from '../../../src/audit/application/audit-recorder.js';
import { AuditRetention } from '../../../src/audit/application/audit-retention.js';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';
import { inAuditScope, type AuditScope } from '../../../src/platform/audit/audit-scope.js';
import type { AuditedRoute } from '../../../src/platform/audit/audited.decorator.js';
import { BeforeCommitHooks } from '../../../src/platform/database/before-commit.js';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { TEST_CLIENT_ID, TEST_USER_ID } from '../../support/tokens.js';

const DAY = 86_400_000;
const RESOURCE = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

const insertRow = (t: TestApp, at: Date, resourceId: string | null = null) =>
  t.pool.query(
    `INSERT INTO audit_log (at, client_id, sub, action, resource_type, resource_id, request_id, status)
     VALUES ($1, $2, $3, 'read', 'person', $4, 'req-1', 200)`,
    [at, TEST_CLIENT_ID, TEST_USER_ID, resourceId],
  );

const count = async (t: TestApp, where = 'true', params: unknown[] = []): Promise<number> =>
  (
    await t.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE ${where}`,
      params,
    )
  ).rows[0].n;

function scopeOf(route: AuditedRoute, resourceId: string | null = RESOURCE): AuditScope {
  return {
    route,
    requestId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    at: new Date(),
    successStatus: 200,
    clientId: TEST_CLIENT_ID,
    sub: TEST_USER_ID,
    resourceId,
    recorded: false,
  };
}

describe('audit_log: append-only, swept only by its retention function', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUDIT_RETENTION_DAYS: '30' } });
    await t.pool.query('CREATE TABLE audit_probe (id uuid PRIMARY KEY)');
  });
  afterAll(async () => {
    await t.close();
  });

  describe("the service's own database user", () => {
    beforeAll(async () => {
      await insertRow(t, new Date());
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET status = 500`],
      [
        'UPDATE of one row',
        `UPDATE audit_log SET client_id = 'someone else' WHERE id = (SELECT min(id) FROM audit_log)`,
      ],
      ['DELETE', `DELETE FROM audit_log`],
      ['DELETE of one row', `DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`],
      ['DELETE of no row at all', `DELETE FROM audit_log WHERE false`],
      ['TRUNCATE', `TRUNCATE audit_log`],
    ])('is refused a plain %s', async (_name, sql) => {
      const before = await count(t);
      await expect(t.pool.query(sql)).rejects.toThrow(/audit_log is append-only/);
      expect(await count(t)).toBe(before);
    });

    it('is refused a DELETE even after setting the purge flag itself', async () => {
      const client = await t.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('ehealth.audit_purge', 'on', true)`);
        await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });

    it('is the one the service connects as, and the purge function belongs to another, login-less role', async () => {
      const service = await t.app.get(DataSource).query(`SELECT current_user AS name`);
      const owner = await t.pool.query<{ owner: string; login: boolean; definer: boolean }>(
        `SELECT pg_get_userbyid(p.proowner) AS owner, r.rolcanlogin AS login, p.prosecdef AS definer
           FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
          WHERE p.oid = 'audit_log_purge(timestamptz)'::regprocedure`,
      );
      expect(owner.rows[0]).toEqual({ owner: 'ehealth_audit_purge', login: false, definer: true });
      expect(service[0].name).not.toBe('ehealth_audit_purge');
    });
  });

  describe('the retention sweep', () => {
    it('deletes the rows older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
      const now = t.clock.now().getTime();
      await insertRow(t, new Date(now - 31 * DAY), RESOURCE);
      await insertRow(t, new Date(now - 400 * DAY), RESOURCE);
      await insertRow(t, new Date(now - 29 * DAY), RESOURCE);
      await insertRow(t, new Date(now - 1000), RESOURCE);
      const total = await count(t);

      expect(await t.app.get(AuditRetention).sweep()).toBe(2);

      expect(await count(t)).toBe(total - 2);
      expect(await count(t, 'at < $1', [new Date(now - 30 * DAY)])).toBe(0);
      expect(await count(t, 'resource_id = $1', [RESOURCE])).toBe(2);
      expect(await t.app.get(AuditRetention).sweep()).toBe(0);
    });
  });

  describe("a write's row", () => {
    const approve: AuditedRoute = { action: 'approve', resource: 'person_request', param: 'id' };
    let uow: UnitOfWork;
    let hooks: BeforeCommitHooks;

    beforeAll(() => {
      uow = t.app.get(UnitOfWork);
      hooks = t.app.get(BeforeCommitHooks);
    });
    /** A write in the unit of work's transaction. */
    const probe = (id: string) =>
      t.app
        .get(TypeOrmUnitOfWork)
        .manager()
        .query('INSERT INTO audit_probe (id) VALUES ($1)', [id]);
    const probes = async (id: string) =>
      (await t.pool.query('SELECT 1 FROM audit_probe WHERE id = $1', [id])).rowCount;

    it('commits with the write', async () => {
      const id = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const scope = scopeOf(approve, id);
      await inAuditScope(scope, () =>
        uow.run(async () => {
          await probe(id);
        }),
      );
      expect(scope.recorded).toBe(true);
      expect(await probes(id)).toBe(1);
      expect(
        await count(t, 'resource_id = $1 AND action = $2 AND status = 200', [id, 'approve']),
      ).toBe(1);
    });

    it('leaves no row when the transaction fails after the row was written', async () => {
      const id = 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const scope = scopeOf(approve, id);
      const remove = hooks.add(async (manager) => {
        // The audit hook ran first: its row is in this transaction.
        const [{ n }] = await manager.query(
          'SELECT count(*)::int AS n FROM audit_log WHERE resource_id = $1',
          [id],
        );
        expect(n).toBe(1);
        throw new Error('the commit is refused');
      });
      try {
        await expect(
          inAuditScope(scope, () =>
            uow.run(async () => {
              await probe(id);
            }),
          ),
        ).rejects.toThrow('the commit is refused');
      } finally {
        remove();
      }
      expect(scope.recorded).toBe(false);
      expect(await probes(id)).toBe(0);
      expect(await count(t, 'resource_id = $1', [id])).toBe(0);
    });

    it('is the refusal, in a transaction of its own, when the write fails', async () => {
      const id = 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const scope = scopeOf(approve, id);
      await expect(
        inAuditScope(scope, () =>
          uow.run(async () => {
            await probe(id);
            throw new Error('refused');
          }),
        ),
      ).rejects.toThrow('refused');
      expect(await count(t, 'resource_id = $1', [id])).toBe(0);
      await inAuditScope(scope, () => t.app.get(AuditRecorder).answered(scope, { status: 409 }));
      expect(await probes(id)).toBe(0);
      const rows = await t.pool.query(
        'SELECT action, status FROM audit_log WHERE resource_id = $1',
        [id],
      );
      expect(rows.rows).toEqual([{ action: 'approve', status: 409 }]);
    });

    it('is written by the first transaction only, and a later failure adds its own row', async () => {
      const id = 'd1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const scope = scopeOf(approve, id);
      await inAuditScope(scope, async () => {
        await uow.run(() => probe(id));
        await uow.run(() => Promise.resolve());
        await t.app.get(AuditRecorder).answered(scope, { status: 503 });
      });
      const rows = await t.pool.query(
        'SELECT status FROM audit_log WHERE resource_id = $1 ORDER BY id',
        [id],
      );
      expect(rows.rows).toEqual([{ status: 200 }, { status: 503 }]);
    });

    it('is not written by a transaction outside an audited call, nor for a read', async () => {
      const before = await count(t);
      await uow.run(() => Promise.resolve());
      const read = scopeOf({ action: 'read', resource: 'person', param: 'id' });
      await inAuditScope(read, () => uow.run(() => Promise.resolve()));
      expect(await count(t)).toBe(before);
    });
  });
});
