import { RelationshipRepository } from '../../../src/confidant-relationship/application/relationship-repository.port.js';
import {
  holdsOn,
  type Relationship,
} from '../../../src/confidant-relationship/domain/relationship.js';

/**
 * Confidant relationships in memory, as the TypeORM adapter keeps them: one active relationship
 * per person and confidant (an insert of a second one throws, as the unique index does).
 */
export class InMemoryRelationshipRepository extends RelationshipRepository {
  readonly rows = new Map<string, Relationship>();

  insert(r: Relationship): Promise<void> {
    const duplicate = [...this.rows.values()].some(
      (o) => o.isActive && o.personId === r.personId && o.confidantPersonId === r.confidantPersonId,
    );
    if (duplicate && r.isActive) return Promise.reject(new Error('unique violation'));
    this.rows.set(r.id, { ...r });
    return Promise.resolve();
  }

  findById(id: string): Promise<Relationship | null> {
    const r = this.rows.get(id);
    return Promise.resolve(r ? { ...r } : null);
  }

  findByIdForUpdate(id: string): Promise<Relationship | null> {
    return this.findById(id);
  }

  holdingOf(personId: string, today: string): Promise<Relationship[]> {
    return Promise.resolve(
      [...this.rows.values()].filter((r) => r.personId === personId && holdsOn(r, today)),
    );
  }

  endLapsed(personId: string, confidantPersonId: string, today: string): Promise<void> {
    for (const r of this.rows.values()) {
      if (r.personId === personId && r.confidantPersonId === confidantPersonId && r.isActive) {
        if (r.activeTo < today) this.rows.set(r.id, { ...r, isActive: false });
      }
    }
    return Promise.resolve();
  }

  updateState(r: Relationship): Promise<void> {
    const stored = this.rows.get(r.id);
    if (stored) this.rows.set(r.id, { ...stored, isActive: r.isActive, activeTo: r.activeTo });
    return Promise.resolve();
  }

  list(personId: string, expired: boolean, today: string, page: number, pageSize: number) {
    const all = [...this.rows.values()].filter(
      (r) => r.personId === personId && holdsOn(r, today) !== expired,
    );
    return Promise.resolve({
      items: all.slice((page - 1) * pageSize, page * pageSize),
      total: all.length,
    });
  }
}
