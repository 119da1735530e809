import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  type EntityManager,
  type QueryRunner,
} from 'typeorm';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { settledInOrder } from '../../kernel/application/settled.js';
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
  /** Whether it sends a statement before the one ahead of it is answered (`pipeline: true`). */
  readonly pipeline?: boolean;
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

/** The TypeORM query runner as the unit of work drives its transaction. */
type Runner = Omit<QueryRunner, 'isTransactionActive'> & {
  isTransactionActive: boolean;
  transactionDepth: number;
  databaseConnection?: PgClient;
};

/**
 * TypeORM unit of work: the transaction's EntityManager travels in AsyncLocalStorage, so
 * repositories take part in the caller's transaction without passing it through every port.
 * The before-commit hooks (BeforeCommitHooks) run in the transaction after the work, so what
 * they write commits with it.
 *
 * The transaction's own statements wait for nothing: START TRANSACTION leaves with the work's
 * first statements (one write, one round trip), and COMMIT with the hooks' statements that were
 * sent before it (the audit row). The connection answers them in order, so the work still only
 * runs inside the transaction, and a statement that fails makes the COMMIT a ROLLBACK.
 */
@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly named: boolean;
  /** Transactions whose COMMIT is sent: a statement issued after it would run outside them. */
  private readonly closing = new WeakSet<QueryRunner>();

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
    const runner = this.dataSource.createQueryRunner() as Runner;
    let result: T;
    try {
      await runner.connect();
      const begun = this.begin(runner);
      // A connection that does not pipeline (a host's DataSource without `pipeline: true`) would
      // hold the work's statements in node-postgres's queue, a use it deprecates: wait instead.
      if (!pipelines(runner)) await begun;
      result = await this.storage.run(runner.manager, async () => {
        const done = await work();
        committed = await this.commit(runner, begun);
        return done;
      });
    } catch (error: unknown) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch(() => undefined);
      }
      throw unitOfWorkError(error);
    } finally {
      await runner.release().catch(() => undefined);
    }
    for (const after of committed) after();
    return result;
  }

  /**
   * Sends START TRANSACTION without waiting for its answer, and marks the runner as in a
   * transaction, as TypeORM's startTransaction does (so a nested `manager.transaction` takes a
   * savepoint, and `save` opens none of its own). Its failure is reported at commit.
   */
  private begin(runner: Runner): Promise<unknown> {
    const client = runner.databaseConnection;
    if (!client) throw new Error('the query runner holds no connection');
    corkUntilYield(client);
    const begun = client.query({ text: 'START TRANSACTION', values: [] });
    begun.catch(() => undefined);
    runner.isTransactionActive = true;
    runner.transactionDepth = 1;
    return begun;
  }

  /**
   * Runs the before-commit hooks, sends COMMIT behind what they sent, and waits for all of it.
   * Fails with the first failure in the order the statements were sent; a COMMIT answered
   * ROLLBACK (the transaction had failed) without a failure of its own fails too.
   */
  private async commit(runner: Runner, begun: Promise<unknown>): Promise<(() => void)[]> {
    // Hooks that return at once let COMMIT leave in the same write as their statements.
    const ran = this.hooks.run(runner.manager);
    const { written, committed } = ran instanceof Promise ? await ran : ran;
    if (!pipelines(runner)) await settledInOrder(written);
    const client = runner.databaseConnection!;
    corkUntilYield(client);
    const commit = client.query({ text: 'COMMIT', values: [] });
    this.closing.add(runner);
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
    await settledInOrder([begun, ...written, commit]);
    if ((await commit).command !== 'COMMIT') {
      throw new Error('COMMIT was answered ROLLBACK: the transaction had failed');
    }
    return committed;
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
    const params = [...values];
    const config = this.named ? { name, text, values: params } : { text, values: params };
    if (!runner || !client)
      return this.pool()
        .query(config)
        .then(...answered<T>(text, params));
    if (runner.isReleased) return Promise.reject(new QueryRunnerAlreadyReleasedError());
    if (this.closing.has(runner)) {
      return Promise.reject(new Error(`statement issued after COMMIT was sent: ${name}`));
    }
    corkUntilYield(client);
    return client.query(config).then(...answered<T>(text, params));
  }

  /** The pool of node-postgres clients under TypeORM's driver. */
  private pool(): PgClient {
    return (this.dataSource.driver as unknown as { master: PgClient }).master;
  }
}

/** Whether the runner's connection sends statements without waiting for the answers ahead. */
const pipelines = (runner: Runner): boolean => runner.databaseConnection?.pipeline === true;

/** What `execute` answers and throws, as TypeORM's `query` would. */
function answered<T>(
  text: string,
  params: unknown[],
): [(result: PgResult) => T, (error: unknown) => never] {
  return [
    (result) => shaped(result) as T,
    (error) => {
      throw new QueryFailedError(text, params, error as Error);
    },
  ];
}

/**
 * What a failed unit of work throws. When the connection dies mid-transaction TypeORM releases
 * the query runner, and the next statement fails with QueryRunnerAlreadyReleasedError instead of
 * the driver's error: both mean the database went away (503), and nothing was committed. A
 * unique violation or a deadlock means the database kept an invariant that the locks in code
 * should already have kept: the work is undone, and the client may retry.
 */
function unitOfWorkError(error: unknown): unknown {
  if (
    (error instanceof Error && error.name === 'QueryRunnerAlreadyReleasedError') ||
    isDatabaseUnavailable(error)
  ) {
    return fail(PLATFORM_ERRORS.databaseUnavailable);
  }
  if (isConcurrentChange(error)) return fail(PLATFORM_ERRORS.concurrentChange);
  return error;
}
