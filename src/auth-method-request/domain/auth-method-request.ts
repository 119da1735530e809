import type { CurrentMethod } from '../../person/domain/current-method.js';
import type { DocumentSlot } from '../../kernel/domain/document-slot.js';
import { expiryCutoff, statusAfterExpiry } from '../../kernel/domain/expiry.js';

export const AMR_STATUSES = ['NEW', 'COMPLETED', 'CANCELED', 'EXPIRED'] as const;
export type AmrStatus = (typeof AMR_STATUSES)[number];

export const AMR_ACTIONS = ['insert', 'update', 'deactivate'] as const;
export type AmrAction = (typeof AMR_ACTIONS)[number];

/** The method an insert adds, or the method an update / deactivate names. */
export interface RequestedMethod {
  readonly type?: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';
  readonly id?: string;
  readonly phoneNumber?: string;
  readonly value?: string;
  readonly alias?: string;
}

export interface AuthMethodRequest {
  readonly id: string;
  readonly personId: string;
  /** The MIS client that created it; null for requests stored before clients were recorded. */
  readonly clientId: string | null;
  readonly status: AmrStatus;
  readonly channel: 'MIS';
  readonly action: AmrAction;
  readonly authenticationMethod: RequestedMethod;
  readonly authenticationMethodCurrent: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

const HOUR_MS = 3_600_000;

/** NEW requests created at or before this instant have expired (TTL in hours). */
export function authMethodRequestCutoff(now: Date, ttlHours: number): Date {
  return expiryCutoff(now, ttlHours * HOUR_MS);
}

/** A NEW request created at or before the cutoff is EXPIRED, whether or not that was stored. */
export function effectiveStatus(
  request: Pick<AuthMethodRequest, 'status' | 'insertedAt'>,
  cutoff: Date,
): AmrStatus {
  return statusAfterExpiry(request, cutoff);
}

/** Approve is allowed only from NEW. */
export function canApprove(request: Pick<AuthMethodRequest, 'status'>): boolean {
  return request.status === 'NEW';
}

/**
 * The document types an approve needs scans of: those of whoever authenticates when the
 * current method resolves to OFFLINE (the person's own, or the third person's), and the
 * person's own when the request inserts OFFLINE (whoever switches to offline authentication
 * proves it with scans). A type both need is listed once, first-seen order kept.
 */
export function documentsToScan(input: {
  readonly current: Pick<CurrentMethod, 'verifiedBy'>;
  /** The documents of whoever authenticates by the current method. */
  readonly authenticatorDocumentTypes: readonly string[];
  readonly action: AmrAction;
  readonly method: Pick<RequestedMethod, 'type'>;
  readonly ownDocumentTypes: readonly string[];
}): string[] {
  const types: string[] = [];
  if (input.current.verifiedBy === 'OFFLINE') types.push(...input.authenticatorDocumentTypes);
  if (input.action === 'insert' && input.method.type === 'OFFLINE') {
    types.push(...input.ownDocumentTypes);
  }
  return [...new Set(types)];
}
