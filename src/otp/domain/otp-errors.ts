import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about OTP codes and phone verification (docs/api.md, Error texts). */
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
