import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  type EntityManager,
} from 'typeorm';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { BeforeCommitHooks } from './before-commit.js';
import { isConcurrentChange, isDatabaseUnavailable } from './database-errors.js';
import { PLATFORM_ERRORS } from '../errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { Statement } from './statement.js';

/** What a statement returns through node-postgres. */
interface PgResult {
  readonly command: string;
  readonly rows: unknown[];
  readonly rowCount: number | null;
}

/** The node-postgres client a transaction's query runner holds, and its socket. */
interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<PgResult>;
  readonly connection?: { readonly stream?: { cork?(): void; uncork?(): void } };
}

/** Sockets corked until the current synchronous code has issued all its statements. */
const corked = new WeakSet<object>();

/**
 * Holds what is written to the connection until the code that issued this statement yields:
 * statements issued together then leave in one write (one system call, one packet).
 */
function corkUntilYield(client: PgClient): void {
  const stream = client.connection?.stream;
  if (!stream?.cork || !stream.uncork || corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  queueMicrotask(() => {
    corked.delete(stream);
    stream.uncork?.();
  });
}

/** As TypeORM's query returns it: the rows, or [rows, count] for an UPDATE or a DELETE. */
const shaped = (result: PgResult): unknown =>
  result.command === 'UPDATE' || result.command === 'DELETE'
    ? [result.rows, result.rowCount]
    : result.rows;

/**
 * TypeORM unit of work: the transaction's EntityManager travels in AsyncLocalStorage, so
 * repositories take part in the caller's transaction without passing it through every port.
 * The before-commit hooks (BeforeCommitHooks) run in the transaction after the work, so what
 * they write commits with it.
 */
@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly named: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly hooks: BeforeCommitHooks = new BeforeCommitHooks(),
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'databaseNamedStatements'>,
  ) {
    super();
    this.named = config?.databaseNamedStatements ?? true;
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

  /**
   * Runs a hot statement in the active transaction (or on a pooled connection outside one), with
   * what `manager().query` returns and throws. Named (unless DATABASE_NAMED_STATEMENTS is false),
   * it is parsed and planned once per connection, then only bound and executed. In a transaction
   * it goes to the transaction's connection at once, before this returns: statements issued
   * together (awaited with Promise.all) leave in the order they were issued, in one write,
   * without waiting for each other's answers (the pool's connections pipeline,
   * data-source-options.ts); a failed one fails those after it, and the transaction.
   */
  execute<T = unknown>(statement: Statement, values: readonly unknown[]): Promise<T> {
    const { name, text } = statement;
    const runner = this.storage.getStore()?.queryRunner;
    const client = (runner as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
    if (!runner || !client) {
      return this.dataSource.manager.query<T>((this.named ? statement : text) as string, [
        ...values,
      ]);
    }
    if (runner.isReleased) return Promise.reject(new QueryRunnerAlreadyReleasedError());
    const params = [...values];
    corkUntilYield(client);
    return client
      .query(this.named ? { name, text, values: params } : { text, values: params })
      .then(
        (result) => shaped(result) as T,
        (error: unknown) => {
          throw new QueryFailedError(text, params, error as Error);
        },
      );
  }
}
