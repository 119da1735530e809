import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, type AppConfig } from '../../../src/platform/config/app-config.js';
import { APP_CONFIG } from '../../../src/platform/config/config.tokens.js';
import { overrideToken } from '../../../src/platform/core/adapter-provider.js';
import { CmsSignatureVerifier } from '../../../src/signature/adapters/cms/cms-signature-verifier.js';
import { HttpSignatureVerifier } from '../../../src/signature/adapters/http/http-signature-verifier.js';
import {
  SignatureVerifier,
  type SignatureCheck,
} from '../../../src/signature/application/signature-verifier.port.js';
import { signForDevelopment } from '../../../src/signature/adapters/dev/dev-signer.js';
import { SignatureModule } from '../../../src/signature/signature.module.js';

/** What EhealthCoreModule gives every feature module: APP_CONFIG and the host's overrides. */
@Module({})
class HostModule {
  static with(config: AppConfig, overrides: Provider[] = []): DynamicModule {
    const providers = [{ provide: APP_CONFIG, useValue: config }, ...overrides];
    return { module: HostModule, global: true, providers, exports: providers };
  }
}

async function boundFor(config: AppConfig, overrides: Provider[] = []): Promise<SignatureVerifier> {
  const app = await Test.createTestingModule({
    imports: [HostModule.with(config, overrides), SignatureModule],
  }).compile();
  return app.get(SignatureVerifier);
}

class FakeVerifier extends SignatureVerifier {
  verify(): Promise<SignatureCheck> {
    return Promise.resolve({ kind: 'malformed' });
  }
}

describe('SignatureModule', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'signature-module-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('binds the HTTP adapter when DIGITAL_SIGNATURE_URL is set', async () => {
    const config = loadConfig({
      DIGITAL_SIGNATURE_URL: 'http://127.0.0.1:9/ds',
      DATA_DIR: dataDir,
    });
    await expect(boundFor(config)).resolves.toBeInstanceOf(HttpSignatureVerifier);
  });

  it('binds the CMS adapter trusting the development CA when nothing is configured', async () => {
    const verifier = await boundFor(loadConfig({ DATA_DIR: dataDir }));
    expect(verifier).toBeInstanceOf(CmsSignatureVerifier);
    const { signedContent } = await signForDevelopment(dataDir, new Uint8Array([0x7b, 0x7d]));
    await expect(
      verifier.verify(new Uint8Array(Buffer.from(signedContent, 'base64'))),
    ).resolves.toMatchObject({ kind: 'valid' });
  });

  it('binds the CMS adapter to SIGNATURE_TRUST_ANCHORS, which then refuses the development signer', async () => {
    const other = mkdtempSync(join(tmpdir(), 'signature-module-other-'));
    try {
      await signForDevelopment(other, new Uint8Array([1]));
      const config = loadConfig({
        SIGNATURE_TRUST_ANCHORS: join(other, 'dev-signature', 'ca.pem'),
        DATA_DIR: dataDir,
      });
      const verifier = await boundFor(config);
      expect(verifier).toBeInstanceOf(CmsSignatureVerifier);
      const { signedContent } = await signForDevelopment(dataDir, new Uint8Array([0x7b, 0x7d]));
      await expect(
        verifier.verify(new Uint8Array(Buffer.from(signedContent, 'base64'))),
      ).resolves.toMatchObject({ kind: 'invalid' });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("prefers the host's adapter given under the port's override token", async () => {
    const fake = new FakeVerifier();
    const config = loadConfig({ DIGITAL_SIGNATURE_URL: 'http://127.0.0.1:9/ds' });
    const bound = await boundFor(config, [
      { provide: overrideToken(SignatureVerifier), useValue: fake },
    ]);
    expect(bound).toBe(fake);
  });

  it('refuses the development CA to a production configuration that skipped loadConfig', async () => {
    const config = { ...loadConfig({ DATA_DIR: dataDir }), nodeEnv: 'production' };
    await expect(boundFor(config)).rejects.toThrow(
      /SIGNATURE_TRUST_ANCHORS or DIGITAL_SIGNATURE_URL/,
    );
  });
});
