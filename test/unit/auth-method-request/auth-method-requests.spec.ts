import type { AuthMethodRequests } from '../../../src/auth-method-request/application/auth-method-requests.js';
import { ReadAuthMethodRequestUseCase } from '../../../src/auth-method-request/application/read-auth-method-request.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import {
  authMethodRequestsOf,
  inMemoryPorts,
  type InMemoryPorts,
} from '../../support/fakes/in-memory-ports.js';
import {
  anAuthMethodRequest,
  aPerson,
  CLIENT_ID,
  NOW,
  OTHER_CLIENT_ID,
} from '../../support/mothers.js';

const TTL_MS = 24 * 3_600_000;

describe('AuthMethodRequests and ReadAuthMethodRequestUseCase', () => {
  let ports: InMemoryPorts;
  let access: AuthMethodRequests;
  let read: ReadAuthMethodRequestUseCase;
  const person = aPerson();
  const other = aPerson();

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    ports.registry.add(person, other);
    access = authMethodRequestsOf(ports);
    read = new ReadAuthMethodRequestUseCase(access);
  });

  it('puts the cutoff the TTL in hours before the clock', () => {
    expect(access.cutoff()).toEqual(new Date(NOW.getTime() - TTL_MS));
  });

  it("reads the person's request of the calling client", async () => {
    const request = anAuthMethodRequest({ personId: person.id, status: 'COMPLETED' });
    ports.authMethodRequests.add(request);

    await expect(read.get(person.id, request.id, CLIENT_ID)).resolves.toEqual(request);
  });

  it.each([
    ['a millisecond before the TTL', 1, 'NEW'],
    ['exactly at the TTL', 0, 'EXPIRED'],
  ])('reads a NEW request created %s as %s, stored or not', async (_n, offset, status) => {
    const request = anAuthMethodRequest({
      personId: person.id,
      insertedAt: new Date(NOW.getTime() - TTL_MS + offset),
    });
    ports.authMethodRequests.add(request);

    await expect(read.get(person.id, request.id, CLIENT_ID)).resolves.toMatchObject({ status });
    expect(ports.authMethodRequests.get(request.id).status).toBe('NEW');
  });

  it('answers 404 (request) for an unknown request of a known person', async () => {
    await expect(
      read.get(person.id, anAuthMethodRequest({ personId: person.id }).id, CLIENT_ID),
    ).rejects.toMatchObject(ERRORS.authMethodRequestNotFound);
  });

  it.each([
    ['another person', () => ({ personId: other.id })],
    ['another client', () => ({ personId: person.id, clientId: OTHER_CLIENT_ID })],
    [
      'no client (stored before clients were recorded)',
      () => ({ personId: person.id, clientId: null }),
    ],
  ])('answers 404 (request) for a request of %s', async (_n, owner) => {
    const request = anAuthMethodRequest(owner());
    ports.authMethodRequests.add(request);

    await expect(read.get(person.id, request.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.authMethodRequestNotFound,
    );
  });

  it('answers 404 (person) when the person does not exist', async () => {
    const request = anAuthMethodRequest({ personId: person.id });
    ports.authMethodRequests.add(request);

    await expect(read.get(aPerson().id, request.id, CLIENT_ID)).rejects.toMatchObject(
      ERRORS.personNotFound,
    );
  });

  it('looks the person up only to word a 404', async () => {
    const request = anAuthMethodRequest({ personId: person.id });
    ports.authMethodRequests.add(request);

    await read.get(person.id, request.id, CLIENT_ID);

    expect(ports.journal.entries).toEqual([`amr.findById ${request.id}`]);
  });

  it('locks the request inside a unit of work, with the same rules', async () => {
    const request = anAuthMethodRequest({ personId: person.id });
    ports.authMethodRequests.add(request);

    await ports.uow.run(async () => {
      await expect(access.lock(request.id, CLIENT_ID, access.of(person.id))).resolves.toEqual(
        request,
      );
      await expect(access.lock(request.id, CLIENT_ID, access.of(other.id))).rejects.toMatchObject(
        ERRORS.authMethodRequestNotFound,
      );
    });
    expect(ports.authMethodRequests.locked).toEqual([request.id, request.id]);
  });
});
