import { RequestRepository } from '../../request-lifecycle/application/request-repository.port.js';
import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';

export interface PersonRequestPage {
  readonly items: readonly PersonRequest[];
  /** How many match, counted up to the lists' bound (docs/api.md, Lists). */
  readonly total: number;
}

/** Which requests a list shows: v3 ones (the v3 list), or those of every version. */
export type ListedVersions = 3 | 'any';

/** Port: person requests. Calls inside UnitOfWork.run take part in its transaction. */
export abstract class PersonRequestRepository extends RequestRepository<PersonRequest> {
  /**
   * The client's requests of `versions` (v3 when not given), newest first. `expiryCutoff` is
   * when NEW requests expire: NEW excludes and CANCELLED includes those created at or before it.
   */
  abstract list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
    versions?: ListedVersions,
  ): Promise<PersonRequestPage>;
}
