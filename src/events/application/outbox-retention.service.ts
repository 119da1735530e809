import {
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { PeriodicTask } from '../../platform/scheduling/periodic-task.js';
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
export class OutboxRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRetention');
  private readonly task: PeriodicTask;

  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    private readonly options: OutboxRetentionOptions,
    timers?: TaskTimers,
  ) {
    this.task = new PeriodicTask({
      name: 'outbox-retention',
      intervalMs: options.intervalMs,
      run: async () => {
        await this.purge();
      },
      logger: this.logger,
      ...(timers ? { timers } : {}),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Deletes events published before now − retention; returns how many were deleted. */
  async purge(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.options.retentionDays * DAY_MS);
    const deleted = await this.store.deletePublishedBefore(cutoff);
    if (deleted > 0) {
      this.logger.log(
        { deleted, retention_days: this.options.retentionDays },
        'Deleted expired events',
      );
    }
    return deleted;
  }
}
