import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from './periodic-task.js';

/**
 * A background job that brings storage in line with a rule the reads already apply (requests
 * past their TTL are stored EXPIRED): a periodic task started with the application and stopped
 * before the database closes. Subclasses say what one sweep does and how many rows it changed.
 */
export abstract class Sweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly task: PeriodicTask;

  protected constructor(name: string, intervalMs: number) {
    this.logger = new Logger(name);
    this.task = new PeriodicTask({
      name,
      intervalMs,
      run: () => this.sweep().then(() => undefined),
    });
  }

  /** One sweep; returns how many rows it changed. */
  protected abstract work(): Promise<number>;

  /** Runs one sweep now (operators' scripts and tests); errors go to the caller. */
  async sweep(): Promise<number> {
    const count = await this.work();
    if (count > 0) this.logger.log({ count }, 'swept');
    return count;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
