import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from './periodic-task.js';
import type { TaskTimers } from './task-timers.js';

export interface SweepOptions {
  /** The task's name in the line of a failed round (`task`); default: the sweep's name. */
  readonly taskName?: string;
  /** Delay from start-up to the first sweep; default the interval. */
  readonly initialDelayMs?: number;
  /** Default: real timers (see PeriodicTask). */
  readonly timers?: TaskTimers;
}

/**
 * A background job that brings storage in line with a rule the reads already apply (requests
 * past their TTL are stored EXPIRED, published events past their retention are deleted): a
 * periodic task started with the application and stopped before the database closes. Subclasses
 * say what one sweep does and how many rows it changed; every line, a failed round's included, is
 * written under the sweep's name.
 */
export abstract class Sweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private readonly task: PeriodicTask;

  protected constructor(name: string, intervalMs: number, options: SweepOptions = {}) {
    this.logger = new Logger(name);
    this.task = new PeriodicTask({
      name: options.taskName ?? name,
      intervalMs,
      run: () => this.sweep().then(() => undefined),
      logger: this.logger,
      ...(options.initialDelayMs !== undefined ? { initialDelayMs: options.initialDelayMs } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  /** One sweep; returns how many rows it changed. */
  protected abstract work(): Promise<number>;

  /** The line written after a sweep that changed rows; by default `{ count }` 'swept'. */
  protected reportSwept(count: number): void {
    this.logger.log({ count }, 'swept');
  }

  /** Runs one sweep now (operators' scripts and tests); errors go to the caller. */
  async sweep(): Promise<number> {
    const count = await this.work();
    if (count > 0) this.reportSwept(count);
    return count;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
