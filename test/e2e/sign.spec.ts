import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DocumentStorage } from '../../src/document-storage/application/document-storage.port.js';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { SignatureVerifier } from '../../src/signature/application/signature-verifier.port.js';
import {
  certificateExpired,
  SIGNATURE_REJECTIONS,
} from '../../src/signature/domain/signature-rejections.js';
import {
  certificateDer,
  serialVariants,
  withCertificates,
  withRepeatedSigner,
} from '../support/cms-messages.js';
import { countPersons } from '../support/database.js';
import { FakeDigitalSignatureServer } from '../support/digital-signature-server.js';
import {
  OpensslPki,
  SIGNER_EXTENSIONS,
  type Authority,
  type Entity,
} from '../support/openssl-pki.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';
import { meetingPoint } from '../support/meeting-point.js';
import { until } from '../support/until.js';

const SCOPES = ['person_request:write', 'person_request:read', 'person:read'];
const A = { Authorization: `Bearer ${tokenFor(SCOPES, { clientId: TEST_CLIENT_ID })}` };
const B = {
  Authorization: `Bearer ${tokenFor(SCOPES, { clientId: '0c7a8f4e-5d6b-4a3c-9b2d-1e0f9a8b7c6d' })}`,
};
const DRFO = '2222222225';
const DAY = 86_400_000;
/** The expired signer's end of validity, to the second (as a certificate holds it). */
const EXPIRED_UNTIL = new Date(Math.floor((Date.now() - DAY) / 1000) * 1000);
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };
const path = (id: string, action = '') =>
  `/api/v3/person_requests/${id}${action ? `/actions/${action}` : ''}`;
const CONTENT_MISMATCH = 'Signed content does not match the previously created content';
/** The 422 of signed JSON that a lenient reader and a strict one would read differently. */
const NOT_THE_REQUESTS_CONTENT = {
  type: 'validation_failed',
  invalid: [
    {
      entry_type: 'json_data_property',
      entry: '$.signed_content',
      rules: [{ rule: 'invalid', description: CONTENT_MISMATCH, params: [] }],
    },
  ],
};
const statusOf = async (t: TestApp, id: string): Promise<string> =>
  (await t.pool.query<{ status: string }>('SELECT status FROM person_requests WHERE id = $1', [id]))
    .rows[0].status;

/** A request of `phone` approved with its code; returns the approve's `data`, the document to sign. */
async function approvedOn(
  t: TestApp,
  sms: CapturingSmsSender,
  phone: string,
): Promise<Record<string, any>> {
  const created = await t.http
    .post('/api/v3/person_requests')
    .set(A)
    .send(v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone }] } }))
    .expect(201);
  const res = await t.http
    .patch(path(created.body.data.id, 'approve'))
    .set(A)
    .send({ verification_code: Number(sms.lastCodeFor(phone)) })
    .expect(201);
  return res.body.data as Record<string, any>;
}

