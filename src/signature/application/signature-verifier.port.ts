import type { Signer } from '../domain/signer.js';

/** The signature verifies: here is what was signed, and by whom. */
export interface ValidSignature {
  readonly kind: 'valid';
  /** The attached content, byte for byte as signed (for the person request sign: JSON). */
  readonly content: Uint8Array;
  /** The signer: a message carries exactly one signature. */
  readonly signer: Signer;
}

/**
 * The bytes are not a CMS SignedData with attached content (random bytes, another CMS type, a
 * detached signature, no signer at all). The sign use case answers 422 on `$.signed_content`.
 */
export interface MalformedSignature {
  readonly kind: 'malformed';
}

/**
 * A signed message that is refused: over a bound of SIGNED_MESSAGE_BOUNDS (larger than 512 KiB,
 * more than one signature, more than 10 certificates, a chain longer than 5 certificates), a
 * signature that does not verify, a certificate expired or not yet valid now, a keyUsage that
 * allows neither digitalSignature nor nonRepudiation, a chain that does not end at a trust
 * anchor, or an external service's verdict. The sign use case answers 400 `bad_request` with
 * `message`, which says which check failed.
 */
export interface InvalidSignature {
  readonly kind: 'invalid';
  readonly message: string;
}

export type SignatureCheck = ValidSignature | MalformedSignature | InvalidSignature;

/**
 * Port: verification of a signed document (CMS / PKCS#7 SignedData with the content attached).
 *
 * Adapters: `CmsSignatureVerifier` (built in; RSA and ECDSA against configured trust anchors)
 * and `HttpSignatureVerifier` (an external digital-signature service, for Ukrainian DSTU 4145
 * qualified signatures). A host may bind its own.
 *
 * A verdict about the signature is a result, never an exception. An outage of a service the
 * adapter depends on (down, timeout, 5xx, an answer outside its contract) is thrown as
 * DomainError 'unavailable' (503), so the client may retry the same request.
 */
export abstract class SignatureVerifier {
  /**
   * Verifies the one signature of `signed` (the decoded bytes of `signed_content`) and returns
   * the attached content with the signer, or why the bytes are malformed or refused. Callers
   * decode `signed_content` with `signedMessageFromBase64`, which refuses a message over the
   * size bound before decoding it; adapters refuse such bytes too, before any other work.
   */
  abstract verify(signed: Uint8Array): Promise<SignatureCheck>;
}
