import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { AUTH_METHOD_REQUESTS } from '../../../src/auth-method-request/domain/auth-method-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { ApproveAuthMethodRequestUseCase } from '../../../src/auth-method-request/application/approve-auth-method-request.use-case.js';
import type { AuthMethodRequest } from '../../../src/auth-method-request/domain/auth-method-request.js';
import type { Person } from '../../../src/person/domain/person.js';
import { ERRORS } from '../../../src/error-catalogue.js';
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
  PHONE,
  USER_ID,
} from '../../support/mothers.js';

const SETTINGS = { noSelfAuthAge: 14, thirdPersonTermYears: 2, ttlHours: 24 };

describe('ApproveAuthMethodRequestUseCase', () => {
  let ports: InMemoryPorts;
  let approve: ApproveAuthMethodRequestUseCase;
  let person: Person;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    person = aPerson({ verificationComment: 'to be cleared' });
    ports.registry.add(person);
    approve = new ApproveAuthMethodRequestUseCase(
      authMethodRequestsOf(ports),
      ports.authMethodRequests,
      ports.registry,
      confirmation(ports),
      ports.outbox,
      ports.uow,
      SETTINGS,
    );
  });

  /** A stored request whose own code 4321 is live at its phone. */
  const stored = (overrides: Partial<AuthMethodRequest> = {}): AuthMethodRequest => {
    const request = anAuthMethodRequest({ personId: person.id, ...overrides });
    ports.authMethodRequests.add(request);
    ports.otp.issue(PHONE, '4321', requestPurpose(AUTH_METHOD_REQUESTS, request.id, CLIENT_ID));
    return request;
  };

  it('checks the code, then locks the person before the request, reads the person, and writes in one transaction', async () => {
    const request = stored();

    await approve.execute(person.id, request.id, '4321', acting());

    expect(ports.journal.entries).toEqual([
      `amr.findById ${request.id}`,
      `otp.complete ${PHONE} 4321`,
      'uow.begin',
      `registry.lock ${person.id}`,
      `amr.lock ${request.id}`,
      `registry.findById ${person.id}`,
      `registry.endMethods ${person.authenticationMethods[0].id}`,
      `registry.addMethod ${person.id} OTP`,
      `registry.changeVerification ${person.id} VERIFICATION_NEEDED`,
      `outbox.record ${person.id}`,
      `amr.updateState ${request.id} COMPLETED`,
      'uow.commit',
    ]);
  });

  it('applies an insert of OTP: the old method ends now, the new one starts, the rules pass', async () => {
    const request = stored();

    const completed = await approve.execute(person.id, request.id, 4321, acting());

    expect(completed).toEqual({
      ...request,
      status: 'COMPLETED',
      updatedBy: USER_ID,
      updatedAt: NOW,
    });
    expect(ports.authMethodRequests.get(request.id)).toEqual(completed);
    const after = ports.registry.get(person.id);
    expect(after.authenticationMethods).toEqual([
      { ...person.authenticationMethods[0], endedAt: NOW },
      expect.objectContaining({
        type: 'OTP',
        phoneNumber: NEW_PHONE,
        startedAt: NOW,
        endedAt: null,
      }),
    ]);
    expect(after).toMatchObject({
      verificationStatus: 'VERIFICATION_NEEDED',
      verificationReason: 'RULES_PASSED',
      verificationComment: null,
      updatedBy: USER_ID,
      updatedAt: NOW,
    });
    expect(ports.outbox.events).toEqual([
      {
        id: expect.any(String),
        eventType: 'StateChangeEvent',
        entityType: 'Person',
        entityId: person.id,
        properties: { verification_status: { new_value: 'VERIFICATION_NEEDED' } },
        eventTime: NOW,
        changedBy: USER_ID,
      },
    ]);
  });

  it('records the event of rule 01 when OFFLINE is inserted', async () => {
    const request = stored({ action: 'insert', authenticationMethod: { type: 'OFFLINE' } });

    await approve.execute(person.id, request.id, '4321', acting());

    expect(ports.registry.get(person.id)).toMatchObject({
      verificationReason: 'AUTO',
      verificationComment: 'to be cleared',
    });
    expect(ports.outbox.events).toHaveLength(1);
  });

  it.each<[string, () => Partial<AuthMethodRequest>, (after: Person) => unknown, unknown]>([
    [
      'renames the method an update names',
      () => ({
        action: 'update',
        authenticationMethod: { id: person.authenticationMethods[0].id, alias: 'Мій' },
      }),
      (after) => after.authenticationMethods[0].alias,
      'Мій',
    ],
    [
      'ends the THIRD_PERSON method a deactivate names',
      () => ({
        action: 'deactivate',
        authenticationMethod: { id: person.authenticationMethods[1].id },
      }),
      (after) => after.authenticationMethods[1].endedAt,
      NOW,
    ],
  ])('%s, without a verification change or an event', async (_n, overrides, read, expected) => {
    person = aPerson({
      authenticationMethods: [
        aMethod({ type: 'OTP', phoneNumber: PHONE }),
        aMethod({ type: 'THIRD_PERSON', value: aPerson().id }),
      ],
    });
    ports.registry.add(person);
    const request = stored(overrides());

    await approve.execute(person.id, request.id, '4321', acting());

    const after = ports.registry.get(person.id);
    expect(read(after)).toEqual(expected);
    expect([after.verificationStatus, after.verificationReason]).toEqual([
      person.verificationStatus,
      person.verificationReason,
    ]);
    expect(ports.outbox.events).toEqual([]);
    expect(ports.journal.only('registry.changeVerification')).toEqual([]);
  });

  it('records no event for an insert of OTP when the person is VERIFIED already', async () => {
    person = aPerson({ verificationStatus: 'VERIFIED' });
    ports.registry.add(person);
    const request = stored();

    await approve.execute(person.id, request.id, '4321', acting());

    expect(ports.registry.get(person.id).verificationStatus).toBe('VERIFIED');
    expect(ports.outbox.events).toEqual([]);
  });

  it('plans from the methods as they are under the lock, not as first read', async () => {
    const request = stored();
    const addedMeanwhile = aMethod({ type: 'OFFLINE' });
    ports.journal.when('registry.lock', () =>
      ports.registry.add({
        ...person,
        authenticationMethods: [...person.authenticationMethods, addedMeanwhile],
      }),
    );

    await approve.execute(person.id, request.id, '4321', acting());

    expect(ports.registry.get(person.id).authenticationMethods).toEqual([
      { ...person.authenticationMethods[0], endedAt: NOW },
      { ...addedMeanwhile, endedAt: NOW },
      expect.objectContaining({ type: 'OTP', phoneNumber: NEW_PHONE }),
    ]);
  });

  describe('refusals', () => {
    const unchanged = (request: AuthMethodRequest) => {
      expect(ports.authMethodRequests.get(request.id)).toEqual(request);
      expect(ports.registry.get(person.id)).toEqual(person);
      expect(ports.outbox.events).toEqual([]);
    };

    it.each<[string, Partial<AuthMethodRequest>]>([
      ['COMPLETED', { status: 'COMPLETED' }],
      ['CANCELED', { status: 'CANCELED' }],
      ['EXPIRED', { status: 'EXPIRED' }],
      ['NEW past its TTL', { insertedAt: new Date(NOW.getTime() - 24 * 3_600_000) }],
    ])('answers 409 for a request %s before any OTP attempt', async (_n, overrides) => {
      const request = stored(overrides);

      await expect(approve.execute(person.id, request.id, '4321', acting())).rejects.toMatchObject(
        LIFECYCLE_ERRORS.invalidTransition,
      );
      expect(ports.otp.attempts).toEqual([]);
      unchanged(request);
    });

    it('answers otp_rejected for a wrong code and opens no transaction', async () => {
      const request = stored();

      await expect(approve.execute(person.id, request.id, '1111', acting())).rejects.toMatchObject({
        code: 'otp_rejected',
        message: ERRORS.invalidCode.message,
      });
      expect(ports.journal.only('uow.')).toEqual([]);
      unchanged(request);
    });

    it('answers 409 when the request left NEW while the code was checked, and writes nothing', async () => {
      const request = stored();
      const concurrent = { ...request, status: 'COMPLETED' as const };
      ports.journal.when('otp.complete', () => ports.authMethodRequests.add(concurrent));

      await expect(approve.execute(person.id, request.id, '4321', acting())).rejects.toMatchObject(
        LIFECYCLE_ERRORS.invalidTransition,
      );
      expect(ports.journal.only('uow.', 'registry.lock', 'amr.lock')).toEqual([
        'uow.begin',
        `registry.lock ${person.id}`,
        `amr.lock ${request.id}`,
        'uow.rollback',
      ]);
      expect(ports.authMethodRequests.get(request.id)).toEqual(concurrent);
      expect(ports.registry.get(person.id)).toEqual(person);
      expect(ports.outbox.events).toEqual([]);
    });

    it('answers 404 for the request of another person, before any OTP attempt', async () => {
      const request = stored();
      const other = aPerson();
      ports.registry.add(other);

      await expect(approve.execute(other.id, request.id, '4321', acting())).rejects.toMatchObject(
        ERRORS.authMethodRequestNotFound,
      );
      expect(ports.otp.attempts).toEqual([]);
    });
  });
});
