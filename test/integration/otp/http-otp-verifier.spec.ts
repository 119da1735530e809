import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { HttpOtpVerifier } from '../../../src/otp/adapters/http/http-otp-verifier.js';
import { DomainError } from '../../../src/kernel/domain/errors.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import { refusedUrl } from '../../support/fake-http-service.js';
import { FakeOtpServer } from '../../support/otp-server.js';

const PHONE = '+380971234567';
const UNAVAILABLE = { code: 'unavailable', message: 'OTP verification service is unavailable' };

function verifierFor(url: string, timeoutMs = 5000): HttpOtpVerifier {
  return new HttpOtpVerifier({ url, timeoutMs });
}

describe('HttpOtpVerifier against a server speaking the registry OTP contract', () => {
  let server: FakeOtpServer;
  let otp: HttpOtpVerifier;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await FakeOtpServer.start();
    otp = verifierFor(server.url);
    const capture = (message: unknown): void => void logged.push(String(message));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(capture);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(capture);
  });
  afterAll(async () => {
    await server.close();
    jest.restoreAllMocks();
  });
  beforeEach(() => server.reset());

  describe('initialize', () => {
    it('posts the phone and turns the 201 answer into an upper-case NEW verification', async () => {
      const verification = await otp.initialize(PHONE);
      expect(verification).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'NEW',
        codeExpiredAt: expect.any(Date),
        active: true,
      });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({
        method: 'POST',
        url: '/verifications',
        body: { phone_number: PHONE },
      });
      expect(server.requests[0].headers['content-type']).toBe('application/json');
    });

    it.each<[string, string | undefined, number]>([
      ['the Retry-After header', '17', 17],
      ['60 seconds without a Retry-After header', undefined, 60],
      ['60 seconds when Retry-After is an HTTP date', 'Wed, 21 Oct 2026 07:28:00 GMT', 60],
    ])('maps 429 to rate_limited with %s, nothing sent', async (_name, retryAfter, seconds) => {
      server.behave({ kind: 'rate-limited', ...(retryAfter ? { retryAfter } : {}) });
      await expect(otp.initialize(PHONE)).rejects.toEqual(
        new NotSent(expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: seconds })),
      );
    });

    it('maps an answer outside the contract (201 without data) to unavailable, maybe sent', async () => {
      server.behave({ kind: 'reply', status: 201, body: { ok: true } });
      await expect(otp.initialize(PHONE)).rejects.toEqual(expect.objectContaining(UNAVAILABLE));
    });

    it('maps an unknown status to unavailable, maybe sent', async () => {
      server.behave({
        kind: 'reply',
        status: 201,
        body: { data: { id: 'x', status: 'weird', code_expired_at: '2026-01-01T00:00:00Z' } },
      });
      await expect(otp.initialize(PHONE)).rejects.toEqual(expect.objectContaining(UNAVAILABLE));
    });

    it.each([400, 404, 422])(
      'maps an unexpected %i to unavailable, nothing sent',
      async (status) => {
        server.behave({ kind: 'reply', status, body: { error: { type: 'validation_failed' } } });
        await expect(otp.initialize(PHONE)).rejects.toEqual(
          new NotSent(expect.objectContaining(UNAVAILABLE)),
        );
      },
    );

    /** Whether a failed send may have sent its code: NotSent says it did not. */
    const maybeSent = async (call: Promise<unknown>): Promise<boolean> => {
      const error: unknown = await call.then(
        () => new Error('the call succeeded'),
        (e: unknown) => e,
      );
      if (error instanceof NotSent) {
        expect(error.refusal).toMatchObject(UNAVAILABLE);
        return false;
      }
      expect(error).toMatchObject(UNAVAILABLE);
      return true;
    };

    it.each<[string, Parameters<FakeOtpServer['behave']>[0]]>([
      ['a 500', { kind: 'error' }],
      ['a 502', { kind: 'reply', status: 502, body: {} }],
      ['a reset after the request was read', { kind: 'close' }],
      ['no answer before the timeout', { kind: 'hang' }],
      ['an answer after the timeout', { kind: 'slow', afterMs: 2_000 }],
      ['a 201 that is not JSON', { kind: 'garbage' }],
    ])('counts %s as a send that may have gone out', async (_n, behaviour) => {
      server.behave(behaviour);
      await expect(maybeSent(verifierFor(server.url, 200).initialize(PHONE))).resolves.toBe(true);
      expect(server.requests).toHaveLength(1);
    });

    it('counts a refused connection as nothing sent', async () => {
      await expect(maybeSent(verifierFor(await refusedUrl()).initialize(PHONE))).resolves.toBe(
        false,
      );
    });
  });

  describe('complete', () => {
    it('sends the code as a number to the URL-encoded phone and verifies on 200', async () => {
      await otp.initialize(PHONE);
      const code = server.lastCodeFor(PHONE)!;
      const result = await otp.complete(PHONE, code);
      expect(result).toEqual({
        ok: true,
        verification: expect.objectContaining({ status: 'VERIFIED', active: false }),
      });
      const patch = server.requests.at(-1)!;
      expect(patch.method).toBe('PATCH');
      expect(patch.url).toBe('/verifications/%2B380971234567/actions/complete');
      expect(patch.rawBody).toBe(`{"code":${code}}`);
    });

    it.each<[string, string, string]>([
      ['Invalid verification code', 'invalid_code', 'the text of a wrong code'],
      ['Verification code expired', 'expired', 'the text of an expired code'],
      ['Maximum attempts exceed', 'attempts_exceeded', 'the text of a closed code'],
      ['Something else entirely', 'invalid_code', 'any other text'],
    ])('maps 403 "%s" to %s (%s)', async (message, reason) => {
      server.behave({
        kind: 'reply',
        status: 403,
        body: { error: { type: 'forbidden', message } },
      });
      await expect(otp.complete(PHONE, '1234')).resolves.toEqual({ ok: false, reason });
    });

    it('maps a 403 without a JSON body to invalid_code', async () => {
      server.behave({ kind: 'reply', status: 403, body: 'nope' });
      await expect(otp.complete(PHONE, '1234')).resolves.toEqual({
        ok: false,
        reason: 'invalid_code',
      });
    });

    it('follows the contract through wrong, closed and expired codes', async () => {
      await otp.initialize(PHONE);
      const right = server.lastCodeFor(PHONE)!;
      const wrong = right === '1000' ? '1001' : '1000';
      const reasons: string[] = [];
      for (let i = 0; i < 4; i++) {
        const result = await otp.complete(PHONE, wrong);
        reasons.push(result.ok ? 'ok' : result.reason);
      }
      expect(reasons).toEqual([
        'invalid_code',
        'invalid_code',
        'invalid_code',
        'attempts_exceeded',
      ]);
      await otp.initialize(PHONE);
      server.expire(PHONE);
      await expect(otp.complete(PHONE, server.lastCodeFor(PHONE)!)).resolves.toEqual({
        ok: false,
        reason: 'expired',
      });
    });

    it('maps 404 to not_found', async () => {
      await expect(otp.complete(PHONE, '1234')).resolves.toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('maps 429 to rate_limited', async () => {
      server.behave({ kind: 'rate-limited', retryAfter: '5' });
      await expect(otp.complete(PHONE, '1234')).rejects.toMatchObject({
        code: 'rate_limited',
        retryAfterSeconds: 5,
      });
    });
  });

  describe('isVerified', () => {
    it('answers false on 404 and true on 200 after a completed verification', async () => {
      await expect(otp.isVerified(PHONE)).resolves.toBe(false);
      await otp.initialize(PHONE);
      await otp.complete(PHONE, server.lastCodeFor(PHONE)!);
      await expect(otp.isVerified(PHONE)).resolves.toBe(true);
      expect(server.requests.at(-1)).toMatchObject({
        method: 'GET',
        url: '/verifications/%2B380971234567',
      });
    });
  });

  describe('when the service fails', () => {
    const calls: [string, (v: HttpOtpVerifier) => Promise<unknown>][] = [
      ['initialize', (v) => v.initialize(PHONE)],
      ['complete', (v) => v.complete(PHONE, '1234')],
      ['isVerified', (v) => v.isVerified(PHONE)],
    ];

    it.each(calls)('maps a 5xx on %s to unavailable', async (_name, call) => {
      server.behave({ kind: 'error' });
      await expect(call(otp)).rejects.toMatchObject(UNAVAILABLE);
    });

    it.each(calls)('maps a non-JSON body on %s to unavailable', async (_name, call) => {
      server.behave({ kind: 'garbage' });
      await expect(call(otp)).rejects.toMatchObject(UNAVAILABLE);
    });

    it.each(calls)('maps a dropped connection on %s to unavailable', async (_name, call) => {
      server.behave({ kind: 'close' });
      await expect(call(otp)).rejects.toMatchObject(UNAVAILABLE);
    });

    it.each(calls)(
      'times out %s after OTP_TIMEOUT_MS and answers unavailable',
      async (_n, call) => {
        server.behave({ kind: 'hang' });
        // Wall-clock bounds on purpose: the server never answers, so only the adapter's own timeout
        // ends the call, and how long it waited is the one observable sign that the configured
        // 150 ms (not a default, not no timeout) is the one in force.
        const started = Date.now();
        await expect(call(verifierFor(server.url, 150))).rejects.toMatchObject(UNAVAILABLE);
        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(140);
        expect(elapsed).toBeLessThan(2000);
      },
    );

    it.each(calls)('maps a refused connection on %s to unavailable', async (_name, call) => {
      const refused = verifierFor(await refusedUrl());
      const error: unknown = await call(refused).catch((e: unknown) => e);
      const answered = error instanceof NotSent ? error.refusal : error;
      expect(answered).toBeInstanceOf(DomainError);
      expect(answered).toMatchObject(UNAVAILABLE);
    });
  });

  it('never logs the code or the full phone', async () => {
    await otp.initialize(PHONE);
    await otp.complete(PHONE, server.lastCodeFor(PHONE)!);
    server.behave({ kind: 'error' });
    await otp.complete(PHONE, '4321').catch(() => undefined);
    server.behave({ kind: 'hang' });
    await verifierFor(server.url, 50)
      .complete(PHONE, '4321')
      .catch(() => undefined);
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join('\n');
    expect(all).not.toContain('380971234567');
    expect(all).not.toContain('4321');
  });

  it('keeps a base path of OTP_VERIFICATION_URL', async () => {
    server.behave({ kind: 'reply', status: 404, body: {} });
    await verifierFor(`${server.url}/otp/api/`).isVerified(PHONE);
    expect(server.requests.at(-1)!.url).toBe('/otp/api/verifications/%2B380971234567');
  });
});
