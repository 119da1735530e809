import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { settledInOrder } from '../../kernel/application/settled.js';

/**
 * What a before-commit hook hands back. `written` is the answer of statements the hook has
 * already sent on the transaction's connection when it returns (TypeOrmUnitOfWork.execute sends
 * at once): the unit of work then sends COMMIT straight behind them, without waiting for their
 * answer, and fails the transaction with the first of them that failed. `committed` is called
 * once the transaction has committed (never when it rolled back).
 */
export interface BeforeCommitWrite {
  readonly written?: Promise<void>;
  readonly committed?: () => void;
}

/**
 * Work that joins every unit of work just before it commits: it runs in the transaction, after
 * the use case's work, so what it writes commits with that work or not at all.
 *
 * A hook that returns a promise is awaited to the end before the next hook runs and before
 * COMMIT is sent: whatever it writes is answered first. A hook that returns at once must have
 * sent its statements by then (see BeforeCommitWrite): it saves the commit a round trip.
 */
export type BeforeCommit = (
  manager: EntityManager,
) => BeforeCommitWrite | void | Promise<BeforeCommitWrite | (() => void) | void>;

/** What the hooks of one commit left to wait for and to call after it. */
export interface BeforeCommitOutcome {
  /** Answers of statements sent but not yet answered, in the order they were sent. */
  readonly written: Promise<void>[];
  readonly committed: (() => void)[];
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';

/**
 * The hooks TypeOrmUnitOfWork runs before each commit, registered by the features that need to
 * write alongside every transaction (the audit trail) without the use cases knowing of them.
 */
@Injectable()
export class BeforeCommitHooks {
  private readonly hooks: BeforeCommit[] = [];

  /** Adds a hook; returns the function that removes it again. */
  add(hook: BeforeCommit): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  /**
   * Runs every hook in order inside the transaction. While the hooks return at once, so does
   * this (the caller can send COMMIT in the same write as their statements); from the first hook
   * that returns a promise on, it answers a promise. A hook's statements still in flight are
   * waited for before a hook that returns a promise is awaited, so each such hook fails on its
   * own account; what is left in flight at the end travels with the COMMIT.
   */
  run(manager: EntityManager): BeforeCommitOutcome | Promise<BeforeCommitOutcome> {
    const outcome: BeforeCommitOutcome = { written: [], committed: [] };
    const hooks = [...this.hooks];
    for (let at = 0; at < hooks.length; at += 1) {
      const out = hooks[at](manager);
      if (isPromise(out)) return this.awaitFrom(out, hooks.slice(at + 1), manager, outcome);
      collect(outcome, out);
    }
    return outcome;
  }

  private async awaitFrom(
    pending: Promise<BeforeCommitWrite | (() => void) | void>,
    rest: readonly BeforeCommit[],
    manager: EntityManager,
    outcome: BeforeCommitOutcome,
  ): Promise<BeforeCommitOutcome> {
    let out: ReturnType<BeforeCommit> = pending;
    for (let at = -1; at < rest.length; at += 1) {
      if (at >= 0) out = rest[at](manager);
      if (isPromise(out)) {
        const [, own] = await settledInOrder([settledInOrder(outcome.written.splice(0)), out]);
        collect(outcome, own);
      } else {
        collect(outcome, out);
      }
    }
    return outcome;
  }
}

/** Adds what a hook handed back to the outcome. */
function collect(
  outcome: BeforeCommitOutcome,
  done: BeforeCommitWrite | (() => void) | void,
): void {
  if (typeof done === 'function') {
    outcome.committed.push(done);
  } else if (done) {
    if (done.written) {
      // Observed at once: its failure is reported by the unit of work, in order.
      done.written.catch(() => undefined);
      outcome.written.push(done.written);
    }
    if (done.committed) outcome.committed.push(done.committed);
  }
}
