import { RequestRepository } from '../../request-lifecycle/application/request-repository.port.js';
import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';

export interface PersonRequestPage {
  readonly items: readonly PersonRequest[];
  /** How many match, counted up to the lists' bound (docs/api.md, Lists). */
  readonly total: number;
}

/** Port: person requests. Calls inside UnitOfWork.run take part in its transaction. */
export abstract class PersonRequestRepository extends RequestRepository<PersonRequest> {
  /**
   * The client's requests, newest first. `expiryCutoff` is when NEW requests expire: NEW
   * excludes and CANCELLED includes those created at or before it.
   */
  abstract list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage>;
}
