import { maskPhone } from '../../kernel/domain/phone.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import {
  transition,
  type Lifecycle,
  type LifecycleRequest,
  type Stamp,
} from '../../request-lifecycle/domain/lifecycle.js';
import { personRequestPrintout } from './printout.js';
import type { PersonRequestVersion, V3Person } from './v3-person.js';

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

export type PrTransition = 'approve' | 'sign' | 'reject';

/** The first segment of a person request's document keys, and the kind of its codes. */
export const PERSON_REQUESTS = 'person_requests';

export interface PersonRequest extends LifecycleRequest<PrStatus> {
  /**
   * The registry version it was created in: its person's shape, the routes that reach it (a v2
   * route does not find a v3 request, nor the reverse) and the shape of its answers.
   */
  readonly version: PersonRequestVersion;
  readonly channel: 'MIS';
  readonly person: V3Person;
  readonly personId: string | null;
  readonly patientSigned: boolean;
  readonly processDisclosureDataConsent: boolean;
  readonly authorizeWith: string | null;
  /** The printout the patient reads, handed out by approve. */
  readonly content: string | null;
  /**
   * The key of the attempt whose signed copy the sign kept (recorded in the sign's transaction);
   * its bytes are, or are about to be, `person_requests/<id>/signed_content.p7s`. Null until
   * signed, and for requests signed before attempts were recorded.
   */
  readonly signedContentAttemptKey: string | null;
}

const DAY_MS = 86_400_000;

/** A person request's road; NEW requests expire after `ttlDays`. */
export function personRequestLifecycle(ttlDays: number): Lifecycle<PrStatus, PrTransition> {
  return {
    kind: PERSON_REQUESTS,
    transitions: {
      approve: { from: ['NEW'], to: 'APPROVED' },
      sign: { from: ['APPROVED'], to: 'SIGNED' },
      reject: { from: ['NEW', 'APPROVED'], to: 'REJECTED' },
    },
    expiresFrom: ['NEW'],
    expired: 'EXPIRED',
    ttlMs: ttlDays * DAY_MS,
  };
}

/** Real clients accept only the registry's statuses: EXPIRED is shown as CANCELLED. */
export function displayStatus(status: PrStatus): DisplayStatus {
  return status === 'EXPIRED' ? 'CANCELLED' : status;
}

type Road = Pick<Lifecycle<PrStatus, PrTransition>, 'transitions'>;

/**
 * NEW → APPROVED: the patient's identity is confirmed, and they get the printout to read (their
 * data in Ukrainian, the phone of the current method masked). Nothing is written to the
 * registry yet.
 */
export function approvePersonRequest(
  road: Road,
  request: PersonRequest,
  stamp: Stamp,
): PersonRequest {
  const current = request.authenticationMethodCurrent;
  const content = personRequestPrintout(
    request.id,
    request.person,
    current.type,
    current.phoneNumber ? maskPhone(current.phoneNumber) : null,
    dateInKyiv(stamp.at),
  );
  return transition(road, request, 'approve', stamp, { content });
}

/**
 * APPROVED → SIGNED: the person `personId` was written from the signed data; the kept signed
 * copy is the attempt `signedContentAttemptKey`.
 */
export function signPersonRequest(
  road: Road,
  request: PersonRequest,
  stamp: Stamp,
  signed: { readonly personId: string; readonly signedContentAttemptKey: string },
): PersonRequest {
  return transition(road, request, 'sign', stamp, { ...signed, patientSigned: true });
}

/** NEW or APPROVED → REJECTED. */
export function rejectPersonRequest(
  road: Road,
  request: PersonRequest,
  stamp: Stamp,
): PersonRequest {
  return transition(road, request, 'reject', stamp);
}
