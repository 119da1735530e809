import { Logger, type LoggerService } from '@nestjs/common';
import { serializeError } from '../logging/error-serializer.js';
import { unrefTimers, type TaskTimers } from './task-timers.js';

/** What a round may tell the task besides succeeding or throwing. */
export interface RoundReport {
  /**
   * The round did not do its work and has already said why (a broker that is down): the task
   * backs off as after a thrown error, without logging anything more.
   */
  readonly failed: boolean;
}

/** The one line a task writes: `{ task, err }` when a round throws. */
export type TaskLogger = Pick<LoggerService, 'error'>;

export interface PeriodicTaskOptions {
  /** Names the task in its log line (`task`), e.g. `outbox-relay`. */
  readonly name: string;
  /** Delay between rounds while they succeed. */
  readonly intervalMs: number;
  /** One round. Rounds never overlap; a thrown error is logged and the task carries on. */
  readonly run: () => Promise<void | RoundReport>;
  /** Delay after the n-th consecutive failed round (n ≥ 1); default `intervalMs`. */
  readonly retryDelayMs?: (failures: number) => number;
  /** Delay from `start()` to the first round; default `intervalMs`. */
  readonly initialDelayMs?: number;
  /** Default: a Nest logger with the context `PeriodicTask`. */
  readonly logger?: TaskLogger;
  /** Default: real timers that do not keep a stopping process alive. */
  readonly timers?: TaskTimers;
}

/**
 * A loop of rounds on a timer: the one way this service runs background work (outbox relay,
 * in-process dispatch, retention, expiry sweeps). A sweep is
 *
 * ```ts
 * this.task = new PeriodicTask({ name: 'person-request-expiry', intervalMs, run: () => this.sweep() });
 * onApplicationBootstrap() { this.task.start(); }
 * async beforeApplicationShutdown() { await this.task.stop(); }
 * ```
 *
 * The provider that owns a task starts it in `onApplicationBootstrap` and stops it in
 * `beforeApplicationShutdown`: Nest runs every such hook before any `onApplicationShutdown`, so
 * the round in flight finishes while the database pool is still open.
 *
 * The next delay is chosen after each round: `intervalMs` after a success, `retryDelayMs` after a
 * failure (a backoff), 0 when `wake()` was called during the round.
 */
export class PeriodicTask {
  private readonly logger: TaskLogger;
  private readonly timers: TaskTimers;
  private cancelTimer: (() => void) | undefined;
  /** Every round, timed or `runOnce`, is chained here so that no two overlap. */
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;
  private roundInFlight = false;
  private wakeRequested = false;
  private failures = 0;

  constructor(private readonly options: PeriodicTaskOptions) {
    this.logger = options.logger ?? new Logger('PeriodicTask');
    this.timers = options.timers ?? unrefTimers;
  }

  get name(): string {
    return this.options.name;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Failed rounds in a row; 0 after a success. While above 0 the task is backing off. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.wakeRequested = false;
    this.schedule(this.options.initialDelayMs ?? this.options.intervalMs);
  }

  /** No further round starts; resolves once the round in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.tail;
  }

  /** A round now, or right after the one in flight; ignored while backing off or stopped. */
  wake(): void {
    if (!this.running) return;
    if (this.roundInFlight) {
      this.wakeRequested = true;
    } else if (this.failures === 0) {
      this.schedule(0);
    }
  }

  /** Forgets the backoff (what failed is known to work again) and wakes the task. */
  retryNow(): void {
    this.failures = 0;
    this.wake();
  }

  /**
   * Runs one round now, after the one in flight, whether or not the task is started. Its error
   * reaches the caller instead of the log, and the schedule is left as it is: for tests and
   * operators' scripts.
   */
  runOnce(): Promise<void | RoundReport> {
    return this.exclusive(() => this.options.run());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.cancelTimer = this.timers.schedule(() => {
      this.cancelTimer = undefined;
      this.roundInFlight = true;
      // Reset here, not when the round starts: a wake() while it waits behind runOnce counts.
      this.wakeRequested = false;
      void this.exclusive(() => this.timedRound());
    }, delayMs);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private async timedRound(): Promise<void> {
    let failed = false;
    try {
      if (this.running) failed = (await this.options.run())?.failed === true;
    } catch (error) {
      failed = true;
      // Serialized here too, not only by pino: a query error's message may quote values.
      this.logger.error(
        { task: this.options.name, err: serializeError(error) },
        'Task round failed',
      );
    }
    this.roundInFlight = false;
    this.failures = failed ? this.failures + 1 : 0;
    if (!this.running) return;
    if (failed) {
      this.schedule(this.options.retryDelayMs?.(this.failures) ?? this.options.intervalMs);
    } else {
      this.schedule(this.wakeRequested ? 0 : this.options.intervalMs);
    }
  }
}
