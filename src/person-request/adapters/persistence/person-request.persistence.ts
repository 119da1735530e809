import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { SignedContentAttemptKey1764700000000 } from './migrations/1764700000000-signed-content-attempt-key.js';
import { ClientListIndexes1764800000002 } from './migrations/1764800000002-client-list-indexes.js';
import { RequestVersion1764960000021 } from './migrations/1764960000021-request-version.js';
import { PersonRequestOrmEntity } from './person-request.orm-entity.js';

/** The table of person requests (created by the service's initial schema) and its migrations. */
export const PERSON_REQUEST_PERSISTENCE: DatabaseSchema = {
  entities: [PersonRequestOrmEntity],
  migrations: [
    SignedContentAttemptKey1764700000000,
    ClientListIndexes1764800000002,
    RequestVersion1764960000021,
  ],
};
