import { RequestRepository } from '../../request-lifecycle/application/request-repository.port.js';
import type { Stamp } from '../../request-lifecycle/domain/lifecycle.js';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';

/** Port: authentication method requests. Calls inside UnitOfWork.run join its transaction. */
export abstract class AuthMethodRequestRepository extends RequestRepository<AuthMethodRequest> {
  /**
   * Locks the person, then their request `id`, in one round trip, in the order creates lock in
   * (the person, then the NEW requests they cancel). `personFound` is false when there is no such
   * person (nothing is locked); `request` is null when the person has no request `id`. The
   * request is as the last writer left it; the person is to be read after this returns.
   */
  abstract lockWithPerson(
    personId: string,
    id: string,
  ): Promise<{ readonly personFound: boolean; readonly request: AuthMethodRequest | null }>;

  /**
   * The cancel of the lifecycle, on every NEW request of the person, whoever created it (a newer
   * request replaces them); those created at or before `expiryCutoff` had expired already and
   * are stored EXPIRED instead. Returns how many changed.
   */
  abstract cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number>;
}
