import { inMemoryPorts, type InMemoryPorts } from '../../support/fakes/in-memory-ports.js';
import { aMethod, aPerson, aPersonRequest, NOW } from '../../support/mothers.js';

/** The fakes keep the adapter semantics the use-case specs rely on; a fake that drifts fails here. */
describe('the in-memory fakes', () => {
  let ports: InMemoryPorts;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
  });

  it('undo every enlisted write when the work throws, and keep them when it returns', async () => {
    const kept = aPerson();
    const undone = aPerson();

    await ports.uow.run(() => ports.registry.create(kept));
    await expect(
      ports.uow.run(async () => {
        await ports.registry.create(undone);
        await ports.personRequests.insert(aPersonRequest());
        await ports.registry.endMethods([kept.authenticationMethods[0].id], NOW);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(ports.registry.all()).toEqual([kept]);
    expect(ports.personRequests.all()).toEqual([]);
    expect([ports.uow.commits, ports.uow.rollbacks]).toEqual([1, 1]);
  });

  it('join an open unit of work instead of starting another', async () => {
    await ports.uow.run(() => ports.uow.run(() => Promise.resolve()));
    expect(ports.journal.only('uow.')).toEqual(['uow.begin', 'uow.commit']);
  });

  it('refuse a lock outside a unit of work, where it would end with the statement', async () => {
    await expect(ports.registry.findByIdForUpdate(aPerson().id)).rejects.toThrow(
      'outside a unit of work',
    );
    await expect(ports.personRequests.findByIdForUpdate(aPersonRequest().id)).rejects.toThrow(
      'outside a unit of work',
    );
  });

  it('hand out copies: changing what a read returned changes nothing stored', async () => {
    const person = aPerson();
    ports.registry.add(person);

    const read = await ports.registry.findById(person.id);
    (read!.authenticationMethods as unknown[]).push(aMethod({ type: 'OFFLINE' }));

    expect(ports.registry.get(person.id)).toEqual(person);
  });

  it('save of a person request writes only the columns the adapter updates', async () => {
    const request = aPersonRequest();
    ports.personRequests.add(request);

    await ports.personRequests.save({
      ...request,
      status: 'APPROVED',
      content: 'printout',
      clientId: 'someone else',
      authorizeWith: 'ignored',
    });

    expect(ports.personRequests.get(request.id)).toEqual({
      ...request,
      status: 'APPROVED',
      content: 'printout',
    });
  });

  it('update the details of a person and leave their methods and verification alone', async () => {
    const person = aPerson();
    ports.registry.add(person);

    await ports.registry.updateDetails({
      ...person,
      firstName: 'Нова',
      verificationStatus: 'VERIFIED',
      authenticationMethods: [],
    });

    expect(ports.registry.get(person.id)).toEqual({ ...person, firstName: 'Нова' });
  });
});
