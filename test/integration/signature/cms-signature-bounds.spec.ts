import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Certificate, SignedData } from 'pkijs';
import type { SignatureCheck } from '../../../src/signature/application/signature-verifier.port.js';
import { CmsSignatureVerifier } from '../../../src/signature/adapters/cms/cms-signature-verifier.js';
import { SIGNATURE_REJECTIONS } from '../../../src/signature/domain/signature-rejections.js';
import {
  certificateDer,
  serialVariants,
  withCertificates,
  withRepeatedSigner,
} from '../../support/cms-messages.js';
import { OpensslPki, type Authority, type Entity } from '../../support/openssl-pki.js';

const KIB = 1024;
const MAX_BYTES = 512 * KIB;
/**
 * SIGN_COST_MESSAGES=<dir>: also write every verified message there, for
 * `node bench/sign-cost.mjs <dir>`, which times the built verifier on them (docs/reliability.md
 * quotes its figures). Times are never asserted on.
 */
const MESSAGES = process.env.SIGN_COST_MESSAGES;

describe('CmsSignatureVerifier: what a message may cost is bounded before signature and chain work', () => {
  let pki: OpensslPki;
  let root: Authority;
  /** Named like the trusted root, each with a key of its own. */
  let rogueRoot: Authority;
  let lookAlikeRoot: Authority;
  /** root → chain[1] → … → chain[4]. */
  const chain: Authority[] = [];
  let signer: Entity;
  let rogueSigner: Entity;
  let fiveDeep: Entity;
  let sixDeep: Entity;
  let verifier: CmsSignatureVerifier;
  const measured: { name: string; bytes: Uint8Array; verdict: string }[] = [];

  beforeAll(() => {
    pki = OpensslPki.create();
    root = pki.rootAuthority('Test Root CA');
    rogueRoot = pki.rootAuthority('Test Root CA', 'ec-p256');
    lookAlikeRoot = pki.rootAuthority('Test Root CA', 'ec-p256');
    chain.push(root);
    for (let level = 1; level <= 4; level++) {
      chain.push(
        pki.subordinateAuthority(chain[level - 1], `Level ${level} CA`, { key: 'ec-p256' }),
      );
    }
    signer = pki.issue(root, 'signer');
    rogueSigner = pki.issue(rogueRoot, 'rogue', { key: 'ec-p256' });
    fiveDeep = pki.issue(chain[3], 'five-deep', { key: 'ec-p256' });
    sixDeep = pki.issue(chain[4], 'six-deep', { key: 'ec-p256' });
    verifier = new CmsSignatureVerifier([Certificate.fromBER(certificateDer(root))]);
    // Keys and certificates made by openssl processes: seconds on a busy machine.
  }, 30_000);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(() => {
    if (MESSAGES) writeMessages(MESSAGES);
    pki?.remove();
  });

  /** Every message a test verified, with the anchor and a manifest, for bench/sign-cost.mjs. */
  function writeMessages(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'anchor.der'), certificateDer(root));
    const manifest = measured.map(({ name, bytes, verdict }, i) => {
      const file = `${String(i + 1).padStart(2, '0')}.der`;
      writeFileSync(join(dir, file), bytes);
      return { file, name, verdict };
    });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  const content = (size: number): Buffer =>
    Buffer.from(JSON.stringify({ patient_signed: true, padding: 'x'.repeat(size) }));

  /**
   * Counts the costly steps from now on (passing through): full parses of a SignedData,
   * signature checks, and checks of a certificate's signature by a would-be issuer. Called once
   * the test material is built, since building it parses too.
   */
  const countWork = () => ({
    parses: jest.spyOn(SignedData.prototype, 'fromSchema'),
    signatures: jest.spyOn(SignedData.prototype, 'verify'),
    links: jest.spyOn(Certificate.prototype, 'verify'),
  });

  /** A message signed by `by` whose DER is exactly `total` bytes long. */
  function signedToSize(total: number, by: Entity): Buffer {
    let size = total - 2000;
    for (let attempt = 0; attempt < 5; attempt++) {
      const message = pki.sign(content(size), by);
      if (message.length === total) return message;
      size += total - message.length;
    }
    throw new Error(`no message of exactly ${total} bytes`);
  }

  /** Verifies for the assertions, and keeps the message for SIGN_COST_MESSAGES. */
  async function verify(name: string, message: Uint8Array): Promise<SignatureCheck> {
    const bytes = new Uint8Array(message);
    const result = await verifier.verify(bytes);
    measured.push({
      name,
      bytes,
      verdict: result.kind === 'invalid' ? result.message : result.kind,
    });
    return result;
  }

  describe('accepts, at the bounds', () => {
    it.each<[string, () => Uint8Array]>([
      ['a message of exactly 512 KiB', () => signedToSize(MAX_BYTES, signer)],
      [
        'a message carrying 10 certificates',
        () =>
          withCertificates(pki.sign(content(10), signer), serialVariants(certificateDer(root), 9)),
      ],
      [
        'a chain of 5 certificates, signer and anchor included',
        () => pki.sign(content(10), fiveDeep, { certfile: chain.slice(1, 4) }),
      ],
    ])('%s', async (name, make) => {
      const result = await verify(name, make());
      expect(result.kind).toBe('valid');
    });
  });

  it('accepts the costliest message within the bounds, after checking every look-alike', async () => {
    // 5 deep, 10 certificates, 500 KiB of content. Six certificates with the subject and key
    // identifier of the signer's issuer but another key come first: each costs a signature
    // check before the real issuer, carried last, is found.
    const lookAlikes = serialVariants(certificateDer(chain[3]), 6, certificateDer(rogueRoot));
    const signed = withCertificates(
      pki.sign(content(500 * KIB), fiveDeep, { certfile: chain.slice(1, 3) }),
      [...lookAlikes, certificateDer(chain[3])],
    );
    const work = countWork();
    const result = await verify('the costliest accepted', signed);
    expect(result.kind).toBe('valid');
    // 4 links of the chain and the 6 look-alikes at least (pkijs checks the chain once more).
    expect(work.links.mock.calls.length).toBeGreaterThanOrEqual(10);
  });

  describe('refuses before parsing the message in full or checking anything', () => {
    it.each<[string, () => Uint8Array, string]>([
      [
        'a message of 512 KiB and 1 byte',
        () => signedToSize(MAX_BYTES + 1, signer),
        SIGNATURE_REJECTIONS.tooLarge,
      ],
      [
        'one trusted signature repeated 140 times',
        () => withRepeatedSigner(pki.sign(content(10), signer), 140),
        SIGNATURE_REJECTIONS.notOneSignature,
      ],
      [
        'two signatures',
        () => withRepeatedSigner(pki.sign(content(10), signer), 2),
        SIGNATURE_REJECTIONS.notOneSignature,
      ],
      [
        'an untrusted signer with 190 certificates named like the trusted root',
        () =>
          withCertificates(
            pki.sign(content(10), rogueSigner),
            serialVariants(certificateDer(lookAlikeRoot), 190),
          ),
        SIGNATURE_REJECTIONS.tooManyCertificates,
      ],
      [
        'a trusted signature carrying 11 certificates',
        () =>
          withCertificates(pki.sign(content(10), signer), serialVariants(certificateDer(root), 10)),
        SIGNATURE_REJECTIONS.tooManyCertificates,
      ],
    ])(
      '%s',
      async (name, make, message) => {
        const signed = make();
        const work = countWork();
        const result = await verify(name, signed);
        expect(result).toEqual({ kind: 'invalid', message });
        expect(work.parses).not.toHaveBeenCalled();
        expect(work.signatures).not.toHaveBeenCalled();
        expect(work.links).not.toHaveBeenCalled();
        // Building 190 certificates with pkijs takes a while on a busy machine; the verdict does not.
      },
      20_000,
    );

    it('calls a detached message with two signatures malformed, as it was', async () => {
      const detached = pki.sign(content(10), signer, { detached: true, alsoSignedBy: [fiveDeep] });
      const work = countWork();
      await expect(verifier.verify(new Uint8Array(detached))).resolves.toEqual({
        kind: 'malformed',
      });
      expect(work.parses).not.toHaveBeenCalled();
    });
  });

  describe('bounds the chain', () => {
    it('refuses a chain 6 certificates deep after checking its first 4 links, no more', async () => {
      const message = pki.sign(content(10), sixDeep, { certfile: chain.slice(1) });
      const work = countWork();
      const result = await verify('a chain of 6 certificates', message);
      expect(result).toEqual({ kind: 'invalid', message: SIGNATURE_REJECTIONS.chainTooLong });
      expect(work.signatures).toHaveBeenCalledTimes(1);
      expect(work.links).toHaveBeenCalledTimes(4);
    });

    it('tries no look-alike of the trusted root whose key identifier is not the issuer’s', async () => {
      const message = withCertificates(
        pki.sign(content(10), rogueSigner),
        serialVariants(certificateDer(lookAlikeRoot), 9),
      );
      const work = countWork();
      const result = await verify('an untrusted signer with 9 look-alikes of the root', message);
      expect(result).toEqual({ kind: 'invalid', message: SIGNATURE_REJECTIONS.untrusted });
      expect(work.links).not.toHaveBeenCalled();
    });
  });

  describe('reads hostile outlines without recursion and calls them malformed', () => {
    it.each<[string, () => Uint8Array]>([
      ['a length of four gigabytes', () => Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00)],
      ['a length of five octets', () => Uint8Array.of(0x30, 0x85, 1, 0, 0, 0, 0, 0)],
      ['an indefinite primitive', () => Uint8Array.of(0x04, 0x80, 0x00, 0x00)],
      ['a tag number of five digits', () => Uint8Array.of(0x3f, 0x81, 0x81, 0x81, 0x81, 0x01, 0)],
      [
        '100,000 nested indefinite lengths, never closed',
        () => new Uint8Array(200_000).map((_v, i) => (i % 2 === 0 ? 0x30 : 0x80)),
      ],
      [
        '100,000 nested indefinite lengths, closed',
        () =>
          new Uint8Array(400_000).map((_v, i) => (i < 200_000 ? (i % 2 === 0 ? 0x30 : 0x80) : 0)),
      ],
      [
        'a signed message with its SignerInfos cut short',
        () => {
          const message = pki.sign(content(10), signer);
          return message.subarray(0, message.length - 10);
        },
      ],
    ])('%s', async (_name, make) => {
      const bytes = make();
      const work = countWork();
      await expect(verifier.verify(bytes)).resolves.toEqual({ kind: 'malformed' });
      expect(work.signatures).not.toHaveBeenCalled();
    });
  });
});
