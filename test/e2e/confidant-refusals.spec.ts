import { randomUUID } from 'node:crypto';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import {
  adultWithOtp,
  AS_A,
  AS_B,
  insertBody,
  relate,
  relationshipsPath,
  requestsPath,
  RELATIONSHIP_DOCUMENT,
  signedData,
} from '../support/confidant.js';
import { snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { expectRegistryAnswer } from '../support/registry/registry-answer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { uploadScans } from '../support/uploads.js';

const CREATE = 'POST /api/persons/{id}/confidant_person_relationship_requests';
const invalidOn = (entry: string, description: string) => ({
  type: 'validation_failed',
  message: expect.any(String),
  invalid: [expect.objectContaining({ entry, rules: [expect.objectContaining({ description })] })],
});

describe('confidant relationships: every refusal answers its text and changes nothing', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs `call`, expects `status` and `error`, and that no row and no SMS changed. */
  async function check(
    call: () => PromiseLike<{ status: number; body: any }>,
    status: number,
    error: Record<string, unknown>,
    operation?: Parameters<typeof expectRegistryAnswer>[0],
  ) {
    const before = await snapshot(t.pool);
    const sent = sms.sent.length;
    const res = await call();
    expect({ status: res.status, error: res.body.error }).toEqual({
      status,
      error: expect.objectContaining(error),
    });
    if (operation) expectRegistryAnswer(operation, res.status, res.body);
    expect(await snapshot(t.pool)).toEqual(before);
    expect(sms.sent.length).toBe(sent);
  }
  const insert = (personId: string, body: object, as = AS_A) =>
    t.http.post(requestsPath(personId)).set(as).send(body);

  describe('INSERT, in the registry’s order', () => {
    let person: Record<string, any>;
    let phone: string;
    let confidant: Record<string, any>;
    beforeAll(async () => {
      ({ person, phone } = await adultWithOtp(t));
      ({ person: confidant } = await adultWithOtp(t));
    });

    it('an unknown person: 403 forbidden, also for an id that is no UUID', async () => {
      const error = { type: 'forbidden', message: 'Such person not found' };
      await check(() => insert(randomUUID(), insertBody(confidant.id)), 403, error, CREATE);
      await check(() => insert('42', insertBody(confidant.id)), 403, error, CREATE);
    });

    it('an inactive person: 409', async () => {
      const inactive = await registerPerson(t, { status: 'inactive' });
      await check(() => insert(inactive.id, insertBody('x')), 409, {
        type: 'request_conflict',
        message: "Such person isn't active",
      });
    });

    it.each([
      [
        'no confidant',
        () => ({ documents_relationship: [RELATIONSHIP_DOCUMENT] }),
        'required property is missing',
      ],
      ['an unknown confidant', () => insertBody(randomUUID()), 'Confidant person not found'],
      [
        'the person itself',
        () => insertBody(person.id),
        "Confidant person can't be the person itself",
      ],
    ])('%s: 422 on $.confidant_person_id', async (_name, body, description) => {
      await check(
        () => insert(person.id, body()),
        422,
        invalidOn('$.confidant_person_id', description),
        CREATE,
      );
    });

    it('an inactive or a minor confidant: 422 on $.confidant_person_id', async () => {
      const inactive = await registerPerson(t, { status: 'inactive' });
      await check(
        () => insert(person.id, insertBody(inactive.id)),
        422,
        invalidOn('$.confidant_person_id', "Confidant person isn't active"),
      );
      const minor = await registerPerson(t, {
        birth_date: '2010-01-01',
        tax_id: null,
        no_tax_id: true,
      });
      await check(
        () => insert(person.id, insertBody(minor.id)),
        422,
        invalidOn('$.confidant_person_id', 'Confidant person must be an adult'),
      );
    });

    it('a document without issued_by: 422 on its field', async () => {
      const { issued_by: _, ...incomplete } = RELATIONSHIP_DOCUMENT;
      await check(
        () => insert(person.id, insertBody(confidant.id, [incomplete])),
        422,
        invalidOn('$.documents_relationship[0].issued_by', 'required property is missing'),
        CREATE,
      );
    });

    it('a confidant already: 409; a third confidant: 422 request_malformed', async () => {
      await relate(t, sms, person.id, phone, confidant.id);
      await check(() => insert(person.id, insertBody(confidant.id)), 409, {
        type: 'request_conflict',
        message: 'Confidant person relationship already exists',
      });
      const { person: second } = await adultWithOtp(t);
      await relate(t, sms, person.id, phone, second.id);
      const { person: third } = await adultWithOtp(t);
      await check(
        () => insert(person.id, insertBody(third.id)),
        422,
        {
          type: 'request_malformed',
          message: 'This patient has 2 confidants and can not have more',
        },
        CREATE,
      );
    });

    it('DEACTIVATE of a relationship that is not the person’s: 404', async () => {
      const { person: other } = await adultWithOtp(t);
      const [theirs] = (await t.http.get(relationshipsPath(person.id)).set(AS_A).expect(200)).body
        .data;
      for (const id of [randomUUID(), theirs.id]) {
        await check(
          () =>
            t.http
              .post(requestsPath(other.id, '/deactivate'))
              .set(AS_A)
              .send({ confidant_person_relationship: { id, documents_relationship: [] } }),
          404,
          { type: 'not_found', message: 'Confidant person relationship not found' },
        );
      }
    });

    it('the relationships of an unknown person: 403 forbidden', async () => {
      const res = await t.http.get(relationshipsPath(randomUUID())).set(AS_A).expect(403);
      expectRegistryAnswer('GET /api/persons/{id}/confidant_person_relationships', res);
      expect(res.body.error).toEqual({ type: 'forbidden', message: 'Such person not found' });
    });
  });

  it('NA: the person’s scans confirm; with no document to scan, 409 and nothing written', async () => {
    const { person: confidant } = await adultWithOtp(t);
    const na = await registerPerson(t, { authentication_methods: [] });
    const created = await insert(na.id, insertBody(confidant.id)).expect(201);
    expectRegistryAnswer(CREATE, created);
    expect(created.body.urgent.authentication_method_current).toEqual({ type: 'OFFLINE' });
    expect(created.body.urgent.documents.map((d: any) => d.type)).toEqual([
      'BIRTH_CERTIFICATE',
      'PASSPORT',
    ]);
    const bare = await registerPerson(t, { authentication_methods: [], documents: [] });
    await check(() => insert(bare.id, insertBody(confidant.id)), 409, {
      type: 'request_conflict',
      message: 'Person has no documents to verify',
    });
  });

  describe('another client’s request: 404 on every route, no SMS, no attempt, no change', () => {
    it('GET, approve (with the right code), sign, resend, and a request under another person', async () => {
      const { person, phone } = await adultWithOtp(t);
      const { person: confidant } = await adultWithOtp(t);
      const created = await insert(person.id, insertBody(confidant.id)).expect(201);
      await uploadScans(t, created.body.urgent.documents);
      const id = created.body.data.id as string;
      const code = Number(sms.lastCodeFor(phone));
      const notFound = {
        type: 'not_found',
        message: 'Confidant person relationship request not found',
      };
      const signed = await signedData(t, { ...created.body.data, status: 'APPROVED' });
      const calls: [string, () => PromiseLike<{ status: number; body: any }>][] = [
        ['GET', () => t.http.get(requestsPath(person.id, `/${id}`)).set(AS_B)],
        [
          'approve',
          () =>
            t.http
              .patch(requestsPath(person.id, `/${id}/actions/approve`))
              .set(AS_B)
              .send({ verification_code: code }),
        ],
        [
          'sign',
          () =>
            t.http
              .patch(requestsPath(person.id, `/${id}/actions/sign`))
              .set(AS_B)
              .send({ signed_content: signed }),
        ],
        [
          'resend',
          () =>
            t.http
              .post(requestsPath(person.id, `/${id}/actions/resend_otp`))
              .set(AS_B)
              .send([]),
        ],
        ['under another person', () => t.http.get(requestsPath(confidant.id, `/${id}`)).set(AS_A)],
      ];
      for (const [, call] of calls) await check(call, 404, notFound);
      const mine = await t.http.get(requestsPath(person.id)).set(AS_B).expect(200);
      expect(mine.body.data).toEqual([]);

      // The code is still good for its own client.
      await t.http
        .patch(requestsPath(person.id, `/${id}/actions/approve`))
        .set(AS_A)
        .send({ verification_code: code })
        .expect(200);
    });
  });

  describe('resend and approve refusals', () => {
    it('resend: not OTP 409, not NEW 409; approve with a wrong code 422', async () => {
      const offline = await registerPerson(t, {
        authentication_methods: [{ type: 'OFFLINE' }],
        documents: [{ type: 'PASSPORT', number: 'ВВ654321' }],
      });
      const { person: confidant } = await adultWithOtp(t);
      const created = await insert(offline.id, insertBody(confidant.id)).expect(201);
      const id = created.body.data.id as string;
      await check(
        () =>
          t.http
            .post(requestsPath(offline.id, `/${id}/actions/resend_otp`))
            .set(AS_A)
            .send([]),
        409,
        { type: 'request_conflict', message: 'Auth method is not OTP' },
      );

      const { person, phone } = await adultWithOtp(t);
      const otp = await insert(person.id, insertBody(confidant.id)).expect(201);
      const otpId = otp.body.data.id as string;
      const resent = await t.http
        .post(requestsPath(person.id, `/${otpId}/actions/resend_otp`))
        .set(AS_A)
        .send([])
        .expect(200);
      expect(resent.body.data).toMatchObject({ status: expect.any(String) });
      await uploadScans(t, otp.body.urgent.documents);
      const wrong = Number(sms.lastCodeFor(phone)) === 1111 ? 2222 : 1111;
      const res = await t.http
        .patch(requestsPath(person.id, `/${otpId}/actions/approve`))
        .set(AS_A)
        .send({ verification_code: wrong })
        .expect(422);
      expect(res.body.error.type).toBe('forbidden');
      await t.http
        .patch(requestsPath(person.id, `/${otpId}/actions/approve`))
        .set(AS_A)
        .send({ verification_code: Number(sms.lastCodeFor(phone)) })
        .expect(200);
      await check(
        () =>
          t.http
            .post(requestsPath(person.id, `/${otpId}/actions/resend_otp`))
            .set(AS_A)
            .send([]),
        409,
        {
          type: 'request_conflict',
          message: 'Confidant person relationship request must be in status NEW',
        },
      );
    });
  });
});
