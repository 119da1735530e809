import type { TestingModuleBuilder } from '@nestjs/testing';
import { NotSent } from '../../src/otp/application/not-sent.js';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { createAmr } from '../support/auth-method-requests.js';
import { budgetCount, createTestDatabase, snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

const SCOPES = [
  'otp_verification:write',
  'person_request:write',
  'authentication_method_request:write',
];
const token = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor(SCOPES, { clientId })}`,
});
const LIMIT = 3;
const SPENT = { type: 'too_many_requests', message: 'SMS limit for this client is reached' };
const OFFLINE_BODY = v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } });

describe('the SMS budget of each client, shared by every instance', () => {
  let a: TestApp;
  let b: TestApp;
  const sms = new CapturingSmsSender();
  let seq = 0;
  const phone = (): string => `+3806712${String(seq++).padStart(5, '0')}`;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('budget');
    const options = {
      databaseUrl,
      env: { SMS_PER_CLIENT_PER_HOUR: String(LIMIT) },
      customize: (builder: TestingModuleBuilder) =>
        builder.overrideProvider(SmsSender).useValue(sms),
    };
    a = await createTestApp(options);
    b = await createTestApp(options);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(() => {
    sms.failWith = undefined;
    // Each test starts with a fresh hour on both instances' clocks.
    a.clock.advance(3_700_000);
    b.clock.set(a.clock.now());
  });

  const verify = (t: TestApp, clientId: string, to: string = phone()) =>
    t.http.post('/api/verifications').set(token(clientId)).send({ phone_number: to });
  const createRequest = (t: TestApp, clientId: string, body: Record<string, unknown>) =>
    t.http.post('/api/v3/person_requests').set(token(clientId)).send(body);
  const resend = (t: TestApp, clientId: string, id: string) =>
    t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(token(clientId));
  /** A v3 body whose person authenticates by OTP on a fresh phone. */
  const otpBody = () =>
    v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone() }] } });

  it('never lets concurrent sends through both instances pass the limit', async () => {
    const sent = sms.sent.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => verify(i % 2 ? a : b, 'client-race')),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([...Array(LIMIT).fill(200), ...Array(10 - LIMIT).fill(429)]);
    expect(sms.sent.length - sent).toBe(LIMIT);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error).toEqual({
      type: 'too_many_requests',
      message: 'SMS limit for this client is reached',
    });
    expect(Number(refused.headers['retry-after'])).toBe(3600);
  });

  it('counts per client, frees a slot an hour after its code, and a refusal writes nothing', async () => {
    for (let i = 0; i < LIMIT; i++) {
      await verify(a, 'client-one').expect(200);
      a.clock.advance(60_000);
    }
    b.clock.set(a.clock.now());
    const before = await snapshot(a.pool);
    const refused = await verify(b, 'client-one').expect(429);
    expect(Number(refused.headers['retry-after'])).toBe(3600 - 3 * 60);
    expect(await snapshot(a.pool)).toEqual(before);
    expect(await budgetCount(a.pool, 'client-one')).toBe(LIMIT);
    await verify(b, 'client-two').expect(200);
    a.clock.advance((60 - 3) * 60_000);
    await verify(a, 'client-one').expect(200);
  });

  it('gives the count back when the SMS gateway clearly refused the code', async () => {
    sms.failWith = new NotSent(new Error('gateway refused the number'));
    for (let i = 0; i < LIMIT + 2; i++) await verify(a, 'client-failing').expect(503);
    expect(await budgetCount(a.pool, 'client-failing')).toBe(0);
    sms.failWith = undefined;
    for (let i = 0; i < LIMIT; i++) await verify(a, 'client-failing').expect(200);
    await verify(a, 'client-failing').expect(429);
  });

  it('keeps the count when the SMS gateway failed in a way that may have sent the code', async () => {
    sms.failWith = new Error('gateway timed out');
    for (let i = 0; i < LIMIT; i++) await verify(a, 'client-unsure').expect(503);
    expect(await budgetCount(a.pool, 'client-unsure')).toBe(LIMIT);
    sms.failWith = undefined;
    const spent = await verify(a, 'client-unsure').expect(429);
    expect(spent.body.error).toEqual(SPENT);
  });

  it('is checked after every other refusal and counts only codes that go out', async () => {
    for (let i = 0; i < LIMIT; i++) await verify(a, 'client-spent').expect(200);
    const headers = token('client-spent');
    // 422 of the body comes before the budget.
    const invalid = await a.http
      .post('/api/v3/person_requests')
      .set(headers)
      .send(v3Body({ person: { secret: '1' } }))
      .expect(422);
    expect(invalid.body.error.type).toBe('validation_failed');
    // An OFFLINE create sends no code, so the spent budget does not stop it.
    await a.http
      .post('/api/v3/person_requests')
      .set(headers)
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    // An OTP create sends one: refused, and nothing is kept.
    const before = await snapshot(a.pool);
    const otp = await a.http.post('/api/v3/person_requests').set(headers).send(v3Body());
    expect(otp.status).toBe(429);
    expect(otp.body.error).toEqual(SPENT);
    expect(await snapshot(a.pool)).toEqual(before);
    expect(await budgetCount(a.pool, 'client-spent')).toBe(LIMIT);
  });

  it('counts nothing for creates that send no code (OFFLINE, NA)', async () => {
    const client = 'client-offline';
    for (let i = 0; i < LIMIT; i++) await createRequest(a, client, OFFLINE_BODY).expect(201);
    // Authentication method requests whose current method resolves to OFFLINE or NA.
    const offline = await registerPerson(a, { authentication_methods: [{ type: 'OFFLINE' }] });
    await createAmr(a, token(client), offline.id, {
      action: 'update',
      authentication_method: { id: offline.authentication_methods[0].id, alias: 'renamed' },
    }).expect(201);
    const nobody = await registerPerson(a, { authentication_methods: [] });
    await createAmr(a, token(client), nobody.id, {
      action: 'insert',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    expect(await budgetCount(a.pool, client)).toBe(0);
    for (let i = 0; i < LIMIT; i++) await verify(a, client).expect(200);
    const refused = await verify(a, client).expect(429);
    expect(refused.body.error).toEqual(SPENT);
  });

  it('counts a create, a resend and a verification alike, and then refuses every way of sending', async () => {
    const client = 'client-mixed';
    const created = await createRequest(a, client, otpBody()).expect(201);
    await resend(b, client, created.body.data.id).expect(200);
    await verify(a, client).expect(200);
    expect(await budgetCount(a.pool, client)).toBe(LIMIT);

    const otpPerson = await registerPerson(a, {
      authentication_methods: [{ type: 'OTP', phone_number: phone() }],
    });
    const sent = sms.sent.length;
    const before = await snapshot(a.pool);
    const refusals = [
      await verify(b, client),
      await createRequest(a, client, otpBody()),
      await resend(b, client, created.body.data.id),
      await createAmr(a, token(client), otpPerson.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(429);
      expect(refused.body.error).toEqual(SPENT);
      expect(Number(refused.headers['retry-after'])).toBe(3600);
    }
    expect(sms.sent.length).toBe(sent);
    expect(await snapshot(a.pool)).toEqual(before);
  });

  it('answers 404 and 409 of a resend before the spent budget', async () => {
    const client = 'client-order';
    const rejected = await createRequest(a, client, otpBody()).expect(201);
    await a.http
      .patch(`/api/v3/person_requests/${rejected.body.data.id}/actions/reject`)
      .set(token(client))
      .expect(200);
    const offline = await createRequest(a, client, OFFLINE_BODY).expect(201);
    for (let i = 1; i < LIMIT; i++) await verify(a, client).expect(200);
    await verify(a, client).expect(429);

    const before = await snapshot(a.pool);
    const unknown = await resend(a, client, '6d6b1f1e-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.error).toEqual({ type: 'not_found', message: 'Person request not found' });
    const notNew = await resend(a, client, rejected.body.data.id).expect(409);
    expect(notNew.body.error).toEqual({
      type: 'request_conflict',
      message: 'Person request must be in status NEW',
    });
    const notOtp = await resend(a, client, offline.body.data.id).expect(409);
    expect(notOtp.body.error).toEqual({
      type: 'request_conflict',
      message: 'Auth method is not OTP',
    });
    expect(await snapshot(a.pool)).toEqual(before);
  });

  describe('with the built-in OTP service’s resend interval', () => {
    let c: TestApp;

    beforeAll(async () => {
      c = await createTestApp({
        env: { SMS_PER_CLIENT_PER_HOUR: String(LIMIT), OTP_RESEND_INTERVAL_SECONDS: '60' },
        customize: (builder) => builder.overrideProvider(SmsSender).useValue(sms),
      });
    });
    afterAll(async () => {
      await c.close();
    });

    it('counts nothing when the OTP service refuses with 429', async () => {
      const busy = phone();
      // The client's own code to the phone starts its resend interval (per phone and purpose).
      await verify(c, 'client-too-soon', busy).expect(200);
      const before = await snapshot(c.pool);
      for (let i = 0; i < LIMIT + 2; i++) {
        const refused = await verify(c, 'client-too-soon', busy).expect(429);
        expect(refused.body.error).toEqual({
          type: 'too_many_requests',
          message: 'Too many verification codes requested for this phone',
        });
      }
      expect(await snapshot(c.pool)).toEqual(before);
      expect(await budgetCount(c.pool, 'client-too-soon')).toBe(1);
      for (let i = 1; i < LIMIT; i++) await verify(c, 'client-too-soon').expect(200);
      const spent = await verify(c, 'client-too-soon').expect(429);
      expect(spent.body.error).toEqual(SPENT);
    });
  });
});
