import type { PersonRequests } from '../../../src/person-request/application/person-requests.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  inMemoryPorts,
  personRequestsOf,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import { aPersonRequest, CLIENT_ID, NOW, OTHER_CLIENT_ID } from '../../support/mothers.js';

const TTL_MS = 30 * 86_400_000;

describe('PersonRequests', () => {
  let ports: InMemoryPorts;
  let access: PersonRequests;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    access = personRequestsOf(ports);
  });

  it('puts the cutoff the TTL before the clock', () => {
    expect(access.cutoff()).toEqual(new Date(NOW.getTime() - TTL_MS));
    ports.clock.advance(1);
    expect(access.cutoff()).toEqual(new Date(NOW.getTime() - TTL_MS + 1));
  });

  it("reads the client's own request", async () => {
    const request = aPersonRequest({ status: 'APPROVED' });
    ports.personRequests.add(request);

    await expect(access.get(request.id, CLIENT_ID)).resolves.toEqual(request);
  });

  it("answers another client's request with the same 404 as an unknown id", async () => {
    const theirs = aPersonRequest({ clientId: OTHER_CLIENT_ID });
    ports.personRequests.add(theirs);

    const [foreign, unknown] = await Promise.all(
      [theirs.id, aPersonRequest().id].map((id) =>
        access.get(id, CLIENT_ID).catch((e: unknown) => e),
      ),
    );

    expect(foreign).toMatchObject(ERRORS.personRequestNotFound);
    expect(unknown).toMatchObject(ERRORS.personRequestNotFound);
  });

  it('answers 404 for a request stored before clients were recorded', async () => {
    const legacy = aPersonRequest({ clientId: null });
    ports.personRequests.add(legacy);

    await expect(access.get(legacy.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.personRequestNotFound,
    );
  });

  it.each([
    ['a millisecond before the TTL', 1, 'NEW'],
    ['exactly at the TTL', 0, 'EXPIRED'],
    ['past the TTL', -1, 'EXPIRED'],
  ])('reads a NEW request created %s as %s, stored or not', async (_n, offset, status) => {
    const request = aPersonRequest({ insertedAt: new Date(NOW.getTime() - TTL_MS + offset) });
    ports.personRequests.add(request);

    await expect(access.get(request.id, CLIENT_ID)).resolves.toMatchObject({ status });
    expect(ports.personRequests.get(request.id).status).toBe('NEW');
  });

  it('locks the request inside a unit of work, with the same rules', async () => {
    const expired = aPersonRequest({ insertedAt: new Date(NOW.getTime() - TTL_MS) });
    const foreign = aPersonRequest({ clientId: OTHER_CLIENT_ID });
    ports.personRequests.add(expired, foreign);

    await ports.uow.run(async () => {
      await expect(access.lock(expired.id, CLIENT_ID)).resolves.toMatchObject({
        status: 'EXPIRED',
      });
      await expect(access.lock(foreign.id, CLIENT_ID)).rejects.toMatchObject(
        ERRORS.personRequestNotFound,
      );
    });
    expect(ports.personRequests.locked).toEqual([expired.id, foreign.id]);
  });
});
