import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { MIGRATIONS, ORM_ENTITIES } from './schema.js';

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  readonly migrationsRun?: boolean;
}

/** TypeORM options of this service: its entities and migrations, never `synchronize`. */
export function typeOrmOptions(options: DatabaseOptions): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ORM_ENTITIES,
    migrations: MIGRATIONS,
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

/** TypeORM on PostgreSQL; migrations run at start-up unless disabled. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return { module: DatabaseModule, imports: [TypeOrmModule.forRoot(typeOrmOptions(options))] };
  }
}
