import { registerPerson } from '../support/persons.js';
import {
  expectRegistryAnswer,
  registryRequestProblems,
} from '../support/registry/registry-answer.js';
import { withSigningApp } from '../support/signed-persons.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';

/**
 * Every answer of the v3 person request routes, success and error, against the registry's
 * published contract (test/support/registry: its schemas, widened only by registry.md's
 * "Deliberate deviations"). Errors the registry does not document for a route are checked
 * against the project's envelope.
 */
const A = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read', 'person:read'])}`,
};
const B = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read'], {
    clientId: '6a0e4c2b-9d8f-4b1a-8e7c-5f3d2a1b0c9e',
  })}`,
};
const UNKNOWN = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const CREATE = 'POST /api/v3/person_requests';
const READ = 'GET /api/v3/person_requests/{id}';
const LIST = 'GET /api/v3/person_requests';
const RESEND = 'POST /api/person_requests/{id}/actions/resend_otp';
const APPROVE = 'PATCH /api/v3/person_requests/{id}/actions/approve';
const REJECT = 'PATCH /api/v3/person_requests/{id}/actions/reject';
const SIGN = 'PATCH /api/v3/person_requests/{id}/actions/sign';

/** A value without its `null`s, as a client that keeps to the registry's schema sends it. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/**
 * The explorer's v3 body as the registry's request schema allows it: the service echoes the
 * person as sent, so a `null` the schema does not allow (the example's `expiration_date`) would
 * come back as sent.
 */
function registryBody(person: Record<string, unknown> = {}): Record<string, unknown> {
  const body = withoutNulls(v3Body({ person })) as Record<string, unknown>;
  expect(registryRequestProblems(CREATE, body)).toEqual([]);
  return body;
}

describe("the registry's contract on v3 person requests", () => {
  const app = withSigningApp();
  let seq = 0;
  const nextPhone = () => `+38066300${String(seq++).padStart(4, '0')}`;

  const path = (id: string, action?: string) =>
    `/api/v3/person_requests/${id}${action ? `/actions/${action}` : ''}`;
  const create = (body: unknown, headers = A) =>
    app.t.http
      .post('/api/v3/person_requests')
      .set(headers)
      .send(body as object);
  const otpBody = (phone: string) =>
    registryBody({ authentication_methods: [{ type: 'OTP', phone_number: phone }] });
  const approve = (id: string, body: object = {}, headers = A) =>
    app.t.http.patch(path(id, 'approve')).set(headers).send(body);
  const sign = (data: Record<string, unknown>) => {
    const content = Buffer.from(JSON.stringify({ ...data, patient_signed: true }));
    return app.t.http
      .patch(path(String(data.id), 'sign'))
      .set(A)
      .send({
        signed_content: app.signing.pki
          .sign(new Uint8Array(content), app.signing.signer)
          .toString('base64'),
      });
  };

  it('answers create, read, list, resend, approve and sign of an OTP request as the registry does', async () => {
    const phone = nextPhone();
    const created = await create(otpBody(phone));
    expect(created.status).toBe(201);
    expectRegistryAnswer(CREATE, created);
    expect(created.body.urgent.authentication_method_current).toEqual([
      { type: 'OTP', phone_number: `${phone.slice(0, 6)}*****${phone.slice(-2)}` },
    ]);
    const id = created.body.data.id as string;

    const read = await app.t.http.get(path(id)).set(A);
    expect(read.status).toBe(200);
    expectRegistryAnswer(READ, read);

    const list = await app.t.http.get('/api/v3/person_requests').set(A);
    expect(list.status).toBe(200);
    expectRegistryAnswer(LIST, list);
    const filtered = await app.t.http.get('/api/v3/person_requests?status=NEW&page_size=2').set(A);
    expectRegistryAnswer(LIST, filtered);

    const resent = await app.t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(A);
    expect(resent.status).toBe(200);
    expectRegistryAnswer(RESEND, resent);

    const approved = await approve(id, { verification_code: Number(app.sms.lastCodeFor(phone)) });
    expect(approved.status).toBe(201);
    expectRegistryAnswer(APPROVE, approved);
    expect(approved.body.data.content).toEqual(expect.any(String));
    expectRegistryAnswer(READ, await app.t.http.get(path(id)).set(A));

    const signed = await sign(approved.body.data);
    expect(signed.status).toBe(200);
    expectRegistryAnswer(SIGN, signed);
    const after = await app.t.http.get(path(id)).set(A);
    expect(after.body.data.person_id).toBe(signed.body.data.person_id);
    expectRegistryAnswer(READ, after);
  });

  it('answers an OFFLINE request approved by scans, and a THIRD_PERSON one, as the registry does', async () => {
    const offline = await create(registryBody({ authentication_methods: [{ type: 'OFFLINE' }] }));
    expect(offline.status).toBe(201);
    expectRegistryAnswer(CREATE, offline);
    expect(offline.body.urgent.authentication_method_current).toEqual([{ type: 'OFFLINE' }]);
    await uploadScans(app.t, offline.body.urgent.documents);
    const approved = await approve(offline.body.data.id);
    expect(approved.status).toBe(201);
    expectRegistryAnswer(APPROVE, approved);

    const guardianPhone = nextPhone();
    const guardian = await registerPerson(app.t, {
      authentication_methods: [{ type: 'OTP', phone_number: guardianPhone }],
    });
    const child = await create(
      registryBody({
        birth_date: '2016-05-01',
        tax_id: null,
        no_tax_id: true,
        authentication_methods: [{ type: 'THIRD_PERSON', value: guardian.id, alias: 'Mum' }],
        confidant_person: {
          person_id: guardian.id,
          documents_relationship: [
            {
              type: 'BIRTH_CERTIFICATE',
              number: '1-АА 2',
              issued_by: 'Відділ ДРАЦС',
              issued_at: '2016-05-10',
            },
          ],
        },
      }),
    );
    expect(child.status).toBe(201);
    expectRegistryAnswer(CREATE, child);
    expect(child.body.urgent.authentication_method_current).toEqual([
      {
        type: 'THIRD_PERSON',
        phone_number: `${guardianPhone.slice(0, 6)}*****${guardianPhone.slice(-2)}`,
      },
    ]);
    expectRegistryAnswer(READ, await app.t.http.get(path(child.body.data.id)).set(A));
  });

  it('answers reject with 200 as the registry example does', async () => {
    const created = await create(otpBody(nextPhone()));
    const rejected = await app.t.http.patch(path(created.body.data.id, 'reject')).set(A).send([]);
    expect(rejected.status).toBe(200);
    expectRegistryAnswer(REJECT, rejected);
    expectRegistryAnswer(READ, await app.t.http.get(path(created.body.data.id)).set(A));
  });

  it('answers every refusal in the envelope the registry documents, or the project one', async () => {
    const invalid = await create(v3Body({ person: { gender: 'OTHER' } }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.type).toBe('validation_failed');
    expectRegistryAnswer(CREATE, invalid);

    const unauthenticated = await app.t.http
      .post('/api/v3/person_requests')
      .send(otpBody(nextPhone()));
    expect(unauthenticated.status).toBe(401);
    expectRegistryAnswer(CREATE, unauthenticated);

    const noScope = await app.t.http
      .get(path(UNKNOWN))
      .set({ Authorization: `Bearer ${tokenFor('person:read')}` });
    expect(noScope.status).toBe(403);
    expectRegistryAnswer(READ, noScope);

    const phone = nextPhone();
    const created = await create(otpBody(phone));
    const id = created.body.data.id as string;
    const foreign = await app.t.http.get(path(id)).set(B);
    expect(foreign.status).toBe(404);
    expectRegistryAnswer(READ, foreign);
    expectRegistryAnswer(
      RESEND,
      await app.t.http.post(`/api/person_requests/${UNKNOWN}/actions/resend_otp`).set(A),
    );

    const noCode = await approve(id);
    expect(noCode.status).toBe(422);
    expectRegistryAnswer(APPROVE, noCode);
    const wrongCode = await approve(id, { verification_code: 1 });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.error).toEqual({
      type: 'forbidden',
      message: 'Invalid verification code',
    });
    expectRegistryAnswer(APPROVE, wrongCode);

    const early = await sign({ id });
    expect(early.status).toBe(409);
    expectRegistryAnswer(SIGN, early);

    await approve(id, { verification_code: Number(app.sms.lastCodeFor(phone)) }).expect(201);
    const twice = await approve(id, { verification_code: 1 });
    expect(twice.status).toBe(409);
    expectRegistryAnswer(APPROVE, twice);
    const resendApproved = await app.t.http
      .post(`/api/person_requests/${id}/actions/resend_otp`)
      .set(A);
    expect(resendApproved.status).toBe(409);
    expectRegistryAnswer(RESEND, resendApproved);

    const notMine = await sign({ id, other: true });
    expect(notMine.status).toBe(422);
    expectRegistryAnswer(SIGN, notMine);

    const rejectUnknown = await app.t.http.patch(path(UNKNOWN, 'reject')).set(A).send([]);
    expect(rejectUnknown.status).toBe(404);
    expectRegistryAnswer(REJECT, rejectUnknown);

    const badList = await app.t.http.get('/api/v3/person_requests?status=SOMETIMES').set(A);
    expect(badList.status).toBe(422);
    expectRegistryAnswer(LIST, badList);
  });
});
