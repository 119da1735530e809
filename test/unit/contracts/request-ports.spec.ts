import { randomUUID } from 'node:crypto';
import { describeAuthMethodRequestRepositoryContract } from '../../contracts/auth-method-request-repository.contract.js';
import { describePersonRequestRepositoryContract } from '../../contracts/person-request-repository.contract.js';
import { InMemoryAuthMethodRequestRepository } from '../../support/fakes/in-memory-auth-method-request-repository.js';
import { InMemoryPersonRegistry } from '../../support/fakes/in-memory-person-registry.js';
import { InMemoryPersonRequestRepository } from '../../support/fakes/in-memory-person-request-repository.js';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.js';
import { aPerson } from '../../support/mothers.js';

/** The request repositories' contracts on the in-memory fakes the use-case specs run on. */
describePersonRequestRepositoryContract('the in-memory fake', () => {
  const uow = new InMemoryUnitOfWork();
  const repository = new InMemoryPersonRequestRepository(undefined, uow);
  uow.enlist(repository);
  return Promise.resolve({ uow, repository });
});

describeAuthMethodRequestRepositoryContract('the in-memory fake', () => {
  const uow = new InMemoryUnitOfWork();
  const persons = new InMemoryPersonRegistry(undefined, uow);
  const repository = new InMemoryAuthMethodRequestRepository(undefined, uow, persons);
  uow.enlist(repository, persons);
  const givenPerson = (): Promise<string> => {
    const id = randomUUID();
    persons.add(aPerson({ id }));
    return Promise.resolve(id);
  };
  return Promise.resolve({ uow, repository, givenPerson });
});
