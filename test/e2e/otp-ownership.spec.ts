import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { budgetCount, snapshot } from '../support/database.js';
import { FakeOtpServer } from '../support/otp-server.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * Codes belong to their purpose (docs/api.md, Phone verification and Tenancy): client B, holding
 * only `otp_verification:write`, can neither spend nor cancel the code client A's person request
 * sent to a phone, nor learn that it is pending.
 */
const CLIENT_B = '3c0f8e52-7a91-4c1d-b6a3-9e2f4d5c6b7a';
const A = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'otp_verification:write'], { clientId: TEST_CLIENT_ID })}`,
};
const B = {
  Authorization: `Bearer ${tokenFor(['otp_verification:write', 'otp_verification:read'], { clientId: CLIENT_B })}`,
};
const TOO_SOON = {
  type: 'too_many_requests',
  message: 'Too many verification codes requested for this phone',
};

/** The answer without its request-specific parts, to compare "pending" with "nothing". */
const shape = (res: { status: number; body: Record<string, any> }) => ({
  status: res.status,
  error: res.body.error as unknown,
});

let seq = 0;
const freshPhone = (): string => `+38093${String(1_000_000 + seq++).slice(1)}0`;

function calls(t: TestApp) {
  return {
    createRequest: (phone: string) =>
      t.http
        .post('/api/v3/person_requests')
        .set(A)
        .send(
          v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone }] } }),
        ),
    resend: (id: string) => t.http.post(`/api/person_requests/${id}/actions/resend_otp`).set(A),
    approve: (id: string, code: string) =>
      t.http
        .patch(`/api/v3/person_requests/${id}/actions/approve`)
        .set(A)
        .send({ verification_code: Number(code) }),
    startVerification: (as: Record<string, string>, phone: string) =>
      t.http.post('/api/verifications').set(as).send({ phone_number: phone }),
    completeVerification: (as: Record<string, string>, phone: string, code: number | string) =>
      t.http
        .patch(`/api/verifications/${encodeURIComponent(phone)}/actions/complete`)
        .set(as)
        .send({ code: Number(code) }),
  };
}

const wrongOf = (code: string): number => (code === '1000' ? 1001 : 1000);

describe('OTP codes belong to their purpose (built-in OTP service)', () => {
  let t: TestApp;
  let api: ReturnType<typeof calls>;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      env: { OTP_RESEND_INTERVAL_SECONDS: '60', OTP_MAX_ATTEMPTS: '3' },
      customize: (builder) => builder.overrideProvider(SmsSender).useValue(sms),
    });
    api = calls(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers another client's three wrong codes 404, and the owner's code still approves", async () => {
    const phone = freshPhone();
    const created = await api.createRequest(phone).expect(201);
    const code = sms.lastCodeFor(phone);
    const unknown = await api.completeVerification(B, freshPhone(), 1234);

    for (let i = 0; i < 3; i++) {
      const res = await api.completeVerification(B, phone, wrongOf(code));
      expect(shape(res)).toEqual(shape(unknown));
      expect(res.status).toBe(404);
    }
    // The right code, typed by the other client, is refused the same way and spends nothing.
    expect(shape(await api.completeVerification(B, phone, code))).toEqual(shape(unknown));

    const approved = await api.approve(created.body.data.id, code).expect(201);
    expect(approved.body.data.status).toBe('APPROVED');
  });

  it("leaves the owner's code working when another client starts a verification of the phone", async () => {
    const phone = freshPhone();
    const created = await api.createRequest(phone).expect(201);
    const code = sms.lastCodeFor(phone);
    t.clock.advance(61_000);

    await api.startVerification(B, phone).expect(201);

    await api.approve(created.body.data.id, code).expect(201);
  });

  it('gives another client the same answers whether or not a code is pending for the phone', async () => {
    const pending = freshPhone();
    const idle = freshPhone();
    await api.createRequest(pending).expect(201);

    const onPending = await api.completeVerification(B, pending, 1234);
    const onIdle = await api.completeVerification(B, idle, 1234);
    expect(shape(onPending)).toEqual(shape(onIdle));
    // Inside the owner's resend interval: the interval is per phone and purpose.
    const startPending = await api.startVerification(B, pending);
    const startIdle = await api.startVerification(B, idle);
    expect([startPending.status, startIdle.status]).toEqual([201, 201]);
  });

  it('keeps the resend interval per phone and purpose', async () => {
    const phone = freshPhone();
    const created = await api.createRequest(phone).expect(201);
    await api.startVerification(B, phone).expect(201);

    const ownAgain = await api.startVerification(B, phone).expect(429);
    expect(ownAgain.body.error).toEqual(TOO_SOON);
    const resendTooSoon = await api.resend(created.body.data.id).expect(429);
    expect(resendTooSoon.body.error).toEqual(TOO_SOON);
    // A's phone verification is a purpose of its own: B's code does not hold it back.
    await api.startVerification(A, phone).expect(201);
  });

  it('lets two clients verify one phone, each with its own code, and the phone is verified for all', async () => {
    const phone = freshPhone();
    await api.startVerification(A, phone).expect(201);
    const codeOfA = sms.lastCodeFor(phone);
    await api.startVerification(B, phone).expect(201);
    const codeOfB = sms.lastCodeFor(phone);

    await api.completeVerification(B, phone, codeOfB).expect(200);
    await api.completeVerification(A, phone, codeOfA).expect(200);
    await t.http
      .get(`/api/verifications/${encodeURIComponent(phone)}`)
      .set(B)
      .expect(200);
  });
});

describe('OTP codes belong to their purpose (external OTP service, one code per phone)', () => {
  let t: TestApp;
  let api: ReturnType<typeof calls>;
  let server: FakeOtpServer;

  beforeAll(async () => {
    server = await FakeOtpServer.start({ now: () => t.clock.now() });
    t = await createTestApp({
      env: {
        OTP_VERIFICATION_URL: server.url,
        OTP_TIMEOUT_MS: '2000',
        SMS_PER_CLIENT_PER_HOUR: '100',
      },
    });
    api = calls(t);
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });
  beforeEach(() => server.reset());

  const completesAtService = () =>
    server.requests.filter((r) => r.method === 'PATCH' && r.url.endsWith('/actions/complete'));
  const sendsAtService = () =>
    server.requests.filter((r) => r.method === 'POST' && r.url === '/verifications');

  it("answers another client's completes 404 without calling the service; the owner then approves", async () => {
    const phone = freshPhone();
    const created = await api.createRequest(phone).expect(201);
    const code = server.lastCodeFor(phone)!;
    const unknown = await api.completeVerification(B, freshPhone(), 1234);

    for (let i = 0; i < 3; i++) {
      const res = await api.completeVerification(B, phone, wrongOf(code));
      expect(shape(res)).toEqual(shape(unknown));
    }
    expect(shape(await api.completeVerification(B, phone, code))).toEqual(shape(unknown));
    expect(completesAtService()).toEqual([]);

    await api.approve(created.body.data.id, code).expect(201);
  });

  it("refuses another client's verification while the owner's code is live, with Retry-After to its expiry", async () => {
    const phone = freshPhone();
    const created = await api.createRequest(phone).expect(201);
    const code = server.lastCodeFor(phone)!;
    t.clock.advance(100_000);
    const before = await snapshot(t.pool);

    const refused = await api.startVerification(B, phone).expect(429);

    expect(refused.body.error).toEqual(TOO_SOON);
    expect(refused.headers['retry-after']).toBe(String(15 * 60 - 100));
    expect(sendsAtService()).toHaveLength(1);
    expect(await snapshot(t.pool)).toEqual(before);
    expect(await budgetCount(t.pool, CLIENT_B)).toBe(0);
    // Once the owner's code is used, the phone is free.
    await api.approve(created.body.data.id, code).expect(201);
    await api.startVerification(B, phone).expect(201);
  });

  it("frees the phone when the owner's code expires", async () => {
    const phone = freshPhone();
    await api.createRequest(phone).expect(201);
    await api.startVerification(B, phone).expect(429);

    t.clock.advance(15 * 60_000);

    await api.startVerification(B, phone).expect(201);
  });

  it('lets a client replace its own code, whatever the purpose', async () => {
    const phone = freshPhone();
    await api.createRequest(phone).expect(201);

    await api.startVerification(A, phone).expect(201);
    await api.completeVerification(A, phone, server.lastCodeFor(phone)!).expect(200);
  });

  it("sends a request's code over another client's verification, which then answers 404 without a call", async () => {
    const phone = freshPhone();
    await api.startVerification(B, phone).expect(201);
    const created = await api.createRequest(phone).expect(201);
    const code = server.lastCodeFor(phone)!;
    const unknown = await api.completeVerification(B, freshPhone(), 1234);

    const res = await api.completeVerification(B, phone, code);

    expect(shape(res)).toEqual(shape(unknown));
    expect(completesAtService()).toEqual([]);
    await api.approve(created.body.data.id, code).expect(201);
  });
});
