import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { ConfidantRequestOrmEntity, RelationshipOrmEntity } from './confidant.orm-entities.js';
import { ConfidantRelationships1765000000000 } from './migrations/1765000000000-confidant-relationships.js';

/** The tables of confidant person relationships and their requests. */
export const CONFIDANT_PERSISTENCE: DatabaseSchema = {
  entities: [ConfidantRequestOrmEntity, RelationshipOrmEntity],
  migrations: [ConfidantRelationships1765000000000],
};
