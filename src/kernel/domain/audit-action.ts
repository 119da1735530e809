/**
 * What an audited call did (docs/api.md, Audit trail): the writes the registry names, and the
 * reads of a person's data. Routes name theirs with @Audited (platform/audit); the audit trail
 * records them.
 */
export const AUDIT_WRITES = [
  'create',
  'approve',
  'sign',
  'reject',
  'resend',
  'complete',
  'deactivate',
  'upload',
] as const;

export const AUDIT_READS = ['read', 'list', 'search'] as const;

export type AuditWrite = (typeof AUDIT_WRITES)[number];
export type AuditRead = (typeof AUDIT_READS)[number];
export type AuditAction = AuditWrite | AuditRead;

export function isAuditRead(action: AuditAction): action is AuditRead {
  return (AUDIT_READS as readonly string[]).includes(action);
}
