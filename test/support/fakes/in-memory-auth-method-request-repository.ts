import type { AuthMethodRequestRepository } from '../../../src/auth-method-request/application/auth-method-request-repository.port.js';
import type { AuthMethodRequest } from '../../../src/auth-method-request/domain/auth-method-request.js';
import type { Stamp } from '../../../src/request-lifecycle/domain/lifecycle.js';
import { CallJournal } from './call-journal.js';
import type { TransactionScope } from './in-memory-unit-of-work.js';
import type { Person } from '../../../src/person/domain/person.js';
import { InMemoryRequestTable, type InMemoryTable } from './in-memory-table.js';
import { UniqueViolation } from './in-memory-unit-of-work.js';

/**
 * Authentication method requests in memory, as the TypeORM adapter keeps them: reads return
 * copies, `updateState` writes status, updated_by and updated_at only, `cancelNewOfPerson` stores
 * CANCELED, or EXPIRED for requests created at or before the cutoff, as its UPDATE does, and a
 * person has at most one NEW request (another is a UniqueViolation, as the unique index answers).
 */
export class InMemoryAuthMethodRequestRepository
  extends InMemoryRequestTable<AuthMethodRequest>
  implements AuthMethodRequestRepository
{
  constructor(
    journal = new CallJournal(),
    transactions?: TransactionScope,
    private readonly persons?: InMemoryTable<Person>,
  ) {
    super(
      { journal: 'amr', row: 'authentication method request', port: 'AuthMethodRequestRepository' },
      journal,
      transactions,
    );
  }

  override insert(request: AuthMethodRequest): Promise<void> {
    const another = this.all().some(
      (r) => r.status === 'NEW' && r.personId === request.personId && r.id !== request.id,
    );
    if (request.status === 'NEW' && another) {
      this.journal.record('amr.insert', request.id);
      return Promise.reject(new UniqueViolation(`NEW request of person ${request.personId}`));
    }
    return super.insert(request);
  }

  protected stateColumns(request: AuthMethodRequest): Partial<AuthMethodRequest> {
    return {
      status: request.status,
      updatedBy: request.updatedBy,
      updatedAt: new Date(request.updatedAt.getTime()),
    };
  }

  /**
   * As its statement: the person's lock (journalled as `registry.lock`), then, only when the
   * person exists, the lock of their request (`amr.lock`); another person's request is not found.
   */
  lockWithPerson(
    personId: string,
    id: string,
  ): Promise<{ personFound: boolean; request: AuthMethodRequest | null }> {
    const persons = this.persons;
    if (!persons) throw new Error('lockWithPerson needs the person registry');
    // One statement: both locks are taken before a statement issued after it runs.
    return this.inTurn(async () => {
      const person = await persons.lockRow(personId);
      if (!person) return { personFound: false, request: null };
      const mine = this.rows.get(id)?.personId === personId;
      return { personFound: true, request: mine ? await this.lockRow(id) : null };
    });
  }

  cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number> {
    this.journal.record('amr.cancelNewOfPerson', personId);
    let count = 0;
    for (const [id, r] of this.rows) {
      if (r.personId !== personId || r.status !== 'NEW') continue;
      const expired = r.insertedAt.getTime() <= expiryCutoff.getTime();
      this.change(id, (stored) => ({
        ...stored,
        status: expired ? 'EXPIRED' : 'CANCELED',
        updatedAt: new Date(stamp.at.getTime()),
        updatedBy: stamp.by,
      }));
      count += 1;
    }
    return Promise.resolve(count);
  }
}
