import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { FakeOtpServer } from '../support/otp-server.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

const PHONE = '+380971234567';
const ENCODED = encodeURIComponent(PHONE);
const bearer = (scopes: string | string[] = 'otp_verification:write'): string =>
  `Bearer ${tokenFor(scopes)}`;

describe('phone verification', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();
  let phoneSeq = 0;
  // A fresh phone per test keeps the tests independent of each other's codes.
  const nextPhone = (): string => `+38050${String(1_000_000 + phoneSeq++).slice(1)}0`;

  beforeAll(async () => {
    t = await createTestApp({
      env: { OTP_MAX_ATTEMPTS: '3', OTP_CODE_TTL_MINUTES: '15' },
      customize: (builder) => builder.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const initialize = (phone: string) =>
    t.http.post('/api/verifications').set('Authorization', bearer()).send({ phone_number: phone });
  const complete = (phone: string, code: unknown) =>
    t.http
      .patch(`/api/verifications/${encodeURIComponent(phone)}/actions/complete`)
      .set('Authorization', bearer())
      .send({ code });

  describe('POST /api/verifications', () => {
    it('sends a code and answers 200 with a NEW, active verification', async () => {
      const res = await initialize(PHONE).expect(200);
      expect(res.body).toEqual({
        meta: {
          code: 200,
          url: expect.stringMatching(/\/api\/verifications$/),
          type: 'object',
          request_id: expect.any(String),
        },
        data: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          status: 'NEW',
          code_expired_at: '2026-11-23T10:15:00.000Z',
          active: true,
        },
      });
      expect(sms.lastCodeFor(PHONE)).toMatch(/^[1-9][0-9]{3}$/);
    });

    it.each<[string, unknown]>([
      ['a phone outside Ukraine', { phone_number: '+48123456789' }],
      ['a phone without +', { phone_number: '380971234567' }],
      ['a number instead of a string', { phone_number: 380971234567 }],
      ['no phone', {}],
      ['an unknown property', { phone_number: PHONE, extra: 1 }],
    ])('refuses %s with 422', async (_name, body) => {
      const res = await t.http
        .post('/api/verifications')
        .set('Authorization', bearer())
        .send(body as object)
        .expect(422);
      expect(res.body.error.type).toBe('validation_failed');
      expect(res.body.error.invalid.length).toBeGreaterThan(0);
    });

    it('names the field in the 422', async () => {
      const res = await t.http
        .post('/api/verifications')
        .set('Authorization', bearer())
        .send({ phone_number: '12' })
        .expect(422);
      expect(res.body.error.invalid).toEqual([
        expect.objectContaining({ entry: '$.phone_number', entry_type: 'json_data_property' }),
      ]);
    });

    it('refuses a token without otp_verification:write with 403', async () => {
      const res = await t.http
        .post('/api/verifications')
        .set('Authorization', bearer('person:read'))
        .send({ phone_number: PHONE })
        .expect(403);
      expect(res.body.error).toEqual({
        type: 'forbidden',
        message:
          'Your scope does not allow to access this resource. Missing allowances: otp_verification:write',
      });
    });

    it('refuses a request without a token with 401', async () => {
      await t.http.post('/api/verifications').send({ phone_number: PHONE }).expect(401);
    });
  });

  describe('PATCH /api/verifications/{phone_number}/actions/complete', () => {
    it('verifies the right code as a number: 200 VERIFIED, inactive', async () => {
      const phone = nextPhone();
      const sent = await initialize(phone).expect(200);
      const res = await complete(phone, Number(sms.lastCodeFor(phone))).expect(200);
      expect(res.body.meta.code).toBe(200);
      expect(res.body.data).toEqual({
        id: sent.body.data.id,
        status: 'VERIFIED',
        code_expired_at: sent.body.data.code_expired_at,
        active: false,
      });
      const { rows } = await t.pool.query(
        'SELECT phone_number FROM verified_phones WHERE phone_number = $1',
        [phone],
      );
      expect(rows).toEqual([{ phone_number: phone }]);
    });

    it('verifies the right code as a digit string, with + unencoded in the path', async () => {
      const phone = nextPhone();
      await initialize(phone).expect(200);
      const res = await t.http
        .patch(`/api/verifications/${phone}/actions/complete`)
        .set('Authorization', bearer())
        .send({ code: sms.lastCodeFor(phone) })
        .expect(200);
      expect(res.body.data.status).toBe('VERIFIED');
    });

    it('answers a wrong code with 403 Invalid verification code', async () => {
      const phone = nextPhone();
      await initialize(phone).expect(200);
      const wrong = sms.lastCodeFor(phone) === '1000' ? 1001 : 1000;
      const res = await complete(phone, wrong).expect(403);
      expect(res.body.error).toEqual({ type: 'forbidden', message: 'Invalid verification code' });
    });

    it('closes the code on the last wrong attempt: then 403 Maximum attempts exceed', async () => {
      const phone = nextPhone();
      await initialize(phone).expect(200);
      const right = sms.lastCodeFor(phone);
      const wrong = right === '1000' ? 1001 : 1000;
      for (let i = 0; i < 3; i++) await complete(phone, wrong).expect(403);
      const res = await complete(phone, Number(right)).expect(403);
      expect(res.body.error).toEqual({ type: 'forbidden', message: 'Maximum attempts exceed' });
    });

    it('answers an expired code with 403 Verification code expired', async () => {
      const phone = nextPhone();
      await initialize(phone).expect(200);
      t.clock.advance(15 * 60_000);
      try {
        const res = await complete(phone, Number(sms.lastCodeFor(phone))).expect(403);
        expect(res.body.error).toEqual({
          type: 'forbidden',
          message: 'Verification code expired',
        });
      } finally {
        t.clock.advance(-15 * 60_000);
      }
    });

    it('answers 404 when no verification exists for the phone', async () => {
      const res = await complete(nextPhone(), 1234).expect(404);
      expect(res.body.error).toEqual({ type: 'not_found', message: 'Verification not found' });
    });

    it('answers 404 for a phone outside the format', async () => {
      const res = await complete('not-a-phone', 1234).expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    it.each<[string, unknown]>([
      ['a negative number', -1234],
      ['a fraction', 12.5],
      ['letters', '12ab'],
      ['an empty string', ''],
      ['null', null],
      ['an object', { code: 1 }],
    ])('refuses a code that is %s with 422', async (_name, code) => {
      const res = await complete(PHONE, code).expect(422);
      const entries = res.body.error.invalid.map((e: { entry: string }) => e.entry);
      expect(entries.length).toBeGreaterThan(0);
      expect(new Set(entries)).toEqual(new Set(['$.code']));
    });

    it('refuses a token without otp_verification:write with 403', async () => {
      await t.http
        .patch(`/api/verifications/${ENCODED}/actions/complete`)
        .set('Authorization', bearer('person_request:write'))
        .send({ code: 1234 })
        .expect(403);
    });
  });

  it('documents both endpoints and their errors in OpenAPI', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const post = doc.body.paths['/api/verifications'].post;
    const patch = doc.body.paths['/api/verifications/{phone_number}/actions/complete'].patch;
    expect(post.tags).toEqual(['Phone verification']);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '422', '429', '503']),
    );
    expect(Object.keys(patch.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '422', '503']),
    );
    expect(Object.keys(patch.responses['403'].content['application/json'].examples)).toEqual(
      expect.arrayContaining(['Invalid verification code', 'Maximum attempts exceed']),
    );
  });
});

