/**
 * Domain and application errors carry a stable code; the HTTP layer maps code → status and the
 * registry's error envelope. Nothing below the controllers knows HTTP. The texts live in the
 * error catalogue (error-catalogue.ts).
 */
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'otp_rejected'
  | 'rate_limited'
  | 'unavailable'
  | 'forbidden_upload'
  | 'otp_forbidden'
  | 'bad_request'
  | 'too_many_results'
  | 'unverified'
  | 'forbidden'
  | 'request_malformed';

export interface InvalidEntry {
  /**
   * JSON path, for example `$.authentication_method.phone_number`; or, from a domain rule, the
   * field of the command in the domain's words (`phoneNumber`), which the edge that built the
   * command from a body puts on its JSON path (DomainError.atPaths).
   */
  readonly entry: string;
  readonly rule: string;
  readonly description: string;
  readonly params?: Record<string, unknown> | unknown[];
}

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

  /** The same error with each entry that names a field of `paths` put on that field's JSON path. */
  atPaths(paths: Readonly<Record<string, string>>): DomainError {
    if (this.invalid.length === 0) return this;
    const entries = this.invalid.map((e) => ({ ...e, entry: paths[e.entry] ?? e.entry }));
    return new DomainError(this.code, this.message, entries, this.retryAfterSeconds);
  }
}

/** One error of the catalogue: its code (→ HTTP status and type) and its exact text. */
export interface ErrorSpec {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Throwable form of a catalogue entry. */
export const fail = (spec: ErrorSpec, retryAfterSeconds?: number): DomainError =>
  new DomainError(spec.code, spec.message, [], retryAfterSeconds);

/** 422 on one JSON path; `description` is the registry's text for that path. */
export const invalid = (entry: string, description: string, rule = 'invalid'): DomainError =>
  new DomainError('validation', 'Validation failed', [{ entry, rule, description }]);

/** 422 on a field of the command, named in the domain's words (see InvalidEntry.entry). */
export const invalidField = (field: string, description: string, rule = 'invalid'): DomainError =>
  invalid(field, description, rule);

export const validationFailed = (entries: readonly InvalidEntry[]): DomainError =>
  new DomainError('validation', 'Validation failed', entries);

export const required = (entry: string): DomainError =>
  invalid(entry, 'required property is missing', 'required');

export const rateLimited = (message: string, retryAfterSeconds: number): DomainError =>
  new DomainError('rate_limited', message, [], retryAfterSeconds);

export const unavailable = (message: string): DomainError =>
  new DomainError('unavailable', message);
