/**
 * What a code is for (docs/domain-rules.md, OTP verification). A code of one purpose is never
 * completed, attempted or cancelled by an action of another: each request has its own codes, and
 * each client its own phone verification of a phone.
 */
export interface OtpPurpose {
  /** A phone verification (`POST /api/verifications`), or the proof of a request's method. */
  readonly kind: 'phone_verification' | 'request';
  /** Names it among all: `phone_verification:<client id>` or `<request kind>:<request id>`. */
  readonly key: string;
  /** The client whose code it is: the one that started the phone verification, or owns the request. */
  readonly clientId: string;
}

/** The phone verifications one client starts: one purpose per client, whatever the phone. */
export function phoneVerificationPurpose(clientId: string): OtpPurpose {
  return { kind: 'phone_verification', key: `phone_verification:${clientId}`, clientId };
}

/** The code of one request; `requestKind` names its kind (`person_request`, ...). */
export function requestPurpose(
  requestKind: string,
  requestId: string,
  clientId: string,
): OtpPurpose {
  return { kind: 'request', key: `${requestKind}:${requestId}`, clientId };
}
