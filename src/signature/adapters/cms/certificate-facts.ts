import { BaseStringBlock, BitString, OctetString } from 'asn1js';
import { AuthorityKeyIdentifier, SubjectDirectoryAttributes, type Certificate } from 'pkijs';
import { keyUsagesOf, type KeyUsage } from '../../domain/key-usage.js';
import { OID, signerOf, type CertificateAttribute, type Signer } from '../../domain/signer.js';

const KEY_USAGE = '2.5.29.15';
const SUBJECT_DIRECTORY_ATTRIBUTES = '2.5.29.9';
const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';

function text(value: unknown): string | null {
  return value instanceof BaseStringBlock ? value.getValue() : null;
}

/** The subject's attributes, then the subject directory attributes, as plain strings. */
export function attributesOf(certificate: Certificate): CertificateAttribute[] {
  const attributes: CertificateAttribute[] = [];
  for (const { type, value } of certificate.subject.typesAndValues) {
    const string = text(value);
    if (string !== null) attributes.push({ type, value: string });
  }
  const directory = certificate.extensions?.find((e) => e.extnID === SUBJECT_DIRECTORY_ATTRIBUTES);
  const parsed: unknown = directory?.parsedValue;
  if (parsed instanceof SubjectDirectoryAttributes) {
    for (const attribute of parsed.attributes) {
      for (const value of attribute.values) {
        const string = text(value);
        if (string !== null) attributes.push({ type: attribute.type, value: string });
      }
    }
  }
  return attributes;
}

/** Without the zero byte DER puts before a serial whose high bit is set, as CAs print them. */
export function serialHexOf(certificate: Certificate): string {
  const hex = Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex');
  return hex.replace(/^(?:00)+(?=[0-9a-f]{2})/, '');
}

export function signerOfCertificate(certificate: Certificate): Signer {
  return signerOf(attributesOf(certificate), serialHexOf(certificate));
}

/** The subject's common name, for messages about authorities (never about the signer). */
export function commonNameOf(certificate: Certificate): string {
  const cn = certificate.subject.typesAndValues.find((t) => t.type === OID.commonName);
  return (cn && text(cn.value)) ?? 'unnamed';
}

/** The keyUsage of a certificate; null when it has no keyUsage extension (unrestricted). */
export function keyUsagesOfCertificate(certificate: Certificate): KeyUsage[] | null {
  const extension = certificate.extensions?.find((e) => e.extnID === KEY_USAGE);
  if (extension === undefined) return null;
  const bits: unknown = extension.parsedValue;
  // An unreadable keyUsage restricts to nothing: refusing is the safe reading.
  if (!(bits instanceof BitString)) return [];
  return keyUsagesOf(bits.valueBlock.valueHexView);
}

export function validityOf(certificate: Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: certificate.notBefore.value, notAfter: certificate.notAfter.value };
}

/** Same certificate: equal to-be-signed bytes. */
export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return Buffer.from(tbsOf(a)).equals(Buffer.from(tbsOf(b)));
}

function tbsOf(certificate: Certificate): Uint8Array {
  if (certificate.tbsView.byteLength === 0) {
    certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
  }
  return certificate.tbsView;
}

/**
 * Whether `candidate` may be the issuer of `certificate` as far as key identifiers tell: unless
 * both name one (the certificate its authority key identifier, the candidate its subject key
 * identifier) and they differ (RFC 5280, 4.2.1.1; openssl refuses such an issuer too).
 */
export function mayHaveIssued(candidate: Certificate, certificate: Certificate): boolean {
  const authority = certificate.extensions?.find((e) => e.extnID === AUTHORITY_KEY_IDENTIFIER);
  const named: unknown = authority?.parsedValue;
  const wanted = named instanceof AuthorityKeyIdentifier ? named.keyIdentifier : undefined;
  const subject = candidate.extensions?.find((e) => e.extnID === SUBJECT_KEY_IDENTIFIER);
  const own: unknown = subject?.parsedValue;
  if (!(wanted instanceof OctetString) || !(own instanceof OctetString)) return true;
  return Buffer.from(wanted.valueBlock.valueHexView).equals(
    Buffer.from(own.valueBlock.valueHexView),
  );
}
