import { randomBytes, type webcrypto } from 'node:crypto';
import { BitString, Integer, OctetString, PrintableString, Utf8String } from 'asn1js';
import {
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  RelativeDistinguishedNames,
} from 'pkijs';
import { OID } from '../../domain/signer.js';

/** ECDSA P-256 with SHA-256: small keys, fast to make, verified by every CMS tool. */
export const DEV_KEY_ALGORITHM: webcrypto.EcKeyImportParams = {
  name: 'ECDSA',
  namedCurve: 'P-256',
};
export const DEV_HASH = 'SHA-256';

export interface KeyPair {
  readonly publicKey: webcrypto.CryptoKey;
  readonly privateKey: webcrypto.CryptoKey;
}

export interface NameParts {
  readonly commonName: string;
  /** Subject serialNumber, for example `TINUA-<tax id>`. */
  readonly serialNumber?: string;
}

export interface CertificateRequest {
  readonly subject: NameParts;
  readonly publicKey: webcrypto.CryptoKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly authority: boolean;
  /** Signs the certificate; absent = self-signed with `selfKey`. */
  readonly issuer?: { readonly certificate: Certificate; readonly privateKey: webcrypto.CryptoKey };
  readonly selfKey?: webcrypto.CryptoKey;
}

export async function generateKeyPair(): Promise<KeyPair> {
  return globalThis.crypto.subtle.generateKey(DEV_KEY_ALGORITHM, true, ['sign', 'verify']);
}

function nameOf(parts: NameParts): RelativeDistinguishedNames {
  const name = new RelativeDistinguishedNames();
  name.typesAndValues.push(
    new AttributeTypeAndValue({ type: '2.5.4.6', value: new PrintableString({ value: 'UA' }) }),
    new AttributeTypeAndValue({
      type: OID.commonName,
      value: new Utf8String({ value: parts.commonName }),
    }),
  );
  if (parts.serialNumber !== undefined) {
    name.typesAndValues.push(
      new AttributeTypeAndValue({
        type: OID.serialNumber,
        value: new PrintableString({ value: parts.serialNumber }),
      }),
    );
  }
  return name;
}

/** A positive serial of 16 random bytes (RFC 5280: at most 20 octets, positive). */
function serialNumber(): Integer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return new Integer({ valueHex: new Uint8Array(bytes) });
}

function keyUsage(authority: boolean): Extension {
  // keyCertSign + cRLSign for the CA; digitalSignature + nonRepudiation for the signer.
  const bits = authority
    ? new BitString({ valueHex: new Uint8Array([0x06]), unusedBits: 1 })
    : new BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 });
  return new Extension({
    extnID: '2.5.29.15',
    critical: true,
    extnValue: bits.toBER(false),
    parsedValue: bits,
  });
}

async function keyIdentifier(certificate: Certificate): Promise<OctetString> {
  const key = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new Uint8Array(key));
  return new OctetString({ valueHex: digest });
}

/** Issues an X.509 v3 certificate with pkijs and WebCrypto. */
export async function issueCertificate(request: CertificateRequest): Promise<Certificate> {
  const certificate = new Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialNumber();
  certificate.subject = nameOf(request.subject);
  certificate.issuer = request.issuer?.certificate.subject ?? certificate.subject;
  certificate.notBefore.value = request.notBefore;
  certificate.notAfter.value = request.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(request.publicKey);

  const constraints = new BasicConstraints({ cA: request.authority });
  const ownId = await keyIdentifier(certificate);
  const issuerId = request.issuer ? await keyIdentifier(request.issuer.certificate) : ownId;
  const authorityKey = new AuthorityKeyIdentifier({ keyIdentifier: issuerId });
  certificate.extensions = [
    new Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: constraints.toSchema().toBER(false),
      parsedValue: constraints,
    }),
    keyUsage(request.authority),
    new Extension({ extnID: '2.5.29.14', critical: false, extnValue: ownId.toBER(false) }),
    new Extension({
      extnID: '2.5.29.35',
      critical: false,
      extnValue: authorityKey.toSchema().toBER(false),
      parsedValue: authorityKey,
    }),
  ];

  const signingKey = request.issuer?.privateKey ?? request.selfKey;
  if (signingKey === undefined) throw new Error('issueCertificate needs an issuer or a self key');
  await certificate.sign(signingKey, DEV_HASH);
  return certificate;
}
