import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitOfWork } from '../../shared/application/unit-of-work.js';
import { ORM_ENTITIES, MIGRATIONS } from './schema.js';
import { TypeOrmUnitOfWork } from './transaction-context.js';

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize: number;
  readonly migrationsRun: boolean;
}

/** TypeORM on PostgreSQL; migrations (never synchronize) run at start-up unless disabled. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          entities: ORM_ENTITIES,
          migrations: MIGRATIONS,
          migrationsRun: options.migrationsRun,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: false,
          extra: {
            max: options.poolSize,
            connectionTimeoutMillis: 5000,
            application_name: 'ehealth-auth-methods',
          },
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      providers: [TypeOrmUnitOfWork, { provide: UnitOfWork, useExisting: TypeOrmUnitOfWork }],
      exports: [TypeOrmUnitOfWork, UnitOfWork],
    };
  }
}
