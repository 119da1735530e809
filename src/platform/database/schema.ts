import { EventOrmEntity } from '../../events/adapters/persistence/event.orm-entity.js';
import { PERSON_ORM_ENTITIES } from '../../person/adapters/persistence/person.orm-entity.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';

/** Every TypeORM entity and migration of the service, in one list for the DataSource and the CLI. */
export const ORM_ENTITIES: Function[] = [...PERSON_ORM_ENTITIES, EventOrmEntity];
export const MIGRATIONS: Function[] = [InitialSchema1763900000000];
