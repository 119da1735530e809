import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about authentication method requests (docs/api.md, Error texts). */
export const AUTH_METHOD_REQUEST_ERRORS = {
  authMethodRequestNotFound: spec('not_found', 'Authentication method request not found'),
  authMethodRequestNotNew: spec('conflict', 'Authentication method request must be in status NEW'),
  naMethod: spec('conflict', "Person can't be authorized with NA authentication method"),
  alreadyOffline: spec('conflict', 'Person already has auth method OFFLINE'),
  tooYoung: spec('conflict', "Person's age doesn't allow own authentication method"),
  sameOtpPhone: spec('conflict', 'Person already has auth method OTP with this phone number'),
  sameThirdPerson: spec('conflict', 'Person already has this third person'),
  phoneNotVerified: spec('unverified', 'Unverified phone number'),
} as const satisfies Record<string, ErrorSpec>;

/** Descriptions of 422 entries that integrators match on (the registry's texts). */
export const AUTH_METHOD_INVALID_TEXT = {
  notOwnMethod: 'such authentication method does not belong to this person',
} as const;
