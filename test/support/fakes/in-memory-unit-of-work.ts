import { AsyncLocalStorage } from 'node:async_hooks';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';
import { fail } from '../../../src/kernel/domain/errors.js';
import { isConcurrentChange } from '../../../src/platform/database/database-errors.js';
import { PLATFORM_ERRORS } from '../../../src/platform/errors.js';
import { CallJournal } from './call-journal.js';

/** A fake whose state a transaction covers: it can set a checkpoint and return to it. */
export interface Transactional {
  /** Copies the state now; the returned function puts that copy back (a rollback). */
  checkpoint(): () => void;
}

/** One open unit of work: the row locks it holds end with it. */
export class InMemoryTransaction {
  private readonly endings: (() => void)[] = [];
  private finished = false;
  private readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor() {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs `statement` once the statements issued before it in this unit of work have finished, as
   * the transaction's connection runs what is sent to it: in the order sent, one at a time (a
   * statement pipelined behind a lock runs once the lock is held).
   */
  inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const run = this.tail.then(statement);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Runs `release` when the transaction commits or rolls back. */
  onEnd(release: () => void): void {
    this.endings.push(release);
  }

  /** Settles when the transaction has committed or rolled back. */
  ended(): Promise<void> {
    return this.done;
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    for (const release of this.endings) release();
    this.resolveDone();
  }
}

/** What a fake asks to know whether a lock it takes would outlive the statement, and whose. */
export interface TransactionScope {
  readonly active: boolean;
  /** The unit of work the caller runs in, if any. */
  readonly current: InMemoryTransaction | undefined;
}

/**
 * What PostgreSQL answers a write that breaks a unique constraint (SQLSTATE 23505); the unit of
 * work turns it into the conflict the TypeORM one answers.
 */
export class UniqueViolation extends Error {
  readonly code = '23505';

  constructor(what: string) {
    super(`duplicate key: ${what}`);
    this.name = 'UniqueViolation';
  }
}

/**
 * The unit of work over in-memory fakes, as the real one behaves for its callers: the work runs,
 * and when it throws, every enlisted fake returns to its state before the work (a rollback) and
 * the error goes on (a unique violation or deadlock as the conflict 'Concurrent change, retry',
 * as TypeOrmUnitOfWork answers). A run inside a run joins the outer one, as a transaction already
 * open does. Row locks taken inside a run are held until it ends.
 */
export class InMemoryUnitOfWork extends UnitOfWork implements TransactionScope {
  commits = 0;
  rollbacks = 0;
  private readonly participants: Transactional[] = [];
  private readonly scope = new AsyncLocalStorage<InMemoryTransaction>();

  constructor(private readonly journal = new CallJournal()) {
    super();
  }

  /** The fakes whose writes a rollback undoes. */
  enlist(...fakes: Transactional[]): this {
    this.participants.push(...fakes);
    return this;
  }

  get active(): boolean {
    return this.scope.getStore() !== undefined;
  }

  get current(): InMemoryTransaction | undefined {
    return this.scope.getStore();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    const restores = this.participants.map((fake) => fake.checkpoint());
    const transaction = new InMemoryTransaction();
    this.journal.record('uow.begin');
    try {
      const result = await this.scope.run(transaction, work);
      this.commits += 1;
      this.journal.record('uow.commit');
      return result;
    } catch (error) {
      for (const restore of restores) restore();
      this.rollbacks += 1;
      this.journal.record('uow.rollback');
      if (isConcurrentChange(error)) throw fail(PLATFORM_ERRORS.concurrentChange);
      throw error;
    } finally {
      transaction.end();
    }
  }
}

/**
 * A lock outside a transaction ends with its statement: the fakes refuse to pretend it holds,
 * and answer this error (as a rejected promise, like the adapter's failed query).
 */
export function lockOutsideTransaction(
  scope: TransactionScope | undefined,
  call: string,
): Error | undefined {
  return scope !== undefined && !scope.active
    ? new Error(`${call} outside a unit of work: the lock would end with the statement`)
    : undefined;
}
