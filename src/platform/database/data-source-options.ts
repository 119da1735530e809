import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSchema } from './schema.js';

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  readonly migrationsRun?: boolean;
  /**
   * The longest a statement may run, in milliseconds; default 10 000. 0 sets no limit of this
   * service (the server's or the role's setting applies): for the migration command, whose
   * statements on a big table may take minutes, and behind PgBouncer, which refuses these
   * settings at connect unless told to ignore them (docs/scaling.md).
   */
  readonly statementTimeoutMs?: number;
  /** The longest wait for a lock, in milliseconds; default 5 000; 0 as above. */
  readonly lockTimeoutMs?: number;
}

/**
 * The limits every connection of the pool opens with (PostgreSQL settings sent at connect). A
 * statement that runs past them is cancelled (57014), a lock not granted in time fails (55P03):
 * both answer 503 like a database that is down (database-errors.ts), instead of holding a
 * request, a pool connection and the rows it locked until the client gives up. No limit is set
 * on a transaction left idle: the event relay keeps its claim open while the broker answers.
 */
export const DATABASE_TIMEOUTS = {
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 5_000,
} as const;

/**
 * The TypeORM connection of this service: the given entities and migrations, never
 * `synchronize`. Migrations run at start-up (`migrationsRun`) under the same limits as requests;
 * one that needs longer on a big table is applied beforehand with `npm run migration:run`, which
 * sets no statement limit (src/migrate.ts). Kept apart from database.module.ts so that the
 * migration command loads TypeORM without Nest.
 */
export function dataSourceOptions(
  options: DatabaseOptions,
  schema: DatabaseSchema,
): DataSourceOptions {
  const statementTimeoutMs = options.statementTimeoutMs ?? DATABASE_TIMEOUTS.statementTimeoutMs;
  const lockTimeoutMs = options.lockTimeoutMs ?? DATABASE_TIMEOUTS.lockTimeoutMs;
  return {
    type: 'postgres',
    url: options.url,
    entities: [...schema.entities],
    migrations: [...schema.migrations],
    migrationsRun: options.migrationsRun ?? true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      application_name: 'ehealth-auth-methods',
      // Statements issued together are sent back to back (TypeOrmUnitOfWork.execute); one
      // awaited at a time is sent and answered as without it.
      pipeline: true,
      // node-postgres sends these in the connection's start-up message, and leaves a 0 out.
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
      ...(lockTimeoutMs > 0 ? { lock_timeout: lockTimeoutMs } : {}),
    },
  };
}
