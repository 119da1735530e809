import { requestPurpose, type OtpPurpose } from '../../otp/domain/otp-purpose.js';

/**
 * The purpose of an authentication method request's OTP codes: its own, so no other request or
 * phone verification sent to the same phone touches them (docs/domain-rules.md, OTP verification).
 */
export function authMethodRequestCode(requestId: string, clientId: string): OtpPurpose {
  return requestPurpose('authentication_method_request', requestId, clientId);
}
