import { RequestRepository } from '../../request-lifecycle/application/request-repository.port.js';
import type { Stamp } from '../../request-lifecycle/domain/lifecycle.js';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';

/** Port: authentication method requests. Calls inside UnitOfWork.run join its transaction. */
export abstract class AuthMethodRequestRepository extends RequestRepository<AuthMethodRequest> {
  /**
   * The cancel of the lifecycle, on every NEW request of the person, whoever created it (a newer
   * request replaces them); those created at or before `expiryCutoff` had expired already and
   * are stored EXPIRED instead. Returns how many changed.
   */
  abstract cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number>;
}
