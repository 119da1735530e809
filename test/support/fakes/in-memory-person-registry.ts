import {
  PersonRegistry,
  type VerificationChange,
} from '../../../src/person/application/person-registry.port.js';
import type { AuthMethod, Person } from '../../../src/person/domain/person.js';
import { CallJournal } from './call-journal.js';
import {
  lockOutsideTransaction,
  type Transactional,
  type TransactionScope,
} from './in-memory-unit-of-work.js';

/**
 * The registry's persons in memory, with the adapter's semantics the use cases rely on: every
 * read returns a copy (a caller that changes it changes nothing stored), writes are visible to
 * later reads, `updateDetails` leaves methods and verification alone, and an id is unique.
 */
export class InMemoryPersonRegistry extends PersonRegistry implements Transactional {
  /** Ids locked with findByIdForUpdate, in order. */
  readonly locked: string[] = [];
  private persons = new Map<string, Person>();

  constructor(
    private readonly journal = new CallJournal(),
    private readonly transactions?: TransactionScope,
  ) {
    super();
  }

  /** Stores persons as they are (test setup; not journalled). */
  add(...persons: Person[]): this {
    for (const person of persons) this.persons.set(person.id, structuredClone(person));
    return this;
  }

  /** The stored person (a copy); throws when there is none. */
  get(id: string): Person {
    const person = this.persons.get(id);
    if (!person) throw new Error(`no person ${id}`);
    return structuredClone(person);
  }

  /** Every stored person (copies), for "nothing changed" comparisons. */
  all(): Person[] {
    return [...this.persons.values()].map((p) => structuredClone(p));
  }

  checkpoint(): () => void {
    const saved = structuredClone(this.persons);
    return () => {
      this.persons = saved;
    };
  }

  findById(id: string): Promise<Person | null> {
    this.journal.record('registry.findById', id);
    return Promise.resolve(this.copy(id));
  }

  findByIdForUpdate(id: string): Promise<Person | null> {
    this.journal.record('registry.lock', id);
    const outside = lockOutsideTransaction(this.transactions, 'PersonRegistry.findByIdForUpdate');
    if (outside) return Promise.reject(outside);
    this.locked.push(id);
    return Promise.resolve(this.copy(id));
  }

  methodsOf(personIds: readonly string[]): Promise<ReadonlyMap<string, readonly AuthMethod[]>> {
    const result = new Map<string, AuthMethod[]>();
    for (const id of new Set(personIds)) {
      const person = this.persons.get(id);
      if (person) result.set(id, structuredClone([...person.authenticationMethods]));
    }
    return Promise.resolve(result);
  }

  create(person: Person): Promise<void> {
    this.journal.record('registry.create', person.id);
    if (this.persons.has(person.id)) {
      return Promise.reject(new Error(`duplicate key: person ${person.id}`));
    }
    this.persons.set(person.id, structuredClone(person));
    return Promise.resolve();
  }

  updateDetails(person: Person): Promise<void> {
    this.journal.record('registry.updateDetails', person.id);
    this.change(person.id, (stored) => ({
      ...stored,
      firstName: person.firstName,
      lastName: person.lastName,
      secondName: person.secondName,
      birthDate: person.birthDate,
      gender: person.gender,
      taxId: person.taxId,
      noTaxId: person.noTaxId,
      documents: structuredClone([...person.documents]),
      updatedBy: person.updatedBy,
      updatedAt: person.updatedAt,
    }));
    return Promise.resolve();
  }

  addMethod(personId: string, method: AuthMethod): Promise<void> {
    this.journal.record('registry.addMethod', personId, method.type);
    this.change(personId, (stored) => ({
      ...stored,
      authenticationMethods: [...stored.authenticationMethods, structuredClone(method)],
    }));
    return Promise.resolve();
  }

  endMethods(methodIds: readonly string[], at: Date): Promise<void> {
    this.journal.record('registry.endMethods', ...methodIds);
    const ids = new Set(methodIds);
    for (const person of [...this.persons.values()]) {
      if (!person.authenticationMethods.some((m) => ids.has(m.id))) continue;
      this.change(person.id, (stored) => ({
        ...stored,
        authenticationMethods: stored.authenticationMethods.map((m) =>
          ids.has(m.id) ? { ...m, endedAt: new Date(at.getTime()) } : m,
        ),
      }));
    }
    return Promise.resolve();
  }

  renameMethod(methodId: string, alias: string): Promise<void> {
    this.journal.record('registry.renameMethod', methodId);
    for (const person of [...this.persons.values()]) {
      if (!person.authenticationMethods.some((m) => m.id === methodId)) continue;
      this.change(person.id, (stored) => ({
        ...stored,
        authenticationMethods: stored.authenticationMethods.map((m) =>
          m.id === methodId ? { ...m, alias } : m,
        ),
      }));
    }
    return Promise.resolve();
  }

  changeVerification(
    personId: string,
    change: VerificationChange,
    by: string | null,
    at: Date,
  ): Promise<void> {
    this.journal.record('registry.changeVerification', personId, change.status);
    this.change(personId, (stored) => ({
      ...stored,
      verificationStatus: change.status,
      verificationReason: change.reason,
      verificationComment:
        change.comment === undefined ? stored.verificationComment : change.comment,
      updatedBy: by,
      updatedAt: new Date(at.getTime()),
    }));
    return Promise.resolve();
  }

  private copy(id: string): Person | null {
    const person = this.persons.get(id);
    return person ? structuredClone(person) : null;
  }

  /** Like an UPDATE … WHERE id: a missing row changes nothing. */
  private change(id: string, update: (stored: Person) => Person): void {
    const stored = this.persons.get(id);
    if (stored) this.persons.set(id, update(stored));
  }
}
