import { Sweep } from '../../platform/scheduling/sweep.js';
import type { TaskTimers } from '../../platform/scheduling/task-timers.js';
import type { Clock } from '../../kernel/application/clock.port.js';
import type { OutboxStore } from './outbox-store.port.js';

export interface OutboxRetentionOptions {
  readonly retentionDays: number;
  readonly intervalMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes published events older than the retention period, hourly. Unpublished events are never
 * deleted, however old: they have not reached the event manager yet.
 */
export class OutboxRetention extends Sweep {
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    private readonly options: OutboxRetentionOptions,
    timers?: TaskTimers,
  ) {
    super('OutboxRetention', options.intervalMs, {
      taskName: 'outbox-retention',
      ...(timers ? { timers } : {}),
    });
  }

  /** Deletes events published before now − retention; returns how many were deleted. */
  purge(): Promise<number> {
    return this.sweep();
  }

  protected work(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.options.retentionDays * DAY_MS);
    return this.store.deletePublishedBefore(cutoff);
  }

  protected override reportSwept(deleted: number): void {
    this.logger.log(
      { deleted, retention_days: this.options.retentionDays },
      'Deleted expired events',
    );
  }
}
