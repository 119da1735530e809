import { LIST_TOTAL_BOUND } from '../../../src/kernel/domain/paging.js';
import type {
  ListedVersions,
  PersonRequestPage,
  PersonRequestRepository,
} from '../../../src/person-request/application/person-request-repository.port.js';
import type {
  DisplayStatus,
  PersonRequest,
} from '../../../src/person-request/domain/person-request.js';
import { CallJournal } from './call-journal.js';
import type { TransactionScope } from './in-memory-unit-of-work.js';
import { InMemoryRequestTable } from './in-memory-table.js';

/**
 * Person requests in memory, as the TypeORM adapter keeps them: reads return copies, `save`
 * writes only the columns the adapter updates (status, person_id, patient_signed, content,
 * signed_content_attempt_key, updated_by, updated_at), and `list` filters, orders and pages as its SQL does.
 */
export class InMemoryPersonRequestRepository
  extends InMemoryRequestTable<PersonRequest>
  implements PersonRequestRepository
{
  constructor(journal = new CallJournal(), transactions?: TransactionScope) {
    super(
      { journal: 'requests', row: 'person request', port: 'PersonRequestRepository' },
      journal,
      transactions,
    );
  }

  protected stateColumns(request: PersonRequest): Partial<PersonRequest> {
    return {
      status: request.status,
      personId: request.personId,
      patientSigned: request.patientSigned,
      content: request.content,
      signedContentAttemptKey: request.signedContentAttemptKey,
      updatedBy: request.updatedBy,
      updatedAt: new Date(request.updatedAt.getTime()),
    };
  }

  list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
    versions: ListedVersions = 3,
  ): Promise<PersonRequestPage> {
    const expired = (r: PersonRequest): boolean =>
      r.status === 'NEW' && r.insertedAt.getTime() <= expiryCutoff.getTime();
    const matching = [...this.rows.values()]
      .filter((r) => r.clientId === clientId)
      .filter((r) => versions === 'any' || r.version === versions)
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
      total: Math.min(matching.length, LIST_TOTAL_BOUND),
    });
  }
}
