import { ReadPersonUseCase } from '../../../src/person/application/read-person.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { inMemoryPorts, type InMemoryPorts } from '../../support/fakes/in-memory-ports.js';
import { aMethod, aPerson, NOW } from '../../support/mothers.js';

const LATER = new Date(NOW.getTime() + 86_400_000);

describe('ReadPersonUseCase', () => {
  let ports: InMemoryPorts;
  let read: ReadPersonUseCase;

  beforeEach(() => {
    ports = inMemoryPorts(NOW);
    read = new ReadPersonUseCase(ports.registry, ports.clock);
  });

  it('reads a person by id', async () => {
    const person = aPerson();
    ports.registry.add(person);

    await expect(read.person(person.id)).resolves.toEqual(person);
  });

  it("refuses an unknown person: 404 for the person, 403 for the methods (the registry's answers)", async () => {
    const unknown = aPerson().id;

    await expect(read.person(unknown)).rejects.toMatchObject(ERRORS.personNotFound);
    await expect(read.listedMethods(unknown).then((r) => r.methods)).rejects.toMatchObject(
      ERRORS.personNotFoundForbidden,
    );
  });

  it('lists the visible methods, earliest added first, as of the clock', async () => {
    const mum = aPerson({ authenticationMethods: [aMethod({ type: 'OFFLINE' })] });
    const gone = aPerson({ authenticationMethods: [] });
    const viaMum = aMethod({ type: 'THIRD_PERSON', value: mum.id });
    const otp = aMethod({ type: 'OTP', endedAt: LATER });
    const viaGone = aMethod({ type: 'THIRD_PERSON', value: gone.id });
    const na = aMethod({ type: 'NA' });
    const ended = aMethod({ type: 'OFFLINE', endedAt: NOW });
    const person = aPerson({ authenticationMethods: [otp, viaGone, na, ended, viaMum] });
    ports.registry.add(mum, gone, person);

    await expect(read.listedMethods(person.id).then((r) => r.methods)).resolves.toEqual([
      viaMum,
      otp,
    ]);
    ports.clock.set(LATER);
    await expect(read.listedMethods(person.id).then((r) => r.methods)).resolves.toEqual([viaMum]);
  });
});
