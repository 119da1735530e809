import type { TestingModuleBuilder } from '@nestjs/testing';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { requestFingerprint } from '../../src/platform/idempotency/idempotency-key.js';
import { createTestDatabase } from '../support/database.js';
import { FakeOtpServer } from '../support/otp-server.js';
import { GatedSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, tokenFor } from '../support/tokens.js';
import { until } from '../support/until.js';
import { v3Body } from '../support/v3.js';

const HEADER = 'X-Idempotency-Key';
const CREATE = '/api/v3/person_requests';
const SHORT_WAIT_MS = 300;
const IN_PROGRESS = {
  type: 'request_conflict',
  message: 'Request with this idempotency key is in progress',
};
const AUTH = {
  Authorization: `Bearer ${tokenFor(['otp_verification:write', 'person_request:write'])}`,
};

let seq = 0;
const otpBody = () =>
  v3Body({
    person: {
      authentication_methods: [
        { type: 'OTP', phone_number: `+38096${String(1_000_000 + seq++).slice(1)}2` },
      ],
    },
  });

/**
 * The same request in flight twice (docs/api.md, Safe retries): an SMS gateway that holds every
 * send keeps the first create running; a second one with the same key waits for its answer on
 * the instance that waits long enough (b) and gets 409 on the one that waits IDEMPOTENCY_WAIT_MS
 * = 300 (a). A claim whose instance died is taken over once its lease is over.
 */
describe('X-Idempotency-Key while the same request is in flight', () => {
  let a: TestApp;
  let b: TestApp;
  let sms: GatedSmsSender;
  let databaseUrl: string;

  const start = (waitMs: number) =>
    createTestApp({
      databaseUrl,
      env: { IDEMPOTENCY_WAIT_MS: String(waitMs) },
      customize: (builder: TestingModuleBuilder) =>
        builder.overrideProvider(SmsSender).useFactory({ factory: () => sms }),
    });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('idempotency_wait');
    sms = new GatedSmsSender();
    a = await start(SHORT_WAIT_MS);
    b = await start(10_000);
  });
  afterAll(async () => {
    sms.open();
    await a.close();
    await b.close();
  });

  const create = (t: TestApp, key: string, body: object) =>
    t.http.post(CREATE).set(AUTH).set(HEADER, key).send(body);

  it('makes the same request wait for the first answer, or answer 409 after the wait', async () => {
    const body = otpBody();
    const first = create(a, 'slow', body).then((r) => r);
    await until('the first create holds its SMS', () => sms.waiting === 1);
    const waiter = create(b, 'slow', body).then((r) => r);

    const began = Date.now();
    const impatient = await create(a, 'slow', body);
    expect(impatient.status).toBe(409);
    expect(impatient.body.error).toEqual(IN_PROGRESS);
    expect(impatient.body.meta.idempotency_key).toBe('slow');
    expect(Date.now() - began).toBeGreaterThanOrEqual(SHORT_WAIT_MS - 20);

    const other = await create(a, 'slow', otpBody());
    expect(other.status).toBe(422);
    expect(other.body.error.invalid[0].entry).toBe('$.headers.x-idempotency-key');

    expect(sms.waiting).toBe(1);
    sms.open();
    const [answered, waited] = await Promise.all([first, waiter]);
    expect(answered.status).toBe(201);
    expect(waited.status).toBe(201);
    expect(waited.body.data).toEqual(answered.body.data);
    expect(sms.sent).toHaveLength(1);
  });

  it('takes over a claim left by a dead instance once its lease is over', async () => {
    const body = otpBody();
    const fingerprint = requestFingerprint('POST', CREATE, Buffer.from(JSON.stringify(body)));
    const claim = (key: string, age: string) =>
      a.pool.query(
        `INSERT INTO idempotency_keys (client_id, key, fingerprint, owner, claimed_at, expires_at)
         VALUES ($1, $2, $3, gen_random_uuid(), now() - $4::interval, $5)`,
        [TEST_CLIENT_ID, key, fingerprint, age, new Date(a.clock.now().getTime() + 3_600_000)],
      );
    await claim('fresh-claim', '1 second');
    await claim('dead-claim', '3 minutes');

    const blocked = await create(a, 'fresh-claim', body);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toEqual(IN_PROGRESS);

    const taken = await create(a, 'dead-claim', body);
    expect(taken.status).toBe(201);
    const replayed = await create(b, 'dead-claim', body);
    expect(replayed.status).toBe(201);
    expect(replayed.body.data).toEqual(taken.body.data);
  });
});

describe('X-Idempotency-Key with a slow external OTP service', () => {
  let server: FakeOtpServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await FakeOtpServer.start();
    t = await createTestApp({
      env: {
        OTP_VERIFICATION_URL: server.url,
        OTP_TIMEOUT_MS: '5000',
        IDEMPOTENCY_WAIT_MS: String(SHORT_WAIT_MS),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it('answers the twin 409 while the OTP service is still answering, then replays', async () => {
    server.behave({ kind: 'slow', afterMs: 1500 });
    const body = otpBody();
    const first = t.http
      .post(CREATE)
      .set(AUTH)
      .set(HEADER, 'otp-slow')
      .send(body)
      .then((r) => r);
    await until('the OTP service got the first call', () => server.requests.length === 1);
    const twin = await t.http.post(CREATE).set(AUTH).set(HEADER, 'otp-slow').send(body);
    expect(twin.status).toBe(409);
    expect(twin.body.error).toEqual(IN_PROGRESS);
    const answered = await first;
    expect(answered.status).toBe(201);
    const retry = await t.http.post(CREATE).set(AUTH).set(HEADER, 'otp-slow').send(body);
    expect(retry.status).toBe(201);
    expect(retry.body.data).toEqual(answered.body.data);
    expect(server.requests).toHaveLength(1);
  });
});
