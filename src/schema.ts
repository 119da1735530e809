// Only the features' persistence files: listing the schema (migrations, a host's connection)
// must not load the Nest modules, controllers and clients behind them.
import { CONFIDANT_PERSISTENCE } from './confidant-relationship/adapters/persistence/confidant.persistence.js';
import { AUDIT_PERSISTENCE } from './audit/adapters/persistence/audit.persistence.js';
import { AUTH_METHOD_REQUEST_PERSISTENCE } from './auth-method-request/adapters/persistence/auth-method-request.persistence.js';
import { DOCUMENT_STORAGE_PERSISTENCE } from './document-storage/adapters/persistence/document-storage.persistence.js';
import { EVENTS_PERSISTENCE } from './events/adapters/persistence/events.persistence.js';
import { OTP_PERSISTENCE } from './otp/adapters/persistence/otp.persistence.js';
import { OTP_BUILT_IN_PERSISTENCE } from './otp-built-in/adapters/persistence/otp-built-in.persistence.js';
import { PERSON_REQUEST_PERSISTENCE } from './person-request/adapters/persistence/person-request.persistence.js';
import { PERSON_PERSISTENCE } from './person/adapters/persistence/person.persistence.js';
import { PLATFORM_PERSISTENCE, type DatabaseSchema } from './platform/database/schema.js';

const ALL: readonly DatabaseSchema[] = [
  PLATFORM_PERSISTENCE,
  PERSON_PERSISTENCE,
  OTP_PERSISTENCE,
  OTP_BUILT_IN_PERSISTENCE,
  DOCUMENT_STORAGE_PERSISTENCE,
  EVENTS_PERSISTENCE,
  PERSON_REQUEST_PERSISTENCE,
  AUTH_METHOD_REQUEST_PERSISTENCE,
  CONFIDANT_PERSISTENCE,
  AUDIT_PERSISTENCE,
];

/** Every TypeORM entity of the service: a host's own connection must include them. */
export const EHEALTH_ENTITIES: Function[] = ALL.flatMap((p) => [...p.entities]);

/** Every migration of the service (TypeORM orders them by the timestamp in their names). */
export const EHEALTH_MIGRATIONS: Function[] = ALL.flatMap((p) => [...p.migrations]);
