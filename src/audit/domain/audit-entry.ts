import { isAuditRead, type AuditAction } from '../../kernel/domain/audit-action.js';
import { isUuid } from '../../kernel/domain/uuid.js';

/**
 * One row of the audit trail (docs/api.md, Audit trail): who (`clientId`, `sub`) did what
 * (`action`) to which resource (`resourceType`, `resourceId`), in which call (`requestId`), with
 * which outcome (`status`: the HTTP status of the answer). Ids only, never a personal value:
 * `details` holds a list's count or the names of the parameters a search used.
 */
export interface AuditEntry {
  readonly at: Date;
  readonly clientId: string;
  readonly sub: string | null;
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly requestId: string;
  readonly status: number;
  readonly details: AuditDetails | null;
}

export interface AuditDetails {
  /** A list read: how many items the answer held. */
  readonly count?: number;
  /** A search: the names of the parameters it used, sorted. */
  readonly parameters?: readonly string[];
}

export interface AuditFacts {
  readonly at: Date;
  readonly clientId: string;
  readonly sub: string | null;
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly requestId: string;
  readonly status: number;
  /** A list's or a search's answer: only its length is kept. */
  readonly items?: number;
  /** A search's parameters: only the names of those with a value are kept. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** A parameter's name as the routes spell them (`first_name`); anything else is not kept. */
const PARAMETER_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** What a client id or a request id may look like; anything else is not kept. */
const TOKEN_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const RESOURCE_TYPE = /^[a-z][a-z_]{0,63}$/;

/**
 * The row of one audited call. Whatever could carry a personal value is held to the shape of an
 * id: the resource id and `sub` must be UUIDs (a phone in a route parameter is dropped), client
 * and request ids a short token of id characters, a search keeps parameter names only.
 */
export function auditEntry(facts: AuditFacts): AuditEntry {
  if (!RESOURCE_TYPE.test(facts.resourceType)) {
    throw new Error(`Not a resource type: ${JSON.stringify(facts.resourceType)}`);
  }
  const details: { count?: number; parameters?: string[] } = {};
  if (facts.action === 'list' || facts.action === 'search') {
    if (facts.items !== undefined) details.count = facts.items;
  }
  if (facts.action === 'search' && facts.parameters) {
    details.parameters = Object.entries(facts.parameters)
      .filter(([name, value]) => value !== undefined && value !== '' && PARAMETER_NAME.test(name))
      .map(([name]) => name)
      .sort();
  }
  return {
    at: facts.at,
    clientId: idOrUnknown(facts.clientId),
    sub: isUuid(facts.sub) ? facts.sub.toLowerCase() : null,
    action: facts.action,
    resourceType: facts.resourceType,
    resourceId: isUuid(facts.resourceId) ? facts.resourceId.toLowerCase() : null,
    requestId: idOrUnknown(facts.requestId),
    status: facts.status,
    details: Object.keys(details).length > 0 ? details : null,
  };
}

/** Whether the row records a read (batched) rather than a write (in the write's transaction). */
export function isRead(entry: Pick<AuditEntry, 'action'>): boolean {
  return isAuditRead(entry.action);
}

function idOrUnknown(value: string): string {
  return TOKEN_ID.test(value) ? value : 'unknown';
}