describe('sign: the person is written only with a verified electronic signature', () => {
  let t: TestApp;
  let pki: OpensslPki;
  let root: Authority;
  let rsaSigner: Entity;
  let ecSigner: Entity;
  let expired: Entity;
  let stranger: Entity;
  let encipherOnly: Entity;
  /** Named like the trusted root, each with a key of its own. */
  let rogueRoot: Authority;
  let lookAlikeRoot: Authority;
  let rogueSigner: Entity;
  /** root → chain[1] → … → chain[4]: a signer under chain[4] is 6 certificates from the anchor. */
  const chain: Authority[] = [];
  let signerFiveDeep: Entity;
  let signerSixDeep: Entity;
  const sms = new CapturingSmsSender();
  let phoneSeq = 0;

  beforeAll(async () => {
    pki = OpensslPki.create();
    root = pki.rootAuthority('Test Qualified CA');
    const subject = `/CN=Лікар Тестовий/serialNumber=TINUA-${DRFO}`;
    rsaSigner = pki.issue(root, 'rsa-signer', { subject, extensions: SIGNER_EXTENSIONS });
    ecSigner = pki.issue(root, 'ec-signer', {
      key: 'ec-p256',
      subject,
      extensions: SIGNER_EXTENSIONS,
    });
    expired = pki.issue(root, 'expired-signer', {
      subject,
      extensions: SIGNER_EXTENSIONS,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: EXPIRED_UNTIL,
    });
    encipherOnly = pki.issue(root, 'encipher-only', {
      subject,
      extensions: ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, keyEncipherment'],
    });
    const otherRoot = pki.rootAuthority('Unknown CA');
    stranger = pki.issue(otherRoot, 'stranger', { subject, extensions: SIGNER_EXTENSIONS });
    rogueRoot = pki.rootAuthority('Test Qualified CA', 'ec-p256');
    lookAlikeRoot = pki.rootAuthority('Test Qualified CA', 'ec-p256');
    rogueSigner = pki.issue(rogueRoot, 'rogue-signer', { key: 'ec-p256', subject });
    chain.push(root);
    for (let level = 1; level <= 4; level++) {
      chain.push(
        pki.subordinateAuthority(chain[level - 1], `Test CA level ${level}`, { key: 'ec-p256' }),
      );
    }
    signerFiveDeep = pki.issue(chain[3], 'five-deep', { key: 'ec-p256', subject });
    signerSixDeep = pki.issue(chain[4], 'six-deep', { key: 'ec-p256', subject });
    t = await createTestApp({
      env: { SIGNATURE_TRUST_ANCHORS: root.certificate },
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
    // A dozen keys and certificates made by openssl processes: seconds on a busy machine.
  }, 30_000);
  afterAll(async () => {
    await t.close();
    pki.remove();
  });

  const persons = (): Promise<number> => countPersons(t.pool);
  const approved = (): Promise<Record<string, any>> =>
    approvedOn(t, sms, `+38067555${String(phoneSeq++).padStart(4, '0')}`);

  const document = (data: Record<string, any>, changes: Record<string, unknown> = {}) =>
    new Uint8Array(Buffer.from(JSON.stringify({ ...data, patient_signed: true, ...changes })));
  const signed = (bytes: Uint8Array, signer: Entity = rsaSigner): string =>
    pki.sign(bytes, signer).toString('base64');
  const sign = (id: string, body: object, headers: Record<string, string> = A) =>
    t.http.patch(path(id, 'sign')).set(headers).send(body);

  it.each([
    ['RSA', () => rsaSigner],
    ['ECDSA P-256', () => ecSigner],
  ])('accepts a valid %s signature and writes the person', async (_name, signer) => {
    const data = await approved();
    const before = await persons();
    const content = signed(document(data), signer());
    const res = await sign(
      data.id as string,
      { signed_content: content, signed_content_encoding: 'base64' },
      { ...A, msp_drfo: DRFO },
    ).expect(200);
    const copy = join(
      t.config.dataDir,
      'documents',
      'person_requests',
      data.id,
      'signed_content.p7s',
    );
    expect(readFileSync(copy).toString('base64')).toBe(content);
    expect(res.body.data).toEqual({
      id: data.id,
      status: 'SIGNED',
      person_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      inserted_at: data.inserted_at,
      updated_at: expect.any(String),
    });
    expect(await persons()).toBe(before + 1);
    const person = await t.http.get(`/api/persons/${res.body.data.person_id}`).set(A).expect(200);
    expect(person.body.data).toMatchObject({
      first_name: 'Олена',
      last_name: 'Петренко',
      tax_id: '2659719350',
    });
    const read = await t.http
      .get(path(data.id as string))
      .set(A)
      .expect(200);
    expect(read.body.data).toMatchObject({
      status: 'SIGNED',
      patient_signed: true,
      person_id: res.body.data.person_id,
    });
  });

  it('accepts the signed data without inserted_at and updated_at, base64 with line breaks, and no encoding', async () => {
    const data = await approved();
    const { inserted_at: _i, updated_at: _u, ...rest } = data;
    const base64 = signed(document(rest)).replace(/(.{64})/g, '$1\n');
    await sign(data.id as string, { signed_content: base64 }).expect(200);
  });

  it('accepts a chain of 5 certificates in a message carrying 10 (with look-alikes of an authority)', async () => {
    const data = await approved();
    const message = pki.sign(document(data), signerFiveDeep, { certfile: chain.slice(1, 4) });
    // Six more certificates named like the signer's issuer, carried before nothing else: 10 in all.
    const padded = withCertificates(message, serialVariants(certificateDer(chain[3]), 6));
    await sign(data.id as string, { signed_content: padded.toString('base64') }).expect(200);
  });

  describe('refusals change nothing: no person, the request still APPROVED', () => {
    const refusals: [
      string,
      (data: Record<string, any>) => object,
      Record<string, string>,
      number,
      Record<string, unknown>,
    ][] = [
      [
        'a signer whose CA is not trusted',
        (data) => ({ signed_content: signed(document(data), stranger) }),
        {},
        400,
        { type: 'bad_request', message: SIGNATURE_REJECTIONS.untrusted },
      ],
      [
        'an expired signer certificate',
        (data) => ({ signed_content: signed(document(data), expired) }),
        {},
        400,
        { type: 'bad_request', message: certificateExpired({ kind: 'signer' }, EXPIRED_UNTIL) },
      ],
      [
        'a signer certificate whose keyUsage allows no signing',
        (data) => ({ signed_content: signed(document(data), encipherOnly) }),
        {},
        400,
        { type: 'bad_request', message: SIGNATURE_REJECTIONS.keyUsage },
      ],
      [
        'tampered content',
        (data) => {
          const message = pki.sign(document(data), rsaSigner);
          const at = message.indexOf(Buffer.from('Петренко'));
          message[at + 2] ^= 0x01;
          return { signed_content: message.toString('base64') };
        },
        {},
        400,
        { type: 'bad_request', message: SIGNATURE_REJECTIONS.digestMismatch },
      ],
      [
        'content that differs from the request',
        (data) => ({
          signed_content: signed(
            document(data, { person: { ...data.person, birth_date: '1972-10-27' } }),
          ),
        }),
        {},
        422,
        {
          type: 'validation_failed',
          invalid: [
            expect.objectContaining({
              entry: '$.content',
              rules: [
                expect.objectContaining({
                  description: 'Signed content does not match the previously created content',
                }),
              ],
            }),
          ],
        },
      ],
      [
        'patient_signed false',
        (data) => ({ signed_content: signed(document(data, { patient_signed: false })) }),
        {},
        422,
        {
          invalid: [
            expect.objectContaining({
              entry: '$.patient_signed',
              rules: [
                expect.objectContaining({ description: 'Patient must sign the person request' }),
              ],
            }),
          ],
        },
      ],
      [
        'base64 that is no CMS',
        () => ({ signed_content: Buffer.from('not a signature at all').toString('base64') }),
        {},
        422,
        {
          invalid: [
            expect.objectContaining({
              entry: '$.signed_content',
              rules: [expect.objectContaining({ description: 'Is not a valid signed content' })],
            }),
          ],
        },
      ],
      [
        'an msp_drfo that is not the signer’s tax id',
        (data) => ({ signed_content: signed(document(data)) }),
        { msp_drfo: '3999869394' },
        422,
        {
          invalid: [
            expect.objectContaining({
              entry: '$.token.consumer_id',
              rules: [expect.objectContaining({ description: 'Does not match the signer drfo' })],
            }),
          ],
        },
      ],
      [
        'a duplicated key: patient_signed false, then true (the last one wins in JSON.parse)',
        (data) => {
          const text = JSON.stringify({ ...data, patient_signed: false });
          return {
            signed_content: signed(Buffer.from(`${text.slice(0, -1)},"patient_signed":true}`)),
          };
        },
        {},
        422,
        NOT_THE_REQUESTS_CONTENT,
      ],
      [
        'a byte order mark before the JSON',
        (data) => ({
          signed_content: signed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), document(data)])),
        }),
        {},
        422,
        NOT_THE_REQUESTS_CONTENT,
      ],
      [
        'an escaped lone surrogate',
        (data) => {
          const text = Buffer.from(document(data)).toString('utf8');
          return {
            signed_content: signed(Buffer.from(text.replace('Петренко', 'Петренко\\ud800'))),
          };
        },
        {},
        422,
        NOT_THE_REQUESTS_CONTENT,
      ],
      [
        'bytes that are not UTF-8',
        (data) => {
          const bytes = Buffer.from(document(data));
          bytes[bytes.indexOf(Buffer.from('Петренко'))] = 0xc0;
          return { signed_content: signed(bytes) };
        },
        {},
        422,
        NOT_THE_REQUESTS_CONTENT,
      ],
      [
        'an encoding other than base64',
        (data) => ({ signed_content: signed(document(data)), signed_content_encoding: 'hex' }),
        {},
        422,
        { invalid: [expect.objectContaining({ entry: '$.signed_content_encoding' })] },
      ],
    ];

    it.each(refusals)('refuses %s', async (_name, body, headers, status, error) => {
      const data = await approved();
      const before = await persons();
      const res = await sign(data.id as string, body(data), { ...A, ...headers });
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject(error);
      expect(await persons()).toBe(before);
      expect(await statusOf(t, data.id as string)).toBe('APPROVED');
    });

    it("answers another client's request as an unknown one", async () => {
      const data = await approved();
      const res = await sign(data.id as string, { signed_content: signed(document(data)) }, B);
      expect(res.status).toBe(404);
      expect(await statusOf(t, data.id as string)).toBe('APPROVED');
    });
  });

  describe('costs are bounded before any signature or chain work (400, nothing changes)', () => {
    const KIB = 1024;
    it.each<[string, (data: Record<string, any>) => Uint8Array, string]>([
      [
        'one trusted signature repeated 140 times',
        (data) => withRepeatedSigner(pki.sign(document(data), rsaSigner), 140),
        SIGNATURE_REJECTIONS.notOneSignature,
      ],
      [
        'an untrusted signer with 190 certificates named like the trusted CA',
        (data) =>
          withCertificates(
            pki.sign(document(data), rogueSigner),
            serialVariants(certificateDer(lookAlikeRoot), 190),
          ),
        SIGNATURE_REJECTIONS.tooManyCertificates,
      ],
      [
        'a trusted signature carrying 11 certificates',
        (data) =>
          withCertificates(
            pki.sign(document(data), rsaSigner),
            serialVariants(certificateDer(root), 10),
          ),
        SIGNATURE_REJECTIONS.tooManyCertificates,
      ],
      [
        'a trusted chain 6 certificates deep',
        (data) => pki.sign(document(data), signerSixDeep, { certfile: chain.slice(1) }),
        SIGNATURE_REJECTIONS.chainTooLong,
      ],
      [
        'a trusted signature of 513 KiB',
        (data) => pki.sign(document(data, { padding: 'x'.repeat(513 * KIB) }), rsaSigner),
        SIGNATURE_REJECTIONS.tooLarge,
      ],
    ])(
      'refuses %s',
      async (_name, message, text) => {
        const data = await approved();
        const before = await persons();
        const res = await sign(data.id as string, {
          signed_content: Buffer.from(message(data)).toString('base64'),
        });
        expect(res.body.error).toEqual({ type: 'bad_request', message: text });
        expect(res.status).toBe(400);
        expect(await persons()).toBe(before);
        expect(await statusOf(t, data.id as string)).toBe('APPROVED');
        // Building 190 certificates with pkijs takes a while on a busy machine; the verdict does not.
      },
      20_000,
    );
  });

  it('refuses a NEW request and a SIGNED one with 409 Invalid transition', async () => {
    const created = await t.http
      .post('/api/v3/person_requests')
      .set(A)
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    const early = await sign(created.body.data.id as string, {
      signed_content: signed(document(created.body.data)),
    }).expect(409);
    expect(early.body.error).toEqual(INVALID_TRANSITION);

    const data = await approved();
    await sign(data.id as string, { signed_content: signed(document(data)) }).expect(200);
    const before = await persons();
    const again = await sign(data.id as string, { signed_content: signed(document(data)) });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual(INVALID_TRANSITION);
    expect(await persons()).toBe(before);
  });

  it('lets one of 20 parallel signs of one request succeed and writes one person', async () => {
    const data = await approved();
    const body = { signed_content: signed(document(data)) };
    const before = await persons();
    // Every sign is held after its signature check until all 20 have passed it: each then
    // reaches the request's row lock with the request still APPROVED.
    const point = meetingPoint(20);
    const verifier = t.app.get(SignatureVerifier);
    const verify = verifier.verify.bind(verifier);
    verifier.verify = async (bytes) => {
      const check = await verify(bytes);
      await point.pass();
      return check;
    };
    let results: Awaited<ReturnType<typeof sign>>[];
    try {
      results = await Promise.all(Array.from({ length: 20 }, () => sign(data.id as string, body)));
    } finally {
      verifier.verify = verify;
    }
    expect(point.arrived).toBe(20);
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([200, ...Array(19).fill(409)]);
    for (const loser of results.filter((r) => r.status !== 200)) {
      expect(loser.body.error).toEqual(INVALID_TRANSITION);
    }
    expect(await persons()).toBe(before + 1);
  });

  it('keeps only the winner’s signature of 20 parallel signs, round after round', async () => {
    const documents = join(t.config.dataDir, 'documents');
    const rounds: { winners: number; keptIsWinner: boolean; attemptsLeft: string[] }[] = [];
    for (let round = 0; round < 5; round++) {
      const data = await approved();
      // ECDSA signatures differ on every signing: each racer sends bytes of its own.
      const bodies = Array.from({ length: 20 }, () => ({
        signed_content: signed(document(data), ecSigner),
      }));
      expect(new Set(bodies.map((b) => b.signed_content)).size).toBe(20);
      const point = meetingPoint(20);
      const verifier = t.app.get(SignatureVerifier);
      const verify = verifier.verify.bind(verifier);
      verifier.verify = async (bytes) => {
        const check = await verify(bytes);
        await point.pass();
        return check;
      };
      let results: Awaited<ReturnType<typeof sign>>[];
      try {
        results = await Promise.all(bodies.map((body) => sign(data.id as string, body)));
      } finally {
        verifier.verify = verify;
      }
      expect(point.arrived).toBe(20);
      const winners = bodies.filter((_body, i) => results[i].status === 200);
      const copy = join(documents, 'person_requests', data.id as string, 'signed_content.p7s');
      rounds.push({
        winners: winners.length,
        keptIsWinner: readFileSync(copy).toString('base64') === winners[0]?.signed_content,
        attemptsLeft: filesUnder(join(documents, 'attempts')),
      });
    }
    expect(rounds).toEqual(Array(5).fill({ winners: 1, keptIsWinner: true, attemptsLeft: [] }));
  }, 60_000);

  it('puts a signed copy a crash left unplaced in place at the next start, from the recorded attempt', async () => {
    const documents = join(t.config.dataDir, 'documents');
    const copyOf = (id: string) => join(documents, 'person_requests', id, 'signed_content.p7s');
    // The process stops between the commit and the move of the copy: its attempt stays.
    const storage = t.app.get(DocumentStorage);
    const keepAttempt = storage.keepAttempt.bind(storage);
    storage.keepAttempt = () => Promise.reject(new Error('killed'));
    const signedNow: { id: string; content: string }[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const data = await approved();
        const content = signed(document(data));
        await sign(data.id as string, { signed_content: content }).expect(200);
        signedNow.push({ id: data.id as string, content });
      }
    } finally {
      storage.keepAttempt = keepAttempt;
    }
    const [missing, stale] = signedNow;
    expect(existsSync(copyOf(missing.id))).toBe(false);
    // A copy that is not the recorded one (as an earlier release's losing sign left it).
    mkdirSync(dirname(copyOf(stale.id)), { recursive: true });
    writeFileSync(copyOf(stale.id), 'a losing signature');
    const recorded = await t.pool.query<{ key: string }>(
      'SELECT signed_content_attempt_key AS key FROM person_requests WHERE id = ANY($1) ORDER BY id',
      [[missing.id, stale.id]],
    );
    expect(recorded.rows.map((r) => existsSync(join(documents, r.key)))).toEqual([true, true]);

    const restarted = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: { DATA_DIR: t.config.dataDir, SIGNATURE_TRUST_ANCHORS: root.certificate },
    });
    try {
      await until('both copies in place', () =>
        signedNow.every(
          ({ id, content }) =>
            existsSync(copyOf(id)) && readFileSync(copyOf(id)).toString('base64') === content,
        ),
      );
    } finally {
      await restarted.close();
    }
    expect(filesUnder(join(documents, 'attempts'))).toEqual([]);
  }, 15_000);

  it('updates the existing person when the request named person.id', async () => {
    const existing = await registerPerson(t, { authentication_methods: [] });
    const { authentication_methods: _m, ...person } = v3Body().person as Record<string, unknown>;
    const created = await t.http
      .post('/api/v3/person_requests')
      .set(A)
      .send(
        v3Body({
          person: {
            ...person,
            id: existing.id,
            authentication_methods: undefined,
            names: [
              { language: 'uk', first_name: 'Марія', last_name: 'Коваль', no_last_name: false },
            ],
          },
        }),
      )
      .expect(201);
    expect(created.body.urgent.authentication_method_current).toEqual([{ type: 'NA' }]);
    const approvedRes = await t.http
      .patch(path(created.body.data.id, 'approve'))
      .set(A)
      .send({})
      .expect(201);
    const before = await persons();
    const res = await sign(created.body.data.id as string, {
      signed_content: signed(document(approvedRes.body.data)),
    }).expect(200);
    expect(res.body.data.person_id).toBe(existing.id);
    expect(await persons()).toBe(before);
    const updated = await t.http.get(`/api/persons/${existing.id}`).set(A).expect(200);
    expect(updated.body.data).toMatchObject({ first_name: 'Марія', last_name: 'Коваль' });
  });
});

