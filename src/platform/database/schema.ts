import { AuthMethodRequestOrmEntity } from '../../auth-method-request/adapters/persistence/auth-method-request.orm-entity.js';
import { PersonRequestOrmEntity } from '../../person-request/adapters/persistence/person-request.orm-entity.js';
import { EventOrmEntity } from '../../events/adapters/persistence/event.orm-entity.js';
import { OTP_ORM_ENTITIES } from '../../otp/adapters/built-in/otp.orm-entity.js';
import { PERSON_ORM_ENTITIES } from '../../person/adapters/persistence/person.orm-entity.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { ServiceSecrets1764400000000 } from './migrations/1764400000000-service-secrets.js';

/** Every TypeORM entity and migration of the service, in one list for the DataSource and the CLI. */
export const ORM_ENTITIES: Function[] = [
  ...PERSON_ORM_ENTITIES,
  PersonRequestOrmEntity,
  AuthMethodRequestOrmEntity,
  EventOrmEntity,
  ...OTP_ORM_ENTITIES,
];
export const MIGRATIONS: Function[] = [InitialSchema1763900000000, ServiceSecrets1764400000000];
