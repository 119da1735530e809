import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { SignedDataCheck } from '../../../src/request-lifecycle/application/signed-data-check.js';
import { Logger } from '@nestjs/common';
import { SignedCopies } from '../../../src/document-storage/application/signed-copies.js';
import { PersonWriter } from '../../../src/person-request/application/person-writer.js';
import { SignPersonRequestUseCase } from '../../../src/person-request/application/sign-person-request.use-case.js';
import type { PersonRequest } from '../../../src/person-request/domain/person-request.js';
import { personRequestData } from '../../../src/person-request/domain/person-request-data.js';
import {
  CONTENT_MISMATCH,
  DRFO_MISMATCH,
  NOT_SIGNED_CONTENT,
  PATIENT_MUST_SIGN,
} from '../../../src/request-lifecycle/domain/signed-content.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import type { JsonObject } from '../../../src/kernel/domain/json.js';
import { SIGNATURE_REJECTIONS } from '../../../src/signature/domain/signature-rejections.js';
import { DEFAULT_SIGNER } from '../../support/fakes/fake-signature-verifier.js';
import { RecordingLogger } from '../../support/fakes/recording-logger.js';
import {
  inMemoryPorts,
  personRequestsOf,
  relationshipStarterOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import {
  acting,
  aPerson,
  aPersonRequest,
  aV3Person,
  NOW,
  OTHER_CLIENT_ID,
  USER_ID,
} from '../../support/mothers.js';

const SETTINGS = { ttlDays: 30, noSelfAuthAge: 14, thirdPersonTermYears: 2 };
const LATER = new Date(NOW.getTime() + 60_000);

/** The request's data as the patient signs it, changed by `change`, as a sign body. */
function signedBody(
  request: PersonRequest,
  change: (document: Record<string, unknown>) => unknown = (document) => document,
): Record<string, unknown> {
  const document = { ...personRequestData(request), patient_signed: true };
  return {
    signed_content: Buffer.from(JSON.stringify(change(document))).toString('base64'),
    signed_content_encoding: 'base64',
  };
}

describe('SignPersonRequestUseCase', () => {
  let ports: InMemoryPorts;
  let sign: SignPersonRequestUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(LATER);
    sign = new SignPersonRequestUseCase(
      personRequestsOf(ports),
      ports.personRequests,
      new SignedDataCheck(ports.signatures),
      new SignedCopies(ports.storage),
      new PersonWriter(ports.registry, relationshipStarterOf(ports), SETTINGS),
      ports.uow,
    );
  });

  /** Signs the request as shown to the patient, as the test's user. */
  const signAsShown = (request: PersonRequest, mspDrfo?: string) =>
    sign.execute({ id: request.id, body: signedBody(request), mspDrfo, acting: acting() });

  const approved = (overrides: Partial<PersonRequest> = {}): PersonRequest => {
    const request = aPersonRequest({
      status: 'APPROVED',
      content: '<html>printout</html>',
      ...overrides,
    });
    ports.personRequests.add(request);
    return request;
  };

  describe('with a verified signature of the request as shown', () => {
    it('stores the signed copy, writes the person and marks the request SIGNED with the copy’s attempt', async () => {
      const request = approved();
      const body = signedBody(request);

      const signed = await sign.execute({
        id: request.id,
        body,
        mspDrfo: undefined,
        acting: acting(),
      });

      const [person] = ports.registry.all();
      expect(signed).toEqual({
        ...request,
        status: 'SIGNED',
        personId: person.id,
        patientSigned: true,
        signedContentAttemptKey: expect.stringMatching(
          new RegExp(`^attempts/[0-9a-f-]{36}/person_requests/${request.id}/signed_content\\.p7s$`),
        ),
        updatedBy: USER_ID,
        updatedAt: LATER,
      });
      expect(ports.personRequests.get(request.id)).toEqual(signed);
      expect(person).toMatchObject({ firstName: 'Олена', lastName: 'Петренко', insertedAt: LATER });
      expect(
        ports.storage.documents.get(`person_requests/${request.id}/signed_content.p7s`),
      ).toEqual({
        bytes: new Uint8Array(Buffer.from(body.signed_content as string, 'base64')),
        contentType: 'application/pkcs7-mime',
      });
      expect(ports.storage.attemptKeys()).toEqual([]);
    });

    it('checks everything first, stores the copy as an attempt, writes under the lock in one transaction, then keeps the attempt', async () => {
      const request = approved();

      const signed = await signAsShown(request, DEFAULT_SIGNER.drfo!);

      expect(ports.journal.entries).toEqual([
        `requests.findById ${request.id}`,
        'signature.verify',
        `storage.putAttempt person_requests/${request.id}/signed_content.p7s`,
        'uow.begin',
        `requests.lock ${request.id}`,
        `registry.create ${signed.personId}`,
        `requests.updateState ${request.id} SIGNED`,
        'uow.commit',
        `storage.keepAttempt person_requests/${request.id}/signed_content.p7s`,
      ]);
    });

    it('updates the existing person a request names, keeping their methods', async () => {
      const existing = aPerson({ firstName: 'Стара', documents: [] });
      ports.registry.add(existing);
      const request = approved({
        person: aV3Person({ id: existing.id, authentication_methods: undefined }),
      });

      const signed = await signAsShown(request);

      expect(signed.personId).toBe(existing.id);
      expect(ports.registry.all()).toEqual([
        expect.objectContaining({
          id: existing.id,
          firstName: 'Олена',
          authenticationMethods: existing.authenticationMethods,
          updatedAt: LATER,
        }),
      ]);
    });

    it('accepts a signed document without inserted_at and updated_at, keys in any order', async () => {
      const request = approved();
      const body = signedBody(request, (document) => {
        const { inserted_at: _i, updated_at: _u, ...rest } = document;
        return Object.fromEntries(Object.entries(rest).reverse());
      });

      await expect(
        sign.execute({ id: request.id, body, mspDrfo: undefined, acting: acting() }),
      ).resolves.toMatchObject({ status: 'SIGNED' });
    });
  });

  describe('each refusal, in the order of the checks, changes nothing', () => {
    /** What a refusal must leave as it was. */
    function state() {
      return {
        persons: ports.registry.all(),
        requests: ports.personRequests.all(),
        documents: [...ports.storage.documents.keys()],
      };
    }

    async function refusal(
      request: PersonRequest,
      body: unknown,
      mspDrfo: string | undefined = undefined,
    ): Promise<unknown> {
      const before = state();
      const error = await sign.execute({ id: request.id, body, mspDrfo, acting: acting() }).then(
        () => new Error('signed'),
        (e: unknown) => e,
      );
      expect(state()).toEqual(before);
      expect(ports.journal.only('uow.', 'storage.')).toEqual([]);
      return error;
    }

    it("answers 404 for another client's request, whatever the body", async () => {
      const request = approved({ clientId: OTHER_CLIENT_ID });

      await expect(refusal(request, {})).resolves.toMatchObject(ERRORS.personRequestNotFound);
    });

    it.each<[string, Partial<PersonRequest>]>([
      ['NEW', { status: 'NEW' }],
      ['SIGNED', { status: 'SIGNED' }],
      ['REJECTED', { status: 'REJECTED' }],
      ['CANCELLED', { status: 'CANCELLED' }],
      ['EXPIRED', { status: 'EXPIRED' }],
    ])('answers 409 for a %s request before it reads the body', async (_n, overrides) => {
      const request = approved(overrides);

      await expect(refusal(request, { unknown: 1 })).resolves.toMatchObject(
        LIFECYCLE_ERRORS.invalidTransition,
      );
      expect(ports.signatures.verified).toEqual([]);
    });

    it('answers 422 for a body that is not a sign body, before verifying anything', async () => {
      const request = approved();

      await expect(
        refusal(request, { signed_content: 'not base64!', extra: true }),
      ).resolves.toMatchObject({
        code: 'validation',
        invalid: [
          { entry: '$.extra', rule: 'invalid' },
          { entry: '$.signed_content', description: NOT_SIGNED_CONTENT },
        ],
      });
      expect(ports.signatures.verified).toEqual([]);
    });

    it('answers 400 for a signed message over 512 KiB, before any verifier sees it', async () => {
      const request = approved();
      const body = { signed_content: Buffer.alloc(512 * 1024 + 1).toString('base64') };

      await expect(refusal(request, body)).resolves.toMatchObject({
        code: 'bad_request',
        message: SIGNATURE_REJECTIONS.tooLarge,
      });
      expect(ports.signatures.verified).toEqual([]);
    });

    it('answers 422 on $.signed_content for bytes that are no signed message', async () => {
      const request = approved();
      ports.signatures.answer({ kind: 'malformed' });

      await expect(refusal(request, signedBody(request))).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.signed_content', description: NOT_SIGNED_CONTENT }],
      });
    });

    it('answers 400 with the reason for a signature that does not verify', async () => {
      const request = approved();
      ports.signatures.answer({ kind: 'invalid', message: SIGNATURE_REJECTIONS.untrusted });

      await expect(refusal(request, signedBody(request))).resolves.toMatchObject({
        code: 'bad_request',
        message: SIGNATURE_REJECTIONS.untrusted,
      });
    });

    it('answers 422 on $.patient_signed when the patient did not sign, before comparing content', async () => {
      const request = approved();
      const body = signedBody(request, (document) => ({
        ...document,
        patient_signed: false,
        status: 'SIGNED',
      }));

      await expect(refusal(request, body, '0000000000')).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.patient_signed', description: PATIENT_MUST_SIGN }],
      });
    });

    it.each<[string, (document: Record<string, unknown>) => unknown]>([
      [
        'another person',
        (d) => ({ ...d, person: { ...(d.person as JsonObject), birth_date: '1972-10-27' } }),
      ],
      ['an extra key', (d) => ({ ...d, note: 'x' })],
      ['a missing key', ({ channel: _c, ...rest }) => rest],
      ['another updated_at', (d) => ({ ...d, updated_at: LATER.toISOString() })],
      ['a document that is no object', () => [1, 2]],
    ])('answers 422 on $.content for %s, before the signer', async (_n, change) => {
      const request = approved();

      await expect(
        refusal(request, signedBody(request, change), '0000000000'),
      ).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.content', description: CONTENT_MISMATCH }],
      });
    });

    it('answers 422 on $.signed_content for a duplicated key, before patient_signed or the content', async () => {
      const request = approved();
      const shown = JSON.stringify({ ...personRequestData(request), patient_signed: false });
      const text = `${shown.slice(0, -1)},"patient_signed":true}`;
      const body = { signed_content: Buffer.from(text).toString('base64') };

      await expect(refusal(request, body)).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.signed_content', description: CONTENT_MISMATCH }],
      });
      expect(ports.registry.all()).toEqual([]);
    });

    it('answers 422 on $.content for signed bytes that are no JSON', async () => {
      const request = approved();
      const content = Buffer.from('{"id": ');
      // A valid signature over content that is no JSON (the fake calls such bytes malformed).
      ports.signatures.answer({ kind: 'valid', content, signer: DEFAULT_SIGNER });
      const body = { signed_content: content.toString('base64') };

      await expect(refusal(request, body)).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.content', description: CONTENT_MISMATCH }],
      });
    });

    it("answers 422 when msp_drfo is not the signer's tax id", async () => {
      const request = approved();

      await expect(refusal(request, signedBody(request), '1234567890')).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.token.consumer_id', description: DRFO_MISMATCH }],
      });
    });

    it('answers 422 when msp_drfo is sent and the signer has no tax id', async () => {
      const request = approved();
      ports.signatures.signer = { ...DEFAULT_SIGNER, drfo: null };

      await expect(
        refusal(request, signedBody(request), DEFAULT_SIGNER.drfo!),
      ).resolves.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.token.consumer_id', description: DRFO_MISMATCH }],
      });
    });
  });

  describe('when the write fails', () => {
    it('leaves the request APPROVED and no person written, so it can be signed again', async () => {
      const request = approved({
        person: aV3Person({
          id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
          authentication_methods: undefined,
        }),
      });

      await expect(signAsShown(request)).rejects.toMatchObject(ERRORS.personNotFound);

      expect(ports.personRequests.get(request.id)).toEqual(request);
      expect(ports.registry.all()).toEqual([]);
      expect(ports.uow.rollbacks).toBe(1);
      expect([...ports.storage.documents.keys()]).toEqual([]);
    });

    it('answers 409, writes no second person and leaves the winner’s copy when another sign got there first', async () => {
      const request = approved();
      const copy = `person_requests/${request.id}/signed_content.p7s`;
      const winner = { bytes: new Uint8Array([7, 7, 7]), contentType: 'application/pkcs7-mime' };
      const other = { ...request, status: 'SIGNED' as const, personId: aPerson().id };
      // A concurrent sign commits, and puts its copy in place, while this one stores its own.
      ports.journal.when('storage.putAttempt', () => {
        ports.personRequests.add(other);
        ports.storage.documents.set(copy, winner);
      });

      await expect(signAsShown(request)).rejects.toMatchObject(LIFECYCLE_ERRORS.invalidTransition);

      expect(ports.personRequests.get(request.id)).toEqual(other);
      expect(ports.registry.all()).toEqual([]);
      expect(ports.storage.documents.get(copy)).toBe(winner);
      expect(ports.storage.attemptKeys()).toEqual([]);
      expect(ports.journal.only('storage.')).toEqual([
        `storage.putAttempt ${copy}`,
        `storage.dropAttempt ${copy}`,
      ]);
    });

    it('answers the sign when its copy cannot be put in place after the commit: the sweep does it', async () => {
      const request = approved();
      const logger = new RecordingLogger();
      Logger.overrideLogger(logger);
      ports.journal.when('storage.keepAttempt', () => (ports.storage.down = true));

      const signed = await signAsShown(request);

      expect(signed.status).toBe('SIGNED');
      expect(ports.storage.attemptKeys()).toEqual([signed.signedContentAttemptKey]);
      expect(ports.personRequests.get(request.id)?.signedContentAttemptKey).toBe(
        signed.signedContentAttemptKey,
      );
      expect(logger.entries).toEqual([
        {
          level: 'warn',
          fields: { attempt: signed.signedContentAttemptKey },
          message: 'A signed copy is left for the sweep to put in place',
        },
      ]);
    });
  });
});
