import { Injectable } from '@nestjs/common';
import { totalPages } from '../../kernel/domain/paging.js';
import { AuditLog, type AuditFilter, type AuditRow } from './audit-log.port.js';

export interface ListAuditLogInput extends AuditFilter {
  readonly page: number;
  readonly pageSize: number;
}

export interface ListAuditLogResult {
  readonly rows: AuditRow[];
  readonly page: number;
  readonly pageSize: number;
  /** Counted up to LIST_TOTAL_BOUND. */
  readonly total: number;
  readonly totalPages: number;
}

/** GET /api/audit_log: audit rows, newest first, filtered and paged. */
@Injectable()
export class ListAuditLogUseCase {
  constructor(private readonly log: AuditLog) {}

  async execute(input: ListAuditLogInput): Promise<ListAuditLogResult> {
    const { page, pageSize, ...filter } = input;
    const { rows, total } = await this.log.page(filter, page, pageSize);
    return { rows, page, pageSize, total, totalPages: totalPages(total, pageSize) };
  }
}
