import type { CurrentMethod } from '../../person/domain/current-method.js';
import type { DocumentSlot } from '../../kernel/domain/document-slot.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import type { ErrorSpec } from '../../kernel/domain/errors.js';
import { expiryCutoff, statusAfterExpiry } from '../../kernel/domain/expiry.js';
import type { V3Person } from './v3-person.js';

/**
 * Stored statuses: NEW → APPROVED (identity confirmed) → SIGNED (the person written), or
 * REJECTED, CANCELLED; EXPIRED is shown as CANCELLED (real clients accept only the registry's).
 */
export const PR_STATUSES = [
  'NEW',
  'APPROVED',
  'SIGNED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type PrStatus = (typeof PR_STATUSES)[number];
export const DISPLAY_STATUSES = ['NEW', 'APPROVED', 'SIGNED', 'REJECTED', 'CANCELLED'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export interface PersonRequest {
  readonly id: string;
  readonly status: PrStatus;
  readonly channel: 'MIS';
  readonly person: V3Person;
  readonly personId: string | null;
  /** The MIS client that created it; null for requests stored before clients were recorded. */
  readonly clientId: string | null;
  readonly patientSigned: boolean;
  readonly processDisclosureDataConsent: boolean;
  readonly authorizeWith: string | null;
  readonly authenticationMethodCurrent: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly content: string | null;
  /**
   * The key of the attempt whose signed copy the sign kept (recorded in the sign's transaction);
   * its bytes are, or are about to be, `person_requests/<id>/signed_content.p7s`. Null until
   * signed, and for requests signed before attempts were recorded.
   */
  readonly signedContentAttemptKey: string | null;
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

const DAY_MS = 86_400_000;

/** NEW requests created at or before this instant have expired (TTL in days). */
export function personRequestCutoff(now: Date, ttlDays: number): Date {
  return expiryCutoff(now, ttlDays * DAY_MS);
}

/** A NEW request created at or before the cutoff has expired, whether or not that was stored. */
export function effectiveStatus(
  request: Pick<PersonRequest, 'status' | 'insertedAt'>,
  cutoff: Date,
): PrStatus {
  return statusAfterExpiry(request, cutoff);
}

/** Real clients accept only the registry's statuses: EXPIRED is shown as CANCELLED. */
export function displayStatus(status: PrStatus): DisplayStatus {
  return status === 'EXPIRED' ? 'CANCELLED' : status;
}

/** Why a new code cannot be sent, or null when it can (status NEW, method resolving to OTP). */
export function resendRejection(status: PrStatus, current: CurrentMethod): ErrorSpec | null {
  if (status !== 'NEW') return ERRORS.personRequestNotNew;
  if (current.verifiedBy !== 'OTP' || !current.phoneNumber) return ERRORS.authMethodNotOtp;
  return null;
}

/** Approve goes NEW → APPROVED only. */
export function canApprove(status: PrStatus): boolean {
  return status === 'NEW';
}

/** Sign goes APPROVED → SIGNED only. */
export function canSign(status: PrStatus): boolean {
  return status === 'APPROVED';
}

/** Reject goes NEW or APPROVED → REJECTED. */
export function canReject(status: PrStatus): boolean {
  return status === 'NEW' || status === 'APPROVED';
}
