import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  readonly migrationsRun?: boolean;
}

export interface DatabaseSchema {
  readonly entities: readonly Function[];
  readonly migrations: readonly Function[];
}

/** TypeORM options of this service: the given entities and migrations, never `synchronize`. */
export function typeOrmOptions(
  options: DatabaseOptions,
  schema: DatabaseSchema,
): TypeOrmModuleOptions {
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
    },
    retryAttempts: 3,
    retryDelay: 1000,
  };
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
