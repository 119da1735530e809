import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { EventOrmEntity } from './event.orm-entity.js';

/**
 * The TypeORM entities and migrations of events, for the application's connection. The table's
 * first migration is still the service's initial schema.
 */
export const EVENTS_PERSISTENCE: DatabaseSchema = { entities: [EventOrmEntity], migrations: [] };
