import type { Clock } from '../../kernel/application/clock.port.js';
import { Sweep } from '../../platform/scheduling/sweep.js';
import type { TaskTimers } from '../../platform/scheduling/task-timers.js';
import type { AuditLog } from './audit-log.port.js';

export interface AuditRetentionOptions {
  readonly retentionDays: number;
  readonly intervalMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes audit rows older than AUDIT_RETENTION_DAYS, hourly: the one deletion the audit table
 * allows, done by a function that another database role owns (docs/api.md, Audit trail).
 */
export class AuditRetention extends Sweep {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly options: AuditRetentionOptions,
    timers?: TaskTimers,
  ) {
    super('AuditRetention', options.intervalMs, {
      taskName: 'audit-retention',
      ...(timers ? { timers } : {}),
    });
  }

  protected work(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.options.retentionDays * DAY_MS);
    return this.log.purgeBefore(cutoff);
  }

  protected override reportSwept(deleted: number): void {
    this.logger.log(
      { deleted, retention_days: this.options.retentionDays },
      'Deleted audit rows past retention',
    );
  }
}
