import { describeSignatureVerifierContract } from '../../contracts/signature-verifier.contract.js';
import { FakeSignatureVerifier } from '../../support/fakes/fake-signature-verifier.js';

/** The signature port's contract on the fake the use-case specs run on. */
describeSignatureVerifierContract('the fake', () => {
  const verifier = new FakeSignatureVerifier();
  return Promise.resolve({
    verifier,
    signer: verifier.signer,
    sign: (content) => Promise.resolve(content),
  });
});
