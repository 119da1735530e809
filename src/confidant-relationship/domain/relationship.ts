import { thirdPersonEndDate, type TermPolicy } from '../../person/domain/third-person-term.js';
import type { RelationshipDocument } from './confidant-request.js';

/** A confidant person relationship: `confidantPersonId` represents `personId`. */
export interface Relationship {
  readonly id: string;
  readonly personId: string;
  readonly confidantPersonId: string;
  readonly documents: readonly RelationshipDocument[];
  /** The last day it holds (`YYYY-MM-DD`). */
  readonly activeTo: string;
  /** False once a DEACTIVATE request ended it. */
  readonly isActive: boolean;
  readonly verificationStatus: string;
  readonly verificationReason: string;
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

/**
 * The last day a new relationship holds: the earliest `active_to` of its documents; with none,
 * the term of a THIRD_PERSON method of the person (a child until the day before
 * NO_SELF_AUTH_AGE, anyone else THIRD_PERSON_TERM_YEARS from today).
 */
export function relationshipEnd(
  documents: readonly RelationshipDocument[],
  personBirthDate: string,
  today: string,
  policy: TermPolicy,
): string {
  const ends = documents.map((d) => d.activeTo).filter((d): d is string => d !== null);
  if (ends.length > 0) return ends.sort()[0];
  return thirdPersonEndDate(personBirthDate, today, policy);
}

/** Whether the relationship holds on `today` (Kyiv): not ended and not past its last day. */
export function holdsOn(r: Pick<Relationship, 'isActive' | 'activeTo'>, today: string): boolean {
  return r.isActive && r.activeTo >= today;
}

/** The relationship a deactivation leaves: ended, its last day today (Kyiv). */
export function deactivated(
  r: Relationship,
  today: string,
  by: string | null,
  at: Date,
): Relationship {
  return { ...r, isActive: false, activeTo: today, updatedBy: by, updatedAt: at };
}
