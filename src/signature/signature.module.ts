import { Logger, Module } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { bindPort } from '../platform/core/adapter-provider.js';
import { CmsSignatureVerifier } from './adapters/cms/cms-signature-verifier.js';
import { devTrustAnchors, loadOrCreateDevSignatureCa } from './adapters/dev/dev-signature-ca.js';
import { HttpSignatureVerifier } from './adapters/http/http-signature-verifier.js';
import { SignatureVerifier } from './application/signature-verifier.port.js';

/**
 * The verifier the configuration asks for: the external service when DIGITAL_SIGNATURE_URL is
 * set; else the built-in CMS verifier trusting SIGNATURE_TRUST_ANCHORS; else, outside
 * production, the built-in verifier trusting the development CA of DATA_DIR.
 */
export async function signatureVerifierFor(config: AppConfig): Promise<SignatureVerifier> {
  const { serviceUrl, trustAnchorsPath, timeoutMs } = config.signature;
  if (serviceUrl !== undefined) return new HttpSignatureVerifier({ url: serviceUrl, timeoutMs });
  if (trustAnchorsPath !== undefined) return CmsSignatureVerifier.fromPemFile(trustAnchorsPath);
  if (config.nodeEnv === 'production') {
    // loadConfig refuses this already; a host passing its own AppConfig must not slip past it.
    throw new Error('SIGNATURE_TRUST_ANCHORS or DIGITAL_SIGNATURE_URL is required in production');
  }
  const material = await loadOrCreateDevSignatureCa(config.dataDir);
  new Logger('SignatureModule').log(
    `Signatures are verified against the development CA in ${material.directory}; ` +
      '`npm run sign -- <file.json>` signs as its development signer',
  );
  return new CmsSignatureVerifier(devTrustAnchors(material));
}

/**
 * Signature verification of signed documents (CMS / PKCS#7 with the content attached).
 *
 * Exports `SignatureVerifier`: the host's adapter when one was given to EhealthCoreModule under
 * the port's override token, else the one `signatureVerifierFor` picks. Needs APP_CONFIG, which
 * EhealthCoreModule provides globally.
 */
@Module({
  providers: [
    // The factory may be async (the development CA is made with WebCrypto); Nest awaits it.
    bindPort<SignatureVerifier | Promise<SignatureVerifier>>(SignatureVerifier, {
      inject: [APP_CONFIG],
      useFactory: signatureVerifierFor,
    }),
  ],
  exports: [SignatureVerifier],
})
export class SignatureModule {}
