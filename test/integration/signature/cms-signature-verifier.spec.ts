import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignatureCheck } from '../../../src/signature/application/signature-verifier.port.js';
import { CmsSignatureVerifier } from '../../../src/signature/adapters/cms/cms-signature-verifier.js';
import { certificatesFromPem } from '../../../src/signature/adapters/cms/pem.js';
import { SIGNATURE_REJECTIONS } from '../../../src/signature/domain/signature-rejections.js';
import type { Signer } from '../../../src/signature/domain/signer.js';
import {
  OpensslPki,
  SIGNER_EXTENSIONS,
  subjectDirectoryAttributesDer,
  type Authority,
  type Entity,
  type SignOptions,
} from '../../support/openssl-pki.js';

const DAY = 24 * 3_600_000;
const YEAR = 365 * DAY;
const CONTENT = Buffer.from(
  JSON.stringify({
    id: '0d4a6f7e-2c1b-4e8a-9f3d-5b6c7d8e9f01',
    patient_signed: true,
    note: 'Тест',
  }),
);
const DRFO_OID = '1.2.804.2.1.1.1.11.1.4.1.1';
const EDRPOU_OID = '1.2.804.2.1.1.1.11.1.4.2.1';

describe('CmsSignatureVerifier against signatures made by openssl', () => {
  let pki: OpensslPki;
  let root: Authority;
  let intermediate: Authority;
  let expiredIntermediate: Authority;
  let rogue: Authority;
  let notAnAuthority: Authority;
  const signers: Record<string, Entity> = {};
  let verifier: CmsSignatureVerifier;

  beforeAll(() => {
    pki = OpensslPki.create();
    root = pki.rootAuthority('Test Root CA');
    const other = pki.rootAuthority('Other Root CA', 'ec-p256');
    intermediate = pki.subordinateAuthority(root, 'Test Intermediate CA', { key: 'ec-p384' });
    expiredIntermediate = pki.subordinateAuthority(root, 'Expired Intermediate CA', {
      notBefore: new Date(Date.now() - 3 * YEAR),
      notAfter: new Date(Date.now() - YEAR),
    });
    rogue = pki.rootAuthority('Rogue CA', 'ec-p256');

    signers.rsa = pki.issue(root, 'rsa', {
      subject: '/CN=Іван Тестовий/serialNumber=TINUA-2222222225',
    });
    signers.p256 = pki.issue(intermediate, 'p256', {
      key: 'ec-p256',
      subject: '/CN=Олена Тестова',
      extensions: [
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        `2.5.29.9 = DER:${subjectDirectoryAttributesDer({ [DRFO_OID]: '3999869394', [EDRPOU_OID]: '38782323' })}`,
      ],
    });
    signers.p384 = pki.issue(root, 'p384', {
      key: 'ec-p384',
      subject: '/CN=Petro Test/serialNumber=2659719350',
      extensions: ['basicConstraints = CA:FALSE'], // no keyUsage: unrestricted
    });
    signers.expired = pki.issue(root, 'expired', {
      notBefore: new Date(Date.now() - 2 * YEAR),
      notAfter: new Date(Date.now() - DAY),
    });
    signers.future = pki.issue(root, 'future', {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + YEAR),
    });
    signers.encipherOnly = pki.issue(root, 'encipher', {
      extensions: ['basicConstraints = CA:FALSE', 'keyUsage = critical, keyEncipherment'],
    });
    signers.rogue = pki.issue(rogue, 'rogue', {
      subject: '/CN=Іван Тестовий/serialNumber=TINUA-2222222225',
    });
    // openssl ca does not check its issuer's basic constraints; a verifier must.
    notAnAuthority = pki.subordinateAuthority(root, 'Not An Authority', {
      extensions: SIGNER_EXTENSIONS,
    });
    signers.underNotAnAuthority = pki.issue(notAnAuthority, 'under-not-an-authority');
    signers.underExpired = pki.issue(expiredIntermediate, 'under-expired', {
      extensions: SIGNER_EXTENSIONS,
    });
    // Two anchors in one file: the file may hold a whole trust list.
    verifier = CmsSignatureVerifier.fromPemFile(pki.bundle('anchors.pem', [other, root]));
  });

  afterAll(() => pki?.remove());

  const sign = (signer: string, options: SignOptions = {}): Buffer =>
    pki.sign(CONTENT, signers[signer], options);
  const check = (bytes: Uint8Array): Promise<SignatureCheck> =>
    verifier.verify(new Uint8Array(bytes));

  function expectValid(result: SignatureCheck, signer: Omit<Signer, 'serial'>, entity: Entity) {
    expect(result.kind).toBe('valid');
    if (result.kind !== 'valid') throw new Error(JSON.stringify(result));
    expect(Buffer.from(result.content).equals(CONTENT)).toBe(true);
    expect(result.signer).toEqual({ ...signer, serial: pki.serialOf(entity) });
  }

  const IVAN = { commonName: 'Іван Тестовий', drfo: '2222222225', edrpou: null };
  const OLENA = { commonName: 'Олена Тестова', drfo: '3999869394', edrpou: '38782323' };
  const PETRO = { commonName: 'Petro Test', drfo: '2659719350', edrpou: null };

  describe('accepts', () => {
    it.each<[string, string, SignOptions, Omit<Signer, 'serial'>]>([
      ['RSA PKCS#1 v1.5, SHA-256, DER', 'rsa', { md: 'sha256' }, IVAN],
      ['RSA, SHA-512, BER streamed', 'rsa', { md: 'sha512', stream: true }, IVAN],
      ['RSA, SHA-384, without signed attributes', 'rsa', { md: 'sha384', noattr: true }, IVAN],
      ['RSA-PSS, SHA-256', 'rsa', { md: 'sha256', pss: true }, IVAN],
      // openssl 3.0 cannot stream an RSA-PSS signature ("illegal zero content").
      ['RSA-PSS, SHA-384', 'rsa', { md: 'sha384', pss: true }, IVAN],
      ['ECDSA P-384, SHA-384, no keyUsage', 'p384', { md: 'sha384' }, PETRO],
      [
        'ECDSA P-384, SHA-512, without signed attributes',
        'p384',
        { md: 'sha512', noattr: true },
        PETRO,
      ],
    ])('%s', async (_name, signer, options, expected) => {
      expectValid(await check(sign(signer, options)), expected, signers[signer]);
    });

    it.each<[string, SignOptions]>([
      ['SHA-256', { md: 'sha256' }],
      ['SHA-384, streamed', { md: 'sha384', stream: true }],
      ['SHA-512, without signed attributes', { md: 'sha512', noattr: true }],
    ])(
      'ECDSA P-256 through an intermediate carried in the message, %s, with DRFO and EDRPOU attributes',
      async (_name, options) => {
        const signed = sign('p256', { ...options, certfile: [intermediate] });
        expectValid(await check(signed), OLENA, signers.p256);
      },
    );
  });

  describe('refuses as invalid', () => {
    it.each<[string, () => Buffer, string | RegExp]>([
      [
        'a signer certified by an untrusted CA',
        () => sign('rogue'),
        SIGNATURE_REJECTIONS.untrusted,
      ],
      [
        'a chain whose intermediate is neither in the message nor trusted',
        () => sign('p256'),
        SIGNATURE_REJECTIONS.untrusted,
      ],
      [
        'an expired signer certificate',
        () => sign('expired'),
        /^The signer certificate has expired \(valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/,
      ],
      [
        'a signer certificate not valid yet',
        () => sign('future'),
        /^The signer certificate is not valid yet \(valid from /,
      ],
      [
        'an expired authority on the chain',
        () => sign('underExpired', { certfile: [expiredIntermediate] }),
        /^The certificate of the authority "Expired Intermediate CA" has expired/,
      ],
      [
        'a chain through a certificate that is not an authority',
        () => sign('underNotAnAuthority', { certfile: [notAnAuthority] }),
        /^The certificate chain is not valid: /,
      ],
      [
        'a signer whose keyUsage is keyEncipherment only',
        () => sign('encipherOnly'),
        SIGNATURE_REJECTIONS.keyUsage,
      ],
      [
        'a SHA-1 signature',
        () => sign('rsa', { md: 'sha1' }),
        /^Unsupported digest algorithm 1\.3\.14\.3\.2\.26/,
      ],
    ])('%s', async (_name, make, message) => {
      const result = await check(make());
      expect(result.kind).toBe('invalid');
      expect(result).toEqual({ kind: 'invalid', message: expect.stringMatching(message) });
    });

    it.each<[string, () => Buffer]>([
      ['two signatures that both verify', () => sign('rsa', { alsoSignedBy: [signers.p384] })],
      [
        'a trusted and an untrusted signature',
        () => sign('rsa', { alsoSignedBy: [signers.rogue] }),
      ],
    ])('%s: a message carries exactly one', async (_name, make) => {
      await expect(check(make())).resolves.toEqual({
        kind: 'invalid',
        message: SIGNATURE_REJECTIONS.notOneSignature,
      });
    });

    it.each<[string, SignOptions, string]>([
      [
        'with signed attributes: the message digest differs',
        {},
        SIGNATURE_REJECTIONS.digestMismatch,
      ],
      [
        'without signed attributes: the signature fails',
        { noattr: true },
        SIGNATURE_REJECTIONS.signatureMismatch,
      ],
    ])('content changed after signing, %s', async (_name, options, message) => {
      const signed = sign('rsa', options);
      const at = signed.indexOf(CONTENT);
      expect(at).toBeGreaterThan(0);
      signed[at + 10] ^= 0x01;
      await expect(check(signed)).resolves.toEqual({ kind: 'invalid', message });
    });

    it('a valid signature judged at a moment after the certificates expired (the now option)', async () => {
      const later = new CmsSignatureVerifier(
        certificatesFromPem(readFileSync(root.certificate, 'utf8'), 'root'),
        { now: new Date(Date.now() + 20 * YEAR) },
      );
      await expect(later.verify(new Uint8Array(sign('rsa')))).resolves.toEqual({
        kind: 'invalid',
        message: expect.stringMatching(/^The signer certificate has expired/),
      });
    });
  });

  describe('calls malformed', () => {
    it.each<[string, () => Uint8Array]>([
      ['random bytes', () => randomBytes(512)],
      ['no bytes', () => new Uint8Array(0)],
      ['a detached signature (no content)', () => sign('rsa', { detached: true })],
      [
        'a valid signature followed by more bytes',
        () => Buffer.concat([sign('rsa'), Buffer.from([0])]),
      ],
      ['a truncated signature', () => sign('rsa').subarray(0, 300)],
      [
        'a CMS message that is not SignedData',
        () =>
          pki.openssl([
            'cms',
            '-data_create',
            '-binary',
            '-outform',
            'DER',
            '-in',
            pki.write('plain.txt', CONTENT),
          ]),
      ],
    ])('%s', async (_name, make) => {
      await expect(check(make())).resolves.toEqual({ kind: 'malformed' });
    });
  });

  it('refuses to start without a readable anchor', () => {
    expect(() => CmsSignatureVerifier.fromPemFile(pki.path('absent.pem'))).toThrow(
      /^SIGNATURE_TRUST_ANCHORS \(.*absent\.pem\) cannot be read/,
    );
    const broken = pki.write(
      'broken.pem',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    );
    expect(() => CmsSignatureVerifier.fromPemFile(broken)).toThrow(/certificate 1 cannot be read/);
  });
});
