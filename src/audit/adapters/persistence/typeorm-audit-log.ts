import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { statement } from '../../../platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { AuditAction } from '../../../kernel/domain/audit-action.js';
import {
  AuditLog,
  type AuditFilter,
  type AuditPage,
  type AuditRow,
} from '../../application/audit-log.port.js';
import { AuditTrail } from '../../application/audit-trail.port.js';
import type { AuditDetails, AuditEntry } from '../../domain/audit-entry.js';

const COLUMNS = 9;

/** One row, as every write appends it in its transaction: a named statement (hot path). */
export const AUDIT_INSERT_SQL = statement(
  'audit_insert',
  `INSERT INTO audit_log
     (at, client_id, sub, action, resource_type, resource_id, request_id, status, details)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

/** An entry's values, in the order of the INSERT's columns. */
const rowValues = (e: AuditEntry): unknown[] => [
  e.at,
  e.clientId,
  e.sub,
  e.action,
  e.resourceType,
  e.resourceId,
  e.requestId,
  e.status,
  e.details === null ? null : JSON.stringify(e.details),
];

interface Row {
  id: string;
  at: Date;
  client_id: string;
  sub: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  request_id: string;
  status: number;
  details: AuditDetails | null;
}

/**
 * The `audit_log` table (migrations/1765000000000-audit-log.ts): rows are appended, in the
 * caller's transaction when there is one, one INSERT per batch; read newest first, each filter on
 * an index in that order so that a page reads its rows and its bounded total at most
 * LIST_TOTAL_BOUND entries; deleted only through `audit_log_purge`.
 */
@Injectable()
export class TypeOrmAuditLog extends AuditLog implements AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: TypeOrmUnitOfWork,
  ) {
    super();
  }

  /** Sends the row's named INSERT on the transaction's connection before it returns. */
  sendInTransaction(entry: AuditEntry): Promise<void> {
    return this.uow.execute(AUDIT_INSERT_SQL, rowValues(entry)).then(() => undefined);
  }

  async record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values = entries.flatMap(rowValues);
    const tuples = entries.map((_, i) => {
      const base = i * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    if (entries.length === 1) {
      await this.uow.execute(AUDIT_INSERT_SQL, values);
      return;
    }
    await this.uow.manager().query(
      `INSERT INTO audit_log
         (at, client_id, sub, action, resource_type, resource_id, request_id, status, details)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  async page(filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.clientId !== undefined) add('client_id = ?', filter.clientId);
    if (filter.resourceId !== undefined) add('resource_id = ?', filter.resourceId);
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = await boundedCount(this.dataSource, `audit_log ${where}`, params);
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, at, client_id, sub, action, resource_type, resource_id,
              request_id, status, details
         FROM audit_log ${where}
        ORDER BY at DESC, id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows: rows.map(toRow), total };
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    const rows: { deleted: string }[] = await this.dataSource.query(
      `SELECT audit_log_purge($1) AS deleted`,
      [cutoff],
    );
    return Number(rows[0]?.deleted ?? 0);
  }
}

function toRow(row: Row): AuditRow {
  return {
    id: String(row.id),
    at: row.at,
    clientId: row.client_id,
    sub: row.sub,
    action: row.action as AuditAction,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    requestId: row.request_id,
    status: row.status,
    details: row.details,
  };
}
