import { refusedUrl, type ServiceFault } from '../support/fake-http-service.js';
import { OTP_RANDOM_INT } from '../../src/otp-built-in/adapters/persistence/built-in-otp-verifier.js';
import { budgetCount, snapshot } from '../support/database.js';
import { ScriptedRandomInt } from '../support/fakes/scripted-random-int.js';
import {
  FakeSmsGateway,
  SMS_GATEWAY_TOKEN,
  type SmsGatewayBehaviour,
} from '../support/sms-gateway-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * The built-in OTP service sending through a generic SMS gateway (a real local HTTP server) that
 * fails in each way: the client's answer, the SMS budget (docs/api.md, SMS budget: a clear refusal
 * or a connection never opened gives the count back, an unknown outcome keeps it) and the code,
 * which never becomes usable when its send failed, even if the gateway did send it.
 */
const LIMIT = 3;
const TIMEOUT_MS = 150;
const SLOW: ServiceFault = { kind: 'slow', afterMs: TIMEOUT_MS * 10 };
const UNAVAILABLE = {
  type: 'service_unavailable',
  message: 'OTP verification service is unavailable',
};
const SPENT = { type: 'too_many_requests', message: 'SMS limit for this client is reached' };
const NOT_FOUND = { type: 'not_found', message: 'Verification not found' };

const FAILURES: [string, number, SmsGatewayBehaviour][] = [
  ['refuses the message (400)', 0, { kind: 'refuse', status: 400 }],
  ['rate-limits (429)', 0, { kind: 'refuse', status: 429 }],
  ['fails (500)', 1, { kind: 'error' }],
  ['fails (502)', 1, { kind: 'reply', status: 502, body: {} }],
  ['answers after the timeout', 1, SLOW],
  ['never answers', 1, { kind: 'hang' }],
  ['resets the connection after reading the request', 1, { kind: 'close' }],
  ['answers bytes that are not HTTP', 1, { kind: 'not-http' }],
];

let seq = 0;
const freshPhone = (): string => `+38093${String(1_000_000 + seq++).slice(1)}0`;
/** A name as a client id: token claims are printable ASCII without spaces. */
const slug = (name: string): string => name.replace(/[^A-Za-z0-9]+/g, '-');

