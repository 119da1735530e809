import { Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { Sweep } from '../scheduling/sweep.js';
import { IdempotencyStore } from './idempotency-store.js';

/** Every hour, with the first sweep a minute after start-up. */
const EVERY_MS = 3_600_000;
const FIRST_AFTER_MS = 60_000;

/**
 * Deletes idempotency keys past IDEMPOTENCY_TTL_HOURS. A claim already treats an expired key as
 * free; the sweep only gives the space back.
 */
@Injectable()
export class IdempotencySweep extends Sweep {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
  ) {
    super('IdempotencySweep', EVERY_MS, {
      taskName: 'idempotency-sweep',
      initialDelayMs: FIRST_AFTER_MS,
    });
  }

  protected work(): Promise<number> {
    return this.store.deleteExpired(this.clock.now());
  }

  protected override reportSwept(deleted: number): void {
    this.logger.log({ deleted }, 'Deleted expired idempotency keys');
  }
}
