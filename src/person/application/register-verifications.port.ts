import type { RegisterVerification } from '../domain/register-verification.js';

/**
 * Port: the results of the state registers' checks of persons, as a host records them
 * (this service has no link to the registers itself). Calls made inside UnitOfWork.run take part
 * in that transaction.
 */
export abstract class RegisterVerifications {
  /** The recorded results of the person, one per register at most. */
  abstract of(personId: string): Promise<RegisterVerification[]>;
  /** Records (or replaces) the result of one register for the person, at `at`. */
  abstract record(personId: string, result: RegisterVerification, at: Date): Promise<void>;
}
