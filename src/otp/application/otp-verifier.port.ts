import type { OtpPurpose } from '../domain/otp-purpose.js';
import { OTP_ERRORS } from '../domain/otp-errors.js';

/**
 * One code sent to a phone: a "verification", as the registry's OTP service calls it and
 * describes it (statuses in upper case).
 */
export interface OtpVerification {
  readonly id: string;
  readonly status: 'NEW' | 'VERIFIED' | 'CANCELED' | 'EXPIRED' | 'COMPLETED';
  readonly codeExpiredAt: Date;
  readonly active: boolean;
}

/** Why a code was refused; each has the registry's text (docs/domain-rules.md, OTP verification). */
export type OtpRejection = 'invalid_code' | 'expired' | 'attempts_exceeded' | 'not_found';

export const OTP_REJECTION_TEXT: Record<OtpRejection, string> = {
  invalid_code: OTP_ERRORS.invalidCode.message,
  expired: OTP_ERRORS.codeExpired.message,
  attempts_exceeded: OTP_ERRORS.attemptsExceeded.message,
  not_found: OTP_ERRORS.verificationNotFound.message,
};

export type OtpCompletion =
  | { readonly ok: true; readonly verification: OtpVerification }
  | { readonly ok: false; readonly reason: OtpRejection };

/**
 * Port: an OTP service, which sends codes to phones and checks them (docs/domain-rules.md, OTP
 * verification). Adapters: the registry's service over HTTP (ExternalOtpVerifier), or the
 * built-in one (src/otp-built-in). Every code has a purpose (a request's, or a client's phone
 * verification): an action on a code of one purpose never completes, attempts or
 * cancels a code of another. Failures of the service itself (down, timeout, 5xx) are thrown as
 * DomainError 'unavailable'; the service's rate limit as DomainError 'rate_limited'.
 */
export abstract class OtpVerifier {
  /**
   * Sends a new code of `purpose` to the phone; the phone's previous code of that purpose stops
   * working. Rejects with NotSent (its `refusal` the error to answer) when nothing certainly went
   * out; any other rejection leaves the outcome unknown: the code may have been sent.
   */
  abstract initialize(phoneNumber: string, purpose: OtpPurpose): Promise<OtpVerification>;
  /**
   * Checks a code (digits) against the phone's live code of `purpose`. A phone with no live code
   * of that purpose answers 'not_found', and a code of another purpose is left untouched.
   */
  abstract complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion>;
  /** Whether the phone has ever completed a code, of any purpose: it is then verified. */
  abstract isVerified(phoneNumber: string): Promise<boolean>;
}
