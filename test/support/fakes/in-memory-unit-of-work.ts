import { AsyncLocalStorage } from 'node:async_hooks';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';
import { CallJournal } from './call-journal.js';

/** A fake whose state a transaction covers: it can set a checkpoint and return to it. */
export interface Transactional {
  /** Copies the state now; the returned function puts that copy back (a rollback). */
  checkpoint(): () => void;
}

/** What a fake asks to know whether a lock it takes would outlive the statement. */
export interface TransactionScope {
  readonly active: boolean;
}

/**
 * The unit of work over in-memory fakes, as the real one behaves for its callers: the work runs,
 * and when it throws, every enlisted fake returns to its state before the work (a rollback) and
 * the error goes on. A run inside a run joins the outer one, as a transaction already open does.
 */
export class InMemoryUnitOfWork extends UnitOfWork implements TransactionScope {
  commits = 0;
  rollbacks = 0;
  private readonly participants: Transactional[] = [];
  private readonly scope = new AsyncLocalStorage<true>();

  constructor(private readonly journal = new CallJournal()) {
    super();
  }

  /** The fakes whose writes a rollback undoes. */
  enlist(...fakes: Transactional[]): this {
    this.participants.push(...fakes);
    return this;
  }

  get active(): boolean {
    return this.scope.getStore() === true;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    const restores = this.participants.map((fake) => fake.checkpoint());
    this.journal.record('uow.begin');
    try {
      const result = await this.scope.run(true, work);
      this.commits += 1;
      this.journal.record('uow.commit');
      return result;
    } catch (error) {
      for (const restore of restores) restore();
      this.rollbacks += 1;
      this.journal.record('uow.rollback');
      throw error;
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
