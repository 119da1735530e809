import { V2_REQUEST_EXAMPLE } from '../../src/person-request/adapters/http/v2-request.example.js';
import { snapshot } from '../support/database.js';
import { expectRegistryAnswer } from '../support/registry/registry-answer.js';
import { withSigningApp } from '../support/signed-persons.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';

/**
 * The registry's v2 person requests (flat names), on the same requests as v3: the whole road of
 * a v2 patient, by code and by scans, both searches finding the person signed; versions kept
 * apart; the version-neutral list; another client's token.
 */
const PR = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read', 'person:read'])}`,
};
const OTHER = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read'], {
    clientId: '2b7e151c-6f1d-4b0e-9a2c-3d4e5f607182',
  })}`,
};
const NOT_FOUND = { type: 'not_found', message: 'Person request not found' };
const BIRTH_DATE = V2_REQUEST_EXAMPLE.person.birth_date;

let names = 0;
/** A v2 body with its own first name (so that a search finds exactly its person). */
function v2Body(person: Record<string, unknown> = {}): Record<string, any> {
  const base = structuredClone(V2_REQUEST_EXAMPLE);
  return {
    ...base,
    person: { ...base.person, first_name: `Оксана${'а'.repeat(names++)}`, ...person },
  };
}

describe('person requests v2', () => {
  const app = withSigningApp({ env: { OTP_RESEND_INTERVAL_SECONDS: '60' } });

  beforeEach(() => {
    app.t.clock.advance(120_000);
  });

  const create = (body: unknown, headers = PR) =>
    app.t.http
      .post('/api/v2/person_requests')
      .set(headers)
      .send(body as object);
  const get = (id: string, headers = PR) =>
    app.t.http.get(`/api/v2/person_requests/${id}`).set(headers);
  const act = (id: string, action: 'approve' | 'reject' | 'sign', body?: object, headers = PR) => {
    const req = app.t.http.patch(`/api/v2/person_requests/${id}/actions/${action}`).set(headers);
    return body === undefined ? req : req.send(body);
  };
  const signedContent = (data: Record<string, unknown>) =>
    app.signing.pki
      .sign(
        new Uint8Array(Buffer.from(JSON.stringify({ ...data, patient_signed: true }))),
        app.signing.signer,
      )
      .toString('base64');
  /** Both searches, by the names and birth date of a v2 person. */
  async function searches(person: Record<string, any>): Promise<string[][]> {
    const v1 = await app.t.http
      .get('/api/persons')
      .query({ first_name: person.first_name, last_name: person.last_name, birth_date: BIRTH_DATE })
      .set(PR)
      .expect(200);
    expectRegistryAnswer('GET /api/persons', v1);
    const v2 = await app.t.http
      .get('/api/v2/persons')
      .query({ first_name: person.first_name, birth_date: BIRTH_DATE, language: 'uk' })
      .set(PR)
      .expect(200);
    expectRegistryAnswer('GET /api/v2/persons', v2);
    return [v1.body.data, v2.body.data].map((items: { id: string }[]) => items.map((i) => i.id));
  }

  it('walks a patient with an OTP phone: create, resend, approve by code, sign; both searches find them', async () => {
    const body = v2Body();
    const created = await create(body).expect(201);
    expectRegistryAnswer('POST /api/v2/person_requests', created);
    expect(created.body.data).toMatchObject({ status: 'NEW', channel: 'MIS', person: body.person });
    const id = created.body.data.id as string;
    const sentBefore = app.sms.sent.length;

    app.t.clock.advance(61_000);
    const resent = await app.t.http
      .post(`/api/person_requests/${id}/actions/resend_otp`)
      .set(PR)
      .send([])
      .expect(200);
    expectRegistryAnswer('POST /api/person_requests/{id}/actions/resend_otp', resent);
    const code = app.sms.lastCodeFor('+380971234567');

    const wrong = await act(id, 'approve', { verification_code: code === '1111' ? 2222 : 1111 });
    expect(wrong.status).toBe(422);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/approve', wrong);
    expect(app.sms.sent.length).toBe(sentBefore + 1);

    const approved = await act(id, 'approve', { verification_code: Number(code) }).expect(201);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/approve', approved);
    expect(approved.body.data.status).toBe('APPROVED');
    expect(approved.body.data.content).toContain(body.person.first_name);
    expect(approved.body.data.person).toEqual(body.person);

    const read = await get(id).expect(200);
    expectRegistryAnswer('GET /api/v2/person_requests/{id}', read);
    expect(read.body.data).toEqual(approved.body.data);

    const signed = await act(id, 'sign', { signed_content: signedContent(read.body.data) }).expect(
      200,
    );
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/sign', signed);
    const personId = signed.body.data.person_id as string;
    expect(signed.body.data).toMatchObject({ id, status: 'SIGNED' });

    expect(await searches(body.person)).toEqual([[personId], [personId]]);
    const person = await app.t.pool.query(
      `SELECT first_name, last_name, second_name FROM persons WHERE id = $1`,
      [personId],
    );
    expect(person.rows).toEqual([
      { first_name: body.person.first_name, last_name: 'Петренко', second_name: 'Іванівна' },
    ]);
    const uk = await app.t.pool.query(
      `SELECT language, first_name FROM person_names WHERE person_id = $1`,
      [personId],
    );
    expect(uk.rows).toEqual([{ language: 'uk', first_name: body.person.first_name }]);
  });

  it('walks an OFFLINE patient: scans, approve without a code, sign; both searches find them', async () => {
    const body = v2Body({ authentication_methods: [{ type: 'OFFLINE' }] });
    const created = await create(body).expect(201);
    expectRegistryAnswer('POST /api/v2/person_requests', created);
    const id = created.body.data.id as string;
    const documents = created.body.urgent.documents as { type: string; url: string }[];
    expect(documents.map((d) => d.type).sort()).toEqual(['NATIONAL_ID', 'PASSPORT']);

    const early = await act(id, 'approve', {});
    expect(early.status).toBe(409);
    await uploadScans(app.t, documents);
    const approved = await act(id, 'approve', {}).expect(201);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/approve', approved);

    const signed = await act(id, 'sign', {
      signed_content: signedContent(approved.body.data),
    }).expect(200);
    const personId = signed.body.data.person_id as string;
    expect(await searches(body.person)).toEqual([[personId], [personId]]);
  });

  it('rejects a v2 request, and refuses a body with each problem at its JSON path', async () => {
    const created = await create(v2Body()).expect(201);
    const rejected = await act(created.body.data.id, 'reject').expect(200);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/reject', rejected);
    expect(rejected.body.data.status).toBe('REJECTED');

    const before = await snapshot(app.t.pool);
    const problems = [
      [v2Body({ last_name: undefined }), '$.person.last_name'],
      [
        v2Body({ names: [{ language: 'uk', first_name: 'Олена', no_last_name: true }] }),
        '$.person.names',
      ],
      [v2Body({ birth_date: '2016-01-01' }), '$.person.authentication_methods[0].type'],
      [v2Body({ id: '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55' }), '$.person.authentication_methods'],
      [v2Body({ authentication_methods: undefined }), '$.person.authentication_methods'],
    ] as const;
    for (const [body, entry] of problems) {
      const res = await create(JSON.parse(JSON.stringify(body))).expect(422);
      expectRegistryAnswer('POST /api/v2/person_requests', res);
      expect(res.body.error.type).toBe('validation_failed');
      expect(res.body.error.invalid.map((e: { entry: string }) => e.entry)).toContain(entry);
    }
    expect(await snapshot(app.t.pool)).toEqual(before);
  });

  it('keeps the versions apart: a v2 route does not find a v3 request, nor the reverse', async () => {
    const v3 = (await app.t.http.post('/api/v3/person_requests').set(PR).send(v3Body()).expect(201))
      .body.data.id as string;
    const v2 = (await create(v2Body()).expect(201)).body.data.id as string;
    const before = await snapshot(app.t.pool);

    const v2Read = await get(v3);
    expectRegistryAnswer('GET /api/v2/person_requests/{id}', v2Read);
    for (const res of [
      v2Read,
      await act(v3, 'approve', { verification_code: 1234 }),
      await act(v3, 'reject'),
      await act(v3, 'sign', { signed_content: 'MIA=' }),
      await app.t.http.get(`/api/v3/person_requests/${v2}`).set(PR),
      await app.t.http.patch(`/api/v3/person_requests/${v2}/actions/approve`).set(PR).send({}),
      await app.t.http.patch(`/api/v3/person_requests/${v2}/actions/reject`).set(PR),
      await app.t.http
        .patch(`/api/v3/person_requests/${v2}/actions/sign`)
        .set(PR)
        .send({ signed_content: 'MIA=' }),
    ]) {
      expect([res.status, res.body.error]).toEqual([404, NOT_FOUND]);
    }
    expect(await snapshot(app.t.pool)).toEqual(before);

    const v3List = await app.t.http
      .get('/api/v3/person_requests?page_size=300')
      .set(PR)
      .expect(200);
    const v3Ids = v3List.body.data.map((i: { id: string }) => i.id);
    expect(v3Ids).toContain(v3);
    expect(v3Ids).not.toContain(v2);
    expect(v3List.body.data.every((i: { version: number }) => i.version === 3)).toBe(true);
  });

  it('lists the caller’s requests of every version, with flat names and their version', async () => {
    const v3 = (await app.t.http.post('/api/v3/person_requests').set(PR).send(v3Body()).expect(201))
      .body.data.id as string;
    const body = v2Body({ second_name: undefined });
    const v2 = (await create(body).expect(201)).body.data.id as string;
    const theirs = (await create(v2Body(), OTHER).expect(201)).body.data.id as string;

    const res = await app.t.http.get('/api/person_requests?status=NEW&page_size=300').set(PR);
    expect(res.status).toBe(200);
    expectRegistryAnswer('GET /api/person_requests', res);
    const items = res.body.data as Record<string, any>[];
    expect(items.find((i) => i.id === v2)).toEqual({
      id: v2,
      status: 'NEW',
      person: { first_name: body.person.first_name, last_name: 'Петренко' },
      version: 2,
    });
    expect(items.find((i) => i.id === v3)).toEqual({
      id: v3,
      status: 'NEW',
      person: { first_name: 'Олена', last_name: 'Петренко', second_name: 'Іванівна' },
      version: 3,
    });
    expect(items.map((i) => i.id)).not.toContain(theirs);
    expect(items.every((i) => i.status === 'NEW')).toBe(true);
    expect(res.body.paging).toMatchObject({ page_number: 1, page_size: 300 });
    expect(res.body.paging.total_entries).toBe(items.length);

    const page = await app.t.http
      .get('/api/person_requests?page=1&page_size=1')
      .set(PR)
      .expect(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.paging.total_entries).toBeGreaterThan(1);
    const read = { Authorization: `Bearer ${tokenFor('person_request:write')}` };
    expect((await app.t.http.get('/api/person_requests').set(read)).status).toBe(403);
  });

  it('answers another client’s token 404 on every route of a request, with no side effect', async () => {
    const created = await create(v2Body()).expect(201);
    const id = created.body.data.id as string;
    const before = await snapshot(app.t.pool);
    const sentBefore = app.sms.sent.length;
    for (const res of [
      await get(id, OTHER),
      await act(id, 'approve', { verification_code: 1234 }, OTHER),
      await act(id, 'reject', undefined, OTHER),
      await act(id, 'sign', { signed_content: 'MIA=' }, OTHER),
      await app.t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(OTHER),
    ]) {
      expect([res.status, res.body.error]).toEqual([404, NOT_FOUND]);
    }
    expect(await snapshot(app.t.pool)).toEqual(before);
    expect(app.sms.sent.length).toBe(sentBefore);
    const list = await app.t.http.get('/api/person_requests?page_size=300').set(OTHER).expect(200);
    expect(list.body.data.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('updates a signed person through a v2 request naming person.id', async () => {
    const first = v2Body();
    const created = await create(first).expect(201);
    const id = created.body.data.id as string;
    const approved = await act(id, 'approve', {
      verification_code: Number(app.sms.lastCodeFor('+380971234567')),
    }).expect(201);
    const personId = (
      await act(id, 'sign', { signed_content: signedContent(approved.body.data) }).expect(200)
    ).body.data.person_id as string;

    const update = v2Body({
      id: personId,
      last_name: 'Коваленко',
      authentication_methods: undefined,
    });
    const again = await create(JSON.parse(JSON.stringify(update))).expect(201);
    const code = Number(app.sms.lastCodeFor('+380971234567'));
    const approvedAgain = await act(again.body.data.id, 'approve', {
      verification_code: code,
    }).expect(201);
    const signed = await act(again.body.data.id, 'sign', {
      signed_content: signedContent(approvedAgain.body.data),
    }).expect(200);
    expect(signed.body.data.person_id).toBe(personId);
    const row = await app.t.pool.query(`SELECT last_name FROM persons WHERE id = $1`, [personId]);
    expect(row.rows).toEqual([{ last_name: 'Коваленко' }]);
  });
});
