import { refusedUrl, type ServiceFault } from '../support/fake-http-service.js';
import { budgetCount } from '../support/database.js';
import { FakeOtpServer } from '../support/otp-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

/**
 * A send whose outcome is unknown keeps its count in the SMS budget; only a send that certainly
 * delivered nothing gives it back (docs/api.md, SMS budget). Against a real local HTTP server
 * standing for the registry's OTP service, with a timeout far shorter than its slow answers.
 */
const LIMIT = 5;
const TIMEOUT_MS = 150;
/** Far past the timeout: the caller has given up long before the slow service answers. */
const SLOW: ServiceFault = { kind: 'slow', afterMs: TIMEOUT_MS * 10 };
const UNAVAILABLE = {
  type: 'service_unavailable',
  message: 'OTP verification service is unavailable',
};

let seq = 0;
const freshPhone = (): string => `+38096${String(1_000_000 + seq++).slice(1)}0`;
const bearer = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor('otp_verification:write', { clientId })}`,
});

describe('the SMS budget when the OTP service fails', () => {
  let server: FakeOtpServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await FakeOtpServer.start();
    t = await createTestApp({
      env: {
        OTP_VERIFICATION_URL: server.url,
        OTP_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: String(LIMIT),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });
  beforeEach(() => server.reset());

  const start = (clientId: string) =>
    t.http.post('/api/verifications').set(bearer(clientId)).send({ phone_number: freshPhone() });

  it.each<[string, number, number, Parameters<FakeOtpServer['behave']>[0]]>([
    ['answers after the timeout', 503, 1, SLOW],
    ['resets the connection after reading the request', 503, 1, { kind: 'close' }],
    ['answers 500', 503, 1, { kind: 'error' }],
    ['answers 502', 503, 1, { kind: 'reply', status: 502, body: {} }],
    ['answers 201 with a body outside the contract', 503, 1, { kind: 'garbage' }],
    ['answers 429', 429, 0, { kind: 'rate-limited', retryAfter: '30' }],
    ['answers 400', 503, 0, { kind: 'reply', status: 400, body: {} }],
    ['answers 422', 503, 0, { kind: 'reply', status: 422, body: {} }],
  ])('when the service %s, answers %i and counts %i', async (name, status, counted, behaviour) => {
    const client = `client-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
    server.behave(behaviour);

    const res = await start(client).expect(status);

    expect(res.body.error).toEqual(
      status === 503
        ? UNAVAILABLE
        : {
            type: 'too_many_requests',
            message: 'Too many requests to the OTP verification service',
          },
    );
    expect(server.requests).toHaveLength(1);
    expect(await budgetCount(t.pool, client)).toBe(counted);
  });

  it('counts every parallel send a slow service may have made, and no more than the budget', async () => {
    server.behave(SLOW);
    const client = 'client-parallel';
    const statuses: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const answers = await Promise.all(Array.from({ length: 30 }, () => start(client)));
      statuses.push(...answers.map((a) => a.status));
    }

    const reached = server.requests.filter((r) => r.method === 'POST').length;
    expect(reached).toBe(LIMIT);
    expect(await budgetCount(t.pool, client)).toBe(reached);
    expect(statuses.filter((s) => s === 503)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90 - LIMIT);
  });
});

describe('the SMS budget when the OTP service refuses the connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        OTP_VERIFICATION_URL: await refusedUrl(),
        OTP_TIMEOUT_MS: String(TIMEOUT_MS),
        SMS_PER_CLIENT_PER_HOUR: String(LIMIT),
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 and counts nothing, however often it is tried', async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await t.http
        .post('/api/verifications')
        .set(bearer('client-refused'))
        .send({ phone_number: freshPhone() })
        .expect(503);
      expect(res.body.error).toEqual(UNAVAILABLE);
    }
    expect(await budgetCount(t.pool, 'client-refused')).toBe(0);
  });
});
