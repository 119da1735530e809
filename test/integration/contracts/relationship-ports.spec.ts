import { TypeOrmRelationshipRepository } from '../../../src/confidant-relationship/adapters/persistence/typeorm-relationship.repository.js';
import { describeRelationshipRepositoryContract } from '../../contracts/relationship-repository.contract.js';
import { contractDatabase } from './contract-database.js';

/** The confidant relationships' ports' contracts on PostgreSQL. */
const db = contractDatabase('relationship_ports');

describeRelationshipRepositoryContract('PostgreSQL', async () => {
  const uow = await db.fresh('confidant_person_relationships');
  return { uow, repository: new TypeOrmRelationshipRepository(uow) };
});
