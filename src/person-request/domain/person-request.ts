import type { CurrentMethod } from '../../person/domain/current-method.js';
import type { DocumentSlot } from '../../auth-method-request/domain/auth-method-request.js';

/** Stored statuses; EXPIRED is shown as CANCELLED (api.md §4). */
export const PR_STATUSES = ['NEW', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const;
export type PrStatus = (typeof PR_STATUSES)[number];
export const DISPLAY_STATUSES = ['NEW', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const NOT_NEW_TEXT = 'Person request must be in status NEW';
export const NOT_OTP_TEXT = 'Auth method is not OTP';
export { INVALID_TRANSITION_TEXT } from '../../shared/domain/errors.js';

export interface PersonRequest {
  readonly id: string;
  readonly status: PrStatus;
  readonly channel: 'MIS';
  /** The registry's v3 person exactly as sent (unknown keys kept). */
  readonly person: Record<string, unknown>;
  readonly personId: string | null;
  readonly clientId: string | null;
  readonly patientSigned: boolean;
  readonly processDisclosureDataConsent: boolean;
  readonly authorizeWith: string | null;
  readonly authenticationMethodCurrent: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly content: string | null;
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

const DAY_MS = 86_400_000;

/** A NEW request older than the TTL has expired, whether or not that was written yet. */
export function effectiveStatus(
  request: Pick<PersonRequest, 'status' | 'insertedAt'>,
  now: Date,
  ttlDays: number,
): PrStatus {
  if (request.status === 'NEW' && now.getTime() - request.insertedAt.getTime() >= ttlDays * DAY_MS)
    return 'EXPIRED';
  return request.status;
}

/** Real clients accept only the registry's statuses: EXPIRED is shown as CANCELLED. */
export function displayStatus(status: PrStatus): DisplayStatus {
  return status === 'EXPIRED' ? 'CANCELLED' : status;
}

/** Seed 000, steps 2–3: why a new code cannot be sent, or null when it can. */
export function resendRejection(status: PrStatus, current: CurrentMethod): string | null {
  if (status !== 'NEW') return NOT_NEW_TEXT;
  if (current.verifiedBy !== 'OTP' || !current.phoneNumber) return NOT_OTP_TEXT;
  return null;
}

/** Approve goes NEW → APPROVED only. */
export function canApprove(status: PrStatus): boolean {
  return status === 'NEW';
}

/** Reject goes NEW or APPROVED → REJECTED. */
export function canReject(status: PrStatus): boolean {
  return status === 'NEW' || status === 'APPROVED';
}
