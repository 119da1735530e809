import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../../src/platform/database/embedded-postgres.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tokenFor } from '../../support/tokens.js';

const WRITE = { Authorization: `Bearer ${tokenFor('person:write')}` };

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not reached in time');
}

/** A real PostgreSQL that the test stops and starts again on the same port and data dir. */
describe('PostgreSQL stopped and restarted under load', () => {
  let dir: string;
  let port: number;
  let db: EmbeddedDatabase;
  let t: TestApp;

  const start = () =>
    startEmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      persistent: true,
      database: 'outage_test',
      port,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ehealth-outage-'));
    chmodSync(dir, 0o755);
    port = await freePort();
    db = await start();
    t = await createTestApp({
      databaseUrl: db.url,
      env: { DATABASE_POOL_SIZE: '4', LOG_LEVEL: process.env.FAULT_LOG ?? 'silent' },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const register = (i: number) =>
    t.http
      .post('/api/persons')
      .set(WRITE)
      .send({
        first_name: `Load${i}`,
        last_name: 'Test',
        birth_date: '1990-01-01',
        gender: 'FEMALE',
        no_tax_id: true,
        documents: [{ type: 'PASSPORT', number: `AA${i}` }],
        authentication_methods: [{ type: 'OFFLINE' }],
      });

  it('answers 503 while it is down, recovers without a restart, and half-applies nothing', async () => {
    await t.http.get('/health/ready').expect(200);
    let i = 0;
    let stop = false;
    const outcomes: { status: number; id?: string }[] = [];
    const load = (async () => {
      while (!stop) {
        const res = await register(i++);
        outcomes.push({ status: res.status, id: res.body?.data?.id });
        expect(res.body.meta.code).toBe(res.status);
      }
    })();
    const createdSince = (from: number) => () =>
      Promise.resolve(outcomes.slice(from).some((o) => o.status === 201));
    // The load is under way once it has stored a person: only then is the database stopped.
    await until(createdSince(0), 15_000);
    await db.stop();
    await until(async () => (await t.http.get('/health/ready')).status === 503, 15_000);
    const down = await t.http.get('/health/ready');
    expect(down.body.error.type).toBe('service_unavailable');
    const during = await register(-1);
    expect(during.status).toBe(503);
    expect(during.body.error).toEqual({
      type: 'service_unavailable',
      message: 'Database is unavailable',
    });

    db = await start();
    await until(async () => (await t.http.get('/health/ready')).status === 200, 30_000);
    // The same load, never restarted, stores persons again.
    await until(createdSince(outcomes.length), 30_000);
    stop = true;
    await load;

    // Only created or unavailable; the list names any other answer on failure.
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);

    const created = outcomes.filter((o) => o.status === 201).map((o) => o.id);
    const { rows } = await t.pool.query<{ id: string; docs: number; methods: number }>(
      `SELECT p.id,
              (SELECT count(*)::int FROM person_documents d WHERE d.person_id = p.id) AS docs,
              (SELECT count(*)::int FROM person_authentication_methods m WHERE m.person_id = p.id) AS methods
         FROM persons p`,
    );
    // Every stored person is whole, and every 201 was stored.
    expect(rows.every((r) => r.docs === 1 && r.methods === 1)).toBe(true);
    const stored = new Set(rows.map((r) => r.id));
    expect(created.every((id) => stored.has(id!))).toBe(true);
    await register(100_000).expect(201);
  }, 120_000);
});