describe('sign with an external digital-signature service (DIGITAL_SIGNATURE_URL)', () => {
  let t: TestApp;
  let service: FakeDigitalSignatureServer;
  const sms = new CapturingSmsSender();
  let phoneSeq = 0;
  const UNAVAILABLE = {
    type: 'service_unavailable',
    message: 'Digital signature service is unavailable',
  };

  beforeAll(async () => {
    service = await FakeDigitalSignatureServer.start();
    t = await createTestApp({
      // A short timeout, so that a service that never answers fails the call quickly.
      env: { DIGITAL_SIGNATURE_URL: service.url, DIGITAL_SIGNATURE_TIMEOUT_MS: '300' },
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterEach(() => {
    service.reset();
  });
  afterAll(async () => {
    await t.close();
    await service.close();
  });

  const approved = (): Promise<Record<string, any>> =>
    approvedOn(t, sms, `+38067556${String(phoneSeq++).padStart(4, '0')}`);
  /** The fake service reads `signed_content` as base64 of the JSON that was signed. */
  const signedForService = (data: Record<string, any>): string =>
    Buffer.from(JSON.stringify({ ...data, patient_signed: true })).toString('base64');
  const sign = (id: string, signedContent: string) =>
    t.http.patch(path(id, 'sign')).set(A).send({ signed_content: signedContent });

  it('asks the service and writes the person when it says the signature is valid', async () => {
    const data = await approved();
    const before = await countPersons(t.pool);
    const content = signedForService(data);
    const res = await sign(data.id as string, content).expect(200);
    expect(res.body.data.status).toBe('SIGNED');
    expect(service.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/digital_signatures',
        body: { signed_content: content, signed_content_encoding: 'base64', check: true },
      }),
    ]);
    expect(await countPersons(t.pool)).toBe(before + 1);
  });

  it('does not send the service a signed message over 512 KiB: 400, nothing changes', async () => {
    const data = await approved();
    const before = await countPersons(t.pool);
    const large = Buffer.from(JSON.stringify({ ...data, padding: 'x'.repeat(513 * 1024) }));
    const res = await sign(data.id as string, large.toString('base64'));
    expect(res.body.error).toEqual({ type: 'bad_request', message: SIGNATURE_REJECTIONS.tooLarge });
    expect(res.status).toBe(400);
    expect(service.requests).toEqual([]);
    expect(await countPersons(t.pool)).toBe(before);
    expect(await statusOf(t, data.id as string)).toBe('APPROVED');
  });

  it.each<[string, number, Parameters<FakeDigitalSignatureServer['behave']>[0], object]>([
    [
      'says the signature is invalid',
      400,
      { kind: 'invalid', message: 'Сертифікат підписувача відкликано' },
      { type: 'bad_request', message: 'Сертифікат підписувача відкликано' },
    ],
    ['fails with 500', 503, { kind: 'error' }, UNAVAILABLE],
    ['never answers (past DIGITAL_SIGNATURE_TIMEOUT_MS)', 503, { kind: 'hang' }, UNAVAILABLE],
  ])(
    'when the service %s: answers %i, writes no person, the request stays APPROVED',
    async (_name, status, behaviour, error) => {
      const data = await approved();
      const before = await countPersons(t.pool);
      service.behave(behaviour);
      const res = await sign(data.id as string, signedForService(data));
      expect(res.status).toBe(status);
      expect(res.body.error).toEqual(error);
      expect(service.requests).toHaveLength(1);
      expect(await countPersons(t.pool)).toBe(before);
      expect(await statusOf(t, data.id as string)).toBe('APPROVED');
    },
  );
});

/** Files below `root` (none when it does not exist), as paths relative to it. */
function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
  } catch {
    return [];
  }
}
