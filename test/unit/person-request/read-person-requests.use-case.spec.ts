import { ReadPersonRequestsUseCase } from '../../../src/person-request/application/read-person-requests.use-case.js';
import type { DisplayStatus } from '../../../src/person-request/domain/person-request.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { aPersonRequest, CLIENT_ID, NOW, OTHER_CLIENT_ID } from '../../support/mothers.js';

const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

describe('ReadPersonRequestsUseCase', () => {
  let ports: InMemoryPorts;
  let read: ReadPersonRequestsUseCase;

  const fresh = aPersonRequest({ insertedAt: daysAgo(1) });
  const expiredUnswept = aPersonRequest({ insertedAt: daysAgo(30) });
  const expiredStored = aPersonRequest({ status: 'EXPIRED', insertedAt: daysAgo(40) });
  const cancelled = aPersonRequest({ status: 'CANCELLED', insertedAt: daysAgo(2) });
  const approved = aPersonRequest({ status: 'APPROVED', insertedAt: daysAgo(3) });
  const foreign = aPersonRequest({ clientId: OTHER_CLIENT_ID, insertedAt: daysAgo(1) });

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    ports.personRequests.add(fresh, expiredUnswept, expiredStored, cancelled, approved, foreign);
    read = new ReadPersonRequestsUseCase(personRequestsOf(ports), ports.personRequests);
  });

  it('reads one of the caller’s requests, an expired NEW one as EXPIRED', async () => {
    await expect(read.get(fresh.id, CLIENT_ID)).resolves.toMatchObject({ status: 'NEW' });
    await expect(read.get(expiredUnswept.id, CLIENT_ID)).resolves.toMatchObject({
      status: 'EXPIRED',
    });
  });

  it('reads a request only on its own version’s routes, and lists v3 alone or every version', async () => {
    const v2 = aPersonRequest({ version: 2, insertedAt: daysAgo(0.5) });
    ports.personRequests.add(v2);
    await expect(read.get(v2.id, CLIENT_ID, 2)).resolves.toMatchObject({ id: v2.id });
    await expect(read.get(v2.id, CLIENT_ID)).rejects.toMatchObject(ERRORS.personRequestNotFound);
    await expect(read.get(fresh.id, CLIENT_ID, 2)).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
    expect((await read.list(CLIENT_ID, 'NEW', 1, 50)).items.map((r) => r.id)).toEqual([fresh.id]);
    expect((await read.list(CLIENT_ID, 'NEW', 1, 50, 'any')).items.map((r) => r.id)).toEqual([
      v2.id,
      fresh.id,
    ]);
  });

  it("answers 404 for another client's request", async () => {
    await expect(read.get(foreign.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
  });

  it('lists only the caller’s requests, newest first, expired NEW ones as EXPIRED', async () => {
    const page = await read.list(CLIENT_ID, undefined, 1, 50);

    expect(page.total).toBe(5);
    expect(page.items.map((r) => [r.id, r.status])).toEqual([
      [fresh.id, 'NEW'],
      [cancelled.id, 'CANCELLED'],
      [approved.id, 'APPROVED'],
      [expiredUnswept.id, 'EXPIRED'],
      [expiredStored.id, 'EXPIRED'],
    ]);
  });

  it.each<[DisplayStatus, string[]]>([
    ['NEW', [fresh.id]],
    ['CANCELLED', [cancelled.id, expiredUnswept.id, expiredStored.id]],
    ['APPROVED', [approved.id]],
    ['SIGNED', []],
  ])('filters by %s as the client sees statuses', async (status, ids) => {
    const page = await read.list(CLIENT_ID, status, 1, 50);

    expect(page.items.map((r) => r.id)).toEqual(ids);
    expect(page.total).toBe(ids.length);
  });

  it('pages the list and counts every match', async () => {
    const second = await read.list(CLIENT_ID, undefined, 2, 2);

    expect(second.items.map((r) => r.id)).toEqual([approved.id, expiredUnswept.id]);
    expect(second.total).toBe(5);
  });
});
