import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about person requests (docs/api.md, Error texts). */
export const PERSON_REQUEST_ERRORS = {
  personRequestNotFound: spec('not_found', 'Person request not found'),
  personRequestNotNew: spec('conflict', 'Person request must be in status NEW'),
} as const satisfies Record<string, ErrorSpec>;
