import type { TestingModuleBuilder } from '@nestjs/testing';
import { SmsSender } from '../../src/otp/application/sms-sender.port.js';
import { createTestDatabase, snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

const SCOPES = ['otp_verification:write', 'person_request:write'];
const token = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor(SCOPES, { clientId })}`,
});
const LIMIT = 3;

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

  const verify = (t: TestApp, clientId: string) =>
    t.http.post('/api/verifications').set(token(clientId)).send({ phone_number: phone() });

  it('never lets concurrent sends through both instances pass the limit', async () => {
    const sent = sms.sent.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => verify(i % 2 ? a : b, 'client-race')),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([...Array(LIMIT).fill(201), ...Array(10 - LIMIT).fill(429)]);
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
      await verify(a, 'client-one').expect(201);
      a.clock.advance(60_000);
    }
    b.clock.set(a.clock.now());
    const before = await snapshot(a.pool);
    const refused = await verify(b, 'client-one').expect(429);
    expect(Number(refused.headers['retry-after'])).toBe(3600 - 3 * 60);
    expect(await snapshot(a.pool)).toEqual(before);
    await verify(b, 'client-two').expect(201);
    a.clock.advance((60 - 3) * 60_000);
    await verify(a, 'client-one').expect(201);
  });

  it('gives the count back when the code could not be sent', async () => {
    sms.failWith = new Error('gateway down');
    for (let i = 0; i < LIMIT + 2; i++) await verify(a, 'client-failing').expect(503);
    sms.failWith = undefined;
    for (let i = 0; i < LIMIT; i++) await verify(a, 'client-failing').expect(201);
    await verify(a, 'client-failing').expect(429);
  });

  it('is checked after every other refusal and counts only codes that go out', async () => {
    for (let i = 0; i < LIMIT; i++) await verify(a, 'client-spent').expect(201);
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
    expect(await snapshot(a.pool)).toEqual(before);
  });
});
