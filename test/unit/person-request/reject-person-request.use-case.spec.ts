import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { RejectPersonRequestUseCase } from '../../../src/person-request/application/reject-person-request.use-case.js';
import type { PrStatus } from '../../../src/person-request/domain/person-request.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { acting, aPersonRequest, NOW, OTHER_CLIENT_ID, USER_ID } from '../../support/mothers.js';

const LATER = new Date(NOW.getTime() + 5_000);

describe('RejectPersonRequestUseCase', () => {
  let ports: InMemoryPorts;
  let reject: RejectPersonRequestUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(LATER);
    reject = new RejectPersonRequestUseCase(
      personRequestsOf(ports),
      ports.personRequests,
      ports.uow,
    );
  });

  it.each<PrStatus>(['NEW', 'APPROVED'])(
    'rejects a %s request under its lock, by the acting user now',
    async (status) => {
      const request = aPersonRequest({ status });
      ports.personRequests.add(request);

      const rejected = await reject.execute(request.id, acting());

      expect(rejected).toMatchObject({ status: 'REJECTED', updatedBy: USER_ID, updatedAt: LATER });
      expect(ports.personRequests.get(request.id)).toEqual(rejected);
      expect(ports.journal.only('uow.', 'requests.')).toEqual([
        'uow.begin',
        `requests.lock ${request.id}`,
        `requests.updateState ${request.id} REJECTED`,
        'uow.commit',
      ]);
    },
  );

  it.each<[string, Partial<Parameters<typeof aPersonRequest>[0]>]>([
    ['SIGNED', { status: 'SIGNED' }],
    ['REJECTED', { status: 'REJECTED' }],
    ['CANCELLED', { status: 'CANCELLED' }],
    ['EXPIRED (stored)', { status: 'EXPIRED' }],
    ['EXPIRED (past its TTL, not yet swept)', { insertedAt: new Date('2026-10-01T00:00:00Z') }],
  ])('answers 409 for a request %s and changes nothing', async (_n, overrides) => {
    const request = aPersonRequest(overrides);
    ports.personRequests.add(request);

    await expect(reject.execute(request.id, acting())).rejects.toMatchObject(
      LIFECYCLE_ERRORS.invalidTransition,
    );
    expect(ports.personRequests.get(request.id)).toEqual(request);
  });

  it("answers 404 for another client's request and changes nothing", async () => {
    const request = aPersonRequest({ clientId: OTHER_CLIENT_ID });
    ports.personRequests.add(request);

    await expect(reject.execute(request.id, acting())).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
    expect(ports.personRequests.get(request.id)).toEqual(request);
  });
});
