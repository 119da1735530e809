import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { AuthMethodRequests } from '../../src/auth-method-request/application/auth-method-requests.js';
import { approveAmr, createAmr, readAmr, resendAmrOtp } from '../support/auth-method-requests.js';
import { snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';
import { verifyPhone } from '../support/verifications.js';

/**
 * What a real MIS client sends around the two methods, with its exact bodies and paths (read
 * from openhealths/ohealth): upper-case actions, `{}` for an empty approve body, `[]` for an
 * empty resend body, the phone unencoded in the verification path, codes as numbers.
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
const HOUR = 3_600_000;

describe('a real MIS client around the two methods', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      env: { AUTH_METHOD_REQUEST_TTL_HOURS: '1' },
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (personId: string, body: unknown) => createAmr(t, MIS, personId, body);
  const approve = (personId: string, id: string, body: object) =>
    approveAmr(t, MIS, personId, id, body);
  /** The client resends with `[]` as its body. */
  const resend = (personId: string, id: string) => resendAmrOtp(t, MIS, personId, id, []);
  const read = (personId: string, id: string) => readAmr(t, MIS, personId, id);
  /** A person with an OTP phone, and a NEW request of theirs inserting OFFLINE. */
  async function offlineInsertOf(phone: string) {
    const person = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: phone }],
    });
    const created = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    return { person, created, id: created.body.data.id as string };
  }
  const code = (phone: string) => Number(sms.lastCodeFor(phone));
  const methods = async (personId: string) =>
    (await t.http.get(`/api/persons/${personId}/authentication_methods`).set(MIS).expect(200)).body
      .data as Record<string, any>[];

  it('verifies a phone, inserts OTP and OFFLINE, updates and deactivates, as the client does', async () => {
    const current = '+380671000001';
    const person = await registerPerson(t, {
      documents: [
        { type: 'PASSPORT', number: 'АА123456' },
        { type: 'NATIONAL_ID', number: '000123456' },
      ],
      authentication_methods: [{ type: 'OTP', phone_number: current }],
    });
    const guardian = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: '+380671000009' }],
    });

    // Phone verification, as the client asks it before inserting an OTP method.
    const phone = '+380671000002';
    const unknown = await t.http.get(`/api/verifications/${phone}`).set(MIS).expect(404);
    expect(unknown.body.error.type).toBe('not_found');
    await verifyPhone(t, sms, phone, { headers: MIS, unencoded: true });
    const verified = await t.http.get(`/api/verifications/${phone}`).set(MIS).expect(200);
    expect(verified.body.data).toEqual({ phone_number: phone, status: 'VERIFIED' });

    // INSERT OTP with that phone, approved with the code sent to the current phone.
    const otp = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OTP', phone_number: phone },
    }).expect(201);
    expect(otp.body.data.action).toBe('INSERT');
    expect(otp.body.urgent).toEqual({
      authentication_method_current: [{ type: 'OTP', phone_number: '+38067*****01' }],
      documents: [],
    });
    const sent = sms.sent.length;
    const resent = await resend(person.id, otp.body.data.id).expect(200);
    // The new verification, as for a person request resend (docs/api.md).
    expect(resent.body.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'NEW',
      // OTP_CODE_TTL_MINUTES (15) from now.
      code_expired_at: new Date(t.clock.now().getTime() + 15 * 60_000).toISOString(),
      active: true,
    });
    expect(resent.body.meta).toMatchObject({ code: 200, type: 'object' });
    expect(sms.sent.slice(sent).map((m) => m.phoneNumber)).toEqual([current]);
    await approve(person.id, otp.body.data.id, { verification_code: code(current) }).expect(201);
    expect((await methods(person.id)).map((m) => [m.type, m.phone_number])).toEqual([
      ['OTP', phone],
    ]);

    // INSERT OFFLINE for an OTP person: the scans of the person's documents, then the code.
    const offline = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    const documents = offline.body.urgent.documents as { type: string; url: string }[];
    expect(documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
    const before = await snapshot(t.pool);
    const missing = await approve(person.id, offline.body.data.id, {
      verification_code: code(phone),
    }).expect(409);
    expect(missing.body.error).toEqual({
      type: 'request_conflict',
      message: 'Documents PASSPORT, NATIONAL_ID is not uploaded',
    });
    // No attempt was used: the OTP verification is as it was.
    expect(await snapshot(t.pool)).toEqual(before);
    await uploadScans(t, documents);
    await approve(person.id, offline.body.data.id, { verification_code: code(phone) }).expect(201);
    const afterOffline = await t.pool.query(
      `SELECT type, ended_at IS NOT NULL AS ended FROM person_authentication_methods
        WHERE person_id = $1 ORDER BY inserted_at`,
      [person.id],
    );
    expect(afterOffline.rows).toEqual([
      { type: 'OTP', ended: true },
      { type: 'OTP', ended: true },
      { type: 'OFFLINE', ended: false },
    ]);
    const status = await t.http.get(`/api/persons/${person.id}/verification`).set(MIS).expect(200);
    expect(status.body.data).toMatchObject({
      verification_status: 'VERIFICATION_NEEDED',
      verification_reason: 'AUTO',
    });

    // Insert a third person (mixed case), UPDATE the alias, then Deactivate it; the OFFLINE
    // person proves each with the scans of their documents.
    const third = await create(person.id, {
      action: 'Insert',
      authentication_method: { type: 'THIRD_PERSON', value: guardian.id, alias: 'Mother' },
    }).expect(201);
    expect(third.body.data.action).toBe('INSERT');
    await uploadScans(t, third.body.urgent.documents);
    await approve(person.id, third.body.data.id, {}).expect(201);
    const thirdMethod = (await methods(person.id)).find((m) => m.type === 'THIRD_PERSON')!;

    const update = await create(person.id, {
      action: 'UPDATE',
      authentication_method: { id: thirdMethod.id, alias: 'Mum' },
    }).expect(201);
    expect(update.body.data.action).toBe('UPDATE');
    await uploadScans(t, update.body.urgent.documents);
    await approve(person.id, update.body.data.id, {}).expect(201);
    expect((await methods(person.id)).find((m) => m.id === thirdMethod.id)?.alias).toBe('Mum');

    const deactivate = await create(person.id, {
      action: 'deActivate',
      authentication_method: { id: thirdMethod.id },
    }).expect(201);
    expect(deactivate.body.data.action).toBe('DEACTIVATE');
    await uploadScans(t, deactivate.body.urgent.documents);
    await approve(person.id, deactivate.body.data.id, {}).expect(201);
    expect((await methods(person.id)).map((m) => m.type)).toEqual(['OFFLINE']);
  });

  it('refuses an unknown action in any case with 422 on $.action', async () => {
    const person = await registerPerson(t);
    const res = await create(person.id, {
      action: 'UPSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(422);
    expect(res.body.error.invalid[0].entry).toBe('$.action');
  });

  it('refuses to switch a person with no documents to OFFLINE', async () => {
    const person = await registerPerson(t, { documents: [] });
    const res = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(409);
    expect(res.body.error).toEqual({
      type: 'request_conflict',
      message: 'Person has no documents to verify',
    });
  });

  it('refuses a person whose OFFLINE method could never be proved by a scan', async () => {
    const res = await t.http
      .post('/api/persons')
      .set({ Authorization: `Bearer ${tokenFor('person:write')}` })
      .send({
        first_name: 'Олена',
        last_name: 'Петренко',
        birth_date: '1972-10-26',
        gender: 'MALE',
        no_tax_id: true,
        documents: [],
        authentication_methods: [{ type: 'OFFLINE' }],
      })
      .expect(422);
    expect(res.body.error.invalid[0].entry).toBe('$.documents');
  });

  it('expires a NEW request after AUTH_METHOD_REQUEST_TTL_HOURS', async () => {
    const phone = '+380671000020';
    const { person, created, id } = await offlineInsertOf(phone);
    await uploadScans(t, created.body.urgent.documents);
    t.clock.advance(HOUR - 1);
    const fresh = await read(person.id, id).expect(200);
    expect(fresh.body.data.status).toBe('NEW');

    t.clock.advance(1);
    const expired = await read(person.id, id).expect(200);
    expect(expired.body.data.status).toBe('EXPIRED');
    expect(expired.body.urgent.documents).toEqual([]);
    const resent = await resend(person.id, id).expect(409);
    expect(resent.body.error).toEqual({
      type: 'request_conflict',
      message: 'Authentication method request must be in status NEW',
    });
    const approved = await approve(person.id, id, { verification_code: code(phone) }).expect(409);
    expect(approved.body.error).toEqual({
      type: 'request_conflict',
      message: 'Invalid transition',
    });

    await expect(t.app.get(AuthMethodRequests).expireStale()).resolves.toBeGreaterThanOrEqual(1);
    const stored = await t.pool.query(
      'SELECT status FROM authentication_method_requests WHERE id = $1',
      [id],
    );
    expect(stored.rows[0].status).toBe('EXPIRED');
  });

  it('stores an expired NEW request as EXPIRED, not CANCELED, when a newer one replaces it', async () => {
    const person = await registerPerson(t, { authentication_methods: [] });
    const old = await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    t.clock.advance(HOUR);
    await create(person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    const stored = await t.pool.query(
      'SELECT status FROM authentication_method_requests WHERE id = $1',
      [old.body.data.id],
    );
    expect(stored.rows[0].status).toBe('EXPIRED');
  });

  it('answers a resend for a person who is no longer active with 409', async () => {
    const { person, id } = await offlineInsertOf('+380671000030');
    await t.pool.query(`UPDATE persons SET status = 'inactive' WHERE id = $1`, [person.id]);
    const sent = sms.sent.length;
    const res = await resend(person.id, id).expect(409);
    expect(res.body.error).toEqual({
      type: 'request_conflict',
      message: "Such person isn't active",
    });
    expect(sms.sent.length).toBe(sent);
  });
});
