import type { ErrorSpec } from './errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/**
 * The error texts of the service's answers, in one place: use cases and adapters throw these,
 * the HTTP filter maps their codes, and the OpenAPI decorators document them. Integrators match
 * on the texts, so they are the registry's own where it has one. Texts tied to one field's rule
 * stay with that rule (INVALID_TEXT below, the sign body's in person-request/domain/signed-content.ts).
 */
export const ERRORS = {
  personNotFound: spec('not_found', "Such person doesn't exist"),
  personInactive: spec('conflict', "Such person isn't active"),
  personRequestNotFound: spec('not_found', 'Person request not found'),
  authMethodRequestNotFound: spec('not_found', 'Authentication method request not found'),
  verificationNotFound: spec('not_found', 'Verification not found'),
  invalidTransition: spec('conflict', 'Invalid transition'),
  personRequestNotNew: spec('conflict', 'Person request must be in status NEW'),
  authMethodRequestNotNew: spec('conflict', 'Authentication method request must be in status NEW'),
  authMethodNotOtp: spec('conflict', 'Auth method is not OTP'),
  naMethod: spec('conflict', "Person can't be authorized with NA authentication method"),
  alreadyOffline: spec('conflict', 'Person already has auth method OFFLINE'),
  tooYoung: spec('conflict', "Person's age doesn't allow own authentication method"),
  sameOtpPhone: spec('conflict', 'Person already has auth method OTP with this phone number'),
  sameThirdPerson: spec('conflict', 'Person already has this third person'),
  noDocumentsToVerify: spec('conflict', 'Person has no documents to verify'),
  concurrentChange: spec('conflict', 'Concurrent change, retry'),
  resendTooSoon: spec('rate_limited', 'Too many verification codes requested for this phone'),
  smsLimit: spec('rate_limited', 'SMS limit for this client is reached'),
  otpRateLimited: spec('rate_limited', 'Too many requests to the OTP verification service'),
  writeRateLimited: spec('rate_limited', 'Too many write requests, retry later'),
  readLimit: spec('rate_limited', 'Read limit for this client is reached'),
  signLimit: spec('rate_limited', 'Sign limit for this client is reached'),
  otpUnavailable: spec('unavailable', 'OTP verification service is unavailable'),
  storageUnavailable: spec('unavailable', 'Document storage is unavailable'),
  signatureUnavailable: spec('unavailable', 'Digital signature service is unavailable'),
  databaseUnavailable: spec('unavailable', 'Database is unavailable'),
  uploadRefused: spec('forbidden_upload', 'Upload URL signature is invalid or expired'),
  invalidCode: spec('otp_rejected', 'Invalid verification code'),
  codeExpired: spec('otp_rejected', 'Verification code expired'),
  attemptsExceeded: spec('otp_rejected', 'Maximum attempts exceed'),
  tooManyResults: spec(
    'too_many_results',
    'This API method returns only exact match results, please retry with more specific search result',
  ),
} as const satisfies Record<string, ErrorSpec>;

/** 409 of an approve whose scans are missing, each type in slot order. */
export function missingDocuments(types: readonly string[]): ErrorSpec {
  return { code: 'conflict', message: `Documents ${types.join(', ')} is not uploaded` };
}

/** Descriptions of 422 entries that integrators match on (the registry's texts). */
export const INVALID_TEXT = {
  phoneNotVerified: 'The phone number is not verified',
  notOwnMethod: 'such authentication method does not belong to this person',
  noSuchPerson: "such person doesn't exist",
  thirdPersonInactive: 'third person must be active',
  thirdPersonNotAdult: 'third person must be adult',
  thirdPersonWithoutMethod: 'third person must has auth method OTP or OFFLINE',
  thirdPersonIsSelf: 'third person must be another person',
  codeFormat: 'must be a number or a string of digits',
} as const;
