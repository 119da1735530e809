import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/**
 * The texts of answers about OTP codes and the SMS budget (docs/api.md, Error texts), in the
 * registry OTP service's words. `verificationNotFound` is the port's own 'not_found' (no live code
 * of the purpose), answered by phone verification and by a request's confirmation alike.
 */
export const OTP_ERRORS = {
  verificationNotFound: spec('not_found', 'Verification not found'),
  resendTooSoon: spec('rate_limited', 'Too many verification codes requested for this phone'),
  smsLimit: spec('rate_limited', 'SMS limit for this client is reached'),
  otpRateLimited: spec('rate_limited', 'Too many requests to the OTP verification service'),
  otpUnavailable: spec('unavailable', 'OTP verification service is unavailable'),
  invalidCode: spec('otp_rejected', 'Invalid verification code'),
  codeExpired: spec('otp_rejected', 'Verification code expired'),
  attemptsExceeded: spec('otp_rejected', 'Maximum attempts exceed'),
} as const satisfies Record<string, ErrorSpec>;
