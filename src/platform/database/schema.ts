import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { ServiceSecrets1764400000000 } from './migrations/1764400000000-service-secrets.js';
import { WriteRateWindows1764610000000 } from './migrations/1764610000000-write-rate-windows.js';
import { RateLimitWindows1764800000000 } from './migrations/1764800000000-rate-limit-windows.js';
import { IdempotencyKeys1765100000000 } from './migrations/1765100000000-idempotency-keys.js';

/**
 * TypeORM entities and migrations: what a feature hands to the database module (its
 * `<feature>.persistence.ts`), and the whole service's schema that DatabaseModule and the
 * migration command open a connection with.
 *
 * The features' files import only their entities and migrations, never a Nest module, so that
 * listing the schema (src/schema.ts, `npm run migration:run`) loads no controller or client.
 */
export interface DatabaseSchema {
  readonly entities: readonly Function[];
  readonly migrations: readonly Function[];
}

/**
 * The platform's own migrations. The first release's schema was created by one baseline
 * migration; it stays one file so that existing databases keep their migration history. Every
 * later migration belongs to the feature whose tables it changes.
 */
export const PLATFORM_PERSISTENCE: DatabaseSchema = {
  entities: [],
  migrations: [
    InitialSchema1763900000000,
    ServiceSecrets1764400000000,
    WriteRateWindows1764610000000,
    RateLimitWindows1764800000000,
    IdempotencyKeys1765100000000,
  ],
};
