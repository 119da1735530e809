import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { RecordRegisterVerificationUseCase } from '../../src/person/application/record-register-verification.use-case.js';
import { approveAmr, createAmr, readAmr, resendAmrOtp } from '../support/auth-method-requests.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { amrUrgent } from '../support/registry/person-request-schemas.js';
import { expectRegistryAnswer, schemaProblems } from '../support/registry/registry-answer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';
import { verifyPhone } from '../support/verifications.js';

/**
 * Every answer of the authentication method request, phone verification, method list and
 * verification routes, success and error, against the registry's published contract
 * (test/support/registry, widened only by registry.md's "Deliberate deviations"). Person search
 * is checked so in person-search.spec.ts.
 */
const MIS = {
  Authorization: `Bearer ${tokenFor([
    'authentication_method_request:write',
    'authentication_method_request:read',
    'otp_verification:write',
    'otp_verification:read',
    'person:read',
  ])}`,
};
const UNKNOWN = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const AMR_CREATE = 'POST /api/persons/{id}/authentication_method_requests';
const AMR_APPROVE =
  'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve';
const AMR_RESEND =
  'POST /api/persons/{id}/authentication_method_requests/{request_id}/actions/resend_otp';
const START = 'POST /api/verifications';
const COMPLETE = 'PATCH /api/verifications/{phone_number}/actions/complete';
const VERIFIED = 'GET /api/verifications/{phone_number}';
const METHODS = 'GET /api/persons/{id}/authentication_methods';
const VERIFICATION = 'GET /api/persons/{id}/verification';
const masked = (phone: string) => `${phone.slice(0, 6)}*****${phone.slice(-2)}`;

