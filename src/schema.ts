import { AUTH_METHOD_REQUEST_PERSISTENCE } from './auth-method-request/auth-method-request.module.js';
import { DOCUMENT_STORAGE_PERSISTENCE } from './document-storage/document-storage.module.js';
import { EVENTS_PERSISTENCE } from './events/events.module.js';
import { OTP_PERSISTENCE } from './otp/otp.module.js';
import { PERSON_REQUEST_PERSISTENCE } from './person-request/person-request.module.js';
import { PERSON_PERSISTENCE } from './person/person.module.js';
import { PLATFORM_PERSISTENCE, type FeaturePersistence } from './platform/database/schema.js';

const ALL: readonly FeaturePersistence[] = [
  PLATFORM_PERSISTENCE,
  PERSON_PERSISTENCE,
  OTP_PERSISTENCE,
  DOCUMENT_STORAGE_PERSISTENCE,
  EVENTS_PERSISTENCE,
  PERSON_REQUEST_PERSISTENCE,
  AUTH_METHOD_REQUEST_PERSISTENCE,
];

/** Every TypeORM entity of the service: a host's own connection must include them. */
export const EHEALTH_ENTITIES: Function[] = ALL.flatMap((p) => [...p.entities]);

/** Every migration of the service (TypeORM orders them by the timestamp in their names). */
export const EHEALTH_MIGRATIONS: Function[] = ALL.flatMap((p) => [...p.migrations]);
