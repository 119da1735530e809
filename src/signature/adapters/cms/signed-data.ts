import { fromBER, ObjectIdentifier, OctetString } from 'asn1js';
import { ContentInfo, RSASSAPSSParams, SignedData, type SignerInfo } from 'pkijs';
import {
  SIGNATURE_REJECTIONS,
  unsupportedDigest,
  unsupportedSignatureAlgorithm,
} from '../../domain/signature-rejections.js';
import {
  SIGNED_MESSAGE_BOUNDS,
  signedMessageTooLarge,
} from '../../domain/signed-message-bounds.js';
import { signedDataOutline } from './signed-data-outline.js';

const SHA2 = new Set([
  '2.16.840.1.101.3.4.2.1', // SHA-256
  '2.16.840.1.101.3.4.2.2', // SHA-384
  '2.16.840.1.101.3.4.2.3', // SHA-512
]);
const RSA_PSS = '1.2.840.113549.1.1.10';
const SIGNATURE_ALGORITHMS = new Set([
  '1.2.840.113549.1.1.1', // rsaEncryption (PKCS#1 v1.5, the hash named by the digest algorithm)
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  RSA_PSS,
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
]);
const CONTENT_TYPE_ATTRIBUTE = '1.2.840.113549.1.9.3';

/** A SignedData with its attached content and its one signer, before any signature check. */
export interface AttachedSignedData {
  readonly signedData: SignedData;
  readonly content: Uint8Array;
}

export type SignedMessage =
  | ({ readonly kind: 'read' } & AttachedSignedData)
  /** Not a SignedData with attached content and a signer: the port's `malformed`. */
  | { readonly kind: 'malformed' }
  /** Over a bound of SIGNED_MESSAGE_BOUNDS: the port's `invalid`, with this message. */
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Reads DER or BER (`openssl cms -stream` writes indefinite lengths and a chunked content)
 * ContentInfo → SignedData with the content attached and exactly one signer, in this order:
 * 1. the size bound;
 * 2. the outline, from tags and lengths only (signed-data-outline.ts): malformed when it is not
 *    a SignedData with attached content and a signer; refused with more than one SignerInfo, or
 *    more certificates than the bound;
 * 3. the full parse. Anything it cannot read is malformed: random bytes, trailing bytes after
 *    the structure, another CMS type, a detached signature.
 */
export function readSignedMessage(bytes: Uint8Array): SignedMessage {
  if (signedMessageTooLarge(bytes)) return refused(SIGNATURE_REJECTIONS.tooLarge);
  const outline = signedDataOutline(bytes);
  if (outline === null || !outline.attached || outline.signerInfos === 0) return MALFORMED;
  if (outline.signerInfos > 1) return refused(SIGNATURE_REJECTIONS.notOneSignature);
  if (outline.certificates > SIGNED_MESSAGE_BOUNDS.maxCertificates) {
    return refused(SIGNATURE_REJECTIONS.tooManyCertificates);
  }
  const asn1 = fromBER(bytes);
  if (asn1.offset === -1 || asn1.offset !== bytes.byteLength) return MALFORMED;
  try {
    const info = new ContentInfo({ schema: asn1.result });
    if (info.contentType !== ContentInfo.SIGNED_DATA) return MALFORMED;
    const signedData = new SignedData({ schema: info.content });
    const eContent = signedData.encapContentInfo.eContent;
    if (!(eContent instanceof OctetString) || signedData.signerInfos.length !== 1) return MALFORMED;
    // getValue() joins the chunks of a constructed (streamed) OCTET STRING.
    return { kind: 'read', signedData, content: new Uint8Array(eContent.getValue()) };
  } catch {
    return MALFORMED;
  }
}

const MALFORMED: SignedMessage = { kind: 'malformed' };

function refused(message: string): SignedMessage {
  return { kind: 'refused', message };
}

/**
 * What pkijs does not check about one SignerInfo before its signature is verified: SHA-2 digests
 * only (SHA-1 and MD5 collide), the known signature algorithms (with SHA-2 inside RSA-PSS, whose
 * default is SHA-1), and a content-type attribute equal to the content's type (RFC 5652, 11.1).
 */
export function signerInfoProblem(signerInfo: SignerInfo, eContentType: string): string | null {
  const digest = signerInfo.digestAlgorithm.algorithmId;
  if (!SHA2.has(digest)) return unsupportedDigest(digest);
  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  if (!SIGNATURE_ALGORITHMS.has(algorithm)) return unsupportedSignatureAlgorithm(algorithm);
  if (algorithm === RSA_PSS) {
    let hash: string;
    try {
      hash = new RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams })
        .hashAlgorithm.algorithmId;
    } catch {
      return unsupportedSignatureAlgorithm(algorithm);
    }
    if (!SHA2.has(hash)) return unsupportedDigest(hash);
  }
  const contentType = signerInfo.signedAttrs?.attributes.find(
    (a) => a.type === CONTENT_TYPE_ATTRIBUTE,
  );
  if (contentType !== undefined) {
    const value: unknown = contentType.values[0];
    if (!(value instanceof ObjectIdentifier) || value.getValue() !== eContentType) {
      return SIGNATURE_REJECTIONS.contentTypeMismatch;
    }
  }
  return null;
}
