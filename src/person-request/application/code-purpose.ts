import { requestPurpose, type OtpPurpose } from '../../otp/domain/otp-purpose.js';

/**
 * The purpose of a person request's OTP codes: its own, so no other request or phone
 * verification sent to the same phone touches them (docs/domain-rules.md, OTP verification).
 */
export function personRequestCode(requestId: string, clientId: string): OtpPurpose {
  return requestPurpose('person_request', requestId, clientId);
}
