import { PersonFinder } from '../../../src/person/application/person-finder.port.js';
import {
  matchesSearch,
  type PersonSearchCriteria,
} from '../../../src/person/domain/person-search.js';
import type { Person } from '../../../src/person/domain/person.js';
import { CallJournal } from './call-journal.js';
import type { InMemoryPersonRegistry } from './in-memory-person-registry.js';

/**
 * Person search over the in-memory registry's persons, by the domain's rule itself; the same
 * contract spec runs on it and on the PostgreSQL adapter (test/integration/person). Like the
 * adapter it stops at `limit` persons, in no order the caller may rely on: here, the reverse of
 * insertion, so that a caller that forgets to order its answer is caught.
 */
export class InMemoryPersonFinder extends PersonFinder {
  constructor(
    private readonly registry: InMemoryPersonRegistry,
    private readonly journal = new CallJournal(),
  ) {
    super();
  }

  findExact(criteria: PersonSearchCriteria, now: Date, limit: number): Promise<Person[]> {
    this.journal.record('finder.findExact', limit);
    return Promise.resolve(
      this.registry
        .all()
        .reverse()
        .filter((p) => matchesSearch(p, criteria, now))
        .slice(0, limit),
    );
  }
}
