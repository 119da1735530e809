import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import type { PersonRequestRepository } from '../../src/person-request/application/person-request-repository.port.js';
import type {
  DisplayStatus,
  PersonRequest,
} from '../../src/person-request/domain/person-request.js';
import { aPersonRequest, NOW, OTHER_CLIENT_ID, USER_ID } from '../support/mothers.js';
import { describeRequestRepositoryContract } from './request-repository.contract.js';

export interface PersonRequestRepositorySubject {
  readonly uow: UnitOfWork;
  readonly repository: PersonRequestRepository;
}

const MINUTE = 60_000;
const ago = (minutes: number): Date => new Date(NOW.getTime() - minutes * MINUTE);

/**
 * The promises of PersonRequestRepository: the lifecycle's, and the client's list (docs/api.md,
 * Lists): its own requests only, newest first, NEW past the cutoff shown as CANCELLED, paged.
 */
export function describePersonRequestRepositoryContract(
  name: string,
  makeSubject: () => Promise<PersonRequestRepositorySubject>,
): void {
  describeRequestRepositoryContract<PersonRequest>(`person requests, ${name}`, async () => {
    const s = await makeSubject();
    return {
      uow: s.uow,
      repository: s.repository,
      aRequest: (overrides = {}) => Promise.resolve(aPersonRequest(overrides)),
      transitioned: (request, at) => ({
        ...request,
        status: 'SIGNED',
        personId: randomUUID(),
        patientSigned: true,
        content: 'Я, Петренко Олена Іванівна, …',
        signedContentAttemptKey: `attempts/${randomUUID()}`,
        updatedBy: USER_ID,
        updatedAt: at,
      }),
      expiry: { from: ['NEW'], to: 'EXPIRED' },
    };
  });

  describe(`the PersonRequestRepository list: ${name}`, () => {
    let s: PersonRequestRepositorySubject;
    const cutoff = ago(60);
    /** The client's requests, newest first; two share a creation time (the id breaks the tie). */
    let mine: Record<string, PersonRequest>;

    beforeEach(async () => {
      s = await makeSubject();
      const [tieA, tieB] = [randomUUID(), randomUUID()].sort();
      mine = {
        fresh: aPersonRequest({ insertedAt: ago(10) }),
        tieHigh: aPersonRequest({ id: tieB, status: 'APPROVED', insertedAt: ago(20) }),
        tieLow: aPersonRequest({ id: tieA, status: 'SIGNED', insertedAt: ago(20) }),
        atCutoff: aPersonRequest({ insertedAt: cutoff }),
        cancelled: aPersonRequest({ status: 'CANCELLED', insertedAt: ago(70) }),
        expired: aPersonRequest({ status: 'EXPIRED', insertedAt: ago(80) }),
        stale: aPersonRequest({ insertedAt: ago(90) }),
        rejected: aPersonRequest({ status: 'REJECTED', insertedAt: ago(100) }),
      };
      await s.uow.run(async () => {
        for (const r of Object.values(mine)) await s.repository.insert(r);
        await s.repository.insert(aPersonRequest({ clientId: OTHER_CLIENT_ID, insertedAt: NOW }));
        await s.repository.insert(aPersonRequest({ clientId: null, insertedAt: NOW }));
      });
    });

    const ids = async (status: DisplayStatus | undefined, page = 1, size = 50) => {
      const found = await s.repository.list(mine.fresh.clientId!, status, cutoff, page, size);
      return { ids: found.items.map((r) => r.id), total: found.total };
    };
    const of = (...names: string[]) => names.map((n) => mine[n].id);

    it.each<[DisplayStatus | undefined, string[]]>([
      [
        undefined,
        ['fresh', 'tieHigh', 'tieLow', 'atCutoff', 'cancelled', 'expired', 'stale', 'rejected'],
      ],
      ['NEW', ['fresh']],
      ['CANCELLED', ['atCutoff', 'cancelled', 'expired', 'stale']],
      ['APPROVED', ['tieHigh']],
      ['SIGNED', ['tieLow']],
      ['REJECTED', ['rejected']],
    ])('lists the client’s requests of status %s, newest first', async (status, names) => {
      await expect(ids(status)).resolves.toEqual({ ids: of(...names), total: names.length });
    });

    it('pages the list in its order, every page counting them all', async () => {
      await expect(ids(undefined, 2, 3)).resolves.toEqual({
        ids: of('atCutoff', 'cancelled', 'expired'),
        total: 8,
      });
      await expect(ids(undefined, 3, 3)).resolves.toEqual({
        ids: of('stale', 'rejected'),
        total: 8,
      });
      await expect(ids(undefined, 4, 3)).resolves.toEqual({ ids: [], total: 8 });
    });

    it('lists the requests as stored', async () => {
      const found = await s.repository.list(mine.fresh.clientId!, 'NEW', cutoff, 1, 10);
      expect(found.items).toEqual([mine.fresh]);
    });

    it('lists nothing for a client without requests', async () => {
      await expect(s.repository.list(randomUUID(), undefined, cutoff, 1, 10)).resolves.toEqual({
        items: [],
        total: 0,
      });
    });
  });
}
