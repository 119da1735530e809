import { CmsSignatureVerifier } from '../../../src/signature/adapters/cms/cms-signature-verifier.js';
import { HttpSignatureVerifier } from '../../../src/signature/adapters/http/http-signature-verifier.js';
import { describeSignatureVerifierContract } from '../../contracts/signature-verifier.contract.js';
import { FakeDigitalSignatureServer } from '../../support/digital-signature-server.js';
import { OpensslPki } from '../../support/openssl-pki.js';

/**
 * The signature port's contract on the built-in PKI.js verifier (messages signed by openssl) and
 * on the client of an external digital-signature service (its test server reads the signed
 * content as base64 JSON, as the fake verifier does).
 */
let pki: OpensslPki | undefined;
let server: FakeDigitalSignatureServer | undefined;

afterAll(async () => {
  pki?.remove();
  await server?.close();
});

describeSignatureVerifierContract('PKI.js over openssl signatures', () => {
  const made = OpensslPki.create();
  pki = made;
  const root = made.rootAuthority('Contract Root CA');
  const ivan = made.issue(root, 'ivan', {
    subject: '/CN=Іван Тестовий/serialNumber=TINUA-2222222225',
  });
  return Promise.resolve({
    verifier: CmsSignatureVerifier.fromPemFile(made.bundle('anchors.pem', [root])),
    sign: (content) => Promise.resolve(new Uint8Array(made.sign(content, ivan))),
    signer: {
      commonName: 'Іван Тестовий',
      drfo: '2222222225',
      edrpou: null,
      serial: made.serialOf(ivan),
    },
  });
});

describeSignatureVerifierContract('an external digital-signature service', async () => {
  server = await FakeDigitalSignatureServer.start();
  return {
    verifier: new HttpSignatureVerifier({ url: server.url, timeoutMs: 5_000 }),
    sign: (content) => Promise.resolve(content),
    signer: { commonName: 'Олена Тестова', drfo: '3999869394', edrpou: null, serial: null },
  };
});
