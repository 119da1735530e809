import { describePersonFinderContract } from '../../contracts/person-finder.contract.js';
import { describePersonRegistryContract } from '../../contracts/person-registry.contract.js';
import { InMemoryPersonFinder } from '../../support/fakes/in-memory-person-finder.js';
import { InMemoryPersonRegistry } from '../../support/fakes/in-memory-person-registry.js';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.js';

/** The person's ports' contracts on the in-memory fakes the use-case specs run on. */
describePersonRegistryContract('the in-memory fake', () => {
  const uow = new InMemoryUnitOfWork();
  const registry = new InMemoryPersonRegistry(undefined, uow);
  uow.enlist(registry);
  return Promise.resolve({ uow, registry });
});

describePersonFinderContract('the in-memory fake', () => {
  const registry = new InMemoryPersonRegistry();
  return Promise.resolve({ registry, finder: new InMemoryPersonFinder(registry) });
});
