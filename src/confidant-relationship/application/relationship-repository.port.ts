import type { Relationship } from '../domain/relationship.js';

export interface RelationshipPage {
  readonly items: readonly Relationship[];
  /** Counted up to LIST_TOTAL_BOUND. */
  readonly total: number;
}

/** Port: confidant person relationships. Calls inside UnitOfWork.run join its transaction. */
export abstract class RelationshipRepository {
  abstract insert(relationship: Relationship): Promise<void>;
  abstract findById(id: string): Promise<Relationship | null>;
  /** Locks the row until the transaction ends. */
  abstract findByIdForUpdate(id: string): Promise<Relationship | null>;
  /** The person's relationships that hold on `today` (active, not past their last day). */
  abstract holdingOf(personId: string, today: string): Promise<Relationship[]>;
  /**
   * Ends the person's relationships with the confidant that are past their last day but not yet
   * ended, so that a new one may start (one active relationship per pair, database-enforced).
   */
  abstract endLapsed(personId: string, confidantPersonId: string, today: string): Promise<void>;
  /** Writes `is_active`, `active_to` and the update stamp. */
  abstract updateState(relationship: Relationship): Promise<void>;
  /** A page of the person's relationships, newest first: holding on `today`, or the others. */
  abstract list(
    personId: string,
    expired: boolean,
    today: string,
    page: number,
    pageSize: number,
  ): Promise<RelationshipPage>;
}
