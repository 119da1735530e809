import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { PERSON_REQUESTS } from '../../../src/person-request/domain/person-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { ResendPersonRequestOtpUseCase } from '../../../src/person-request/application/resend-person-request-otp.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { phoneVerificationPurpose } from '../../../src/otp/domain/otp-purpose.js';
import {
  confirmation,
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { aPersonRequest, CLIENT_ID, NOW, OTHER_CLIENT_ID, PHONE } from '../../support/mothers.js';

describe('ResendPersonRequestOtpUseCase', () => {
  let ports: InMemoryPorts;
  let resend: ResendPersonRequestOtpUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW, { smsLimit: 1 });
    resend = new ResendPersonRequestOtpUseCase(personRequestsOf(ports), confirmation(ports));
  });

  it("sends a new code to the phone of the current method; the request's old one stops working", async () => {
    const request = aPersonRequest();
    const purpose = requestPurpose(PERSON_REQUESTS, request.id, CLIENT_ID);
    const verificationOfAnother = phoneVerificationPurpose(OTHER_CLIENT_ID);
    ports.personRequests.add(request);
    ports.otp.issue(PHONE, '1111', purpose).issue(PHONE, '3333', verificationOfAnother);
    ports.otp.codesToSend('2222');

    await expect(resend.execute(request.id, CLIENT_ID)).resolves.toEqual({
      id: expect.any(String),
      status: 'NEW',
      codeExpiredAt: new Date('2026-11-23T10:15:00.000Z'),
      active: true,
    });

    expect(ports.otp.liveCode(PHONE, purpose)).toBe('2222');
    // Codes of other purposes to the same phone are not touched.
    expect(ports.otp.liveCode(PHONE, verificationOfAnother)).toBe('3333');
    expect(ports.personRequests.get(request.id)).toEqual(request);
  });

  it('answers 404 for an unknown request and sends nothing', async () => {
    await expect(resend.execute(aPersonRequest().id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
    expect(ports.journal.only('budget.', 'otp.')).toEqual([]);
  });

  it.each([
    ["another client's request", { clientId: OTHER_CLIENT_ID }, ERRORS.personRequestNotFound],
    ['an APPROVED request', { status: 'APPROVED' as const }, ERRORS.personRequestNotNew],
    [
      'a NEW request past its TTL',
      { insertedAt: new Date('2026-10-24T10:00:00.000Z') },
      ERRORS.personRequestNotNew,
    ],
    [
      'a request verified by OFFLINE',
      { authenticationMethodCurrent: { type: 'OFFLINE' as const, verifiedBy: 'OFFLINE' as const } },
      LIFECYCLE_ERRORS.authMethodNotOtp,
    ],
  ])('refuses %s and sends nothing', async (_n, overrides, expected) => {
    const request = aPersonRequest(overrides);
    ports.personRequests.add(request);

    await expect(resend.execute(request.id, CLIENT_ID)).rejects.toMatchObject(expected);
    expect(ports.journal.only('budget.', 'otp.')).toEqual([]);
  });

  it('refuses past the SMS budget after every other check, and sends nothing', async () => {
    const request = aPersonRequest();
    ports.personRequests.add(request);
    await resend.execute(request.id, CLIENT_ID);

    await expect(resend.execute(request.id, CLIENT_ID)).rejects.toMatchObject(ERRORS.smsLimit);
    expect(ports.otp.sent).toEqual([PHONE]);
  });
});
