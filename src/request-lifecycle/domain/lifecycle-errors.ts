import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts every request kind answers alike (docs/api.md, Error texts). */
export const LIFECYCLE_ERRORS = {
  invalidTransition: spec('conflict', 'Invalid transition'),
  authMethodNotOtp: spec('conflict', 'Auth method is not OTP'),
} as const satisfies Record<string, ErrorSpec>;

/** 409 of an approve whose scans are missing, each type in slot order. */
export function missingDocuments(types: readonly string[]): ErrorSpec {
  return { code: 'conflict', message: `Documents ${types.join(', ')} is not uploaded` };
}