const token = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor(['otp_verification:write', 'person_request:write'], { clientId })}`,
});
const otpBody = (phone: string) =>
  v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone }] } });
/** The database as a snapshot shows it, without the SMS budget's counted codes. */
const withoutBudget = async (t: TestApp) => {
  const { sms_budget_entries: _counted, ...rest } = await snapshot(t.pool);
  return rest;
};

describe('the built-in OTP service with an SMS gateway that fails', () => {
  let gateway: FakeSmsGateway;
  let t: TestApp;

  beforeAll(async () => {
    gateway = await FakeSmsGateway.start();
    t = await createTestApp({
      env: {
        SMS_GATEWAY_URL: gateway.sendUrl,
        SMS_GATEWAY_TOKEN,
        SMS_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: String(LIMIT),
      },
      // Codes in a row never collide, so a refused code is never the live one by chance.
      customize: (b) =>
        b.overrideProvider(OTP_RANDOM_INT).useValue(new ScriptedRandomInt().randomInt),
    });
  });
  afterAll(async () => {
    await t.close();
    await gateway.close();
  });
  beforeEach(() => gateway.reset());

  const verify = (clientId: string, phone: string) =>
    t.http.post('/api/verifications').set(token(clientId)).send({ phone_number: phone });
  const complete = (clientId: string, phone: string, code: string) =>
    t.http
      .patch(`/api/verifications/${encodeURIComponent(phone)}/actions/complete`)
      .set(token(clientId))
      .send({ code: Number(code) });
  const liveCodes = async (phone: string): Promise<number> =>
    (
      await t.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM otp_verifications WHERE phone_number = $1 AND status = 'NEW'",
        [phone],
      )
    ).rows[0].n;

  it('sends the code in Ukrainian through the gateway, counts it, and the code completes', async () => {
    const phone = freshPhone();
    await verify('client-ok', phone).expect(201);

    expect(gateway.received).toEqual([
      { to: phone, text: expect.stringMatching(/^Ваш код підтвердження: \d{4}$/) },
    ]);
    expect(await budgetCount(t.pool, 'client-ok')).toBe(1);
    await complete('client-ok', phone, gateway.lastCodeFor(phone)).expect(200);
  });

  it.each(FAILURES)(
    'starting a phone verification when the gateway %s: 503, counts %i, and no code is live',
    async (name, counted, behaviour) => {
      const client = `client-verify-${slug(name)}`;
      const phone = freshPhone();
      gateway.behave(behaviour);
      const before = await withoutBudget(t);

      const res = await verify(client, phone).expect(503);

      expect(res.body.error).toEqual(UNAVAILABLE);
      expect(gateway.requests).toHaveLength(1);
      expect(await budgetCount(t.pool, client)).toBe(counted);
      expect(await withoutBudget(t)).toEqual(before);
      expect(await liveCodes(phone)).toBe(0);
      // The gateway got the message: if it did send it, its code does not work.
      const notFound = await complete(client, phone, gateway.lastCodeFor(phone)).expect(404);
      expect(notFound.body.error).toEqual(NOT_FOUND);
    },
  );

  it.each(FAILURES)(
    'creating a person request when the gateway %s: 503, counts %i, and writes nothing',
    async (name, counted, behaviour) => {
      const client = `client-create-${slug(name)}`;
      gateway.behave(behaviour);
      const before = await withoutBudget(t);

      const res = await t.http
        .post('/api/v3/person_requests')
        .set(token(client))
        .send(otpBody(freshPhone()))
        .expect(503);

      expect(res.body.error).toEqual(UNAVAILABLE);
      expect(gateway.requests).toHaveLength(1);
      expect(await budgetCount(t.pool, client)).toBe(counted);
      expect(await withoutBudget(t)).toEqual(before);
    },
  );

  it.each(FAILURES)(
    'a resend when the gateway %s: 503, its code is refused, and the code sent before still works',
    async (name, _counted, behaviour) => {
      const client = `client-resend-${slug(name)}`;
      const phone = freshPhone();
      const created = await t.http
        .post('/api/v3/person_requests')
        .set(token(client))
        .send(otpBody(phone))
        .expect(201);
      const id = created.body.data.id as string;
      const first = gateway.lastCodeFor(phone);
      gateway.behave(behaviour);

      const res = await t.http
        .post(`/api/person_requests/${id}/actions/resend_otp`)
        .set(token(client))
        .expect(503);

      expect(res.body.error).toEqual(UNAVAILABLE);
      const failed = gateway.lastCodeFor(phone);
      const approve = (code: string) =>
        t.http
          .patch(`/api/v3/person_requests/${id}/actions/approve`)
          .set(token(client))
          .send({ verification_code: code });
      expect(failed).not.toBe(first);
      const refused = await approve(failed).expect(422);
      expect(refused.body.error).toEqual({
        type: 'forbidden',
        message: 'Invalid verification code',
      });
      await approve(first).expect(201);
    },
  );

  it('keeps counting sends whose outcome is unknown, until the budget refuses', async () => {
    const client = 'client-unknown-outcomes';
    gateway.behave({ kind: 'error' });
    for (let i = 0; i < LIMIT; i++) await verify(client, freshPhone()).expect(503);
    gateway.behave({ kind: 'normal' });

    const spent = await verify(client, freshPhone()).expect(429);

    expect(spent.body.error).toEqual(SPENT);
    expect(gateway.requests).toHaveLength(LIMIT);
  });

  it('gives back every clearly refused send: the client still has its whole budget', async () => {
    const client = 'client-refusals';
    gateway.behave({ kind: 'refuse', status: 400 });
    for (let i = 0; i < LIMIT + 2; i++) await verify(client, freshPhone()).expect(503);
    gateway.behave({ kind: 'normal' });

    for (let i = 0; i < LIMIT; i++) await verify(client, freshPhone()).expect(201);
    await verify(client, freshPhone()).expect(429);
  });
});

describe('the built-in OTP service with an SMS gateway that refuses the connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        SMS_GATEWAY_URL: `${await refusedUrl()}/send`,
        SMS_GATEWAY_TOKEN,
        SMS_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: String(LIMIT),
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 to verifications and creates, counts nothing and writes nothing', async () => {
    const client = 'client-refused';
    const before = await snapshot(t.pool);
    for (let i = 0; i < LIMIT + 1; i++) {
      const verification = await t.http
        .post('/api/verifications')
        .set(token(client))
        .send({ phone_number: freshPhone() })
        .expect(503);
      expect(verification.body.error).toEqual(UNAVAILABLE);
      const create = await t.http
        .post('/api/v3/person_requests')
        .set(token(client))
        .send(otpBody(freshPhone()))
        .expect(503);
      expect(create.body.error).toEqual(UNAVAILABLE);
    }
    expect(await budgetCount(t.pool, client)).toBe(0);
    expect(await snapshot(t.pool)).toEqual(before);
  });
});
