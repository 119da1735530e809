import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { serializeError } from '../../platform/logging/error-serializer.js';
import { PeriodicTask } from '../../platform/scheduling/periodic-task.js';
import type { TaskTimers } from '../../platform/scheduling/task-timers.js';
import type { Clock } from '../../kernel/application/clock.port.js';
import { retryDelayMs } from '../domain/retry-backoff.js';
import type { EventMetrics } from './event-metrics.port.js';
import type { EventPublisher } from './event-publisher.port.js';
import type { BatchOutcome, OutboxStore } from './outbox-store.port.js';

/** The lag warning is written, and the backlog behind it read, at most this often. */
const LAG_WARNING_INTERVAL_MS = 60_000;

export interface OutboxRelayOptions {
  /** False when no broker is configured: the relay never runs. */
  readonly enabled: boolean;
  /** Poll interval while healthy. */
  readonly intervalMs: number;
  /** Rows claimed per transaction; small, because they stay locked while being published. */
  readonly batchSize: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /**
   * The relay logs a warning (at most once a minute) while its rounds fail and the oldest
   * unpublished event is older than this.
   */
  readonly lagWarnSeconds: number;
}

export interface RelayRound {
  readonly published: number;
  readonly failed: boolean;
}

/**
 * Moves outbox rows to the broker, oldest first, and marks them published only after the broker
 * acknowledged them. Several instances may relay one outbox: each claims its batch with
 * `FOR UPDATE SKIP LOCKED`, so in the normal path no event is published twice. A crash between
 * the broker's ack and the commit of the mark leaves the rows unpublished, so they are published
 * again after the restart: delivery is at least once (the broker's message-id dedupe drops the
 * repeat inside its window; consumers dedupe by event id beyond it).
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly task: PeriodicTask;
  private stopping = false;
  /** When the lag warning was last written (the injected clock's milliseconds). */
  private lastLagWarningAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: EventPublisher,
    private readonly metrics: EventMetrics,
    private readonly clock: Clock,
    private readonly options: OutboxRelayOptions,
    timers?: TaskTimers,
  ) {
    this.task = new PeriodicTask({
      name: 'outbox-relay',
      intervalMs: options.intervalMs,
      // Whatever was recorded while the process was down goes out at once.
      initialDelayMs: 0,
      retryDelayMs: (failures) => retryDelayMs(failures, options.backoffMs, options.maxBackoffMs),
      run: () => this.round(),
      logger: this.logger,
      ...(timers ? { timers } : {}),
    });
    // The broker is back: forget the backoff and relay now.
    publisher.onAvailable(() => this.task.retryNow());
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /**
   * Runs before the database pool and other providers close (Nest calls every
   * beforeApplicationShutdown hook before any onApplicationShutdown hook): lets the in-flight
   * batch finish and commit, then drains the broker connection.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** False when no broker is configured, and after stop(). */
  get isRunning(): boolean {
    return this.task.isRunning;
  }

  start(): void {
    if (!this.options.enabled || this.task.isRunning) return;
    this.stopping = false;
    this.task.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.task.stop();
    await this.publisher.close();
  }

  /** Asks for a round now instead of at the next interval (ignored while backing off). */
  wake(): void {
    this.task.wake();
  }

  /**
   * One round: publishes claimed batches until the outbox is empty or a publish fails.
   * Public so tests and operators' scripts can drive the relay without timers.
   */
  async relayOnce(): Promise<RelayRound> {
    if (!(await this.publisher.ready())) return { published: 0, failed: true };
    let published = 0;
    for (;;) {
      const outcome = await this.relayBatch();
      published += outcome.publishedIds.length;
      const failed = outcome.publishedIds.length < outcome.attemptedIds.length;
      if (failed) return { published, failed: true };
      if (outcome.attemptedIds.length < this.options.batchSize) return { published, failed: false };
      // A full batch: more may be waiting. A stopping relay leaves them to the next instance.
      if (this.stopping) return { published, failed: false };
    }
  }

  // A round that throws (the database is unreachable, or the batch's transaction failed) marked
  // nothing; the task logs it and backs off as it does when the broker is down.
  private async round(): Promise<RelayRound> {
    const outcome = await this.relayOnce();
    // A round that succeeded published everything it could claim: nothing is left to lag (the
    // rows another relay holds are being published by it). Only a failed round reads the backlog.
    if (outcome.failed) await this.reportLag();
    return outcome;
  }

  // The rows stay locked (FOR UPDATE) while their events are published, inside an open
  // transaction. That is what keeps two relays from publishing the same event in the normal path
  // without a separate lease column; the price is a transaction held open for a few broker
  // round-trips, which the small batch and the publish timeout bound.
  private relayBatch(): Promise<BatchOutcome> {
    return this.store.withUnpublishedBatch(
      this.options.batchSize,
      this.clock.now(),
      async (batch) => {
        const publishedIds: string[] = [];
        const attemptedIds: string[] = [];
        for (const entry of batch) {
          attemptedIds.push(entry.event.id);
          try {
            const receipt = await this.publisher.publish(entry.event);
            publishedIds.push(entry.event.id);
            this.metrics.published(receipt);
          } catch (error) {
            this.metrics.publishFailed();
            this.logger.warn(
              {
                event_id: entry.event.id,
                seq: entry.seq.toString(),
                attempts: entry.publishAttempts + 1,
                err: serializeError(error),
              },
              'Publishing an event failed; it stays in the outbox and is retried',
            );
            // Stop at the first failure: later events must not overtake it.
            break;
          }
        }
        return { publishedIds, attemptedIds };
      },
    );
  }

  // The backlog query counts every unpublished row, and during an outage there are many: it is
  // not run again while the last warning is less than a minute old, since none could be written.
  // (The metrics' backlog gauges read it on each scrape instead, not from here.)
  private async reportLag(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastLagWarningAt < LAG_WARNING_INTERVAL_MS) return;
    const { unpublished, oldestUnpublishedAt } = await this.store.backlog();
    if (oldestUnpublishedAt === null) return;
    const ageSeconds = Math.max(0, (now - oldestUnpublishedAt.getTime()) / 1000);
    if (ageSeconds < this.options.lagWarnSeconds) return;
    this.lastLagWarningAt = now;
    this.logger.warn(
      { unpublished, oldest_unpublished_age_seconds: Math.round(ageSeconds) },
      'Event outbox is lagging behind',
    );
  }
}
