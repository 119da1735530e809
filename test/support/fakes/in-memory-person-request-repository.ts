import {
  PersonRequestRepository,
  type PersonRequestPage,
} from '../../../src/person-request/application/person-request-repository.port.js';
import type {
  DisplayStatus,
  PersonRequest,
} from '../../../src/person-request/domain/person-request.js';
import { CallJournal } from './call-journal.js';
import {
  lockOutsideTransaction,
  type Transactional,
  type TransactionScope,
} from './in-memory-unit-of-work.js';

/**
 * Person requests in memory, as the TypeORM adapter keeps them: reads return copies, `save`
 * writes only the columns the adapter updates (status, person_id, patient_signed, content,
 * updated_by, updated_at), and `list` filters, orders and pages as its SQL does.
 */
export class InMemoryPersonRequestRepository
  extends PersonRequestRepository
  implements Transactional
{
  /** Ids locked with findByIdForUpdate, in order. */
  readonly locked: string[] = [];
  private rows = new Map<string, PersonRequest>();

  constructor(
    private readonly journal = new CallJournal(),
    private readonly transactions?: TransactionScope,
  ) {
    super();
  }

  /** Stores requests as they are (test setup; not journalled). */
  add(...requests: PersonRequest[]): this {
    for (const request of requests) this.rows.set(request.id, structuredClone(request));
    return this;
  }

  /** The stored request (a copy); throws when there is none. */
  get(id: string): PersonRequest {
    const request = this.rows.get(id);
    if (!request) throw new Error(`no person request ${id}`);
    return structuredClone(request);
  }

  all(): PersonRequest[] {
    return [...this.rows.values()].map((r) => structuredClone(r));
  }

  checkpoint(): () => void {
    const saved = structuredClone(this.rows);
    return () => {
      this.rows = saved;
    };
  }

  insert(request: PersonRequest): Promise<void> {
    this.journal.record('requests.insert', request.id);
    if (this.rows.has(request.id)) {
      return Promise.reject(new Error(`duplicate key: person request ${request.id}`));
    }
    this.rows.set(request.id, structuredClone(request));
    return Promise.resolve();
  }

  findById(id: string): Promise<PersonRequest | null> {
    this.journal.record('requests.findById', id);
    return Promise.resolve(this.copy(id));
  }

  findByIdForUpdate(id: string): Promise<PersonRequest | null> {
    this.journal.record('requests.lock', id);
    const outside = lockOutsideTransaction(
      this.transactions,
      'PersonRequestRepository.findByIdForUpdate',
    );
    if (outside) return Promise.reject(outside);
    this.locked.push(id);
    return Promise.resolve(this.copy(id));
  }

  save(request: PersonRequest): Promise<void> {
    this.journal.record('requests.save', request.id, request.status);
    const stored = this.rows.get(request.id);
    if (stored) {
      this.rows.set(request.id, {
        ...stored,
        status: request.status,
        personId: request.personId,
        patientSigned: request.patientSigned,
        content: request.content,
        updatedBy: request.updatedBy,
        updatedAt: new Date(request.updatedAt.getTime()),
      });
    }
    return Promise.resolve();
  }

  list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const expired = (r: PersonRequest): boolean =>
      r.status === 'NEW' && r.insertedAt.getTime() <= expiryCutoff.getTime();
    const matching = [...this.rows.values()]
      .filter((r) => r.clientId === clientId)
      .filter((r) => {
        if (status === undefined) return true;
        if (status === 'NEW') return r.status === 'NEW' && !expired(r);
        if (status === 'CANCELLED') {
          return r.status === 'CANCELLED' || r.status === 'EXPIRED' || expired(r);
        }
        return r.status === status;
      })
      .sort(
        (a, b) =>
          b.insertedAt.getTime() - a.insertedAt.getTime() ||
          (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
      );
    return Promise.resolve({
      items: matching.slice((page - 1) * pageSize, page * pageSize).map((r) => structuredClone(r)),
      total: matching.length,
    });
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

  private copy(id: string): PersonRequest | null {
    const request = this.rows.get(id);
    return request ? structuredClone(request) : null;
  }
}
