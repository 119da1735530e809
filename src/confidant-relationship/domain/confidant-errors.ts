import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about confidant person relationships (docs/api.md, Error texts). */
export const CONFIDANT_ERRORS = {
  confidantRequestNotFound: spec('not_found', 'Confidant person relationship request not found'),
  confidantRequestNotNew: spec(
    'conflict',
    'Confidant person relationship request must be in status NEW',
  ),
  relationshipExists: spec('conflict', 'Confidant person relationship already exists'),
  relationshipNotFound: spec('not_found', 'Confidant person relationship not found'),
} as const satisfies Record<string, ErrorSpec>;

/** 422 `request_malformed` of a person with as many active confidants as allowed. */
export function tooManyConfidants(max: number): ErrorSpec {
  return {
    code: 'request_malformed',
    message: `This patient has ${max} confidants and can not have more`,
  };
}

/** Descriptions of 422 entries on `$.confidant_person_id` (the registry's texts). */
export const CONFIDANT_INVALID_TEXT = {
  notFound: 'Confidant person not found',
  inactive: "Confidant person isn't active",
  self: "Confidant person can't be the person itself",
  notAdult: 'Confidant person must be an adult',
} as const;
