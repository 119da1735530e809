import type { OtpPurpose } from './otp-purpose.js';

/**
 * The purpose whose code an OTP service that keeps one code per phone holds for a phone: the
 * last code sent there through this service, live until `liveUntil` (its expiry) unless used.
 */
export interface CodeHolder {
  readonly purposeKey: string;
  readonly clientId: string;
  readonly liveUntil: Date;
}

/**
 * Whole seconds a new code of `purpose` must wait at such a service (0: send it now). A new code
 * there cancels the phone's live one, whatever its purpose, so a phone verification waits while
 * another client's code is live: it would cancel that code for the price of one SMS. A request's
 * code is sent anyway: it proves a patient's identity to the client that holds their request,
 * and making it wait would let any client holding a phone verification (which needs nothing but
 * the phone) keep every request of that patient waiting (docs/api.md, Phone verification).
 */
export function secondsBeforeSending(
  holder: CodeHolder | null,
  purpose: OtpPurpose,
  now: Date,
): number {
  if (holder === null || purpose.kind !== 'phone_verification') return 0;
  if (holder.clientId === purpose.clientId) return 0;
  const left = holder.liveUntil.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/**
 * Whether a completion of `purpose` may reach the service: only when the code it holds is of
 * that purpose. Any other purpose's code was replaced there (or never sent), and sending its
 * attempt would spend an attempt of somebody else's code.
 */
export function holdsTheCode(holder: CodeHolder | null, purpose: OtpPurpose): boolean {
  return holder !== null && holder.purposeKey === purpose.key;
}