describe('phone verification resend interval', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      env: { OTP_RESEND_INTERVAL_SECONDS: '60' },
      customize: (builder) => builder.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a second code inside the interval with 429 and Retry-After', async () => {
    const send = () =>
      t.http
        .post('/api/verifications')
        .set('Authorization', bearer())
        .send({ phone_number: PHONE });
    await send().expect(200);
    t.clock.advance(20_000);
    const res = await send().expect(429);
    expect(res.headers['retry-after']).toBe('40');
    expect(res.body.error).toEqual({
      type: 'too_many_requests',
      message: 'Too many verification codes requested for this phone',
    });
    t.clock.advance(40_000);
    await send().expect(200);
    expect(sms.sent).toHaveLength(2);
  });
});

describe('phone verification through the registry OTP service (OTP_VERIFICATION_URL)', () => {
  let t: TestApp;
  let server: FakeOtpServer;

  beforeAll(async () => {
    server = await FakeOtpServer.start();
    t = await createTestApp({
      env: { OTP_VERIFICATION_URL: server.url, OTP_TIMEOUT_MS: '1500' },
    });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });
  beforeEach(() => server.reset());

  it('uses the remote service and answers in upper case', async () => {
    const sent = await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .send({ phone_number: PHONE })
      .expect(200);
    expect(sent.body.data).toMatchObject({ status: 'NEW', active: true });
    const done = await t.http
      .patch(`/api/verifications/${ENCODED}/actions/complete`)
      .set('Authorization', bearer())
      .send({ code: server.lastCodeFor(PHONE) })
      .expect(200);
    expect(done.body.data).toMatchObject({ id: sent.body.data.id, status: 'VERIFIED' });
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM otp_verifications');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('passes the remote 403 text through', async () => {
    await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .send({ phone_number: PHONE })
      .expect(200);
    server.expire(PHONE);
    const res = await t.http
      .patch(`/api/verifications/${ENCODED}/actions/complete`)
      .set('Authorization', bearer())
      .send({ code: 1234 })
      .expect(403);
    expect(res.body.error).toEqual({ type: 'forbidden', message: 'Verification code expired' });
  });

  it.each<[string, Parameters<FakeOtpServer['behave']>[0]]>([
    ['answers 5xx', { kind: 'error' }],
    ['never answers', { kind: 'hang' }],
  ])('answers 503 when the service %s', async (_name, behaviour) => {
    server.behave(behaviour);
    const res = await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .send({ phone_number: PHONE })
      .expect(503);
    expect(res.body.error).toEqual({
      type: 'service_unavailable',
      message: 'OTP verification service is unavailable',
    });
  });

  it('passes the remote 429 on with its Retry-After', async () => {
    server.behave({ kind: 'rate-limited', retryAfter: '30' });
    const res = await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .send({ phone_number: PHONE })
      .expect(429);
    expect(res.headers['retry-after']).toBe('30');
  });
});
