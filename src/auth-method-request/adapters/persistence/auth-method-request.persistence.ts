import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { AuthMethodRequestOrmEntity } from './auth-method-request.orm-entity.js';
import { AmrTenancyAndOneNew1764500000000 } from './migrations/1764500000000-amr-tenancy-and-one-new.js';

/** The table of authentication method requests. */
export const AUTH_METHOD_REQUEST_PERSISTENCE: DatabaseSchema = {
  entities: [AuthMethodRequestOrmEntity],
  migrations: [AmrTenancyAndOneNew1764500000000],
};
