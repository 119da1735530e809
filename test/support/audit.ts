import { AuditReadBuffer } from '../../src/audit/application/audit-read-buffer.js';
import type { TestApp } from './test-app.js';

export interface AuditRowOf {
  readonly client_id: string;
  readonly sub: string | null;
  readonly action: string;
  readonly resource_type: string;
  readonly resource_id: string | null;
  readonly request_id: string;
  readonly status: number;
  readonly details: { count?: number; parameters?: string[] } | null;
}

/** Every audit row, oldest first, once the buffered reads are written. */
export async function auditRows(t: TestApp): Promise<AuditRowOf[]> {
  await t.app.get(AuditReadBuffer).flush();
  return (
    await t.pool.query<AuditRowOf>(
      `SELECT client_id, sub, action, resource_type, resource_id, request_id, status, details
         FROM audit_log ORDER BY id`,
    )
  ).rows;
}
