import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about signature verification (docs/api.md, Error texts). */
export const SIGNATURE_ERRORS = {
  signatureUnavailable: spec('unavailable', 'Digital signature service is unavailable'),
} as const satisfies Record<string, ErrorSpec>;
