import { TypeOrmPersonRegistry } from '../../../src/person/adapters/persistence/typeorm-person-registry.js';
import { describePersonRegistryContract } from '../../contracts/person-registry.contract.js';
import { contractDatabase } from './contract-database.js';

/** The person's ports' contracts on PostgreSQL. */
const db = contractDatabase('person_ports');

describePersonRegistryContract('PostgreSQL', async () => {
  const uow = await db.fresh('persons');
  return { uow, registry: new TypeOrmPersonRegistry(uow) };
});
