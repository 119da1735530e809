import type { LifecycleRequest } from '../domain/lifecycle.js';

/**
 * Port: the requests of one kind, as the lifecycle needs them. Each kind's repository extends it
 * with its own finders. Calls made inside UnitOfWork.run take part in its transaction.
 */
export abstract class RequestRepository<R extends LifecycleRequest> {
  abstract insert(request: R): Promise<void>;
  abstract findById(id: string): Promise<R | null>;
  /** Locks the row until the transaction ends: concurrent actions on one request queue here. */
  abstract findByIdForUpdate(id: string): Promise<R | null>;
  /**
   * Writes the request's state: its status, the fields its kind's transitions set and the update
   * stamp. Nothing else about a request changes after it is created.
   */
  abstract updateState(request: R): Promise<void>;
  /**
   * Stores `expired` on the requests of the given statuses created at or before `cutoff`;
   * returns how many.
   */
  abstract expire(from: readonly string[], expired: string, cutoff: Date): Promise<number>;
}
