import type { AuditEntry } from '../domain/audit-entry.js';

export interface AuditFilter {
  readonly clientId?: string;
  readonly resourceId?: string;
  /** `at` from (inclusive) ... */
  readonly from?: Date;
  /** ... to (exclusive). */
  readonly to?: Date;
}

export interface AuditRow extends AuditEntry {
  readonly id: string;
}

export interface AuditPage {
  readonly rows: AuditRow[];
  /** The matching rows, counted up to LIST_TOTAL_BOUND (kernel/domain/paging.ts). */
  readonly total: number;
}

/** Port: the service's own audit table, read newest first and swept of rows past retention. */
export abstract class AuditLog {
  abstract page(filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage>;
  /** Deletes the rows recorded before `cutoff` (the retention sweep's function); how many. */
  abstract purgeBefore(cutoff: Date): Promise<number>;
}
