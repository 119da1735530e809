/**
 * Domain and application errors carry a stable code; the HTTP layer maps code → status and the
 * registry's error envelope (api.md §1). Nothing below the controllers knows HTTP.
 */
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'otp_rejected'
  | 'rate_limited'
  | 'unavailable'
  | 'forbidden_upload'
  | 'otp_forbidden';

export interface InvalidEntry {
  /** JSON path, for example `$.authentication_method.phone_number`. */
  readonly entry: string;
  readonly rule: string;
  readonly description: string;
  readonly params?: Record<string, unknown> | unknown[];
}

/** 409 text of an action the request's status does not allow (api.md §4, §5). */
export const INVALID_TRANSITION_TEXT = 'Invalid transition';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly invalid: readonly InvalidEntry[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (message = 'Resource not found'): DomainError =>
  new DomainError('not_found', message);

export const conflict = (message: string): DomainError => new DomainError('conflict', message);

export const invalid = (entry: string, description: string, rule = 'invalid'): DomainError =>
  new DomainError('validation', 'Validation failed', [{ entry, rule, description }]);

export const validationFailed = (entries: readonly InvalidEntry[]): DomainError =>
  new DomainError('validation', 'Validation failed', entries);

export const otpRejected = (message: string): DomainError =>
  new DomainError('otp_rejected', message);

export const rateLimited = (message: string, retryAfterSeconds: number): DomainError =>
  new DomainError('rate_limited', message, [], retryAfterSeconds);

export const unavailable = (message: string): DomainError =>
  new DomainError('unavailable', message);
