import type {
  RelationshipPage,
  RelationshipRepository,
} from '../../../src/confidant-relationship/application/relationship-repository.port.js';
import {
  holdsOn,
  type Relationship,
} from '../../../src/confidant-relationship/domain/relationship.js';
import { LIST_TOTAL_BOUND } from '../../../src/kernel/domain/paging.js';
import { CallJournal } from './call-journal.js';
import { UniqueViolation, type TransactionScope } from './in-memory-unit-of-work.js';
import { InMemoryTable } from './in-memory-table.js';

/**
 * Confidant relationships in memory, as the TypeORM adapter keeps them: reads return copies, an
 * insert of a known id or of a second active relationship of a person and confidant is a
 * UniqueViolation (the primary key and the partial unique index), `updateState` writes only the
 * columns the adapter's UPDATE writes, and `list` filters, orders and pages as its SQL does.
 */
export class InMemoryRelationshipRepository
  extends InMemoryTable<Relationship>
  implements RelationshipRepository
{
  constructor(journal = new CallJournal(), transactions?: TransactionScope) {
    super(
      { journal: 'relationships', row: 'relationship', port: 'RelationshipRepository' },
      journal,
      transactions,
    );
  }

  insert(r: Relationship): Promise<void> {
    const pairActive = (o: Relationship): boolean =>
      o.isActive && o.personId === r.personId && o.confidantPersonId === r.confidantPersonId;
    if (r.isActive && !this.rows.has(r.id) && [...this.rows.values()].some(pairActive)) {
      this.journal.record('relationships.insert', r.id);
      return Promise.reject(
        new UniqueViolation(`active relationship of ${r.personId} and ${r.confidantPersonId}`),
      );
    }
    return this.insertRow('insert', r);
  }

  holdingOf(personId: string, today: string): Promise<Relationship[]> {
    this.journal.record('relationships.holdingOf', personId);
    return Promise.resolve(
      this.where((r) => r.personId === personId && holdsOn(r, today)).map((r) =>
        structuredClone(r),
      ),
    );
  }

  endLapsed(personId: string, confidantPersonId: string, today: string): Promise<void> {
    this.journal.record('relationships.endLapsed', personId, confidantPersonId);
    const lapsed = this.where(
      (r) =>
        r.personId === personId &&
        r.confidantPersonId === confidantPersonId &&
        r.isActive &&
        r.activeTo < today,
    );
    for (const r of lapsed) this.change(r.id, (stored) => ({ ...stored, isActive: false }));
    return Promise.resolve();
  }

  updateState(r: Relationship): Promise<void> {
    this.journal.record('relationships.updateState', r.id);
    this.change(r.id, (stored) => ({
      ...stored,
      isActive: r.isActive,
      activeTo: r.activeTo,
      updatedBy: r.updatedBy,
      updatedAt: new Date(r.updatedAt.getTime()),
    }));
    return Promise.resolve();
  }

  list(
    personId: string,
    expired: boolean,
    today: string,
    page: number,
    pageSize: number,
  ): Promise<RelationshipPage> {
    const matching = this.where(
      (r) => r.personId === personId && holdsOn(r, today) !== expired,
    ).sort(
      (a, b) =>
        b.insertedAt.getTime() - a.insertedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    return Promise.resolve({
      items: matching.slice((page - 1) * pageSize, page * pageSize).map((r) => structuredClone(r)),
      total: Math.min(matching.length, LIST_TOTAL_BOUND),
    });
  }

  private where(keep: (r: Relationship) => boolean): Relationship[] {
    return [...this.rows.values()].filter(keep);
  }
}
