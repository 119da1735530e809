import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about persons of the registry (docs/api.md, Error texts). */
export const PERSON_ERRORS = {
  personNotFound: spec('not_found', "Such person doesn't exist"),
  personInactive: spec('conflict', "Such person isn't active"),
  /** The registry's answer to a read of an unknown person's authentication methods. */
  personNotFoundForbidden: spec('forbidden', 'Such person not found'),
  tooManyResults: spec(
    'too_many_results',
    'This API method returns only exact match results, please retry with more specific search result',
  ),
} as const satisfies Record<string, ErrorSpec>;

/** Descriptions of 422 entries that integrators match on (the registry's texts). */
export const PERSON_INVALID_TEXT = {
  noSuchPerson: "such person doesn't exist",
  thirdPersonInactive: 'third person must be active',
  thirdPersonNotAdult: 'third person must be adult',
  thirdPersonWithoutMethod: 'third person must has auth method OTP or OFFLINE',
  thirdPersonIsSelf: 'third person must be another person',
} as const;
