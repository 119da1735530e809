import { SIGNED_MESSAGE_BOUNDS } from './signed-message-bounds.js';

/**
 * The messages of a refused signature (answered as 400 `bad_request`): one home for the texts,
 * each saying which check failed. No message carries personal data: authorities are named by
 * their common name, the signer only as "the signer certificate".
 */
export const SIGNATURE_REJECTIONS = {
  signerCertificateMissing: "The signer's certificate is not included in the signed content",
  signedAttributesIncomplete: 'The signed attributes must include content-type and message-digest',
  contentTypeMismatch: 'The signed content-type attribute does not match the content',
  digestMismatch: 'The signed content does not match its signature (message digest differs)',
  signatureMismatch: 'The signature does not verify with the signer certificate',
  keyUsage: "The signer certificate's key usage allows neither digitalSignature nor nonRepudiation",
  untrusted: 'The signer certificate does not chain to a trusted certificate authority',
  noSignature: 'The signed content carries no signature',
  notValid: 'The signature is not valid',
  tooLarge: `The signed content is larger than ${SIGNED_MESSAGE_BOUNDS.maxBytes / 1024} KiB`,
  notOneSignature: 'The signed content must carry exactly one signature',
  tooManyCertificates: `The signed content carries more than ${SIGNED_MESSAGE_BOUNDS.maxCertificates} certificates`,
  chainTooLong: `The certificate chain is longer than ${SIGNED_MESSAGE_BOUNDS.maxChainLength} certificates, from the signer to a trust anchor`,
} as const;

const day = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function unsupportedDigest(oid: string): string {
  return `Unsupported digest algorithm ${oid} (SHA-256, SHA-384 or SHA-512 are accepted)`;
}

export function unsupportedSignatureAlgorithm(oid: string): string {
  return `Unsupported signature algorithm ${oid} (RSA, RSA-PSS or ECDSA are accepted)`;
}

/** Whose certificate: the signer's, or a named authority's on the chain. */
export type CertificateRole =
  { readonly kind: 'signer' } | { readonly kind: 'authority'; readonly name: string };

function whose(role: CertificateRole): string {
  return role.kind === 'signer'
    ? 'The signer certificate'
    : `The certificate of the authority "${role.name}"`;
}

export function certificateExpired(role: CertificateRole, notAfter: Date): string {
  return `${whose(role)} has expired (valid until ${day(notAfter)})`;
}

export function certificateNotYetValid(role: CertificateRole, notBefore: Date): string {
  return `${whose(role)} is not valid yet (valid from ${day(notBefore)})`;
}

export function chainInvalid(reason: string): string {
  return `The certificate chain is not valid: ${reason}`;
}
