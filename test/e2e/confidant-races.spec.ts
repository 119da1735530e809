import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { ConfidantRequests } from '../../src/confidant-relationship/application/confidant-requests.js';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import {
  adultWithOtp,
  AS_A,
  insertBody,
  relationshipsPath,
  requestsPath,
  signedData,
} from '../support/confidant.js';
import { createTestDatabase } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { uploadScans } from '../support/uploads.js';

const RACERS = 20;
const CONCURRENT = { type: 'request_conflict', message: 'Concurrent change, retry' };
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };

/**
 * Two application instances on one database, 20 racers split over them. The person confirms by
 * scans (OFFLINE), kept in one directory both read, so no code stops a racer before the locks and the database's constraints.
 */
describe('confidant relationships under races, two instances', () => {
  let a: TestApp;
  let b: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('confidant-race');
    const customize = (builder: TestingModuleBuilder) =>
      builder.overrideProvider(SmsSender).useValue(sms);
    // One data directory: the scans and the development signer are the two instances' own.
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-data-')) };
    a = await createTestApp({ databaseUrl, customize, env, listen: true });
    b = await createTestApp({ databaseUrl, customize, env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const instance = (i: number): TestApp => (i % 2 === 0 ? a : b);
  const statuses = async (personId: string) =>
    (
      await a.pool.query<{ status: string }>(
        `SELECT status FROM confidant_person_relationship_requests WHERE person_id = $1`,
        [personId],
      )
    ).rows.map((r) => r.status);

  it('20 creates leave one NEW request; 20 approves, then 20 signs, succeed once; one relationship', async () => {
    const person = await registerPerson(a, {
      authentication_methods: [{ type: 'OFFLINE' }],
      documents: [{ type: 'PASSPORT', number: 'ВВ654321' }],
    });
    const { person: confidant } = await adultWithOtp(a);

    const creates = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        instance(i).http.post(requestsPath(person.id)).set(AS_A).send(insertBody(confidant.id)),
      ),
    );
    const losers = creates
      .filter((res) => res.status !== 201)
      .map((res) => ({ status: res.status, error: res.body.error }));
    expect(losers).toEqual(losers.map(() => ({ status: 409, error: CONCURRENT })));
    const created = creates.filter((res) => res.status === 201);
    expect(created.length).toBeGreaterThan(0);
    const stored = await statuses(person.id);
    expect(stored.filter((s) => s === 'NEW')).toHaveLength(1);
    expect(stored.filter((s) => s !== 'NEW').every((s) => s === 'CANCELED')).toBe(true);
    expect(stored).toHaveLength(created.length);

    const { rows } = await a.pool.query<{ id: string }>(
      `SELECT id FROM confidant_person_relationship_requests WHERE person_id = $1 AND status = 'NEW'`,
      [person.id],
    );
    const winner = created.find((res) => res.body.data.id === rows[0].id)!;
    await uploadScans(a, winner.body.urgent.documents);
    const id = rows[0].id;

    const approves = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        instance(i)
          .http.patch(requestsPath(person.id, `/${id}/actions/approve`))
          .set(AS_A)
          .send({}),
      ),
    );
    expect(approves.filter((res) => res.status === 200)).toHaveLength(1);
    for (const res of approves.filter((r) => r.status !== 200)) {
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 409,
        error: INVALID_TRANSITION,
      });
    }
    const data = approves.find((res) => res.status === 200)!.body.data;
    const content = await signedData(a, data);

    const signs = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        instance(i)
          .http.patch(requestsPath(person.id, `/${id}/actions/sign`))
          .set(AS_A)
          .send({ signed_content: content }),
      ),
    );
    expect(signs.filter((res) => res.status === 200)).toHaveLength(1);
    for (const res of signs.filter((r) => r.status !== 200)) {
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 409,
        error: INVALID_TRANSITION,
      });
    }
    const relationships = await a.pool.query(
      `SELECT * FROM confidant_person_relationships WHERE person_id = $1`,
      [person.id],
    );
    expect(relationships.rowCount).toBe(1);
    const listed = await b.http.get(relationshipsPath(person.id)).set(AS_A).expect(200);
    expect(listed.body.data).toHaveLength(1);
  });

  it('the database keeps one NEW request per person and one active relationship per pair', async () => {
    const person = await registerPerson(a, {});
    const { person: confidant } = await adultWithOtp(a);
    const row = (id: string, status: string) =>
      a.pool.query(
        `INSERT INTO confidant_person_relationship_requests (id, person_id, client_id, status,
           action, channel, confidant_person_id, documents_relationship,
           authentication_method_current, documents, inserted_at, updated_at)
         VALUES ($1, $2, 'c', $3, 'INSERT', 'MIS', $4, '[]', '{}', '[]', now(), now())`,
        [id, person.id, status, confidant.id],
      );
    await row('00000000-0000-4000-8000-000000000001', 'NEW');
    await expect(row('00000000-0000-4000-8000-000000000002', 'NEW')).rejects.toThrow(/unique/);
    const relationship = (id: string) =>
      a.pool.query(
        `INSERT INTO confidant_person_relationships (id, person_id, confidant_person_id,
           documents_relationship, active_to, is_active, verification_status,
           verification_reason, inserted_at, updated_at)
         VALUES ($1, $2, $3, '[]', '2030-01-01', true, 'V', 'R', now(), now())`,
        [id, person.id, confidant.id],
      );
    await relationship('00000000-0000-4000-8000-000000000003');
    await expect(relationship('00000000-0000-4000-8000-000000000004')).rejects.toThrow(/unique/);
  });

  it('a newer request cancels the NEW one; NEW and APPROVED expire after CONFIDANT_REQUEST_TTL_HOURS', async () => {
    const person = await registerPerson(a, {
      authentication_methods: [{ type: 'OFFLINE' }],
      documents: [{ type: 'PASSPORT', number: 'ВВ654321' }],
    });
    const { person: confidant } = await adultWithOtp(a);
    const create = () =>
      a.http.post(requestsPath(person.id)).set(AS_A).send(insertBody(confidant.id)).expect(201);
    const older = (await create()).body;
    const newer = (await create()).body;
    const read = async (id: string) =>
      (
        await a.http
          .get(requestsPath(person.id, `/${id}`))
          .set(AS_A)
          .expect(200)
      ).body.data.status;
    expect(await read(older.data.id)).toBe('CANCELED');
    await uploadScans(a, newer.urgent.documents);
    await a.http
      .patch(requestsPath(person.id, `/${newer.data.id}/actions/approve`))
      .set(AS_A)
      .send({})
      .expect(200);
    const third = (await create()).body;
    expect(await read(newer.data.id)).toBe('APPROVED');

    a.clock.advance(24 * 3_600_000);
    expect(await read(newer.data.id)).toBe('EXPIRED');
    expect(await read(third.data.id)).toBe('EXPIRED');
    const refused = await a.http
      .patch(requestsPath(person.id, `/${newer.data.id}/actions/sign`))
      .set(AS_A)
      .send({ signed_content: await signedData(a, { ...newer.data, status: 'APPROVED' }) })
      .expect(409);
    expect(refused.body.error).toEqual(INVALID_TRANSITION);
    const expired = await a.http
      .get(requestsPath(person.id, '?status=EXPIRED'))
      .set(AS_A)
      .expect(200);
    expect(expired.body.data.map((r: any) => r.id).sort()).toEqual(
      [newer.data.id, third.data.id].sort(),
    );

    await a.app.get(ConfidantRequests).expireStale();
    expect(await statuses(person.id)).toEqual(
      expect.arrayContaining(['CANCELED', 'EXPIRED', 'EXPIRED']),
    );
    expect((await statuses(person.id)).filter((s) => s === 'EXPIRED')).toHaveLength(2);
  });
});
