import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { AUTH_METHOD_REQUESTS } from '../../../src/auth-method-request/domain/auth-method-request.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { ResendAuthMethodRequestOtpUseCase } from '../../../src/auth-method-request/application/resend-auth-method-request-otp.use-case.js';
import type { AuthMethodRequest } from '../../../src/auth-method-request/domain/auth-method-request.js';
import type { Person } from '../../../src/person/domain/person.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import type { ErrorSpec } from '../../../src/kernel/domain/errors.js';
import {
  authMethodRequestsOf,
  confirmation,
  inMemoryPorts,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { anAuthMethodRequest, aPerson, CLIENT_ID, NOW, PHONE } from '../../support/mothers.js';

const OFFLINE = { type: 'OFFLINE', verifiedBy: 'OFFLINE' } as const;
const EXPIRED_AT = new Date(NOW.getTime() - 24 * 3_600_000);

describe('ResendAuthMethodRequestOtpUseCase', () => {
  let ports: InMemoryPorts;
  let resend: ResendAuthMethodRequestOtpUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW, { smsLimit: 1 });
    resend = new ResendAuthMethodRequestOtpUseCase(
      authMethodRequestsOf(ports),
      ports.registry,
      confirmation(ports),
    );
  });

  const given = (person: Partial<Person>, request: Partial<AuthMethodRequest>) => {
    const stored = aPerson(person);
    const amr = anAuthMethodRequest({ personId: stored.id, ...request });
    ports.registry.add(stored);
    ports.authMethodRequests.add(amr);
    return amr;
  };

  it("sends a new code to the phone of the current method, replacing the request's own only", async () => {
    const request = given({}, {});
    const purpose = requestPurpose(AUTH_METHOD_REQUESTS, request.id, CLIENT_ID);
    const another = requestPurpose(AUTH_METHOD_REQUESTS, 'another-request', CLIENT_ID);
    ports.otp.issue(PHONE, '1111', purpose).issue(PHONE, '3333', another).codesToSend('2222');

    await expect(resend.execute(request.personId, request.id, CLIENT_ID)).resolves.toMatchObject({
      status: 'NEW',
      active: true,
    });

    expect(ports.otp.liveCode(PHONE, purpose)).toBe('2222');
    expect(ports.otp.liveCode(PHONE, another)).toBe('3333');
    expect(ports.authMethodRequests.get(request.id)).toEqual(request);
  });

  // Each row breaks its own rule and every later one, so it shows which check comes first.
  it.each<[string, Partial<Person>, Partial<AuthMethodRequest>, ErrorSpec]>([
    [
      'a request that is not NEW, before the person',
      { status: 'inactive' },
      { status: 'COMPLETED', authenticationMethodCurrent: OFFLINE },
      ERRORS.authMethodRequestNotNew,
    ],
    [
      'a NEW request past its TTL, as not NEW',
      { status: 'inactive' },
      { insertedAt: EXPIRED_AT, authenticationMethodCurrent: OFFLINE },
      ERRORS.authMethodRequestNotNew,
    ],
    [
      'an inactive person, before the method',
      { status: 'inactive' },
      { authenticationMethodCurrent: OFFLINE },
      ERRORS.personInactive,
    ],
    [
      'a method not verified by OTP',
      {},
      { authenticationMethodCurrent: OFFLINE },
      LIFECYCLE_ERRORS.authMethodNotOtp,
    ],
  ])('refuses %s, and sends nothing', async (_n, person, request, expected) => {
    const amr = given(person, request);

    await expect(resend.execute(amr.personId, amr.id, CLIENT_ID)).rejects.toMatchObject(expected);
    expect(ports.journal.only('budget.', 'otp.')).toEqual([]);
  });

  it('answers 404 before anything else for a request of another person', async () => {
    const request = given({ status: 'inactive' }, { status: 'COMPLETED' });
    const other = aPerson();
    ports.registry.add(other);

    await expect(resend.execute(other.id, request.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.authMethodRequestNotFound,
    );
    expect(ports.journal.only('budget.', 'otp.')).toEqual([]);
  });

  it('refuses past the SMS budget once every other check passed, and sends nothing more', async () => {
    const request = given({}, {});
    await resend.execute(request.personId, request.id, CLIENT_ID);

    await expect(resend.execute(request.personId, request.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.smsLimit,
    );
    expect(ports.otp.sent).toEqual([PHONE]);
  });
});
