import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { approveAmr, createAmr, readAmr, resendAmrOtp } from '../support/auth-method-requests.js';
import { snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';

const CLIENT_B = '3c0f8e52-7a91-4c1d-b6a3-9e2f4d5c6b7a';
const SCOPES = [
  'person_request:write',
  'person_request:read',
  'authentication_method_request:write',
  'authentication_method_request:read',
  'otp_verification:write',
];
const A = { Authorization: `Bearer ${tokenFor(SCOPES, { clientId: TEST_CLIENT_ID })}` };
const B = { Authorization: `Bearer ${tokenFor(SCOPES, { clientId: CLIENT_B })}` };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** The whole answer but its request-specific parts, to compare "another's" with "unknown". */
const shape = (body: Record<string, any>) => ({ code: body.meta.code, error: body.error });

describe('a client acts only on its own requests', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({ customize: (b) => b.overrideProvider(SmsSender).useValue(sms) });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('person requests', () => {
    const pr = (id: string) => `/api/v3/person_requests/${id}`;

    it("answers another client's request exactly as an unknown id, and changes nothing", async () => {
      const phone = '+380971234567';
      const created = await t.http
        .post('/api/v3/person_requests')
        .set(A)
        .send(v3Body())
        .expect(201);
      const id = created.body.data.id as string;
      const code = sms.lastCodeFor(phone);
      const sent = sms.sent.length;
      const before = await snapshot(t.pool);

      const unknownGet = await t.http.get(pr(UNKNOWN)).set(B).expect(404);
      const calls = [
        t.http.get(pr(id)).set(B),
        t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(B),
        t.http
          .patch(`${pr(id)}/actions/approve`)
          .set(B)
          .send({ verification_code: Number(code) }),
        t.http.patch(`${pr(id)}/actions/reject`).set(B),
      ];
      // Wrong codes from the other client would lock the owner's code after three: none counts.
      for (let i = 0; i < 4; i++) {
        calls.push(
          t.http
            .patch(`${pr(id)}/actions/approve`)
            .set(B)
            .send({ verification_code: 1 }),
        );
      }
      for (const call of calls) {
        const res = await call;
        expect(res.status).toBe(404);
        expect(shape(res.body)).toEqual(shape(unknownGet.body));
        expect(JSON.stringify(res.body)).not.toContain(phone);
      }
      expect(sms.sent.length).toBe(sent);
      expect(await snapshot(t.pool)).toEqual(before);

      const list = await t.http.get('/api/v3/person_requests').set(B).expect(200);
      expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
      const own = await t.http.get('/api/v3/person_requests').set(A).expect(200);
      expect(own.body.data.map((r: { id: string }) => r.id)).toContain(id);

      // The owner's flow still works, with the code B could not use up.
      await t.http.get(pr(id)).set(A).expect(200);
      const approved = await t.http
        .patch(`${pr(id)}/actions/approve`)
        .set(A)
        .send({ verification_code: Number(code) })
        .expect(201);
      expect(approved.body.data.status).toBe('APPROVED');
    });
  });

  describe('client_id is compared exactly, byte for byte (docs/api.md, Bearer tokens)', () => {
    it('answers 404 to a client whose id differs only in letter case, and changes nothing', async () => {
      const lower = {
        Authorization: `Bearer ${tokenFor(SCOPES, { clientId: 'client-a' })}`,
      };
      const upper = {
        Authorization: `Bearer ${tokenFor(SCOPES, { clientId: 'Client-A' })}`,
      };
      const created = await t.http
        .post('/api/v3/person_requests')
        .set(lower)
        .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
        .expect(201);
      const id = created.body.data.id as string;
      const person = await registerPerson(t, { authentication_methods: [] });
      const amr = await createAmr(t, lower, person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      const before = await snapshot(t.pool);

      const notFound = { type: 'not_found', message: 'Person request not found' };
      const read = await t.http.get(`/api/v3/person_requests/${id}`).set(upper).expect(404);
      expect(read.body.error).toEqual(notFound);
      const rejected = await t.http
        .patch(`/api/v3/person_requests/${id}/actions/reject`)
        .set(upper)
        .expect(404);
      expect(rejected.body.error).toEqual(notFound);
      const list = await t.http.get('/api/v3/person_requests').set(upper).expect(200);
      expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
      const amrRead = await readAmr(t, upper, person.id, amr.body.data.id).expect(404);
      expect(amrRead.body.error).toEqual({
        type: 'not_found',
        message: 'Authentication method request not found',
      });
      expect(await snapshot(t.pool)).toEqual(before);

      // The creator itself still reaches both.
      await t.http.get(`/api/v3/person_requests/${id}`).set(lower).expect(200);
      await readAmr(t, lower, person.id, amr.body.data.id).expect(200);
    });
  });

  describe('authentication method requests', () => {
    const insertOffline = (personId: string, headers: Record<string, string>) =>
      createAmr(t, headers, personId, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      });

    it("answers another client's request exactly as an unknown id, and changes nothing", async () => {
      const phone = '+380631112233';
      const person = await registerPerson(t, {
        authentication_methods: [{ type: 'OTP', phone_number: phone }],
      });
      const created = await insertOffline(person.id, A).expect(201);
      const id = created.body.data.id as string;
      const code = sms.lastCodeFor(phone);
      const sent = sms.sent.length;
      const before = await snapshot(t.pool);

      const unknown = await readAmr(t, B, person.id, UNKNOWN).expect(404);
      for (const call of [
        readAmr(t, B, person.id, id),
        resendAmrOtp(t, B, person.id, id),
        approveAmr(t, B, person.id, id, { verification_code: Number(code) }),
        approveAmr(t, B, person.id, id, { verification_code: 1 }),
      ]) {
        const res = await call;
        expect(res.status).toBe(404);
        expect(shape(res.body)).toEqual(shape(unknown.body));
      }
      expect(sms.sent.length).toBe(sent);
      expect(await snapshot(t.pool)).toEqual(before);

      await uploadScans(t, created.body.urgent.documents);
      const approved = await approveAmr(t, A, person.id, id, {
        verification_code: Number(code),
      }).expect(201);
      expect(approved.body.data.status).toBe('COMPLETED');
    });

    it("does not approve another client's request of a person with nothing to verify", async () => {
      const person = await registerPerson(t, { authentication_methods: [] });
      const created = await insertOffline(person.id, A).expect(201);
      const before = await snapshot(t.pool);
      await approveAmr(t, B, person.id, created.body.data.id, {}).expect(404);
      expect(await snapshot(t.pool)).toEqual(before);
    });

    it('still lets a new request of another client cancel the NEW one: the patient chose anew', async () => {
      const person = await registerPerson(t, { authentication_methods: [] });
      const first = await insertOffline(person.id, A).expect(201);
      await insertOffline(person.id, B).expect(201);
      const row = await t.pool.query(
        'SELECT status FROM authentication_method_requests WHERE id = $1',
        [first.body.data.id],
      );
      expect(row.rows[0].status).toBe('CANCELED');
    });
  });
});
