import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '../../platform/scheduling/periodic-task.js';
import type { EventBus } from './event-bus.js';
import type { OutboxStore } from './outbox-store.port.js';

export interface EventDispatcherOptions {
  readonly intervalMs: number;
  readonly batchSize: number;
}

/**
 * Feeds in-process subscribers (EventBus) from the outbox, with or without a broker: it follows
 * the outbox by `seq` from the last event committed when the application started.
 *
 * `seq` values are taken at insert, but transactions commit in any order, so a smaller `seq` can
 * become visible after a larger one. A hole in the sequence is therefore waited for until every
 * transaction that was running when the hole was seen has ended (PostgreSQL snapshots); only then
 * is it a rolled-back insert and skipped. No committed event is jumped over.
 */
export class EventDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventDispatcher');
  private readonly task: PeriodicTask;
  private watermark = 0n;
  private hole: { seq: bigint; mark: string | undefined; settled: boolean } | undefined;
  private started = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: EventBus,
    private readonly options: EventDispatcherOptions,
  ) {
    this.task = new PeriodicTask({
      name: 'event-dispatcher',
      intervalMs: options.intervalMs,
      run: () => this.round(),
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Follows the outbox from the last event committed now. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.watermark = await this.store.lastSeq();
    this.task.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.task.stop();
  }

  /** Delivers every committed event past the watermark; returns how many were delivered. */
  async dispatchOnce(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const entries = await this.store.readAfter(this.watermark, this.options.batchSize);
      for (const entry of entries) {
        if (entry.seq !== this.watermark + 1n && !(await this.holeIsFinal(this.watermark + 1n))) {
          return delivered;
        }
        this.hole = undefined;
        await this.bus.deliver(entry.event);
        this.watermark = entry.seq;
        delivered += 1;
      }
      if (entries.length < this.options.batchSize) return delivered;
    }
  }

  // The first sighting only notes the hole; the mark is taken at the second, when any insert that
  // drew the missing seq has certainly obtained its transaction id. Once every transaction of
  // the mark has ended, the rows are read once more before the hole is skipped: the read that
  // found the hole may predate the commit that filled it.
  private async holeIsFinal(seq: bigint): Promise<boolean> {
    if (this.hole?.seq !== seq) {
      this.hole = { seq, mark: undefined, settled: false };
      return false;
    }
    if (this.hole.settled) return true;
    if (this.hole.mark === undefined) {
      this.hole.mark = await this.store.transactionMark();
      return false;
    }
    this.hole.settled = await this.store.finishedSince(this.hole.mark);
    return false;
  }

  // Nobody to feed: the watermark stays, and a later subscriber gets what it missed since start.
  private async round(): Promise<void> {
    if (this.bus.subscriberCount > 0) await this.dispatchOnce();
  }
}
