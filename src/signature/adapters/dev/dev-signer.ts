import { ObjectIdentifier, OctetString, UTCTime } from 'asn1js';
import {
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { certificatesFromPem, pemBlocks } from '../cms/pem.js';
import { DEV_HASH, DEV_KEY_ALGORITHM } from './dev-certificates.js';
import {
  DEV_SIGNER_DRFO,
  loadOrCreateDevSignatureCa,
  type DevSignatureMaterial,
} from './dev-signature-ca.js';

const ATTRIBUTE = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/**
 * Signs `content` as the development signer: a DER CMS SignedData with the content attached, the
 * signer certificate included, and the signed attributes content-type, signing-time and
 * message-digest (in that order, which is their DER order, so that verifiers that re-encode
 * them, such as OpenSSL, hash the same bytes).
 */
export async function signAsDevSigner(
  content: Uint8Array,
  material: DevSignatureMaterial,
  signingTime: Date = new Date(),
): Promise<Uint8Array> {
  const [certificate] = certificatesFromPem(material.signerCertificatePem, material.directory);
  const [pkcs8] = pemBlocks(material.signerKeyPem, 'PRIVATE KEY');
  const privateKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    DEV_KEY_ALGORITHM,
    false,
    ['sign'],
  );
  const digest = await globalThis.crypto.subtle.digest(DEV_HASH, new Uint8Array(content));
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: ContentInfo.DATA }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new Attribute({
              type: ATTRIBUTE.contentType,
              values: [new ObjectIdentifier({ value: ContentInfo.DATA })],
            }),
            new Attribute({
              type: ATTRIBUTE.signingTime,
              values: [new UTCTime({ valueDate: signingTime })],
            }),
            new Attribute({
              type: ATTRIBUTE.messageDigest,
              values: [new OctetString({ valueHex: digest })],
            }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  // Set after construction: given to the constructor, pkijs splits the content into a
  // constructed OCTET STRING, which is BER; DER wants it primitive.
  signedData.encapContentInfo.eContent = new OctetString({ valueHex: new Uint8Array(content) });
  await signedData.sign(privateKey, 0, DEV_HASH);
  const info = new ContentInfo({
    contentType: ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** What `npm run sign` prints: the `signed_content` and the signer's tax id for `msp_drfo`. */
export interface DevSignedContent {
  readonly signedContent: string;
  readonly drfo: string;
  readonly directory: string;
}

/**
 * Signs `content` with the development signer of `dataDir` (creating the development CA on
 * first use) and returns it base64-encoded, as the sign request's `signed_content`.
 */
export async function signForDevelopment(
  dataDir: string,
  content: Uint8Array,
): Promise<DevSignedContent> {
  const material = await loadOrCreateDevSignatureCa(dataDir);
  const signed = await signAsDevSigner(content, material);
  return {
    signedContent: Buffer.from(signed).toString('base64'),
    drfo: DEV_SIGNER_DRFO,
    directory: material.directory,
  };
}
