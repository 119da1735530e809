import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { isConcurrentChange, isDatabaseUnavailable } from './database-errors.js';
import { PLATFORM_ERRORS } from '../errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { Statement } from './statement.js';

/**
 * TypeORM unit of work: the transaction's EntityManager travels in AsyncLocalStorage, so
 * repositories take part in the caller's transaction without passing it through every port.
 */
@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly named: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'databaseNamedStatements'>,
  ) {
    super();
    this.named = config?.databaseNamedStatements ?? true;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work();
    return this.dataSource
      .transaction((manager) => this.storage.run(manager, work))
      .catch((error: unknown) => {
        // When the connection dies mid-transaction TypeORM releases the query runner, and the
        // next statement fails with QueryRunnerAlreadyReleasedError instead of the driver's
        // error: both mean the database went away (503), and nothing was committed.
        if (
          (error instanceof Error && error.name === 'QueryRunnerAlreadyReleasedError') ||
          isDatabaseUnavailable(error)
        ) {
          throw fail(PLATFORM_ERRORS.databaseUnavailable);
        }
        // The database kept an invariant that the locks in code should already have kept: the
        // work is undone, and the client may retry.
        if (isConcurrentChange(error)) throw fail(PLATFORM_ERRORS.concurrentChange);
        throw error;
      });
  }

  /** The active transaction's manager, or the pool's default manager outside a transaction. */
  manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  /**
   * Runs a hot statement in the active transaction (or on a pooled connection outside one), as
   * `manager().query` does: the same result shapes, errors and connection handling. node-postgres
   * takes a query config where TypeORM passes the text: with a `name`, the statement is parsed and
   * planned once per connection, then only bound and executed.
   */
  execute<T = unknown>(statement: Statement, values: readonly unknown[]): Promise<T> {
    const query = this.named ? statement : statement.text;
    return this.manager().query<T>(query as string, values as unknown[]);
  }
}
