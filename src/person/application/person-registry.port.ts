import type {
  AuthMethod,
  Person,
  VerificationReason,
  VerificationStatus,
} from '../domain/person.js';

export interface VerificationChange {
  readonly status: VerificationStatus;
  readonly reason: VerificationReason;
  /** undefined leaves the comment as it is; null clears it (rule "RULES_PASSED"). */
  readonly comment?: string | null;
}

/**
 * Port: the MPI's persons (docs/api.md, Persons). Backed by this service's own schema today;
 * a deployment can point it at an external MPI without touching the domain. Calls made inside
 * UnitOfWork.run take part in that transaction.
 */
export abstract class PersonRegistry {
  abstract findById(id: string): Promise<Person | null>;
  /** Locks the person row until the transaction ends (serializes changes of one person). */
  abstract findByIdForUpdate(id: string): Promise<Person | null>;
  /** The methods (all rows) of each given person, for third-person resolution. */
  abstract methodsOf(
    personIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly AuthMethod[]>>;
  abstract create(person: Person): Promise<void>;
  /**
   * Replaces names (every language), dates, birth place, tax id, documents and phones; methods
   * are changed by the calls below.
   */
  abstract updateDetails(person: Person): Promise<void>;
  /** `by`: the acting user, stamped as the method's `inserted_by` and `updated_by`. */
  abstract addMethod(personId: string, method: AuthMethod, by?: string | null): Promise<void>;
  /** Ends the methods at `at`, stamped as changed then by `by`. */
  abstract endMethods(methodIds: readonly string[], at: Date, by?: string | null): Promise<void>;
  abstract renameMethod(
    methodId: string,
    alias: string,
    by?: string | null,
    at?: Date,
  ): Promise<void>;
  abstract changeVerification(
    personId: string,
    change: VerificationChange,
    by: string | null,
    at: Date,
  ): Promise<void>;
}
