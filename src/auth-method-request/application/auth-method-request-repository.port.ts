import type { AuthMethodRequest } from '../domain/auth-method-request.js';

/** Port: authentication method requests. Calls inside UnitOfWork.run join its transaction. */
export abstract class AuthMethodRequestRepository {
  abstract insert(request: AuthMethodRequest): Promise<void>;
  abstract findById(id: string): Promise<AuthMethodRequest | null>;
  /** Locks the row until the transaction ends: concurrent approves of one request queue here. */
  abstract findByIdForUpdate(id: string): Promise<AuthMethodRequest | null>;
  abstract save(request: AuthMethodRequest): Promise<void>;
  /**
   * A new request cancels the person's older NEW ones, whoever created them; those created at or
   * before `expiryCutoff` had expired already and are stored EXPIRED instead.
   */
  abstract cancelNewOfPerson(
    personId: string,
    at: Date,
    by: string | null,
    expiryCutoff: Date,
  ): Promise<number>;
  /** Stores EXPIRED on NEW requests created at or before the cutoff; returns how many. */
  abstract expire(expiryCutoff: Date): Promise<number>;
}
