import { readFileSync } from 'node:fs';
import { Integer } from 'asn1js';
import { Certificate, ContentInfo, SignedData } from 'pkijs';
import { pemBlocks } from '../../src/signature/adapters/cms/pem.js';
import type { Entity } from './openssl-pki.js';

/**
 * Hostile CMS messages assembled from real ones (signed by openssl, see openssl-pki.ts) with
 * pkijs: what openssl will not write, such as one SignerInfo repeated many times or a message
 * stuffed with certificates. Re-encoding keeps every signature of the original valid.
 */

function signedDataOf(message: Uint8Array): SignedData {
  const info = ContentInfo.fromBER(new Uint8Array(message));
  return new SignedData({ schema: info.content });
}

function encode(signedData: SignedData): Buffer {
  const info = new ContentInfo({
    contentType: ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return Buffer.from(info.toSchema().toBER(false));
}

/** The message with its first SignerInfo `times` times in all (each copy verifies). */
export function withRepeatedSigner(message: Uint8Array, times: number): Buffer {
  const signedData = signedDataOf(message);
  signedData.signerInfos = Array.from({ length: times }, () => signedData.signerInfos[0]);
  return encode(signedData);
}

/** The message carrying `extra` certificates (DER) after its own. */
export function withCertificates(message: Uint8Array, extra: readonly Uint8Array[]): Buffer {
  const signedData = signedDataOf(message);
  signedData.certificates = [
    ...(signedData.certificates ?? []),
    ...extra.map((der) => Certificate.fromBER(der)),
  ];
  return encode(signedData);
}

/** The DER of an entity's certificate. */
export function certificateDer(entity: Entity): Uint8Array {
  return pemBlocks(readFileSync(entity.certificate, 'utf8'), 'CERTIFICATE')[0];
}

/**
 * `count` certificates that differ from `der` in their serial number, and with `keyOf` in their
 * public key too: same subject, same key identifiers. Their own signatures no longer verify,
 * which does not matter to a verifier that tries them as issuers: it must check the issued
 * certificate's signature with each one's key to tell. With another key (and the authority's
 * key identifier kept) they are the costliest look-alikes of an authority there are.
 */
export function serialVariants(der: Uint8Array, count: number, keyOf?: Uint8Array): Uint8Array[] {
  const certificate = Certificate.fromBER(der);
  if (keyOf) certificate.subjectPublicKeyInfo = Certificate.fromBER(keyOf).subjectPublicKeyInfo;
  return Array.from({ length: count }, (_unused, i) => {
    certificate.serialNumber = new Integer({ value: 1_000_000 + i });
    return new Uint8Array(certificate.toSchema(true).toBER(false));
  });
}
