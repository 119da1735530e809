import { TypeOrmPersonFinder } from '../../../src/person/adapters/persistence/typeorm-person-finder.js';
import { TypeOrmPersonRegistry } from '../../../src/person/adapters/persistence/typeorm-person-registry.js';
import { describePersonFinderContract } from '../../contracts/person-finder.contract.js';
import { describePersonRegistryContract } from '../../contracts/person-registry.contract.js';
import { contractDatabase } from './contract-database.js';

/** The person's ports' contracts on PostgreSQL. */
const db = contractDatabase('person_ports');

describePersonRegistryContract('PostgreSQL', async () => {
  const uow = await db.fresh('persons');
  return { uow, registry: new TypeOrmPersonRegistry(uow) };
});

describePersonFinderContract('PostgreSQL', async () => {
  const uow = await db.fresh('persons');
  const registry = new TypeOrmPersonRegistry(uow);
  return { registry, finder: new TypeOrmPersonFinder(uow, registry) };
});
