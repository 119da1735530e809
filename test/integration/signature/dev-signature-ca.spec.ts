import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSignatureVerifier } from '../../../src/signature/adapters/cms/cms-signature-verifier.js';
import {
  DEV_SIGNER_DRFO,
  devTrustAnchors,
  loadOrCreateDevSignatureCa,
} from '../../../src/signature/adapters/dev/dev-signature-ca.js';
import {
  signAsDevSigner,
  signForDevelopment,
} from '../../../src/signature/adapters/dev/dev-signer.js';
import { taxIdChecksumValid } from '../../../src/kernel/domain/tax-id.js';
import { OpensslPki } from '../../support/openssl-pki.js';

const CONTENT = new Uint8Array(Buffer.from('{"id":"x","patient_signed":true,"name":"Тест"}'));
const YEAR = 365 * 24 * 3_600_000;

describe('the development signature CA', () => {
  const dirs: string[] = [];
  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-signature-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is generated once into DATA_DIR/dev-signature and reused afterwards', async () => {
    const data = dataDir();
    const first = await loadOrCreateDevSignatureCa(data);
    const second = await loadOrCreateDevSignatureCa(data);
    expect(first.directory).toBe(join(data, 'dev-signature'));
    expect(second).toEqual(first);
    expect(readdirSync(first.directory).sort()).toEqual(['ca.pem', 'signer.key', 'signer.pem']);
    expect(statSync(join(first.directory, 'signer.key')).mode & 0o777).toBe(0o600);
    expect(statSync(first.directory).mode & 0o077).toBe(0);
    expect(first.signerKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('ends up with one CA when several starts race to create it', async () => {
    const data = dataDir();
    const all = await Promise.all([1, 2, 3].map(() => loadOrCreateDevSignatureCa(data)));
    expect(new Set(all.map((m) => m.caCertificatePem)).size).toBe(1);
    expect(new Set(all.map((m) => m.signerKeyPem)).size).toBe(1);
    // The losers' staging directories are gone.
    expect(readdirSync(data)).toEqual(['dev-signature']);
  });

  it('signs content that the CMS verifier accepts as the development signer', async () => {
    const material = await loadOrCreateDevSignatureCa(dataDir());
    const verifier = new CmsSignatureVerifier(devTrustAnchors(material));
    const result = await verifier.verify(await signAsDevSigner(CONTENT, material));
    expect(result).toEqual({
      kind: 'valid',
      content: CONTENT,
      signer: {
        commonName: 'Development signer',
        drfo: DEV_SIGNER_DRFO,
        edrpou: null,
        serial: expect.stringMatching(/^[0-9A-F]{30,32}$/),
      },
    });
    expect(taxIdChecksumValid(DEV_SIGNER_DRFO)).toBe(true);
  });

  it('is not trusted by a verifier with other anchors', async () => {
    const mine = await loadOrCreateDevSignatureCa(dataDir());
    const theirs = await loadOrCreateDevSignatureCa(dataDir());
    const verifier = new CmsSignatureVerifier(devTrustAnchors(theirs));
    await expect(verifier.verify(await signAsDevSigner(CONTENT, mine))).resolves.toEqual({
      kind: 'invalid',
      message: 'The signer certificate does not chain to a trusted certificate authority',
    });
  });

  it('makes DER that openssl verifies against the development CA', async () => {
    const pki = OpensslPki.create();
    try {
      const material = await loadOrCreateDevSignatureCa(dataDir());
      const signed = pki.write('dev.p7s', await signAsDevSigner(CONTENT, material));
      const ca = pki.write('ca.pem', material.caCertificatePem);
      const out = pki.path('out.bin');
      pki.openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        signed,
        '-CAfile',
        ca,
        '-out',
        out,
      ]);
      expect(Buffer.from(readFileSync(out)).equals(Buffer.from(CONTENT))).toBe(true);
      // A DER re-encoding by openssl gives back the very same bytes.
      const der = pki.openssl([
        'cms',
        '-cmsout',
        '-inform',
        'DER',
        '-outform',
        'DER',
        '-in',
        signed,
      ]);
      expect(der.equals(readFileSync(signed))).toBe(true);
    } finally {
      pki.remove();
    }
  });

  it('gives what npm run sign prints: base64 signed content and the signer tax id', async () => {
    const data = dataDir();
    const printed = await signForDevelopment(data, CONTENT);
    expect(printed.drfo).toBe(DEV_SIGNER_DRFO);
    expect(printed.directory).toBe(join(data, 'dev-signature'));
    expect(printed.signedContent).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const verifier = new CmsSignatureVerifier(
      devTrustAnchors(await loadOrCreateDevSignatureCa(data)),
    );
    await expect(
      verifier.verify(new Uint8Array(Buffer.from(printed.signedContent, 'base64'))),
    ).resolves.toMatchObject({
      kind: 'valid',
      content: CONTENT,
      signer: { drfo: DEV_SIGNER_DRFO },
    });
  });

  it('says how to start again once its signer has expired', async () => {
    const data = dataDir();
    await loadOrCreateDevSignatureCa(data);
    await expect(loadOrCreateDevSignatureCa(data, new Date(Date.now() + 6 * YEAR))).rejects.toThrow(
      /development signer certificate expired .*delete .*dev-signature/,
    );
  });
});
