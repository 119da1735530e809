import type { CapturingSmsSender } from './otp-sms.js';
import type { TestApp } from './test-app.js';
import { tokenFor } from './tokens.js';

export interface VerifyPhoneOptions {
  /** The instance that completes the verification (default: the one that started it). */
  readonly completeOn?: TestApp;
  /** Headers of both calls (default: a token with otp_verification:write). */
  readonly headers?: Record<string, string>;
  /** Write the phone in the complete path as it is, `+` included, as some clients do. */
  readonly unencoded?: boolean;
}

/**
 * Completes a phone verification (POST /api/verifications, then complete with the code the
 * capturing SMS sender saw), so the phone may be inserted as an OTP method.
 */
export async function verifyPhone(
  t: TestApp,
  sms: CapturingSmsSender,
  phone: string,
  options: VerifyPhoneOptions = {},
): Promise<void> {
  const headers = options.headers ?? {
    Authorization: `Bearer ${tokenFor('otp_verification:write')}`,
  };
  await t.http.post('/api/verifications').set(headers).send({ phone_number: phone }).expect(200);
  const segment = options.unencoded ? phone : encodeURIComponent(phone);
  await (options.completeOn ?? t).http
    .patch(`/api/verifications/${segment}/actions/complete`)
    .set(headers)
    .send({ code: Number(sms.lastCodeFor(phone)) })
    .expect(200);
}
