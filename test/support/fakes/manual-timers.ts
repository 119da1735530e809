import type { TaskTimers } from '../../../src/platform/scheduling/task-timers.js';

interface Pending {
  readonly callback: () => void;
  readonly delayMs: number;
}

/**
 * Timers a test fires by hand: it sees every delay a task asked for and runs a round when it
 * chooses, so schedules (backoff, wake-ups) are asserted exactly, without sleeping.
 */
export class ManualTimers implements TaskTimers {
  /** Every delay scheduled, in order (cancelled ones included). */
  readonly delays: number[] = [];
  private readonly pending = new Set<Pending>();
  private waiters: ((delayMs: number) => void)[] = [];

  schedule(callback: () => void, delayMs: number): () => void {
    const entry: Pending = { callback, delayMs };
    this.pending.add(entry);
    this.delays.push(delayMs);
    for (const waiter of this.waiters.splice(0)) waiter(delayMs);
    return () => {
      this.pending.delete(entry);
    };
  }

  /** Delays of the timers scheduled and neither fired nor cancelled. */
  get pendingDelays(): number[] {
    return [...this.pending].map((entry) => entry.delayMs);
  }

  /** Resolves with the delay of the next timer scheduled from now on. */
  nextScheduled(): Promise<number> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Fires the one pending timer and resolves with the delay the task schedules after that round
   * (so the round has finished when it resolves).
   */
  fire(): Promise<number> {
    const next = this.nextScheduled();
    this.fireOnly();
    return next;
  }

  /** Fires the one pending timer without waiting for what follows. */
  fireOnly(): void {
    const [entry, ...others] = [...this.pending];
    if (entry === undefined || others.length > 0) {
      throw new Error(`expected one pending timer, found ${this.pending.size}`);
    }
    this.pending.delete(entry);
    entry.callback();
  }
}
