import { AUTH_METHOD_REQUEST_ERRORS } from './auth-method-request/domain/auth-method-request-errors.js';
import { CONFIDANT_ERRORS } from './confidant-relationship/domain/confidant-errors.js';
import { STORAGE_ERRORS } from './document-storage/domain/storage-errors.js';
import type { ErrorSpec } from './kernel/domain/errors.js';
import { OTP_ERRORS } from './otp/domain/otp-errors.js';
import { PERSON_REQUEST_ERRORS } from './person-request/domain/person-request-errors.js';
import { PERSON_ERRORS } from './person/domain/person-errors.js';
import { PLATFORM_ERRORS } from './platform/errors.js';
import { LIFECYCLE_ERRORS } from './request-lifecycle/domain/lifecycle-errors.js';
import { SIGNATURE_ERRORS } from './signature/domain/signature-errors.js';

/**
 * Every error text of the service's answers, composed from the part each feature owns (its
 * `*-errors.ts`): one home per text, and one place where a host or a test finds them all.
 * Integrators match on the texts, so they are the registry's own where it has one.
 */
export const ERRORS = {
  ...PLATFORM_ERRORS,
  ...PERSON_ERRORS,
  ...LIFECYCLE_ERRORS,
  ...PERSON_REQUEST_ERRORS,
  ...AUTH_METHOD_REQUEST_ERRORS,
  ...CONFIDANT_ERRORS,
  ...OTP_ERRORS,
  ...STORAGE_ERRORS,
  ...SIGNATURE_ERRORS,
} as const satisfies Record<string, ErrorSpec>;

/** The parts, by owner, for the check that no text has two homes. */
export const ERROR_PARTS: Readonly<Record<string, Readonly<Record<string, ErrorSpec>>>> = {
  platform: PLATFORM_ERRORS,
  person: PERSON_ERRORS,
  'request-lifecycle': LIFECYCLE_ERRORS,
  'person-request': PERSON_REQUEST_ERRORS,
  'auth-method-request': AUTH_METHOD_REQUEST_ERRORS,
  'confidant-relationship': CONFIDANT_ERRORS,
  otp: OTP_ERRORS,
  'document-storage': STORAGE_ERRORS,
  signature: SIGNATURE_ERRORS,
};
