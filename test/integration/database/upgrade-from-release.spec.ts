import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type MigrationInterface } from 'typeorm';
import { SmsSender } from '../../../src/otp-built-in/application/sms-sender.port.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';
import { signForDevelopment } from '../../../src/signature/adapters/dev/dev-signer.js';
import { amrPath } from '../../support/auth-method-requests.js';
import { createTestDatabase } from '../../support/database.js';
import { CapturingSmsSender } from '../../support/otp-sms.js';
import {
  releaseFixture,
  releasesWithFixtures,
  restoreReleaseDatabase,
  restoreReleaseDocuments,
  type ReleaseFixture,
} from '../../support/release-fixtures.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { ALL_SCOPES, tokenFor } from '../../support/tokens.js';
import { putJpeg } from '../../support/uploads.js';
import { releaseAnswerNow } from './changes-since-release.js';

/** Tables, columns, indexes and constraints of the public schema, in a stable order. */
async function schemaOf(query: (sql: string) => Promise<{ rows: unknown[] }>) {
  const [columns, indexes, constraints] = await Promise.all([
    query(`SELECT table_name, column_name, data_type, is_nullable, column_default
             FROM information_schema.columns WHERE table_schema = 'public'
            ORDER BY table_name, column_name`),
    query(`SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' ORDER BY tablename, indexname`),
    query(`SELECT conrelid::regclass::text AS on_table, conname, pg_get_constraintdef(oid) AS definition
             FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            ORDER BY on_table, conname`),
  ]);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

const asText = (path: string, status: number, body: unknown) =>
  JSON.stringify({ path, status, body }, null, 2);

const NO_CODE = { type: 'forbidden', message: 'Verification not found' };
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };

/**
 * A database that a released build filled (test/fixtures/releases/) is upgraded by this build's
 * migrations at start-up, and then reads and works as the release left it: every current
 * migration must cope with the rows a release leaves behind.
 */
