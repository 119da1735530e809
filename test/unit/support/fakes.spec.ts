import { ERRORS } from '../../../src/error-catalogue.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';
import { inMemoryPorts, type InMemoryPorts } from '../../support/fakes/in-memory-ports.js';
import {
  aMethod,
  anAuthMethodRequest,
  aPerson,
  aPersonRequest,
  CLIENT_ID,
  NOW,
} from '../../support/mothers.js';

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
    await expect(ports.authMethodRequests.findByIdForUpdate(aPerson().id)).rejects.toThrow(
      'outside a unit of work',
    );
    expect([
      ports.registry.locked,
      ports.personRequests.locked,
      ports.authMethodRequests.locked,
    ]).toEqual([[], [], []]);
  });

  it('hand out copies: changing what a read returned changes nothing stored', async () => {
    const person = aPerson();
    ports.registry.add(person);

    const read = await ports.registry.findById(person.id);
    (read!.authenticationMethods as unknown[]).push(aMethod({ type: 'OFFLINE' }));

    expect(ports.registry.get(person.id)).toEqual(person);
  });

  it('updateState of a person request writes only the columns of its state', async () => {
    const request = aPersonRequest();
    ports.personRequests.add(request);

    await ports.personRequests.updateState({
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

  it('updateState of an authentication method request writes only status, updated_by and updated_at', async () => {
    const request = anAuthMethodRequest({ personId: aPerson().id });
    ports.authMethodRequests.add(request);
    const later = new Date(NOW.getTime() + 1000);

    await ports.authMethodRequests.updateState({
      ...request,
      status: 'COMPLETED',
      updatedBy: null,
      updatedAt: later,
      documents: [{ type: 'PASSPORT', key: 'ignored' }],
    });

    expect(ports.authMethodRequests.get(request.id)).toEqual({
      ...request,
      status: 'COMPLETED',
      updatedBy: null,
      updatedAt: later,
    });
  });

  it('refuse a second row with the same id, as the primary key does', async () => {
    const person = aPerson();
    const request = aPersonRequest();
    ports.registry.add(person);
    ports.personRequests.add(request);

    await expect(ports.registry.create(person)).rejects.toThrow('duplicate key: person');
    await expect(ports.personRequests.insert(request)).rejects.toThrow(
      'duplicate key: person request',
    );
  });

  it('count no code with an SMS budget of 0, which is no budget, as SMS_PER_CLIENT_PER_HOUR=0', async () => {
    const budget = new FakeSmsBudget(0);

    for (let i = 0; i < 3; i += 1) await (await budget.reserve(CLIENT_ID, NOW))();

    expect(budget.reservations).toEqual([]);
    expect(budget.refusals).toBe(0);
  });

  it('refuse every code of an exhausted SMS budget, counting none', async () => {
    const budget = new FakeSmsBudget().exhausted();

    await expect(budget.reserve(CLIENT_ID, NOW)).rejects.toMatchObject(ERRORS.smsLimit);

    expect(budget.reservations).toEqual([]);
    expect(budget.refusals).toBe(1);
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
