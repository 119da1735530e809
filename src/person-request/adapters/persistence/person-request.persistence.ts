import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { PersonRequestOrmEntity } from './person-request.orm-entity.js';

/** The table of person requests; its migrations are still the service's initial schema. */
export const PERSON_REQUEST_PERSISTENCE: DatabaseSchema = {
  entities: [PersonRequestOrmEntity],
  migrations: [],
};
