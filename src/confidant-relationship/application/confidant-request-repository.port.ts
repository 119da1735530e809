import { RequestRepository } from '../../request-lifecycle/application/request-repository.port.js';
import type { Stamp } from '../../request-lifecycle/domain/lifecycle.js';
import type { ConfidantRequest, ConfidantRequestStatus } from '../domain/confidant-request.js';

export interface ConfidantRequestPage {
  readonly items: readonly ConfidantRequest[];
  /** Counted up to LIST_TOTAL_BOUND. */
  readonly total: number;
}

/** Port: confidant relationship requests. Calls inside UnitOfWork.run join its transaction. */
export abstract class ConfidantRequestRepository extends RequestRepository<ConfidantRequest> {
  /**
   * Cancels every NEW request of the person, whoever created it (those created at or before
   * `expiryCutoff` are stored EXPIRED instead). Returns how many changed.
   */
  abstract cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number>;

  /**
   * A page of the client's requests of the person, newest first; `status` as it reads now
   * (requests of an expiring status created at or before `expiryCutoff` read EXPIRED).
   */
  abstract list(
    clientId: string,
    personId: string,
    status: ConfidantRequestStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
  ): Promise<ConfidantRequestPage>;
}
