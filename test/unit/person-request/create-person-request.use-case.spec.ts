import { PERSON_REQUESTS } from '../../../src/person-request/domain/person-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { CreatePersonRequestUseCase } from '../../../src/person-request/application/create-person-request.use-case.js';
import {
  parsePersonRequestBody,
  type PersonRequestInput,
} from '../../../src/person-request/domain/v3-person.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { PERSON_INVALID_TEXT } from '../../../src/person/domain/person-errors.js';
import { rateLimited, unavailable } from '../../../src/kernel/domain/errors.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import {
  confirmation,
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import {
  acting,
  aMethod,
  aPerson,
  aV3Body,
  CLIENT_ID,
  NOW,
  PHONE,
  USER_ID,
} from '../../support/mothers.js';

const MUM_PHONE = '+380501112233';
const THIRD_PERSON_PATH = '$.person.authentication_methods[0].value';

/** The typed input of a valid v3 body with these person fields. */
function input(person: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
  const parsed = parsePersonRequestBody(aV3Body({ person, ...body }), NOW);
  if (!parsed.ok) throw new Error(`invalid test body: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

const viaThirdPerson = (id: string): PersonRequestInput =>
  input({ authentication_methods: [{ type: 'THIRD_PERSON', value: id, alias: 'Mum' }] });

const documents = (...types: string[]) => types.map((type) => ({ type, number: `${type}-1` }));

describe('CreatePersonRequestUseCase', () => {
  let ports: InMemoryPorts;
  let create: CreatePersonRequestUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW, { smsLimit: 5 });
    create = new CreatePersonRequestUseCase(
      personRequestsOf(ports),
      ports.personRequests,
      ports.registry,
      confirmation(ports),
      ports.uow,
    );
  });

  describe('a new person', () => {
    it('stores a NEW request of the client, after sending a code to the OTP phone', async () => {
      const given = input({}, { authorize_with: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA' });

      const request = await create.execute(given, acting());

      expect(ports.personRequests.all()).toEqual([request]);
      expect(request).toEqual({
        id: expect.any(String),
        status: 'NEW',
        version: 3,
        channel: 'MIS',
        person: given.person,
        personId: null,
        clientId: CLIENT_ID,
        patientSigned: false,
        processDisclosureDataConsent: true,
        authorizeWith: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        authenticationMethodCurrent: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: PHONE },
        documents: [],
        content: null,
        signedContentAttemptKey: null,
        insertedBy: USER_ID,
        updatedBy: USER_ID,
        insertedAt: NOW,
        updatedAt: NOW,
      });
      expect(ports.journal.only('otp.', 'requests.')).toEqual([
        `otp.initialize ${PHONE}`,
        `requests.insert ${request.id}`,
      ]);
      expect(ports.otp.sentFor).toEqual([
        requestPurpose(PERSON_REQUESTS, request.id, CLIENT_ID).key,
      ]);
      expect(ports.budget.counted(CLIENT_ID)).toBe(1);
    });

    it.each([
      ['cannot be reached', unavailable(ERRORS.otpUnavailable.message)],
      ['refuses the phone', rateLimited(ERRORS.otpRateLimited.message, 60)],
    ])(
      'leaves no request behind and counts nothing when the OTP service %s',
      async (_n, refusal) => {
        ports.otp.failNextSend(new NotSent(refusal));

        await expect(create.execute(input(), acting())).rejects.toBe(refusal);

        expect(ports.personRequests.all()).toEqual([]);
        expect(ports.budget.counted(CLIENT_ID)).toBe(0);
      },
    );

    it('leaves no request behind but keeps the count when the send may have gone out', async () => {
      const error = unavailable(ERRORS.otpUnavailable.message);
      ports.otp.failNextSend(error);

      await expect(create.execute(input(), acting())).rejects.toBe(error);

      expect(ports.personRequests.all()).toEqual([]);
      expect(ports.budget.counted(CLIENT_ID)).toBe(1);
    });

    it('leaves no request behind past the SMS budget, and sends nothing', async () => {
      ports.budget.exhausted();

      await expect(create.execute(input(), acting())).rejects.toMatchObject(ERRORS.smsLimit);
      expect(ports.budget.refusals).toBe(1);
      expect(ports.personRequests.all()).toEqual([]);
      expect(ports.otp.sent).toEqual([]);
    });

    it('asks for one scan per document type of the person when the method is OFFLINE', async () => {
      const request = await create.execute(
        input({
          authentication_methods: [{ type: 'OFFLINE' }],
          documents: documents('PASSPORT', 'NATIONAL_ID', 'PASSPORT'),
        }),
        acting(),
      );

      expect(request.authenticationMethodCurrent).toEqual({
        type: 'OFFLINE',
        verifiedBy: 'OFFLINE',
      });
      expect(request.documents).toEqual([
        { type: 'PASSPORT', key: `person_requests/${request.id}/PASSPORT.jpeg` },
        { type: 'NATIONAL_ID', key: `person_requests/${request.id}/NATIONAL_ID.jpeg` },
      ]);
      expect(ports.otp.sent).toEqual([]);
      expect(ports.budget.reservations).toEqual([]);
    });

    it.each([
      [
        "sends the code to a third person's OTP phone",
        aPerson({ authenticationMethods: [aMethod({ type: 'OTP', phoneNumber: MUM_PHONE })] }),
        { verifiedBy: 'OTP', phoneNumber: MUM_PHONE },
        { scans: [], sent: [MUM_PHONE] },
      ],
      [
        "asks for scans of the third person's documents when theirs is OFFLINE",
        aPerson({
          documents: [{ type: 'NATIONAL_ID', number: '1', issuedAt: null, expirationDate: null }],
          authenticationMethods: [aMethod({ type: 'OFFLINE' })],
        }),
        { verifiedBy: 'OFFLINE' },
        { scans: ['NATIONAL_ID'], sent: [] },
      ],
    ])('%s', async (_n, third, current, expected) => {
      ports.registry.add(third);

      const request = await create.execute(viaThirdPerson(third.id), acting());

      expect(request.authenticationMethodCurrent).toEqual({
        type: 'THIRD_PERSON',
        thirdPersonId: third.id,
        ...current,
      });
      expect(request.documents.map((d) => d.type)).toEqual(expected.scans);
      expect(ports.otp.sent).toEqual(expected.sent);
      // The budget counts a code sent, and nothing else.
      expect(ports.budget.reservations).toHaveLength(expected.sent.length);
    });

    it('answers 422 for a third person the registry does not know, and sends and stores nothing', async () => {
      await expect(
        create.execute(viaThirdPerson('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'), acting()),
      ).rejects.toMatchObject({
        code: 'validation',
        invalid: [{ entry: THIRD_PERSON_PATH, description: PERSON_INVALID_TEXT.noSuchPerson }],
      });
      expect(ports.personRequests.all()).toEqual([]);
      expect(ports.otp.sent).toEqual([]);
    });

    it.each([
      [
        'an inactive person',
        aPerson({ status: 'inactive' }),
        PERSON_INVALID_TEXT.thirdPersonInactive,
      ],
      [
        'a person with no method of their own',
        aPerson({ authenticationMethods: [aMethod({ type: 'NA' })] }),
        PERSON_INVALID_TEXT.thirdPersonWithoutMethod,
      ],
      [
        'a person whose only method ended',
        aPerson({
          authenticationMethods: [
            aMethod({ type: 'OTP', endedAt: new Date('2026-11-01T00:00:00Z') }),
          ],
        }),
        PERSON_INVALID_TEXT.thirdPersonWithoutMethod,
      ],
    ])(
      'answers 422 for a third person who is %s, and sends and stores nothing',
      async (_n, third, text) => {
        ports.registry.add(third);

        await expect(create.execute(viaThirdPerson(third.id), acting())).rejects.toMatchObject({
          code: 'validation',
          invalid: [{ entry: THIRD_PERSON_PATH, description: text }],
        });
        expect(ports.personRequests.all()).toEqual([]);
        expect(ports.otp.sent).toEqual([]);
      },
    );
  });

  describe('an update of an existing person', () => {
    const update = (id: string, person: Record<string, unknown> = {}) =>
      input({ id, authentication_methods: undefined, ...person });

    it('answers 422 on $.person.id for a person the registry does not know', async () => {
      await expect(
        create.execute(update('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'), acting()),
      ).rejects.toMatchObject({
        code: 'validation',
        invalid: [{ entry: '$.person.id', description: PERSON_INVALID_TEXT.noSuchPerson }],
      });
      expect(ports.personRequests.all()).toEqual([]);
    });

    it("sends the code to the person's current OTP phone", async () => {
      const person = aPerson();
      ports.registry.add(person);

      const request = await create.execute(update(person.id), acting());

      expect(request.authenticationMethodCurrent).toEqual({
        type: 'OTP',
        verifiedBy: 'OTP',
        phoneNumber: PHONE,
      });
      expect(ports.otp.sent).toEqual([PHONE]);
    });

    it('asks for scans of the documents in the request when the person is OFFLINE', async () => {
      const person = aPerson({ authenticationMethods: [aMethod({ type: 'OFFLINE' })] });
      ports.registry.add(person);

      const request = await create.execute(
        update(person.id, { documents: documents('TEMPORARY_PASSPORT') }),
        acting(),
      );

      expect(request.documents.map((d) => d.type)).toEqual(['TEMPORARY_PASSPORT']);
      expect(ports.otp.sent).toEqual([]);
      expect(ports.budget.reservations).toEqual([]);
    });

    it("asks for scans of the third person's documents when the person is verified through one", async () => {
      const dad = aPerson({
        documents: [
          { type: 'REFUGEE_CERTIFICATE', number: '1', issuedAt: null, expirationDate: null },
        ],
        authenticationMethods: [aMethod({ type: 'OFFLINE' })],
      });
      const child = aPerson({
        authenticationMethods: [aMethod({ type: 'THIRD_PERSON', value: dad.id })],
      });
      ports.registry.add(dad, child);

      const request = await create.execute(update(child.id), acting());

      expect(request.authenticationMethodCurrent).toEqual({
        type: 'THIRD_PERSON',
        verifiedBy: 'OFFLINE',
        thirdPersonId: dad.id,
      });
      expect(request.documents.map((d) => d.type)).toEqual(['REFUGEE_CERTIFICATE']);
      expect(ports.budget.reservations).toEqual([]);
    });

    it('stores a request with method NA, no code and no scans, for a person without a method', async () => {
      const person = aPerson({ authenticationMethods: [] });
      ports.registry.add(person);

      const request = await create.execute(update(person.id), acting());

      expect(request.authenticationMethodCurrent).toEqual({ type: 'NA', verifiedBy: 'NA' });
      expect(request.documents).toEqual([]);
      expect(ports.otp.sent).toEqual([]);
      expect(ports.budget.reservations).toEqual([]);
      expect(ports.personRequests.all()).toEqual([request]);
    });
  });
});
