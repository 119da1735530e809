import type { AuditEntry } from '../domain/audit-entry.js';

/**
 * Port: where audit rows go (docs/api.md, Audit trail). `record` runs inside the caller's unit
 * of work when there is one (a write's row commits with the write), else on its own. The default
 * adapter appends to the `audit_log` table; a host that embeds the module may bind its own store
 * (`adapters.auditTrail`), which must then keep the rows append-only itself.
 */
export abstract class AuditTrail {
  abstract record(entries: readonly AuditEntry[]): Promise<void>;

  /**
   * Optional: sends one row in the caller's transaction before it returns, and answers with its
   * outcome. A store that has it lets a write's row travel with the COMMIT (one round trip less
   * per write); one without it has `record` awaited before the COMMIT is sent.
   */
  sendInTransaction?(entry: AuditEntry): Promise<void>;
}
