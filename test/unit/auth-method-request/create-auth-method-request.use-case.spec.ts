import { AUTH_METHOD_REQUESTS } from '../../../src/auth-method-request/domain/auth-method-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { CreateAuthMethodRequestUseCase } from '../../../src/auth-method-request/application/create-auth-method-request.use-case.js';
import type { AuthMethodRequest } from '../../../src/auth-method-request/domain/auth-method-request.js';
import type { Person } from '../../../src/person/domain/person.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { unavailable } from '../../../src/kernel/domain/errors.js';
import {
  authMethodRequestsOf,
  confirmation,
  inMemoryPorts,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import {
  acting,
  aMethod,
  anAuthMethodRequest,
  aPerson,
  CLIENT_ID,
  NEW_PHONE,
  NOW,
  OTHER_CLIENT_ID,
  PHONE,
  USER_ID,
} from '../../support/mothers.js';

const SETTINGS = { noSelfAuthAge: 14, thirdPersonTermYears: 2, ttlHours: 24 };
const HOUR = 3_600_000;
const passport = { type: 'PASSPORT', number: '1', issuedAt: null, expirationDate: null };
const nationalId = { type: 'NATIONAL_ID', number: '2', issuedAt: null, expirationDate: null };

describe('CreateAuthMethodRequestUseCase', () => {
  let ports: InMemoryPorts;
  let create: CreateAuthMethodRequestUseCase;
  let person: Person;

  beforeEach(() => {
    ports = inMemoryPorts(NOW, { smsLimit: 5 });
    ports.otp.verified(NEW_PHONE);
    person = aPerson({ documents: [passport, nationalId] });
    ports.registry.add(person);
    create = new CreateAuthMethodRequestUseCase(
      authMethodRequestsOf(ports),
      ports.authMethodRequests,
      ports.registry,
      ports.otp,
      confirmation(ports),
      ports.uow,
      SETTINGS,
    );
  });

  const insertOtp = (personId = person.id, phoneNumber = NEW_PHONE) =>
    create.execute({
      personId,
      action: 'insert',
      method: { type: 'OTP', phoneNumber },
      acting: acting(),
    });

  it('creates a NEW request of the client, with the current method and a code sent to it', async () => {
    const request = await insertOtp();

    expect(request).toEqual({
      id: expect.any(String),
      personId: person.id,
      clientId: CLIENT_ID,
      status: 'NEW',
      channel: 'MIS',
      action: 'insert',
      authenticationMethod: { type: 'OTP', phoneNumber: NEW_PHONE },
      authenticationMethodCurrent: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: PHONE },
      documents: [],
      insertedBy: USER_ID,
      updatedBy: USER_ID,
      insertedAt: NOW,
      updatedAt: NOW,
    });
    expect(ports.authMethodRequests.all()).toEqual([request]);
    expect(ports.otp.sent).toEqual([PHONE]);
    expect(ports.otp.sentFor).toEqual([
      requestPurpose(AUTH_METHOD_REQUESTS, request.id, CLIENT_ID).key,
    ]);
  });

  it('sends the code after the rules pass and before the writes, which re-check them under the lock', async () => {
    const request = await insertOtp();

    expect(ports.journal.entries).toEqual([
      `registry.findById ${person.id}`,
      `otp.isVerified ${NEW_PHONE}`,
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      'uow.begin',
      `registry.lock ${person.id}`,
      `amr.cancelNewOfPerson ${person.id}`,
      `amr.insert ${request.id}`,
      'uow.commit',
    ]);
  });

  it('sends no code and writes nothing when a rule refuses', async () => {
    ports.otp.verified(PHONE);

    await expect(insertOtp(person.id, PHONE)).rejects.toMatchObject(ERRORS.sameOtpPhone);

    expect(ports.journal.only('budget.', 'otp.initialize', 'uow.')).toEqual([]);
    expect(ports.authMethodRequests.all()).toEqual([]);
  });

  it('answers 422 unverified for a phone that completed no verification, and sends nothing', async () => {
    await expect(insertOtp(person.id, '+380501112233')).rejects.toMatchObject(
      ERRORS.phoneNotVerified,
    );
    expect(ports.otp.sent).toEqual([]);
  });

  it.each([
    ['an unknown person', () => aPerson().id, ERRORS.personNotFound],
    [
      'an inactive person',
      () => {
        const inactive = aPerson({ status: 'inactive' });
        ports.registry.add(inactive);
        return inactive.id;
      },
      ERRORS.personInactive,
    ],
  ])('refuses %s before any rule or send', async (_n, personId, expected) => {
    await expect(insertOtp(personId())).rejects.toMatchObject(expected);
    expect(ports.journal.only('otp.', 'uow.')).toEqual([]);
  });

  it('writes nothing when the send fails, and leaves older requests NEW', async () => {
    const older = anAuthMethodRequest({ personId: person.id });
    ports.authMethodRequests.add(older);
    ports.otp.failNextSend(unavailable(ERRORS.otpUnavailable.message));

    await expect(insertOtp()).rejects.toMatchObject(ERRORS.otpUnavailable);

    expect(ports.authMethodRequests.all()).toEqual([older]);
    expect(ports.journal.only('uow.')).toEqual([]);
  });

  it("cancels the person's older NEW requests of any client; those past the TTL become EXPIRED", async () => {
    const requests = {
      recent: anAuthMethodRequest({
        personId: person.id,
        insertedAt: new Date(NOW.getTime() - HOUR),
      }),
      othersClient: anAuthMethodRequest({ personId: person.id, clientId: OTHER_CLIENT_ID }),
      atTtl: anAuthMethodRequest({
        personId: person.id,
        insertedAt: new Date(NOW.getTime() - 24 * HOUR),
      }),
      completed: anAuthMethodRequest({ personId: person.id, status: 'COMPLETED' }),
      anotherPerson: anAuthMethodRequest({ personId: aPerson().id }),
    };
    ports.authMethodRequests.add(...Object.values(requests));

    const created = await insertOtp();

    const statusOf = (r: AuthMethodRequest) => ports.authMethodRequests.get(r.id).status;
    expect({
      recent: statusOf(requests.recent),
      othersClient: statusOf(requests.othersClient),
      atTtl: statusOf(requests.atTtl),
      completed: statusOf(requests.completed),
      anotherPerson: statusOf(requests.anotherPerson),
      created: statusOf(created),
    }).toEqual({
      recent: 'CANCELED',
      othersClient: 'CANCELED',
      atTtl: 'EXPIRED',
      completed: 'COMPLETED',
      anotherPerson: 'NEW',
      created: 'NEW',
    });
    expect(ports.authMethodRequests.get(requests.recent.id)).toMatchObject({
      updatedAt: NOW,
      updatedBy: USER_ID,
    });
  });

  it('refuses under the lock what a concurrent change made invalid, and writes nothing', async () => {
    const older = anAuthMethodRequest({ personId: person.id });
    ports.authMethodRequests.add(older);
    // A concurrent approve gives the person the new phone while the code goes out.
    ports.journal.when('otp.initialize', () =>
      ports.registry.add({
        ...person,
        authenticationMethods: [aMethod({ type: 'OTP', phoneNumber: NEW_PHONE })],
      }),
    );

    await expect(insertOtp()).rejects.toMatchObject(ERRORS.sameOtpPhone);

    expect(ports.authMethodRequests.all()).toEqual([older]);
    expect(ports.journal.only('uow.')).toEqual(['uow.begin', 'uow.rollback']);
  });

  it('refuses with 409 a current method changed while the code went out, and keeps its count: it was sent', async () => {
    // The rules still pass under the lock, but the request would keep the old phone as its
    // current method: the code just sent went there, and approve would check it.
    ports.journal.when('otp.initialize', () =>
      ports.registry.add({
        ...person,
        authenticationMethods: [aMethod({ type: 'OTP', phoneNumber: '+380661234567' })],
      }),
    );

    await expect(insertOtp()).rejects.toMatchObject(ERRORS.concurrentChange);

    expect(ports.authMethodRequests.all()).toEqual([]);
    expect(ports.journal.only('uow.')).toEqual(['uow.begin', 'uow.rollback']);
    expect(ports.budget.counted(CLIENT_ID)).toBe(1);
  });

  it('asks the OTP service about the phone once, and re-checks with that answer', async () => {
    await insertOtp();
    expect(ports.journal.only('otp.isVerified')).toEqual([`otp.isVerified ${NEW_PHONE}`]);
  });

  it('asks for scans of the own documents, and sends no code, when the person is OFFLINE', async () => {
    const offline = aPerson({
      documents: [passport, nationalId],
      authenticationMethods: [aMethod({ type: 'OFFLINE' })],
    });
    ports.registry.add(offline);

    const request = await insertOtp(offline.id);

    expect(request.authenticationMethodCurrent).toEqual({ type: 'OFFLINE', verifiedBy: 'OFFLINE' });
    expect(request.documents).toEqual([
      { type: 'PASSPORT', key: `authentication_method_requests/${request.id}/PASSPORT.jpeg` },
      { type: 'NATIONAL_ID', key: `authentication_method_requests/${request.id}/NATIONAL_ID.jpeg` },
    ]);
    expect(ports.otp.sent).toEqual([]);
    expect(ports.budget.reservations).toEqual([]);
  });

  it("asks for scans of the third person's documents when the person is verified through them", async () => {
    const dad = aPerson({
      documents: [nationalId],
      authenticationMethods: [aMethod({ type: 'OFFLINE' })],
    });
    const child = aPerson({
      birthDate: '2015-06-10',
      documents: [passport],
      authenticationMethods: [aMethod({ type: 'THIRD_PERSON', value: dad.id })],
    });
    ports.registry.add(dad, child);

    const request = await create.execute({
      personId: child.id,
      action: 'update',
      method: {
        id: child.authenticationMethods[0].id.toUpperCase(),
        alias: 'Тато',
      },
      acting: acting(),
    });

    expect(request.authenticationMethod).toEqual({
      id: child.authenticationMethods[0].id,
      alias: 'Тато',
    });
    expect(request.documents.map((d) => d.type)).toEqual(['NATIONAL_ID']);
    expect(ports.otp.sent).toEqual([]);
    expect(ports.budget.reservations).toEqual([]);
  });

  it('asks for scans of the own documents for an insert of OFFLINE, as well as a code', async () => {
    const request = await create.execute({
      personId: person.id,
      action: 'insert',
      method: { type: 'OFFLINE' },
      acting: acting(),
    });

    expect(request.documents.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);
    expect(ports.otp.sent).toEqual([PHONE]);
  });

  it('answers 422 for a body of the wrong shape without asking anyone about it', async () => {
    await expect(
      create.execute({
        personId: person.id,
        action: 'insert',
        method: { type: 'OTP' },
        acting: acting(),
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      invalid: [{ entry: 'phoneNumber', rule: 'required' }],
    });
    expect(ports.journal.only('otp.')).toEqual([]);
  });
});
