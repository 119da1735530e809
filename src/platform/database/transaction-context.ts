import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { BeforeCommitHooks } from './before-commit.js';
import { isConcurrentChange, isDatabaseUnavailable } from './database-errors.js';
import { PLATFORM_ERRORS } from '../errors.js';

/**
 * TypeORM unit of work: the transaction's EntityManager travels in AsyncLocalStorage, so
 * repositories take part in the caller's transaction without passing it through every port.
 * The before-commit hooks (BeforeCommitHooks) run in the transaction after the work, so what
 * they write commits with it.
 */
@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly hooks: BeforeCommitHooks = new BeforeCommitHooks(),
  ) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work();
    let committed: (() => void)[] = [];
    const result = await this.dataSource
      .transaction((manager) =>
        this.storage.run(manager, async () => {
          const done = await work();
          committed = await this.hooks.run(manager);
          return done;
        }),
      )
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
    for (const after of committed) after();
    return result;
  }

  /** The active transaction's manager, or the pool's default manager outside a transaction. */
  manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }
}
