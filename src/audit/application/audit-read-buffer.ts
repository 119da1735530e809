import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '../../platform/scheduling/periodic-task.js';
import type { AuditEntry } from '../domain/audit-entry.js';
import type { AuditTrail } from './audit-trail.port.js';

/** Reads are written at least this often (docs/api.md, Audit trail: at least every second). */
export const READ_FLUSH_MS = 1_000;
/** A buffer this full is written at once, without waiting for the second to pass. */
const FLUSH_AT = 500;
/** While the store is down, at most this many rows wait; older ones are dropped (and logged). */
const MAX_PENDING = 50_000;

/**
 * The rows of reads, written in batches (one INSERT each) at least every second and when the
 * application stops, so that a read costs a push to an array rather than a round trip. A batch
 * that fails stays for the next round; rows beyond MAX_PENDING are dropped with a log line.
 */
export class AuditReadBuffer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditTrail');
  private readonly task: PeriodicTask;
  private pending: AuditEntry[] = [];

  constructor(private readonly trail: AuditTrail) {
    this.task = new PeriodicTask({
      name: 'audit-read-flush',
      intervalMs: READ_FLUSH_MS,
      retryDelayMs: () => READ_FLUSH_MS,
      run: () => this.write(),
      logger: this.logger,
    });
  }

  add(entry: AuditEntry): void {
    this.pending.push(entry);
    if (this.pending.length > MAX_PENDING) {
      const dropped = this.pending.length - MAX_PENDING;
      this.pending.splice(0, dropped);
      this.logger.error(
        { dropped },
        'Audit rows of reads dropped: the audit store is not taking them',
      );
    }
    if (this.pending.length >= FLUSH_AT) this.task.wake();
  }

  /** Rows waiting to be written. */
  get size(): number {
    return this.pending.length;
  }

  /** Writes what is waiting now (tests, shutdown); errors go to the caller. */
  flush(): Promise<void> {
    return this.task.runOnce().then(() => undefined);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.flush().catch((error: unknown) =>
      this.logger.error({ err: error, lost: this.pending.length }, 'Audit rows of reads lost'),
    );
  }

  private async write(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, FLUSH_AT);
      await this.trail.record(batch);
      this.pending.splice(0, batch.length);
    }
  }
}
