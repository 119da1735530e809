import type { ErrorCode } from '../../kernel/domain/errors.js';

/** HTTP status and registry `error.type` of each domain error code (the registry's envelope). */
export const ERROR_HTTP: Record<ErrorCode, { readonly status: number; readonly type: string }> = {
  not_found: { status: 404, type: 'not_found' },
  conflict: { status: 409, type: 'request_conflict' },
  validation: { status: 422, type: 'validation_failed' },
  // The registry answers a refused OTP code on approve with 422 and type `forbidden`.
  otp_rejected: { status: 422, type: 'forbidden' },
  rate_limited: { status: 429, type: 'too_many_requests' },
  unavailable: { status: 503, type: 'service_unavailable' },
  forbidden_upload: { status: 403, type: 'forbidden' },
  otp_forbidden: { status: 403, type: 'forbidden' },
  bad_request: { status: 400, type: 'bad_request' },
  // The registry refuses a person search with more matches than it answers with 403 and its own type.
  too_many_results: { status: 403, type: 'too_many_results' },
  // The registry refuses an OTP method whose phone is not verified with 422 and its own type.
  unverified: { status: 422, type: 'unverified' },
  // The registry answers reads of an unknown person (methods, confidants) with 403 `forbidden`.
  forbidden: { status: 403, type: 'forbidden' },
  // The registry refuses a rule of a well-formed request with 422 `request_malformed`.
  request_malformed: { status: 422, type: 'request_malformed' },
};
