import { ERRORS } from '../../kernel/domain/error-catalogue.js';

/** A verification as the registry's OTP service describes it (statuses in upper case). */
export interface OtpVerification {
  readonly id: string;
  readonly status: 'NEW' | 'VERIFIED' | 'CANCELED' | 'EXPIRED' | 'COMPLETED';
  readonly codeExpiredAt: Date;
  readonly active: boolean;
}

/** Why a code was refused; each has the registry's text (docs/domain-rules.md, OTP verification). */
export type OtpRejection = 'invalid_code' | 'expired' | 'attempts_exceeded' | 'not_found';

export const OTP_REJECTION_TEXT: Record<OtpRejection, string> = {
  invalid_code: ERRORS.invalidCode.message,
  expired: ERRORS.codeExpired.message,
  attempts_exceeded: ERRORS.attemptsExceeded.message,
  not_found: ERRORS.verificationNotFound.message,
};

export type OtpCompletion =
  | { readonly ok: true; readonly verification: OtpVerification }
  | { readonly ok: false; readonly reason: OtpRejection };

/**
 * Port: OTP verification of a phone (docs/domain-rules.md, OTP verification). Adapters: the registry's service over HTTP,
 * or the built-in one. Failures of the service itself (down, timeout, 5xx) are thrown as
 * DomainError 'unavailable'; the service's rate limit as DomainError 'rate_limited'.
 */
export abstract class OtpVerifier {
  /** Sends a new code to the phone; the previous code of that phone stops working. */
  abstract initialize(phoneNumber: string): Promise<OtpVerification>;
  /** Checks a code (digits) against the phone's live verification. */
  abstract complete(phoneNumber: string, code: string): Promise<OtpCompletion>;
  /** Whether the phone has completed a verification. */
  abstract isVerified(phoneNumber: string): Promise<boolean>;
}
