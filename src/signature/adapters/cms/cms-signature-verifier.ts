import { readFileSync } from 'node:fs';
import {
  Certificate,
  CertificateChainValidationEngine,
  SignedDataVerifyError,
  type SignedData,
} from 'pkijs';
import {
  SignatureVerifier,
  type SignatureCheck,
} from '../../application/signature-verifier.port.js';
import { validityProblem } from '../../domain/certificate-validity.js';
import { keyUsageAllowsSigning } from '../../domain/key-usage.js';
import {
  SIGNATURE_REJECTIONS,
  certificateExpired,
  certificateNotYetValid,
  chainInvalid,
  type CertificateRole,
} from '../../domain/signature-rejections.js';
import {
  commonNameOf,
  keyUsagesOfCertificate,
  signerOfCertificate,
  validityOf,
} from './certificate-facts.js';
import { pathToAnchor } from './certificate-path.js';
import { certificatesFromPem } from './pem.js';
import { readSignedMessage, signerInfoProblem } from './signed-data.js';

export interface CmsSignatureVerifierOptions {
  /**
   * The moment certificate validity is judged at. Unset (always, outside tests): the wall clock
   * at each verification, never the service's domain clock and never the signing-time attribute.
   */
  readonly now?: Date;
}

type Verdict =
  | { readonly ok: true; readonly certificate: Certificate }
  | { readonly ok: false; readonly message: string };

/**
 * Built-in verification of CMS / PKCS#7 SignedData (RFC 5652) with pkijs: RSA (PKCS#1 v1.5 and
 * PSS) and ECDSA signatures over SHA-2, against trust anchors given as PEM certificates.
 *
 * First the bounds of SIGNED_MESSAGE_BOUNDS, before any signature or chain work: the size, then
 * (from tags and lengths alone) exactly one SignerInfo and at most 10 certificates carried
 * (signed-data.ts). Then the one signature, in this order, the first failure being the answer:
 * algorithms and content-type; message digest and signature; the signer certificate's validity
 * now; its keyUsage; a chain of at most 5 certificates through the message's certificates to an
 * anchor; the validity now of each authority on that chain; the remaining RFC 5280 path rules
 * (basic constraints, critical extensions, name constraints) as pkijs applies them. Revocation
 * is not checked (no CRL or OCSP is fetched).
 */
export class CmsSignatureVerifier extends SignatureVerifier {
  private readonly anchors: readonly Certificate[];

  constructor(
    anchors: readonly Certificate[],
    private readonly options: CmsSignatureVerifierOptions = {},
  ) {
    super();
    if (anchors.length === 0) throw new Error('CmsSignatureVerifier needs a trust anchor');
    this.anchors = [...anchors];
  }

  /** Trust anchors from a PEM file (SIGNATURE_TRUST_ANCHORS); throws naming the file when unusable. */
  static fromPemFile(path: string, options?: CmsSignatureVerifierOptions): CmsSignatureVerifier {
    const source = `SIGNATURE_TRUST_ANCHORS (${path})`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`${source} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    return new CmsSignatureVerifier(certificatesFromPem(text, source), options);
  }

  async verify(signed: Uint8Array): Promise<SignatureCheck> {
    const message = readSignedMessage(signed);
    if (message.kind === 'malformed') return { kind: 'malformed' };
    if (message.kind === 'refused') return { kind: 'invalid', message: message.message };
    const verdict = await this.checkSigner(message.signedData, this.options.now ?? new Date());
    if (!verdict.ok) return { kind: 'invalid', message: verdict.message };
    return {
      kind: 'valid',
      content: message.content,
      signer: signerOfCertificate(verdict.certificate),
    };
  }

  private async checkSigner(signedData: SignedData, now: Date): Promise<Verdict> {
    const problem = signerInfoProblem(
      signedData.signerInfos[0],
      signedData.encapContentInfo.eContentType,
    );
    if (problem !== null) return { ok: false, message: problem };

    const signature = await verifySignature(signedData);
    if (!signature.ok) return signature;
    const certificate = signature.certificate;

    const signerDates = validityMessage(certificate, { kind: 'signer' }, now);
    if (signerDates !== null) return { ok: false, message: signerDates };
    if (!keyUsageAllowsSigning(keyUsagesOfCertificate(certificate))) {
      return { ok: false, message: SIGNATURE_REJECTIONS.keyUsage };
    }

    const carried = (signedData.certificates ?? []).filter(isCertificate);
    const found = await pathToAnchor(certificate, carried, this.anchors);
    if (found.kind === 'untrusted') return { ok: false, message: SIGNATURE_REJECTIONS.untrusted };
    if (found.kind === 'too_long') return { ok: false, message: SIGNATURE_REJECTIONS.chainTooLong };
    const path = found.path;
    for (const authority of path.slice(1)) {
      const role: CertificateRole = { kind: 'authority', name: commonNameOf(authority) };
      const dates = validityMessage(authority, role, now);
      if (dates !== null) return { ok: false, message: dates };
    }

    const rules = await new CertificateChainValidationEngine({
      trustedCerts: [...this.anchors],
      // The engine takes the last certificate as the one to validate.
      certs: [...path.slice(1, -1), certificate],
      checkDate: now,
    }).verify();
    if (!rules.result) return { ok: false, message: chainInvalid(rules.resultMessage) };
    return { ok: true, certificate };
  }
}

/**
 * Message digest and signature of the SignerInfo. pkijs either throws (a code says why) or
 * answers signatureVerified: false; both are a refusal.
 */
async function verifySignature(signedData: SignedData): Promise<Verdict> {
  try {
    const result = await signedData.verify({
      signer: 0,
      checkChain: false,
      extendedMode: true,
    });
    if (result.signatureVerified !== true || !result.signerCertificate) {
      return { ok: false, message: SIGNATURE_REJECTIONS.signatureMismatch };
    }
    return { ok: true, certificate: result.signerCertificate };
  } catch (error) {
    return { ok: false, message: verifyErrorText(error) };
  }
}

function verifyErrorText(error: unknown): string {
  if (!(error instanceof SignedDataVerifyError)) return SIGNATURE_REJECTIONS.signatureMismatch;
  switch (error.code) {
    case 2: // no certificates in the message
    case 3: // none matches the SignerInfo's identifier
      return SIGNATURE_REJECTIONS.signerCertificateMissing;
    case 9:
    case 10:
      return SIGNATURE_REJECTIONS.signedAttributesIncomplete;
    default:
      return /digest/i.test(error.message)
        ? SIGNATURE_REJECTIONS.digestMismatch
        : SIGNATURE_REJECTIONS.signatureMismatch;
  }
}

function validityMessage(
  certificate: Certificate,
  role: CertificateRole,
  now: Date,
): string | null {
  const validity = validityOf(certificate);
  switch (validityProblem(validity, now)) {
    case 'expired':
      return certificateExpired(role, validity.notAfter);
    case 'not_yet_valid':
      return certificateNotYetValid(role, validity.notBefore);
    case null:
      return null;
  }
}

function isCertificate(item: unknown): item is Certificate {
  // The message may also carry attribute or other-format certificates; they are not chain links.
  return item instanceof Certificate;
}
