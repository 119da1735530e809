import { PersonRequests } from '../../src/person-request/application/person-requests.js';
import { OTP_RANDOM_INT } from '../../src/otp-built-in/adapters/persistence/built-in-otp-verifier.js';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { countPersons, snapshot } from '../support/database.js';
import { ScriptedRandomInt } from '../support/fakes/scripted-random-int.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

const WRITE = { Authorization: `Bearer ${tokenFor('person_request:write')}` };
const READ = { Authorization: `Bearer ${tokenFor('person_request:read')}` };
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };

describe('person requests', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();
  const random = new ScriptedRandomInt();

  beforeAll(async () => {
    t = await createTestApp({
      env: { OTP_RESEND_INTERVAL_SECONDS: '60' },
      customize: (b) =>
        b
          .overrideProvider(SmsSender)
          .useValue(sms)
          .overrideProvider(OTP_RANDOM_INT)
          .useValue(random.randomInt),
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    // Each test starts outside the previous one's resend interval.
    t.clock.advance(120_000);
  });

  const create = (body: Record<string, unknown>) =>
    t.http.post('/api/v3/person_requests').set(WRITE).send(body);
  const action = (id: string, name: 'approve' | 'reject', body?: object) => {
    const req = t.http.patch(`/api/v3/person_requests/${id}/actions/${name}`).set(WRITE);
    return body === undefined ? req : req.send(body);
  };

  it('creates a request from a full v3 body and echoes the person unchanged', async () => {
    const body = v3Body();
    const res = await create(body).expect(201);
    expect(res.body.data).toMatchObject({
      status: 'NEW',
      channel: 'MIS',
      patient_signed: false,
      process_disclosure_data_consent: true,
    });
    expect(res.body.data.person).toEqual(body.person);
    expect(res.body.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.urgent).toEqual({
      authentication_method_current: [{ type: 'OTP', phone_number: '+38097*****67' }],
      documents: [],
    });
    expect(sms.lastCodeFor('+380971234567')).toMatch(/^[1-9][0-9]{3}$/);
    const read = await t.http
      .get(`/api/v3/person_requests/${res.body.data.id}`)
      .set(READ)
      .expect(200);
    expect(read.body.data.person).toEqual(body.person);
  });

  it('rejects a body with each problem at its JSON path and keeps nothing', async () => {
    const before = await snapshot(t.pool);
    const body = v3Body({
      person: {
        birth_date: '2999-01-01',
        secret: '123',
        documents: [{ type: 'DIPLOMA', number: '1' }],
        phones: [{ number: '12345' }],
      },
      patient_signed: true,
      extra: 1,
    });
    const res = await create(body).expect(422);
    const entries = res.body.error.invalid.map((e: { entry: string }) => e.entry);
    expect(entries).toEqual(
      expect.arrayContaining([
        '$.extra',
        '$.patient_signed',
        '$.person.birth_date',
        '$.person.secret',
        '$.person.documents[0].type',
        '$.person.phones[0].number',
      ]),
    );
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('lists only the caller client’s requests with the registry paging', async () => {
    const mine = await create(v3Body()).expect(201);
    await t.http
      .post('/api/v3/person_requests')
      .set({
        Authorization: `Bearer ${tokenFor('person_request:write', { clientId: 'other-client' })}`,
      })
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    const res = await t.http
      .get('/api/v3/person_requests?status=NEW&page=1&page_size=300')
      .set(READ)
      .expect(200);
    expect(res.body.meta.type).toBe('list');
    expect(res.body.paging).toMatchObject({ page_number: 1, page_size: 300 });
    expect(res.body.data.map((i: { id: string }) => i.id)).toContain(mine.body.data.id);
    expect(res.body.data[0]).toEqual({
      id: expect.any(String),
      status: 'NEW',
      person: { names: expect.any(Array) },
      version: 3,
    });
    const ids = (
      await t.pool.query('SELECT id FROM person_requests WHERE client_id = $1', [TEST_CLIENT_ID])
    ).rows.map((r) => r.id);
    expect(res.body.paging.total_entries).toBe(ids.length);
    await t.http.get('/api/v3/person_requests?page_size=301').set(READ).expect(422);
  });

  describe('resend_otp', () => {
    const resend = (id: string, body?: unknown) => {
      const req = t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(WRITE);
      return body === undefined ? req : req.send(body as object);
    };

    it.each([
      ['no body', undefined],
      ['{}', {}],
      ['[]', []],
    ])('sends a new code with %s and the old one stops working', async (_n, body) => {
      random.next(1111, 2222);
      const created = await create(v3Body()).expect(201);
      t.clock.advance(61_000);
      const res = await resend(created.body.data.id, body).expect(200);
      expect(res.body.data).toEqual({
        id: expect.any(String),
        status: 'NEW',
        code_expired_at: expect.any(String),
        active: true,
      });
      expect(sms.sent.slice(-2).map((m) => m.text)).toEqual([
        'Ваш код підтвердження: 1111',
        'Ваш код підтвердження: 2222',
      ]);
      const { rows } = await t.pool.query(
        "SELECT id, status FROM otp_verifications WHERE phone_number = '+380971234567' ORDER BY inserted_at DESC LIMIT 2",
      );
      expect(rows[0]).toEqual({ id: res.body.data.id, status: 'NEW' });
      expect(rows[1].status).toBe('CANCELED');
      const refused = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .send({ verification_code: '1111' })
        .expect(422);
      expect(refused.body.error.message).toBe('Invalid verification code');
      await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .send({ verification_code: '2222' })
        .expect(201);
    });

    it('answers 404 for an unknown id and for an id that is not a UUID', async () => {
      for (const id of ['6d6b1f1e-0000-4000-8000-000000000000', 'nope']) {
        const res = await resend(id).expect(404);
        expect(res.body.error.type).toBe('not_found');
      }
    });

    it('answers 409 when the request is not NEW', async () => {
      const created = await create(v3Body()).expect(201);
      await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/reject`)
        .set(WRITE)
        .expect(200);
      const res = await resend(created.body.data.id).expect(409);
      expect(res.body.error).toEqual({
        type: 'request_conflict',
        message: 'Person request must be in status NEW',
      });
    });

    it('checks the status before the method: a REJECTED OFFLINE request answers the status', async () => {
      // docs/api.md: resend step 2 (NEW) before step 3 (OTP); approve step 2 (NEW) before
      // step 3 (the scans, none of which was uploaded).
      const created = await create(
        v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }),
      ).expect(201);
      await action(created.body.data.id, 'reject').expect(200);
      const before = await snapshot(t.pool);
      const resent = await resend(created.body.data.id).expect(409);
      expect(resent.body.error).toEqual({
        type: 'request_conflict',
        message: 'Person request must be in status NEW',
      });
      const approved = await action(created.body.data.id, 'approve', {}).expect(409);
      expect(approved.body.error).toEqual(INVALID_TRANSITION);
      expect(await snapshot(t.pool)).toEqual(before);
    });

    it('answers 409 when the request has expired', async () => {
      const created = await create(v3Body()).expect(201);
      t.clock.advance(31 * 86_400_000);
      const res = await resend(created.body.data.id).expect(409);
      expect(res.body.error.message).toBe('Person request must be in status NEW');
      const read = await t.http
        .get(`/api/v3/person_requests/${created.body.data.id}`)
        .set(READ)
        .expect(200);
      expect(read.body.data.status).toBe('CANCELLED');
      expect(await t.app.get(PersonRequests).expireStale()).toBeGreaterThan(0);
      const stored = await t.pool.query('SELECT status FROM person_requests WHERE id = $1', [
        created.body.data.id,
      ]);
      expect(stored.rows[0].status).toBe('EXPIRED');
      const cancelled = await t.http
        .get('/api/v3/person_requests?status=CANCELLED&page_size=300')
        .set(READ)
        .expect(200);
      expect(cancelled.body.data.map((i: { id: string }) => i.id)).toContain(created.body.data.id);
      const fresh = await t.http
        .get('/api/v3/person_requests?status=NEW&page_size=300')
        .set(READ)
        .expect(200);
      expect(fresh.body.data.map((i: { id: string }) => i.id)).not.toContain(created.body.data.id);
      const again = await resend(created.body.data.id).expect(409);
      expect(again.body.error.message).toBe('Person request must be in status NEW');
    });

    it('answers 409 when the method is not OTP', async () => {
      const created = await create(
        v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }),
      ).expect(201);
      expect(created.body.urgent.authentication_method_current).toEqual([{ type: 'OFFLINE' }]);
      expect(created.body.urgent.documents.map((d: { type: string }) => d.type)).toEqual([
        'PASSPORT',
        'NATIONAL_ID',
      ]);
      const res = await resend(created.body.data.id).expect(409);
      expect(res.body.error).toEqual({
        type: 'request_conflict',
        message: 'Auth method is not OTP',
      });
      const approve = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .expect(409);
      expect(approve.body.error.message).toBe('Documents PASSPORT, NATIONAL_ID is not uploaded');
    });

    it('answers 429 inside the resend interval and changes nothing', async () => {
      const created = await create(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380931112200' }] },
        }),
      ).expect(201);
      const before = await snapshot(t.pool);
      const res = await resend(created.body.data.id).expect(429);
      expect(res.body.error.type).toBe('too_many_requests');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(await snapshot(t.pool)).toEqual(before);
    });

    it('sends the code of a THIRD_PERSON request to the third person’s phone', async () => {
      const mum = await registerPerson(t, {
        authentication_methods: [{ type: 'OTP', phone_number: '+380661234500' }],
      });
      const created = await create(
        v3Body({
          person: {
            birth_date: '2016-04-04',
            tax_id: null,
            no_tax_id: true,
            authentication_methods: [{ type: 'THIRD_PERSON', value: mum.id, alias: 'Mum' }],
            confidant_person: {
              person_id: mum.id,
              documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '1-АА 1' }],
            },
          },
        }),
      ).expect(201);
      expect(created.body.urgent.authentication_method_current).toEqual([
        { type: 'THIRD_PERSON', phone_number: '+38066*****00' },
      ]);
      t.clock.advance(61_000);
      await resend(created.body.data.id).expect(200);
      expect(sms.sent.filter((m) => m.phoneNumber === '+380661234500')).toHaveLength(2);
    });
  });

  describe('approve and reject', () => {
    it('approves with the code and writes the printout, but no person: that is sign’s work', async () => {
      const persons = () => countPersons(t.pool);
      const before = await persons();
      const created = await create(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380671110011' }] },
        }),
      ).expect(201);
      const code = sms.lastCodeFor('+380671110011');
      const res = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .send({ verification_code: Number(code) })
        .expect(201);
      expect(res.body.data.status).toBe('APPROVED');
      expect(res.body.data.content).toContain('Петренко');
      expect(res.body.data.content).not.toContain('+380671110011');
      expect(res.body.data).not.toHaveProperty('person_id');
      expect(await persons()).toBe(before);
      const again = await action(created.body.data.id, 'approve', {
        verification_code: code,
      }).expect(409);
      expect(again.body.error).toEqual(INVALID_TRANSITION);
    });

    it('refuses a wrong code with 422 forbidden and keeps the request NEW', async () => {
      random.next(5678);
      const created = await create(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380671110022' }] },
        }),
      ).expect(201);
      const res = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .send({ verification_code: '1111' })
        .expect(422);
      expect(res.body.error).toEqual({ type: 'forbidden', message: 'Invalid verification code' });
      const missing = await t.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
        .set(WRITE)
        .send({})
        .expect(422);
      expect(missing.body.error.invalid[0].entry).toBe('$.verification_code');
      const read = await t.http
        .get(`/api/v3/person_requests/${created.body.data.id}`)
        .set(READ)
        .expect(200);
      expect(read.body.data.status).toBe('NEW');
    });

    it('rejects NEW and APPROVED requests, and nothing else', async () => {
      const created = await create(
        v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }),
      ).expect(201);
      const res = await action(created.body.data.id, 'reject').expect(200);
      expect(res.body.data.status).toBe('REJECTED');
      const again = await action(created.body.data.id, 'reject').expect(409);
      expect(again.body.error).toEqual(INVALID_TRANSITION);

      const otp = await create(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380671110033' }] },
        }),
      ).expect(201);
      await action(otp.body.data.id, 'approve', {
        verification_code: Number(sms.lastCodeFor('+380671110033')),
      }).expect(201);
      const approved = await action(otp.body.data.id, 'reject').expect(200);
      expect(approved.body.data.status).toBe('REJECTED');
      const read = await t.http
        .get(`/api/v3/person_requests/${otp.body.data.id}`)
        .set(READ)
        .expect(200);
      expect(read.body.data.status).toBe('REJECTED');
      const approveRejected = await action(otp.body.data.id, 'approve', {}).expect(409);
      expect(approveRejected.body.error).toEqual(INVALID_TRANSITION);

      // An expired (CANCELLED) request cannot be rejected either.
      const stale = await create(
        v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }),
      ).expect(201);
      t.clock.advance(31 * 86_400_000);
      const expired = await action(stale.body.data.id, 'reject').expect(409);
      expect(expired.body.error).toEqual(INVALID_TRANSITION);
    });
  });
});