describe("the registry's contract on authentication methods and phone verification", () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();
  let seq = 0;
  const nextPhone = () => `+38066400${String(seq++).padStart(4, '0')}`;

  beforeAll(async () => {
    t = await createTestApp({ customize: (b) => b.overrideProvider(SmsSender).useValue(sms) });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (personId: string, body: unknown) => createAmr(t, MIS, personId, body);
  const methods = (personId: string) =>
    t.http.get(`/api/persons/${personId}/authentication_methods`).set(MIS);
  const verification = (personId: string) =>
    t.http.get(`/api/persons/${personId}/verification`).set(MIS);

  it('answers phone verification as the registry does', async () => {
    const phone = nextPhone();
    const unknown = await t.http.get(`/api/verifications/${phone}`).set(MIS);
    expect(unknown.status).toBe(404);
    expectRegistryAnswer(VERIFIED, unknown);

    const started = await t.http.post('/api/verifications').set(MIS).send({ phone_number: phone });
    expect(started.status).toBe(200);
    expectRegistryAnswer(START, started);
    const wrong = await t.http
      .patch(`/api/verifications/${phone}/actions/complete`)
      .set(MIS)
      .send({ code: 1 });
    expect(wrong.status).toBe(403);
    expectRegistryAnswer(COMPLETE, wrong);
    const completed = await t.http
      .patch(`/api/verifications/${phone}/actions/complete`)
      .set(MIS)
      .send({ code: Number(sms.lastCodeFor(phone)) });
    expect(completed.status).toBe(200);
    expectRegistryAnswer(COMPLETE, completed);

    const verified = await t.http.get(`/api/verifications/${phone}`).set(MIS);
    expect(verified.status).toBe(200);
    expectRegistryAnswer(VERIFIED, verified);
    expect(verified.body.data).toEqual({ phone_number: phone });

    const malformed = await t.http.post('/api/verifications').set(MIS).send({ phone_number: '1' });
    expect(malformed.status).toBe(422);
    expectRegistryAnswer(START, malformed);
    const none = await t.http
      .patch(`/api/verifications/${nextPhone()}/actions/complete`)
      .set(MIS)
      .send({ code: 1234 });
    expect(none.status).toBe(404);
    expectRegistryAnswer(COMPLETE, none);
  });

  it('answers create, read, resend and approve of an authentication method request as the registry does', async () => {
    const current = nextPhone();
    const person = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: current }],
    });
    const unverifiedPhone = nextPhone();
    const unverified = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OTP', phone_number: unverifiedPhone },
    });
    expect(unverified.status).toBe(422);
    expect(unverified.body.error).toEqual({
      type: 'unverified',
      message: 'Unverified phone number',
    });
    expectRegistryAnswer(AMR_CREATE, unverified);

    const phone = nextPhone();
    await verifyPhone(t, sms, phone, { headers: MIS });
    const created = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OTP', phone_number: phone, alias: 'new' },
    });
    expect(created.status).toBe(201);
    expectRegistryAnswer(AMR_CREATE, created);
    expect(created.body.urgent.authentication_method_current).toEqual([
      { type: 'OTP', phone_number: masked(current) },
    ]);
    const id = created.body.data.id as string;

    // The registry documents no read of one request; its `urgent` is the create's.
    const read = await readAmr(t, MIS, person.id, id);
    expect(read.status).toBe(200);
    expect(schemaProblems(amrUrgent, read.body.urgent)).toEqual([]);

    const resent = await resendAmrOtp(t, MIS, person.id, id, []);
    expect(resent.status).toBe(200);
    expectRegistryAnswer(AMR_RESEND, resent);

    const noCode = await approveAmr(t, MIS, person.id, id, {});
    expect(noCode.status).toBe(422);
    expectRegistryAnswer(AMR_APPROVE, noCode);
    const wrongCode = await approveAmr(t, MIS, person.id, id, { verification_code: 1 });
    expect(wrongCode.status).toBe(422);
    expectRegistryAnswer(AMR_APPROVE, wrongCode);

    const approved = await approveAmr(t, MIS, person.id, id, {
      verification_code: Number(sms.lastCodeFor(current)),
    });
    expect(approved.status).toBe(201);
    expectRegistryAnswer(AMR_APPROVE, approved);
    expect(approved.body.data).toEqual({ id, status: 'COMPLETED', channel: 'MIS' });

    const again = await approveAmr(t, MIS, person.id, id, {});
    expect(again.status).toBe(409);
    expectRegistryAnswer(AMR_APPROVE, again);
    const resendDone = await resendAmrOtp(t, MIS, person.id, id, []);
    expect(resendDone.status).toBe(409);
    expectRegistryAnswer(AMR_RESEND, resendDone);
  });

  it('answers an OFFLINE confirmer and a person without an active method as the registry does', async () => {
    const offline = await registerPerson(t, {
      documents: [
        { type: 'PASSPORT', number: 'АА123456' },
        { type: 'NATIONAL_ID', number: '000123456' },
      ],
      authentication_methods: [{ type: 'OFFLINE' }],
    });
    const phone = nextPhone();
    await verifyPhone(t, sms, phone, { headers: MIS });
    const byScans = await create(offline.id, {
      action: 'INSERT',
      authentication_method: { type: 'OTP', phone_number: phone },
    });
    expect(byScans.status).toBe(201);
    expectRegistryAnswer(AMR_CREATE, byScans);
    expect(byScans.body.urgent.authentication_method_current).toEqual([{ type: 'OFFLINE' }]);
    const missing = await approveAmr(t, MIS, offline.id, byScans.body.data.id, {});
    expect(missing.status).toBe(409);
    expectRegistryAnswer(AMR_APPROVE, missing);
    await uploadScans(t, byScans.body.urgent.documents);
    const approved = await approveAmr(t, MIS, offline.id, byScans.body.data.id, {});
    expect(approved.status).toBe(201);
    expectRegistryAnswer(AMR_APPROVE, approved);

    const bare = await registerPerson(t, { authentication_methods: [] });
    const other = nextPhone();
    await verifyPhone(t, sms, other, { headers: MIS });
    const first = await create(bare.id, {
      action: 'INSERT',
      authentication_method: { type: 'OTP', phone_number: other },
    });
    expect(first.status).toBe(201);
    expectRegistryAnswer(AMR_CREATE, first);
    expect(first.body.urgent.authentication_method_current).toBeNull();

    const unknownPerson = await create(UNKNOWN, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    });
    expect(unknownPerson.status).toBe(404);
    expectRegistryAnswer(AMR_CREATE, unknownPerson);
    const badBody = await create(bare.id, { action: 'INSERT' });
    expect(badBody.status).toBe(422);
    expectRegistryAnswer(AMR_CREATE, badBody);
  });

  it('answers the method list as the registry does: masked phones, stamps, 403 for nobody', async () => {
    const mumPhone = nextPhone();
    const mum = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: mumPhone }],
    });
    const child = await registerPerson(t, {
      birth_date: '2016-01-01',
      no_tax_id: true,
      tax_id: null,
      authentication_methods: [{ type: 'THIRD_PERSON', value: mum.id, alias: 'Mum' }],
    });
    const offline = await registerPerson(t, { authentication_methods: [{ type: 'OFFLINE' }] });

    const own = await methods(mum.id);
    expect(own.status).toBe(200);
    expectRegistryAnswer(METHODS, own);
    expect(own.body.data).toEqual([
      expect.objectContaining({
        type: 'OTP',
        phone_number: masked(mumPhone),
        is_active: true,
        person_id: mum.id,
      }),
    ]);
    const third = await methods(child.id);
    expectRegistryAnswer(METHODS, third);
    expect(third.body.data).toEqual([
      expect.objectContaining({ type: 'THIRD_PERSON', value: mum.id, person_id: child.id }),
    ]);
    const scans = await methods(offline.id);
    expectRegistryAnswer(METHODS, scans);
    expect(scans.body.data).toEqual([expect.objectContaining({ type: 'OFFLINE' })]);

    for (const id of [UNKNOWN, 'not-a-uuid']) {
      const nobody = await methods(id);
      expect(nobody.status).toBe(403);
      expectRegistryAnswer(METHODS, nobody);
      expect(nobody.body.error).toEqual({ type: 'forbidden', message: 'Such person not found' });
    }
  });

  it('answers the verification details as the registry does, with what a host records', async () => {
    const person = await registerPerson(t, {});
    const fresh = await verification(person.id);
    expect(fresh.status).toBe(200);
    expectRegistryAnswer(VERIFICATION, fresh);
    expect(Object.keys(fresh.body.data.details)).toHaveLength(9);

    const record = t.app.get(RecordRegisterVerificationUseCase);
    await record.execute(person.id, {
      register: 'drfo',
      verificationStatus: 'VERIFIED',
      verificationReason: 'AUTO_ONLINE',
      result: 12,
    });
    await record.execute(person.id, {
      register: 'nhs',
      verificationStatus: 'NOT_VERIFIED',
      verificationReason: 'AUTO',
      comment: 'Бракує даних паспорту пацієнта',
    });
    await record.execute(person.id, {
      register: 'unzr',
      verificationStatus: 'VERIFIED',
      verificationReason: 'MANUAL_COMFIRMED',
      status: 1,
    });
    await record.execute(person.id, {
      register: 'drfo',
      verificationStatus: 'NOT_VERIFIED',
      verificationReason: 'AUTO',
      result: 3,
    });
    const recorded = await verification(person.id);
    expectRegistryAnswer(VERIFICATION, recorded);
    expect(recorded.body.data.details).toMatchObject({
      drfo: { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO', result: 3 },
      nhs: { verification_comment: 'Бракує даних паспорту пацієнта' },
      unzr: { verification_status: 'VERIFIED', status: 1 },
      legal_capacity: { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO' },
    });
    await expect(
      record.execute(UNKNOWN, {
        register: 'nhs',
        verificationStatus: 'VERIFIED',
        verificationReason: 'AUTO',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      record.execute(person.id, {
        register: 'nhs',
        verificationStatus: 'VERIFIED',
        verificationReason: 'AUTO',
        status: 1,
      }),
    ).rejects.toThrow('nhs reports no status');

    const nobody = await verification(UNKNOWN);
    expect(nobody.status).toBe(404);
    expectRegistryAnswer(VERIFICATION, nobody);
  });
});
