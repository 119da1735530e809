import type {
  PersonRegistry,
  VerificationChange,
} from '../../../src/person/application/person-registry.port.js';
import type { AuthMethod, Person } from '../../../src/person/domain/person.js';
import { CallJournal } from './call-journal.js';
import type { TransactionScope } from './in-memory-unit-of-work.js';
import { InMemoryTable } from './in-memory-table.js';
import { UniqueViolation } from './in-memory-unit-of-work.js';

/** An own method (OTP or OFFLINE) still active: a person has at most one, as the unique index keeps. */
const activeOwn = (m: AuthMethod): boolean =>
  (m.type === 'OTP' || m.type === 'OFFLINE') && m.endedAt === null;

/**
 * The registry's persons in memory, with the adapter's semantics the use cases rely on: every
 * read returns a copy (a caller that changes it changes nothing stored), writes are visible to
 * later reads, `updateDetails` leaves methods and verification alone, an id is unique, and a
 * person has at most one active own method (a second is a UniqueViolation, as the database's
 * person_authentication_methods_one_own_idx answers).
 */
export class InMemoryPersonRegistry extends InMemoryTable<Person> implements PersonRegistry {
  constructor(journal = new CallJournal(), transactions?: TransactionScope) {
    super({ journal: 'registry', row: 'person', port: 'PersonRegistry' }, journal, transactions);
  }

  methodsOf(personIds: readonly string[]): Promise<ReadonlyMap<string, readonly AuthMethod[]>> {
    const result = new Map<string, AuthMethod[]>();
    for (const id of new Set(personIds)) {
      const person = this.rows.get(id);
      if (person) result.set(id, structuredClone([...person.authenticationMethods]));
    }
    return Promise.resolve(result);
  }

  create(person: Person): Promise<void> {
    if (person.authenticationMethods.filter(activeOwn).length > 1) {
      this.journal.record('registry.create', person.id);
      return Promise.reject(new UniqueViolation(`active own method of person ${person.id}`));
    }
    return this.insertRow('create', person);
  }

  updateDetails(person: Person): Promise<void> {
    this.journal.record('registry.updateDetails', person.id);
    this.change(person.id, (stored) => ({
      ...stored,
      firstName: person.firstName,
      lastName: person.lastName,
      secondName: person.secondName,
      names: structuredClone([...person.names]),
      birthDate: person.birthDate,
      birthCountry: person.birthCountry,
      birthSettlement: person.birthSettlement,
      gender: person.gender,
      taxId: person.taxId,
      noTaxId: person.noTaxId,
      documents: structuredClone([...person.documents]),
      phones: structuredClone([...person.phones]),
      updatedBy: person.updatedBy,
      updatedAt: person.updatedAt,
    }));
    return Promise.resolve();
  }

  addMethod(personId: string, method: AuthMethod): Promise<void> {
    this.journal.record('registry.addMethod', personId, method.type);
    const stored = this.rows.get(personId);
    if (activeOwn(method) && stored?.authenticationMethods.some(activeOwn)) {
      return Promise.reject(new UniqueViolation(`active own method of person ${personId}`));
    }
    this.change(personId, (stored) => ({
      ...stored,
      authenticationMethods: [...stored.authenticationMethods, structuredClone(method)],
    }));
    return Promise.resolve();
  }

  endMethods(methodIds: readonly string[], at: Date): Promise<void> {
    this.journal.record('registry.endMethods', ...methodIds);
    const ids = new Set(methodIds);
    for (const person of [...this.rows.values()]) {
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
    for (const person of [...this.rows.values()]) {
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
}
