import type { Response } from 'supertest';
import { FakeOtpServer } from '../support/otp-server.js';
import { FakeSmsGateway, SMS_GATEWAY_TOKEN } from '../support/sms-gateway-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { waitFor } from '../support/wait-for.js';

/**
 * An SMS gateway or OTP service that never answers must not take the database's connections
 * (docs/reliability.md, A hanging SMS gateway or OTP service): with more calls hanging at once
 * than the pool has connections, the service stays ready, other routes answer, and each hanging
 * call ends with 503 at its timeout, leaving no usable code.
 */
const POOL = 4;
const HANGING = POOL * 2;
/** Long enough for a few reads to be answered while every call still hangs. */
const TIMEOUT_MS = 4_000;
/** Starting an app on a busy machine may take longer than a hook's default 5 s. */
const APP_START_MS = 30_000;
const UNAVAILABLE = {
  type: 'service_unavailable',
  message: 'OTP verification service is unavailable',
};
const NOT_FOUND = { type: 'not_found', message: 'Verification not found' };
const CLIENT = 'client-hanging';
const AUTH = {
  Authorization: `Bearer ${tokenFor(['otp_verification:write', 'person_request:read'], { clientId: CLIENT })}`,
};

const phones = (from: number): string[] =>
  Array.from({ length: HANGING }, (_, i) => `+38096${String(1_000_000 + from + i).slice(1)}0`);

/** Calls in flight, and how many of them have answered so far. */
function inFlight(calls: PromiseLike<Response>[]): {
  settled: () => number;
  all: Promise<Response[]>;
} {
  let settled = 0;
  const all = Promise.all(
    calls.map((call) =>
      Promise.resolve(call).finally(() => {
        settled += 1;
      }),
    ),
  );
  return { settled: () => settled, all };
}

/** Readiness and a read of another route, answered while every call still hangs. */
async function expectServedWhileHanging(t: TestApp, settled: () => number): Promise<void> {
  const ready = await t.http.get('/health/ready');
  const read = await t.http.get('/api/v3/person_requests').set(AUTH);

  expect({ settled: settled(), ready: ready.status, read: read.status }).toEqual({
    settled: 0,
    ready: 200,
    read: 200,
  });
}

const verify = (t: TestApp, phone: string) =>
  t.http.post('/api/verifications').set(AUTH).send({ phone_number: phone });
const complete = (t: TestApp, phone: string, code: string) =>
  t.http
    .patch(`/api/verifications/${encodeURIComponent(phone)}/actions/complete`)
    .set(AUTH)
    .send({ code: Number(code) });

describe('the built-in OTP service with an SMS gateway that never answers', () => {
  let gateway: FakeSmsGateway;
  let t: TestApp;

  beforeAll(async () => {
    gateway = await FakeSmsGateway.start();
    t = await createTestApp({
      env: {
        DATABASE_POOL_SIZE: String(POOL),
        SMS_GATEWAY_URL: gateway.sendUrl,
        SMS_GATEWAY_TOKEN,
        SMS_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: '100',
      },
    });
  }, APP_START_MS);
  afterAll(async () => {
    await t.close();
    await gateway.close();
  });

  it('stays ready and serves reads while more sends hang than the pool has connections; each ends with 503 and no code works', async () => {
    gateway.behave({ kind: 'hang' });
    const sent = phones(0);

    const sends = inFlight(sent.map((phone) => verify(t, phone)));
    await waitFor(() => gateway.requests.length === HANGING);
    await expectServedWhileHanging(t, sends.settled);

    const answers = await sends.all;
    expect(answers.map((a) => [a.status, a.body.error])).toEqual(
      sent.map(() => [503, UNAVAILABLE]),
    );
    gateway.behave({ kind: 'normal' });
    for (const phone of sent) {
      const res = await complete(t, phone, gateway.lastCodeFor(phone)).expect(404);
      expect(res.body.error).toEqual(NOT_FOUND);
    }
    const live = await t.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM otp_verifications WHERE status = 'NEW'",
    );
    expect(live.rows[0].n).toBe(0);
  }, 30_000);
});

describe('an external OTP service that never answers', () => {
  let server: FakeOtpServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await FakeOtpServer.start();
    t = await createTestApp({
      env: {
        DATABASE_POOL_SIZE: String(POOL),
        OTP_VERIFICATION_URL: server.url,
        OTP_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: '100',
      },
    });
  }, APP_START_MS);
  afterAll(async () => {
    await t.close();
    await server.close();
  });
  beforeEach(() => server.reset());

  it('stays ready and serves reads while more sends hang than the pool has connections; each ends with 503 and no code works', async () => {
    server.behave({ kind: 'hang' });
    const sent = phones(100);

    const sends = inFlight(sent.map((phone) => verify(t, phone)));
    await waitFor(() => server.requests.length === HANGING);
    await expectServedWhileHanging(t, sends.settled);

    const answers = await sends.all;
    expect(answers.map((a) => [a.status, a.body.error])).toEqual(
      sent.map(() => [503, UNAVAILABLE]),
    );
    server.behave({ kind: 'normal' });
    for (const phone of sent) {
      const res = await complete(t, phone, '1234').expect(404);
      expect(res.body.error).toEqual(NOT_FOUND);
    }
    expect(server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const holders = await t.pool.query('SELECT phone_number FROM otp_code_holders');
    expect(holders.rows).toEqual([]);
  }, 30_000);

  it('stays ready and serves reads while more completions hang than the pool has connections; each ends with 503', async () => {
    const sent = phones(200);
    for (const phone of sent) await verify(t, phone).expect(200);
    server.behave({ kind: 'hang' });

    const completions = inFlight(
      sent.map((phone) => complete(t, phone, server.lastCodeFor(phone)!)),
    );
    await waitFor(() => server.requests.filter((r) => r.method === 'PATCH').length === HANGING);
    await expectServedWhileHanging(t, completions.settled);

    const answers = await completions.all;
    expect(answers.map((a) => [a.status, a.body.error])).toEqual(
      sent.map(() => [503, UNAVAILABLE]),
    );
    server.behave({ kind: 'normal' });
    for (const phone of sent) await complete(t, phone, server.lastCodeFor(phone)!).expect(200);
  }, 30_000);
});
