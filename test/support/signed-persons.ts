import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { OpensslPki, SIGNER_EXTENSIONS, type Entity } from './openssl-pki.js';
import { CapturingSmsSender } from './otp-sms.js';
import { createTestApp, type TestApp } from './test-app.js';
import { v3Body } from './v3.js';

/**
 * A development PKI whose one signer the service under test trusts: start the app with
 * `env: { SIGNATURE_TRUST_ANCHORS: signing.trustAnchors }`.
 */
export interface PersonSigning {
  readonly trustAnchors: string;
  readonly signer: Entity;
  readonly pki: OpensslPki;
  remove(): void;
}

export function personSigning(): PersonSigning {
  const pki = OpensslPki.create();
  const root = pki.rootAuthority('Test Qualified CA');
  const signer = pki.issue(root, 'signer', {
    subject: '/CN=Лікар Тестовий/serialNumber=TINUA-2222222225',
    extensions: SIGNER_EXTENSIONS,
  });
  return { trustAnchors: root.certificate, signer, pki, remove: () => pki.remove() };
}

/** The app of a spec that signs person requests, as `withSigningApp` starts it. */
export interface SigningApp {
  /** The app; read it in tests and hooks, once the suite's beforeAll has run. */
  readonly t: TestApp;
  /** The PKI the app trusts; as `t`, after the suite's beforeAll. */
  readonly signing: PersonSigning;
  /** The SMS the app sends, captured (there from the start). */
  readonly sms: CapturingSmsSender;
}

export interface SigningAppOptions {
  /** Settings beside the trust anchors. */
  readonly env?: Record<string, string>;
  /** The beforeAll's own timeout, when the suite's default is not enough. */
  readonly timeoutMs?: number;
}

/**
 * Registers, in the describe it is called in, the beforeAll that starts the app trusting a
 * development PKI of its own and sending SMS to a capturing sender, and the afterAll that closes
 * both. Call it in the describe's body, and read its getters inside tests and hooks.
 */
export function withSigningApp(options: SigningAppOptions = {}): SigningApp {
  const sms = new CapturingSmsSender();
  let app: TestApp | undefined;
  let pki: PersonSigning | undefined;
  beforeAll(async () => {
    pki = personSigning();
    app = await createTestApp({
      env: { SIGNATURE_TRUST_ANCHORS: pki.trustAnchors, ...options.env },
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  }, options.timeoutMs);
  afterAll(async () => {
    await app?.close();
    pki?.remove();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is read before the suite's beforeAll ran`);
    return value;
  };
  return {
    get t() {
      return started(app, 'the signing app');
    },
    get signing() {
      return started(pki, 'the signing PKI');
    },
    sms,
  };
}

/**
 * Writes a person the way the registry does: a v3 person request (`person` merged into the
 * example body) with an OTP method on `phone`, approved with the code sent there, and signed.
 * `headers` need `person_request:write`. Returns the id of the person written.
 */
export async function signedPerson(
  t: TestApp,
  sms: CapturingSmsSender,
  signing: PersonSigning,
  headers: Record<string, string>,
  phone: string,
  person: Record<string, unknown> = {},
): Promise<string> {
  const body = v3Body({
    person: { ...person, authentication_methods: [{ type: 'OTP', phone_number: phone }] },
  });
  const created = await t.http.post('/api/v3/person_requests').set(headers).send(body);
  if (created.status !== 201) {
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const path = `/api/v3/person_requests/${created.body.data.id as string}/actions`;
  const approved = await t.http
    .patch(`${path}/approve`)
    .set(headers)
    .send({ verification_code: Number(sms.lastCodeFor(phone)) });
  if (approved.status !== 200 && approved.status !== 201) {
    throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  }
  const content = Buffer.from(JSON.stringify({ ...approved.body.data, patient_signed: true }));
  const signed = await t.http
    .patch(`${path}/sign`)
    .set(headers)
    .send({
      signed_content: signing.pki.sign(new Uint8Array(content), signing.signer).toString('base64'),
    });
  if (signed.status !== 200) {
    throw new Error(`sign failed: ${signed.status} ${JSON.stringify(signed.body)}`);
  }
  return signed.body.data.person_id as string;
}
