import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';

export interface PersonRequestPage {
  readonly items: readonly PersonRequest[];
  readonly total: number;
}

/** Port: person requests. Calls inside UnitOfWork.run take part in its transaction. */
export abstract class PersonRequestRepository {
  abstract insert(request: PersonRequest): Promise<void>;
  abstract findById(id: string): Promise<PersonRequest | null>;
  /** Locks the row until the transaction ends: concurrent approves queue here. */
  abstract findByIdForUpdate(id: string): Promise<PersonRequest | null>;
  abstract save(request: PersonRequest): Promise<void>;
  /** The client's requests, newest first; NEW excludes and CANCELLED includes expired ones. */
  abstract list(
    clientId: string | null,
    status: DisplayStatus | undefined,
    expiredBefore: Date,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage>;
  /** Writes EXPIRED on NEW requests created before the instant; returns how many. */
  abstract expire(createdBefore: Date): Promise<number>;
}
