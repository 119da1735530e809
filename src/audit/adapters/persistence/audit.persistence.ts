import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { AuditLog1765000000000 } from './migrations/1765000000000-audit-log.js';

/** The audit trail's table, its append-only trigger and its retention function. */
export const AUDIT_PERSISTENCE: DatabaseSchema = {
  entities: [],
  migrations: [AuditLog1765000000000],
};
