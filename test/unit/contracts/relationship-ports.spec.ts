import { describeRelationshipRepositoryContract } from '../../contracts/relationship-repository.contract.js';
import { InMemoryRelationshipRepository } from '../../support/fakes/in-memory-relationship-repository.js';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.js';

/** The confidant relationships' port's contract on the in-memory fake the use cases run on. */
describeRelationshipRepositoryContract('the in-memory fake', () => {
  const uow = new InMemoryUnitOfWork();
  const repository = new InMemoryRelationshipRepository(undefined, uow);
  uow.enlist(repository);
  return Promise.resolve({ uow, repository });
});
