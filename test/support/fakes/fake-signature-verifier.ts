import {
  SignatureVerifier,
  type SignatureCheck,
} from '../../../src/signature/application/signature-verifier.port.js';
import type { Signer } from '../../../src/signature/domain/signer.js';
import { CallJournal } from './call-journal.js';

export const DEFAULT_SIGNER: Signer = {
  commonName: 'Петренко Олена Іванівна',
  drfo: '2659719350',
  edrpou: null,
  serial: '0A1B2C',
};

/**
 * A signature verifier whose verdict the test chooses. By default a message is a valid signature
 * by `signer` whose content is the bytes themselves when they are JSON (the test signs by
 * encoding the document, as the digital-signature test server reads it), so a use case's own
 * checks of the content run on what the test sent; other bytes are malformed, as they are to
 * every adapter.
 */
export class FakeSignatureVerifier extends SignatureVerifier {
  /** The bytes of every verification, in order. */
  readonly verified: Uint8Array[] = [];
  signer: Signer = DEFAULT_SIGNER;
  private verdict: SignatureCheck | undefined;

  constructor(private readonly journal = new CallJournal()) {
    super();
  }

  /** Every later verification answers `check`. */
  answer(check: SignatureCheck): this {
    this.verdict = check;
    return this;
  }

  verify(signed: Uint8Array): Promise<SignatureCheck> {
    this.journal.record('signature.verify');
    this.verified.push(new Uint8Array(signed));
    if (this.verdict) return Promise.resolve(this.verdict);
    return Promise.resolve(
      isJson(signed)
        ? { kind: 'valid', content: new Uint8Array(signed), signer: this.signer }
        : { kind: 'malformed' },
    );
  }
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}
