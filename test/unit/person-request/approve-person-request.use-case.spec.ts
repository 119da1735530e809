import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { PERSON_REQUESTS } from '../../../src/person-request/domain/person-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { ApprovePersonRequestUseCase } from '../../../src/person-request/application/approve-person-request.use-case.js';
import type { PersonRequest } from '../../../src/person-request/domain/person-request.js';
import { personRequestPrintout } from '../../../src/person-request/domain/printout.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  confirmation,
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import {
  acting,
  aPersonRequest,
  CLIENT_ID,
  NOW,
  OTHER_CLIENT_ID,
  PHONE,
  USER_ID,
} from '../../support/mothers.js';

describe('ApprovePersonRequestUseCase', () => {
  let ports: InMemoryPorts;
  let approve: ApprovePersonRequestUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    approve = new ApprovePersonRequestUseCase(
      personRequestsOf(ports),
      ports.personRequests,
      confirmation(ports),
      ports.uow,
    );
  });

  /** A stored request whose own code 4321 is live at its phone. */
  const stored = (overrides: Partial<PersonRequest> = {}): PersonRequest => {
    const request = aPersonRequest(overrides);
    ports.personRequests.add(request);
    ports.otp.issue(PHONE, '4321', requestPurpose(PERSON_REQUESTS, request.id, CLIENT_ID));
    return request;
  };

  it('approves with the right code and hands out the printout with the masked phone', async () => {
    const request = stored();

    const approved = await approve.execute(request.id, '4321', acting());

    expect(approved).toEqual({
      ...request,
      status: 'APPROVED',
      content: personRequestPrintout(
        request.id,
        request.person,
        'OTP',
        '+38097*****67',
        '2026-11-23',
      ),
      updatedBy: USER_ID,
      updatedAt: NOW,
    });
    expect(ports.personRequests.get(request.id)).toEqual(approved);
  });

  it('checks the code before the transaction, then locks the request and stores it', async () => {
    const request = stored();

    await approve.execute(request.id, 4321, acting());

    expect(ports.journal.only('otp.', 'uow.', 'requests.')).toEqual([
      `requests.findById ${request.id}`,
      `otp.complete ${PHONE} 4321`,
      'uow.begin',
      `requests.lock ${request.id}`,
      `requests.updateState ${request.id} APPROVED`,
      'uow.commit',
    ]);
  });

  it('dates the printout with the day in Kyiv', async () => {
    const request = stored();
    ports.clock.set(new Date('2026-11-23T22:30:00.000Z'));

    const approved = await approve.execute(request.id, '4321', acting());

    expect(approved.content).toContain('від 2026-11-24</p>');
  });

  it("names a third person's method with their masked phone", async () => {
    const request = stored({
      authenticationMethodCurrent: {
        type: 'THIRD_PERSON',
        verifiedBy: 'OTP',
        thirdPersonId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        phoneNumber: '+380501112233',
      },
    });
    ports.otp.issue(
      '+380501112233',
      '9876',
      requestPurpose(PERSON_REQUESTS, request.id, CLIENT_ID),
    );

    const approved = await approve.execute(request.id, '9876', acting());

    expect(approved.content).toContain('через законного представника (+38050*****33)');
  });

  it('refuses the code of another request to the same phone, and leaves that code alone', async () => {
    const request = stored();
    const other = aPersonRequest();
    ports.otp.issue(PHONE, '5555', requestPurpose(PERSON_REQUESTS, other.id, CLIENT_ID));

    await expect(approve.execute(request.id, '5555', acting())).rejects.toMatchObject({
      code: 'otp_rejected',
      message: ERRORS.invalidCode.message,
    });
    expect(ports.otp.liveCode(PHONE, requestPurpose(PERSON_REQUESTS, other.id, CLIENT_ID))).toBe(
      '5555',
    );
  });

  it('answers otp_rejected for a wrong code and changes nothing', async () => {
    const request = stored();

    await expect(approve.execute(request.id, '1111', acting())).rejects.toMatchObject({
      code: 'otp_rejected',
      message: ERRORS.invalidCode.message,
    });
    expect(ports.personRequests.get(request.id)).toEqual(request);
    expect(ports.journal.only('uow.')).toEqual([]);
  });

  describe('verified by OFFLINE', () => {
    const scans = (id: string) => [
      { type: 'PASSPORT', key: `person_requests/${id}/PASSPORT.jpeg` },
      { type: 'NATIONAL_ID', key: `person_requests/${id}/NATIONAL_ID.jpeg` },
    ];
    const offline = (): PersonRequest => {
      const id = aPersonRequest().id;
      return stored({
        id,
        authenticationMethodCurrent: { type: 'OFFLINE', verifiedBy: 'OFFLINE' },
        documents: scans(id),
      });
    };

    it('approves once every scan is uploaded, with no code', async () => {
      const request = offline();
      ports.storage.upload(...request.documents.map((d) => d.key));

      const approved = await approve.execute(request.id, undefined, acting());

      expect(approved.status).toBe('APPROVED');
      expect(approved.content).toContain('документи, що посвідчують особу');
      expect(ports.otp.attempts).toEqual([]);
    });

    it('answers 409 naming the missing scans and changes nothing', async () => {
      const request = offline();
      ports.storage.upload(request.documents[0].key);

      await expect(approve.execute(request.id, undefined, acting())).rejects.toMatchObject({
        code: 'conflict',
        message: 'Documents NATIONAL_ID is not uploaded',
      });
      expect(ports.personRequests.get(request.id)).toEqual(request);
    });
  });

  it.each<[string, Partial<PersonRequest>]>([
    ['APPROVED', { status: 'APPROVED' }],
    ['SIGNED', { status: 'SIGNED' }],
    ['REJECTED', { status: 'REJECTED' }],
    ['CANCELLED', { status: 'CANCELLED' }],
    ['EXPIRED', { status: 'EXPIRED' }],
    ['NEW past its TTL', { insertedAt: new Date('2026-10-24T10:00:00.000Z') }],
  ])('answers 409 for a request %s before any OTP attempt', async (_n, overrides) => {
    const request = stored(overrides);

    await expect(approve.execute(request.id, '4321', acting())).rejects.toMatchObject(
      LIFECYCLE_ERRORS.invalidTransition,
    );
    expect(ports.otp.attempts).toEqual([]);
    expect(ports.personRequests.get(request.id)).toEqual(request);
  });

  it("answers 404 for another client's request before any OTP attempt", async () => {
    const request = stored({ clientId: OTHER_CLIENT_ID });

    await expect(approve.execute(request.id, '4321', acting())).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
    expect(ports.otp.attempts).toEqual([]);
  });

  it('answers 409 when the request left NEW while the code was checked, and keeps that change', async () => {
    const request = stored();
    const rejected = { ...request, status: 'REJECTED' as const };
    ports.journal.when('otp.complete', () => ports.personRequests.add(rejected));

    await expect(approve.execute(request.id, '4321', acting())).rejects.toMatchObject(
      LIFECYCLE_ERRORS.invalidTransition,
    );
    expect(ports.personRequests.get(request.id)).toEqual(rejected);
    expect(ports.uow.rollbacks).toBe(1);
  });
});
