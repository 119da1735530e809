import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import {
  adultWithOtp,
  AS_A,
  completeRequest,
  insertBody,
  relationshipsPath,
  requestsPath,
  RELATIONSHIP_DOCUMENT,
  signedData,
} from '../support/confidant.js';
import { countPersons } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { expectRegistryAnswer } from '../support/registry/registry-answer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { putJpeg } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';

const masked = (phone: string) => `${phone.slice(0, 6)}*****${phone.slice(-2)}`;

describe('confidant person relationships: INSERT and DEACTIVATE, request → approve → sign', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const relationships = async (personId: string, query = '') => {
    const res = await t.http
      .get(`${relationshipsPath(personId)}${query}`)
      .set(AS_A)
      .expect(200);
    expectRegistryAnswer('GET /api/persons/{id}/confidant_person_relationships', res);
    return res.body.data as Record<string, any>[];
  };
  const insert = (personId: string, body: object) =>
    t.http.post(requestsPath(personId)).set(AS_A).send(body);

  it('OTP: the code to the person’s phone, the relationship scan, then sign starts it; DEACTIVATE ends it', async () => {
    const { person, phone } = await adultWithOtp(t, { birth_date: '1940-01-01' });
    const { person: confidant } = await adultWithOtp(t, {
      first_name: 'Андрій',
      last_name: 'Петров',
      second_name: 'Андрійович',
    });
    expect(await relationships(person.id)).toEqual([]);

    const created = await insert(person.id, insertBody(confidant.id)).expect(201);
    expectRegistryAnswer('POST /api/persons/{id}/confidant_person_relationship_requests', created);
    expect(created.body.data).toMatchObject({
      status: 'NEW',
      action: 'INSERT',
      channel: 'MIS',
      confidant_person_id: confidant.id,
      documents_relationship: [RELATIONSHIP_DOCUMENT],
    });
    expect(created.body.urgent.authentication_method_current).toEqual({
      type: 'OTP',
      phone_number: masked(phone),
    });
    expect(created.body.urgent.documents).toEqual([
      { type: 'BIRTH_CERTIFICATE', url: expect.stringContaining('documents_relationship_0.jpeg') },
    ]);
    const id = created.body.data.id as string;

    const early = await t.http
      .patch(requestsPath(person.id, `/${id}/actions/approve`))
      .set(AS_A)
      .send({ verification_code: Number(sms.lastCodeFor(phone)) })
      .expect(409);
    expect(early.body.error.message).toBe('Documents BIRTH_CERTIFICATE is not uploaded');

    await putJpeg(t, created.body.urgent.documents[0].url).expect(200);
    const approved = await t.http
      .patch(requestsPath(person.id, `/${id}/actions/approve`))
      .set(AS_A)
      .send({ verification_code: Number(sms.lastCodeFor(phone)) })
      .expect(200);
    expectRegistryAnswer(
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve',
      approved,
    );
    expect(approved.body.data.status).toBe('APPROVED');
    const read = await t.http
      .get(requestsPath(person.id, `/${id}`))
      .set(AS_A)
      .expect(200);
    expectRegistryAnswer(
      'GET /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}',
      read,
    );
    expect(read.body.data).toEqual(approved.body.data);

    const signed = await t.http
      .patch(requestsPath(person.id, `/${id}/actions/sign`))
      .set(AS_A)
      .send({ signed_content: await signedData(t, read.body.data) })
      .expect(200);
    expectRegistryAnswer(
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/sign',
      signed,
    );
    expect(signed.body.data.status).toBe('COMPLETED');
    const stored = await t.pool.query(
      `SELECT 1 FROM confidant_person_relationship_requests
        WHERE id = $1 AND signed_content_attempt_key IS NOT NULL`,
      [id],
    );
    expect(stored.rowCount).toBe(1);

    const [started] = await relationships(person.id);
    expect(started).toEqual({
      id: expect.any(String),
      active_to: '2030-08-19',
      documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '******18' }],
      relationship_verification_details: {
        verification_status: 'VERIFICATION_NEEDED',
        verification_reason: 'MANUAL_CREATED_BY_DOCTOR',
      },
      confidant_person: {
        person_id: confidant.id,
        name: 'Петров А.А.',
        gender: 'MALE',
        tax_id: '********50',
        no_tax_id: false,
        documents_person: [{ type: 'PASSPORT', number: '******56' }],
        phones: [{ type: 'MOBILE', number: expect.stringMatching(/^\+38067\*{5}\d{2}$/) }],
      },
    });

    const deactivation = await t.http
      .post(requestsPath(person.id, '/deactivate'))
      .set(AS_A)
      .send({
        confidant_person_relationship: {
          id: started.id,
          documents_relationship: [
            {
              type: 'COURT_DECISION',
              number: '2-1/2026',
              issued_by: 'Суд',
              issued_at: '2026-11-01',
            },
          ],
        },
      })
      .expect(201);
    expectRegistryAnswer(
      'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate',
      deactivation,
    );
    expect(deactivation.body.data).toMatchObject({
      action: 'DEACTIVATE',
      confidant_person_id: confidant.id,
      confidant_person_relationship: { id: started.id },
    });
    const ended = await completeRequest(t, sms, person.id, deactivation.body, phone);
    expect(ended).toMatchObject({ status: 'COMPLETED', action: 'DEACTIVATE' });
    expect(await relationships(person.id)).toEqual([]);
    expect(await relationships(person.id, '?is_expired=true')).toEqual([
      expect.objectContaining({ id: started.id, active_to: '2026-11-23' }),
    ]);

    const list = await t.http.get(requestsPath(person.id)).set(AS_A).expect(200);
    expectRegistryAnswer('GET /api/persons/{id}/confidant_person_relationship_requests', list);
    // One fixed clock: both were created at one instant, so the order between them is the ids'.
    expect(list.body.data.map((r: any) => [r.action, r.status]).sort()).toEqual([
      ['DEACTIVATE', 'COMPLETED'],
      ['INSERT', 'COMPLETED'],
    ]);
    expect(list.body.paging).toEqual({
      page_number: 1,
      page_size: 50,
      total_entries: 2,
      total_pages: 1,
    });
    const completed = await t.http
      .get(requestsPath(person.id, '?status=NEW'))
      .set(AS_A)
      .expect(200);
    expect(completed.body.data).toEqual([]);
  });

  it('OFFLINE: the person’s scans and the relationship’s, no code', async () => {
    const person = await registerPerson(t, {
      birth_date: '1950-05-05',
      authentication_methods: [{ type: 'OFFLINE' }],
      documents: [{ type: 'PASSPORT', number: 'ВВ654321' }],
    });
    const { person: confidant } = await adultWithOtp(t);
    const sent = sms.sent.length;
    const created = await insert(person.id, insertBody(confidant.id)).expect(201);
    expectRegistryAnswer('POST /api/persons/{id}/confidant_person_relationship_requests', created);
    expect(sms.sent).toHaveLength(sent);
    expect(created.body.urgent.authentication_method_current).toEqual({ type: 'OFFLINE' });
    expect(created.body.urgent.documents.map((d: any) => d.type)).toEqual([
      'BIRTH_CERTIFICATE',
      'PASSPORT',
    ]);
    const id = created.body.data.id as string;
    await putJpeg(t, created.body.urgent.documents[0].url).expect(200);
    const missing = await t.http
      .patch(requestsPath(person.id, `/${id}/actions/approve`))
      .set(AS_A)
      .send({ verification_code: 1234 })
      .expect(409);
    expect(missing.body.error.message).toBe('Documents PASSPORT is not uploaded');
    const done = await completeRequest(t, sms, person.id, created.body);
    expect(done.status).toBe('COMPLETED');
    expect(await relationships(person.id)).toHaveLength(1);
  });

  it('THIRD_PERSON: a child’s request is confirmed by the code sent to the third person', async () => {
    const { person: mum, phone: mumPhone } = await adultWithOtp(t, { gender: 'FEMALE' });
    const { person: dad } = await adultWithOtp(t);
    const child = await registerPerson(t, {
      birth_date: '2018-05-05',
      tax_id: null,
      no_tax_id: true,
      documents: [{ type: 'BIRTH_CERTIFICATE', number: 'I-АА123456' }],
      authentication_methods: [{ type: 'THIRD_PERSON', value: mum.id, alias: 'Mum' }],
    });
    const created = await insert(child.id, insertBody(dad.id)).expect(201);
    expectRegistryAnswer('POST /api/persons/{id}/confidant_person_relationship_requests', created);
    expect(created.body.urgent.authentication_method_current).toEqual({
      type: 'THIRD_PERSON',
      phone_number: masked(mumPhone),
    });
    expect(sms.sent.at(-1)!.phoneNumber).toBe(mumPhone);
    const done = await completeRequest(t, sms, child.id, created.body, mumPhone);
    expect(done.status).toBe('COMPLETED');
    expect((await relationships(child.id)).map((r) => r.confidant_person.person_id)).toEqual([
      dad.id,
    ]);

    // The child's THIRD_PERSON method shows its third person, masked as the registry lists it.
    const listed = await t.http
      .get(`/api/persons/${child.id}/authentication_methods`)
      .set({ Authorization: `Bearer ${tokenFor('person:read')}` })
      .expect(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        type: 'THIRD_PERSON',
        value: mum.id,
        confidant_person: {
          id: mum.id,
          name: 'Петренко О.',
          gender: 'FEMALE',
          tax_id: '********50',
          no_tax_id: false,
          documents_person: [{ type: 'PASSPORT', number: '******56' }],
          phones: { number: masked(mumPhone) },
        },
      }),
    ]);
  });

  describe('a person request signed with confidant_person', () => {
    const PR = {
      Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read'])}`,
    };
    /** A v3 request of a child whose confidant is `confidantId`, approved with `phone`'s code. */
    async function approvedChild(mumId: string, mumPhone: string, confidantId: string) {
      const created = await t.http
        .post('/api/v3/person_requests')
        .set(PR)
        .send(
          v3Body({
            person: {
              birth_date: '2019-04-04',
              tax_id: null,
              no_tax_id: true,
              authentication_methods: [{ type: 'THIRD_PERSON', value: mumId, alias: 'Mum' }],
              confidant_person: {
                person_id: confidantId,
                documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '1-АА 1' }],
              },
            },
          }),
        )
        .expect(201);
      const approved = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(PR)
        .send({ verification_code: Number(sms.lastCodeFor(mumPhone)) })
        .expect(201);
      return approved.body.data as Record<string, any>;
    }
    const sign = async (data: Record<string, any>) =>
      t.http
        .patch(`/api/v3/person_requests/${data.id}/actions/sign`)
        .set(PR)
        .send({ signed_content: await signedData(t, data) });

    it('starts the relationship in the transaction that writes the person', async () => {
      const { person: mum, phone } = await adultWithOtp(t, { gender: 'FEMALE' });
      const signed = await sign(await approvedChild(mum.id, phone, mum.id));
      expect(signed.status).toBe(200);
      const [relationship] = await relationships(signed.body.data.person_id);
      expect(relationship).toMatchObject({
        // No document ends it: a child's confidant until the day before their 14th birthday.
        active_to: '2033-04-03',
        documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '**** 1' }],
        confidant_person: { person_id: mum.id },
      });
    });

    it('writes neither the person nor the relationship when the confidant is refused at sign', async () => {
      const { person: mum, phone } = await adultWithOtp(t, { gender: 'FEMALE' });
      const data = await approvedChild(mum.id, phone, mum.id);
      await t.pool.query(`UPDATE persons SET status = 'inactive' WHERE id = $1`, [mum.id]);
      const persons = await countPersons(t.pool);
      const count = async () =>
        (await t.pool.query('SELECT count(*)::int AS n FROM confidant_person_relationships'))
          .rows[0].n as number;
      const before = await count();
      const res = await sign(data);
      expect({ status: res.status, invalid: res.body.error.invalid }).toEqual({
        status: 422,
        invalid: [
          expect.objectContaining({
            entry: '$.person.confidant_person.person_id',
            rules: [expect.objectContaining({ description: "Confidant person isn't active" })],
          }),
        ],
      });
      expect(await countPersons(t.pool)).toBe(persons);
      expect(await count()).toBe(before);
    });
  });
});
