import { TypeOrmAuthMethodRequestRepository } from '../../../src/auth-method-request/adapters/persistence/typeorm-auth-method-request.repository.js';
import { TypeOrmPersonRegistry } from '../../../src/person/adapters/persistence/typeorm-person-registry.js';
import { TypeOrmPersonRequestRepository } from '../../../src/person-request/adapters/persistence/typeorm-person-request.repository.js';
import { describeAuthMethodRequestRepositoryContract } from '../../contracts/auth-method-request-repository.contract.js';
import { describePersonRequestRepositoryContract } from '../../contracts/person-request-repository.contract.js';
import { aPerson } from '../../support/mothers.js';
import { contractDatabase } from './contract-database.js';

/** The request repositories' contracts on PostgreSQL. */
const db = contractDatabase('request_ports');

describePersonRequestRepositoryContract('PostgreSQL', async () => {
  const uow = await db.fresh('person_requests');
  return { uow, repository: new TypeOrmPersonRequestRepository(uow) };
});

describeAuthMethodRequestRepositoryContract('PostgreSQL', async () => {
  const uow = await db.fresh('authentication_method_requests', 'persons');
  const registry = new TypeOrmPersonRegistry(uow);
  return {
    uow,
    repository: new TypeOrmAuthMethodRequestRepository(uow),
    givenPerson: async () => {
      const person = aPerson();
      await registry.create(person);
      return person.id;
    },
  };
});
