import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { OneActiveOwnMethod1764500000001 } from './migrations/1764500000001-one-active-own-method.js';
import { PersonSearch1764930000000 } from './migrations/1764930000000-person-search.js';
import { MethodStamps1764960000000 } from './migrations/1764960000000-method-stamps.js';
import { RegisterVerifications1764960000001 } from './migrations/1764960000001-register-verifications.js';
import { PERSON_ORM_ENTITIES } from './person.orm-entity.js';
import { PersonRegisterVerificationOrmEntity } from './typeorm-register-verifications.js';

/** The tables of persons, handed to the database module by the composition root. */
export const PERSON_PERSISTENCE: DatabaseSchema = {
  entities: [...PERSON_ORM_ENTITIES, PersonRegisterVerificationOrmEntity],
  migrations: [
    OneActiveOwnMethod1764500000001,
    PersonSearch1764930000000,
    MethodStamps1764960000000,
    RegisterVerifications1764960000001,
  ],
};