describe.each(releasesWithFixtures())('a database made by release %s', (release) => {
  let fixture: ReleaseFixture;
  let t: TestApp;
  let dataDir: string;
  const sms = new CapturingSmsSender();
  const errors: string[] = [];
  const as = (client: 'A' | 'B') => ({
    Authorization: `Bearer ${tokenFor(ALL_SCOPES, fixture.clients[client])}`,
  });
  const pr = (role: string, action = '') =>
    `/api/v3/person_requests/${fixture.personRequests[role].id}${action && `/actions/${action}`}`;
  const amr = (role: string, action?: 'approve' | 'resend_otp') => {
    const { id, person } = fixture.authenticationMethodRequests[role];
    return amrPath(fixture.persons[person], id, action);
  };

  beforeAll(async () => {
    fixture = releaseFixture(release);
    const databaseUrl = await restoreReleaseDatabase(release);
    dataDir = mkdtempSync(join(tmpdir(), 'ehealth-upgrade-'));
    restoreReleaseDocuments(release, dataDir);
    t = await createTestApp({
      databaseUrl,
      now: new Date(fixture.now),
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' },
      logStream: { write: (line: string) => void errors.push(line) },
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration of this build on top of the release', async () => {
    const { rows } = await t.pool.query<{ name: string }>('SELECT name FROM migrations');
    // TypeORM records a migration under its `name`, or its class's name when it has none.
    const names = EHEALTH_MIGRATIONS.map(
      (m) => new (m as new () => MigrationInterface)().name ?? m.name,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(names.sort());
  });

  it('leaves the schema a database migrated from empty has', async () => {
    const fresh = new DataSource({
      type: 'postgres',
      url: await createTestDatabase('fresh'),
      entities: EHEALTH_ENTITIES,
      migrations: EHEALTH_MIGRATIONS,
      migrationsRun: true,
      logging: false,
    });
    await fresh.initialize();
    try {
      expect(await schemaOf((sql) => t.pool.query(sql))).toEqual(
        await schemaOf(async (sql) => ({ rows: await fresh.query(sql) })),
      );
    } finally {
      await fresh.destroy();
    }
  });

  it('answers every read the release answered, as the release answered it', async () => {
    const { rows } = await t.pool.query<{ id: string; inserted_at: Date }>(
      'SELECT id, inserted_at FROM person_authentication_methods',
    );
    const stored = {
      methodInsertedAt: new Map(rows.map((r) => [r.id, r.inserted_at.toISOString()])),
    };
    for (const read of fixture.reads) {
      const response = await t.http.get(read.path).set(as(read.client));
      const { meta: _meta, ...body } = response.body;
      // Compared as text, so that key order counts too: a person request's person is echoed in
      // the order the client sent it (docs/api.md, Create a person request). The release's
      // answer passes through the wire changes made on purpose since (changes-since-release.ts).
      expect(asText(read.path, response.status, body)).toBe(
        asText(
          read.path,
          read.status,
          releaseAnswerNow(
            read.path,
            read.status,
            read.body,
            stored,
            (path) => fixture.reads.find((r) => r.path === path && r.status === 200)?.body,
          ),
        ),
      );
    }
  });

  it("refuses a code the release sent, and approves the release's request with a new one", async () => {
    const { phone, code } = fixture.liveCodes.personRequestNewOtp;
    await t.http
      .patch(pr('newOtp', 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(code) })
      .expect(422)
      .expect((res) => expect(res.body.error).toEqual(NO_CODE));
    await t.http
      .post(`/api/person_requests/${fixture.personRequests.newOtp.id}/actions/resend_otp`)
      .set(as('A'))
      .expect(200);
    const approved = await t.http
      .patch(pr('newOtp', 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(sms.lastCodeFor(phone)) })
      .expect(201);
    expect(approved.body.data.status).toBe('APPROVED');
  });

  it('signs a person request the release approved', async () => {
    const { body } = await t.http.get(pr('approved')).set(as('A')).expect(200);
    const { signedContent } = await signForDevelopment(
      dataDir,
      Buffer.from(JSON.stringify({ ...body.data, patient_signed: true })),
    );
    const signed = await t.http
      .patch(pr('approved', 'sign'))
      .set(as('A'))
      .send({ signed_content: signedContent })
      .expect(200);
    expect(signed.body.data.status).toBe('SIGNED');
    await t.http.get(`/api/persons/${signed.body.data.person_id}`).set(as('A')).expect(200);
  });

  it('counts a scan uploaded before the upgrade towards the approve', async () => {
    const { body } = await t.http.get(pr('newOffline')).set(as('A')).expect(200);
    await t.http
      .patch(pr('newOffline', 'approve'))
      .set(as('A'))
      .expect(409)
      .expect((res) =>
        expect(res.body.error).toEqual({
          type: 'request_conflict',
          message: 'Documents NATIONAL_ID is not uploaded',
        }),
      );
    const slot = body.urgent.documents.find((d: { type: string }) => d.type === 'NATIONAL_ID');
    await putJpeg(t, slot.url).expect(200);
    const approved = await t.http.patch(pr('newOffline', 'approve')).set(as('A')).expect(201);
    expect(approved.body.data.status).toBe('APPROVED');
  });

  it("completes the release's authentication method requests with new codes", async () => {
    const { newOtp, newInsertOffline } = {
      newOtp: fixture.liveCodes.amrNewOtp,
      newInsertOffline: fixture.liveCodes.amrNewInsertOffline,
    };
    await t.http
      .patch(amr('newOtp', 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(newOtp.code) })
      .expect(422)
      .expect((res) => expect(res.body.error).toEqual(NO_CODE));
    await t.http.post(amr('newOtp', 'resend_otp')).set(as('A')).expect(200);
    await t.http
      .patch(amr('newOtp', 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(sms.lastCodeFor(newOtp.phone)) })
      .expect(201)
      .expect((res) => expect(res.body.data.status).toBe('COMPLETED'));

    // An insert of OFFLINE: one scan came before the upgrade, one after, and a new code.
    const { body } = await t.http.get(amr('newInsertOffline')).set(as('A')).expect(200);
    const slot = body.urgent.documents.find((d: { type: string }) => d.type === 'NATIONAL_ID');
    await putJpeg(t, slot.url).expect(200);
    await t.http.post(amr('newInsertOffline', 'resend_otp')).set(as('A')).expect(200);
    await t.http
      .patch(amr('newInsertOffline', 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(sms.lastCodeFor(newInsertOffline.phone)) })
      .expect(201)
      .expect((res) => expect(res.body.data.status).toBe('COMPLETED'));
    const methods = await t.http
      .get(`/api/persons/${fixture.persons.pendingOffline}/authentication_methods`)
      .set(as('A'))
      .expect(200);
    expect(methods.body.data.map((m: { type: string }) => m.type)).toEqual(['OFFLINE']);
  });

  it("inserts a phone the release verified, and records the event after the release's", async () => {
    const person = fixture.persons.otp;
    const created = await t.http
      .post(amrPath(person))
      .set(as('A'))
      .send({
        action: 'INSERT',
        authentication_method: { type: 'OTP', phone_number: fixture.phones.verifiedUnused },
      })
      .expect(201);
    await t.http
      .patch(amrPath(person, created.body.data.id, 'approve'))
      .set(as('A'))
      .send({ verification_code: Number(sms.lastCodeFor(fixture.phones.otp)) })
      .expect(201);
    const events = await t.http.get('/api/events?page_size=300').set(as('A')).expect(200);
    const released = fixture.reads.find((r) => r.path.startsWith('/api/events'))!.body.data as {
      id: string;
    }[];
    expect(events.body.data.length).toBeGreaterThan(released.length);
    expect(events.body.data.slice(-released.length)).toEqual(released);
    expect(events.body.data[0]).toMatchObject({ entity_id: person });
  });

  it('keeps the requests the release ended, ended', async () => {
    for (const role of ['expired', 'stale', 'signed', 'rejectedNew']) {
      await t.http
        .patch(pr(role, 'approve'))
        .set(as('A'))
        .expect(409)
        .expect((res) => expect(res.body.error).toEqual(INVALID_TRANSITION));
    }
    for (const role of ['expired', 'canceled', 'insertOtp']) {
      await t.http
        .patch(amr(role, 'approve'))
        .set(as('A'))
        .send({ verification_code: 1234 })
        .expect(409)
        .expect((res) => expect(res.body.error).toEqual(INVALID_TRANSITION));
    }
  });

  it("counts the release's person requests as v3: the v2 routes do not find them", async () => {
    const versions = await t.pool.query<{ version: number }>(
      'SELECT DISTINCT version FROM person_requests',
    );
    expect(versions.rows).toEqual([{ version: 3 }]);
    await t.http.get(pr('signed').replace('/api/v3/', '/api/v2/')).set(as('A')).expect(404);
    const list = await t.http.get('/api/person_requests?page_size=300').set(as('A')).expect(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((i: { version: number }) => i.version === 3)).toBe(true);
  });

  it('refuses the phone verification code the release left live; a new one completes', async () => {
    const { phone, code } = fixture.liveCodes.verificationLive;
    const path = `/api/verifications/${encodeURIComponent(phone)}`;
    await t.http
      .patch(`${path}/actions/complete`)
      .set(as('A'))
      .send({ code: Number(code) })
      .expect(404);
    await t.http.post('/api/verifications').set(as('A')).send({ phone_number: phone }).expect(200);
    await t.http
      .patch(`${path}/actions/complete`)
      .set(as('A'))
      .send({ code: Number(sms.lastCodeFor(phone)) })
      .expect(200);
    await t.http.get(path).set(as('A')).expect(200);
  });

  it('logs no error meanwhile', () => {
    expect(errors).toEqual([]);
  });
});
