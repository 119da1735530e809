import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { ServiceSecrets1764400000000 } from './migrations/1764400000000-service-secrets.js';
import { WriteRateWindows1764610000000 } from './migrations/1764610000000-write-rate-windows.js';

/** What a feature hands to the database module: its TypeORM entities and migrations. */
export interface FeaturePersistence {
  readonly entities: readonly Function[];
  readonly migrations: readonly Function[];
}

/**
 * The platform's own migrations. The first release's schema was created by one baseline
 * migration; it stays one file so that existing databases keep their migration history. Every
 * later migration belongs to the feature whose tables it changes.
 */
export const PLATFORM_PERSISTENCE: FeaturePersistence = {
  entities: [],
  migrations: [
    InitialSchema1763900000000,
    ServiceSecrets1764400000000,
    WriteRateWindows1764610000000,
  ],
};
