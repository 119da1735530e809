import type { PersonSearchCriteria } from '../domain/person-search.js';
import type { Person } from '../domain/person.js';

/**
 * Port: persons found by exact identifying data (docs/domain-rules.md, Person search). Every
 * adapter keeps the rule of `matchesSearch`, which the in-memory fake applies as it is.
 */
export abstract class PersonFinder {
  /**
   * Active persons matching every criterion, at most `limit` of them (the caller asks for one
   * more than it answers, to tell "all of them" from "too many"), in no particular order. `now`
   * decides which OTP methods are active.
   */
  abstract findExact(criteria: PersonSearchCriteria, now: Date, limit: number): Promise<Person[]>;
}
