import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';

export interface PersonRequestPage {
  readonly items: readonly PersonRequest[];
  /** The matching requests, counted up to LIST_TOTAL_BOUND (kernel/domain/paging.ts). */
  readonly total: number;
}

/** Port: person requests. Calls inside UnitOfWork.run take part in its transaction. */
export abstract class PersonRequestRepository {
  abstract insert(request: PersonRequest): Promise<void>;
  abstract findById(id: string): Promise<PersonRequest | null>;
  /** Locks the row until the transaction ends: concurrent actions on one request queue here. */
  abstract findByIdForUpdate(id: string): Promise<PersonRequest | null>;
  /**
   * Writes what the actions change: status, person_id, patient_signed, content, the signed
   * content's attempt key, updated_by and updated_at.
   */
  abstract save(request: PersonRequest): Promise<void>;
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
  /** Stores EXPIRED on NEW requests created at or before the cutoff; returns how many. */
  abstract expire(expiryCutoff: Date): Promise<number>;
}
