import { AuthMethodRequestRepository } from '../../../src/auth-method-request/application/auth-method-request-repository.port.js';
import type { AuthMethodRequest } from '../../../src/auth-method-request/domain/auth-method-request.js';
import { CallJournal } from './call-journal.js';
import {
  lockOutsideTransaction,
  type Transactional,
  type TransactionScope,
} from './in-memory-unit-of-work.js';

/**
 * Authentication method requests in memory, as the TypeORM adapter keeps them: reads return
 * copies, `save` writes status, updated_by and updated_at only, and `cancelNewOfPerson` stores
 * CANCELED, or EXPIRED for requests created at or before the cutoff, as its UPDATE does.
 */
export class InMemoryAuthMethodRequestRepository
  extends AuthMethodRequestRepository
  implements Transactional
{
  /** Ids locked with findByIdForUpdate, in order. */
  readonly locked: string[] = [];
  private rows = new Map<string, AuthMethodRequest>();

  constructor(
    private readonly journal = new CallJournal(),
    private readonly transactions?: TransactionScope,
  ) {
    super();
  }

  /** Stores requests as they are (test setup; not journalled). */
  add(...requests: AuthMethodRequest[]): this {
    for (const request of requests) this.rows.set(request.id, structuredClone(request));
    return this;
  }

  /** The stored request (a copy); throws when there is none. */
  get(id: string): AuthMethodRequest {
    const request = this.rows.get(id);
    if (!request) throw new Error(`no authentication method request ${id}`);
    return structuredClone(request);
  }

  all(): AuthMethodRequest[] {
    return [...this.rows.values()].map((r) => structuredClone(r));
  }

  checkpoint(): () => void {
    const saved = structuredClone(this.rows);
    return () => {
      this.rows = saved;
    };
  }

  insert(request: AuthMethodRequest): Promise<void> {
    this.journal.record('amr.insert', request.id);
    if (this.rows.has(request.id)) {
      return Promise.reject(
        new Error(`duplicate key: authentication method request ${request.id}`),
      );
    }
    this.rows.set(request.id, structuredClone(request));
    return Promise.resolve();
  }

  findById(id: string): Promise<AuthMethodRequest | null> {
    this.journal.record('amr.findById', id);
    return Promise.resolve(this.copy(id));
  }

  findByIdForUpdate(id: string): Promise<AuthMethodRequest | null> {
    this.journal.record('amr.lock', id);
    const outside = lockOutsideTransaction(
      this.transactions,
      'AuthMethodRequestRepository.findByIdForUpdate',
    );
    if (outside) return Promise.reject(outside);
    this.locked.push(id);
    return Promise.resolve(this.copy(id));
  }

  save(request: AuthMethodRequest): Promise<void> {
    this.journal.record('amr.save', request.id, request.status);
    const stored = this.rows.get(request.id);
    if (stored) {
      this.rows.set(request.id, {
        ...stored,
        status: request.status,
        updatedBy: request.updatedBy,
        updatedAt: new Date(request.updatedAt.getTime()),
      });
    }
    return Promise.resolve();
  }

  cancelNewOfPerson(
    personId: string,
    at: Date,
    by: string | null,
    expiryCutoff: Date,
  ): Promise<number> {
    this.journal.record('amr.cancelNewOfPerson', personId);
    let count = 0;
    for (const [id, r] of this.rows) {
      if (r.personId !== personId || r.status !== 'NEW') continue;
      const expired = r.insertedAt.getTime() <= expiryCutoff.getTime();
      this.rows.set(id, {
        ...r,
        status: expired ? 'EXPIRED' : 'CANCELED',
        updatedAt: new Date(at.getTime()),
        updatedBy: by,
      });
      count += 1;
    }
    return Promise.resolve(count);
  }

  expire(expiryCutoff: Date): Promise<number> {
    let count = 0;
    for (const [id, r] of this.rows) {
      if (r.status === 'NEW' && r.insertedAt.getTime() <= expiryCutoff.getTime()) {
        this.rows.set(id, { ...r, status: 'EXPIRED' });
        count += 1;
      }
    }
    return Promise.resolve(count);
  }

  private copy(id: string): AuthMethodRequest | null {
    const request = this.rows.get(id);
    return request ? structuredClone(request) : null;
  }
}
