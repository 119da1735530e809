import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { dataSourceOptions, type DatabaseOptions } from './data-source-options.js';
import type { DatabaseSchema } from './schema.js';

export type { DatabaseOptions } from './data-source-options.js';

/**
 * TypeORM options of this service (data-source-options.ts: the given entities and migrations,
 * never `synchronize`, the connections' time limits), with Nest's retries of the first connect.
 */
export function typeOrmOptions(
  options: DatabaseOptions,
  schema: DatabaseSchema,
): TypeOrmModuleOptions {
  return { ...dataSourceOptions(options, schema), retryAttempts: 3, retryDelay: 1000 };
}

/** TypeORM on PostgreSQL with the schema the features hand over; migrations run at start-up. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions, schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(options, schema))],
    };
  }
}
