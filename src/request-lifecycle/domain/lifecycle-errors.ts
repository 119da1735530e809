import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts every request kind answers alike (docs/api.md, Error texts). */
export const LIFECYCLE_ERRORS = {
  invalidTransition: spec('conflict', 'Invalid transition'),
  authMethodNotOtp: spec('conflict', 'Auth method is not OTP'),
  noDocumentsToVerify: spec('conflict', 'Person has no documents to verify'),
} as const satisfies Record<string, ErrorSpec>;

/** 409 of an approve whose scans are missing, each type in slot order. */
export function missingDocuments(types: readonly string[]): ErrorSpec {
  return { code: 'conflict', message: `Documents ${types.join(', ')} is not uploaded` };
}

/** Descriptions of 422 entries every request kind answers alike. */
export const LIFECYCLE_INVALID_TEXT = {
  codeFormat: 'must be a number or a string of digits',
} as const;
