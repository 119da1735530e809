import { Writable } from 'node:stream';
import { approveAmr, createAmr } from '../support/auth-method-requests.js';
import { snapshot } from '../support/database.js';
import { FakeOtpServer } from '../support/otp-server.js';
import { registerPerson } from '../support/persons.js';
import { uploadScans } from '../support/uploads.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

const PR_WRITE = { Authorization: `Bearer ${tokenFor('person_request:write')}` };
const AMR_WRITE = { Authorization: `Bearer ${tokenFor('authentication_method_request:write')}` };

describe('flows against the registry OTP service over HTTP', () => {
  let otp: FakeOtpServer;
  let t: TestApp;
  const log: string[] = [];

  beforeAll(async () => {
    otp = await FakeOtpServer.start();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await createTestApp({
      env: { OTP_VERIFICATION_URL: otp.url, OTP_TIMEOUT_MS: '2000', LOG_LEVEL: 'debug' },
      logStream: stream,
    });
  });
  afterAll(async () => {
    await t.close();
    await otp.close();
  });
  afterEach(() => otp.behave({ kind: 'normal' }));

  it('answers 503 on approve while the OTP service is down, and the request stays NEW', async () => {
    const person = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: '+380501230001' }],
    });
    const created = await createAmr(t, AMR_WRITE, person.id, {
      action: 'INSERT',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    await uploadScans(t, created.body.urgent.documents);
    const before = await snapshot(t.pool);
    for (const behaviour of [{ kind: 'error' }, { kind: 'hang' }, { kind: 'garbage' }] as const) {
      otp.behave(behaviour);
      const res = await approveAmr(t, AMR_WRITE, person.id, created.body.data.id, {
        verification_code: 1234,
      }).expect(503);
      expect(res.body.error).toEqual({
        type: 'service_unavailable',
        message: 'OTP verification service is unavailable',
      });
    }
    expect(await snapshot(t.pool)).toEqual(before);
    otp.behave({ kind: 'normal' });
    const code = otp.lastCodeFor('+380501230001')!;
    const ok = await approveAmr(t, AMR_WRITE, person.id, created.body.data.id, {
      verification_code: code,
    }).expect(201);
    expect(ok.body.data.status).toBe('COMPLETED');
  });

  it('answers resend_otp with 503 and 429 from the OTP service, changing nothing', async () => {
    const created = await t.http
      .post('/api/v3/person_requests')
      .set(PR_WRITE)
      .send(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380501230002' }] },
        }),
      )
      .expect(201);
    const before = await snapshot(t.pool);
    otp.behave({ kind: 'error' });
    await t.http
      .post(`/api/person_requests/${created.body.data.id}/actions/resend_otp`)
      .set(PR_WRITE)
      .expect(503);
    otp.behave({ kind: 'rate-limited', retryAfter: '42' });
    const limited = await t.http
      .post(`/api/person_requests/${created.body.data.id}/actions/resend_otp`)
      .set(PR_WRITE)
      .expect(429);
    expect(limited.headers['retry-after']).toBe('42');
    expect(await snapshot(t.pool)).toEqual(before);
    otp.behave({ kind: 'normal' });
    const ok = await t.http
      .post(`/api/person_requests/${created.body.data.id}/actions/resend_otp`)
      .set(PR_WRITE)
      .send([])
      .expect(200);
    expect(ok.body.data).toMatchObject({ status: 'NEW', active: true });
  });

  it('does not create a person request when the code cannot be sent', async () => {
    const before = await snapshot(t.pool);
    otp.behave({ kind: 'error' });
    await t.http
      .post('/api/v3/person_requests')
      .set(PR_WRITE)
      .send(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: '+380501230003' }] },
        }),
      )
      .expect(503);
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('writes no full phone number, tax id, code or token to the log of a whole flow', async () => {
    log.length = 0;
    const phone = '+380501239876';
    const token = tokenFor('person_request:write');
    const created = await t.http
      .post('/api/v3/person_requests')
      .set({ Authorization: `Bearer ${token}` })
      .send(v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone }] } }))
      .expect(201);
    await t.http
      .post(`/api/person_requests/${created.body.data.id}/actions/resend_otp`)
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const code = otp.lastCodeFor(phone)!;
    await t.http
      .patch(`/api/v3/person_requests/${created.body.data.id}/actions/approve`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ verification_code: code })
      .expect(201);
    await t.http
      .post('/api/verifications')
      .set({ Authorization: `Bearer ${tokenFor('otp_verification:write')}` })
      .send({ phone_number: phone })
      .expect(201);
    await t.http
      .patch(`/api/verifications/${encodeURIComponent(phone)}/actions/complete`)
      .set({ Authorization: `Bearer ${tokenFor('otp_verification:write')}` })
      .send({ code: Number(otp.lastCodeFor(phone)) })
      .expect(200);
    const text = log.join('');
    expect(text.length).toBeGreaterThan(500);
    expect(text).toContain(created.body.data.id);
    for (const secret of [
      phone,
      phone.slice(1),
      encodeURIComponent(phone),
      '2659719350',
      token,
      `"${code}"`,
      `code ${code}`,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
