import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { EventOrmEntity } from './event.orm-entity.js';
import { EventListIndexes1764800000001 } from './migrations/1764800000001-event-list-indexes.js';

/**
 * The TypeORM entities and migrations of events, for the application's connection. The table
 * itself was created by the service's initial schema.
 */
export const EVENTS_PERSISTENCE: DatabaseSchema = {
  entities: [EventOrmEntity],
  migrations: [EventListIndexes1764800000001],
};
