import type { SignatureVerifier } from '../../src/signature/application/signature-verifier.port.js';
import type { Signer } from '../../src/signature/domain/signer.js';

export interface SignatureVerifierSubject {
  readonly verifier: SignatureVerifier;
  /** A message with `content` attached, signed by `signer`. */
  sign(content: Uint8Array): Promise<Uint8Array>;
  /** Who `sign` signs as. */
  readonly signer: Signer;
}

const json = (value: unknown): Uint8Array => new Uint8Array(Buffer.from(JSON.stringify(value)));
const parsed = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));

/**
 * The promises of SignatureVerifier that the sign use case relies on (docs/signatures.md): a
 * signed message verifies with its attached content and its signer, each message with its own;
 * bytes that are no signed message at all are `malformed`, a result and not an exception.
 */
export function describeSignatureVerifierContract(
  name: string,
  makeSubject: () => Promise<SignatureVerifierSubject>,
): void {
  describe(`the SignatureVerifier contract: ${name}`, () => {
    let s: SignatureVerifierSubject;

    beforeAll(async () => {
      s = await makeSubject();
    });

    it('verifies a signed message: its content as signed, and its signer', async () => {
      const document = { id: '0d4a6f7e-2c1b-4e8a-9f3d-5b6c7d8e9f01', patient_signed: true };
      const check = await s.verifier.verify(await s.sign(json(document)));

      expect(check).toMatchObject({ kind: 'valid', signer: s.signer });
      if (check.kind !== 'valid') throw new Error(JSON.stringify(check));
      expect(parsed(check.content)).toEqual(document);
    });

    it('answers each message with its own content', async () => {
      const [first, second] = await Promise.all([
        s.sign(json({ n: 1, note: 'перший' })),
        s.sign(json({ n: 2, note: 'другий' })),
      ]);
      const [a, b] = await Promise.all([s.verifier.verify(first), s.verifier.verify(second)]);
      if (a.kind !== 'valid' || b.kind !== 'valid') throw new Error(JSON.stringify([a, b]));
      expect([parsed(a.content), parsed(b.content)]).toEqual([
        { n: 1, note: 'перший' },
        { n: 2, note: 'другий' },
      ]);
    });

    it.each([
      ['random bytes', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07, 0xff, 0x00, 0x13])],
      ['no bytes', new Uint8Array(0)],
      ['text', new Uint8Array(Buffer.from('not a signed message'))],
    ])('answers %s as malformed', async (_name, bytes) => {
      await expect(s.verifier.verify(bytes)).resolves.toEqual({ kind: 'malformed' });
    });
  });
}
