import { randomUUID } from 'node:crypto';
import type { RelationshipRepository } from '../../src/confidant-relationship/application/relationship-repository.port.js';
import type { Relationship } from '../../src/confidant-relationship/domain/relationship.js';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import { aRelationship, NOW, USER_ID } from '../support/mothers.js';
import { CONFLICT } from './person-registry.contract.js';
import { LOCK_HELD, secondLockWaitsForFirst } from './row-lock.js';

export interface RelationshipRepositorySubject {
  readonly uow: UnitOfWork;
  readonly repository: RelationshipRepository;
}

const TODAY = '2026-11-23';
const MINUTE = 60_000;
const ago = (minutes: number): Date => new Date(NOW.getTime() - minutes * MINUTE);
const byId = (rs: readonly Relationship[]): string[] => rs.map((r) => r.id).sort();

/**
 * The promises of RelationshipRepository (docs/domain-rules.md, Confidant person
 * relationships): what is written reads back, a relationship holds while active up to its last
 * day, one active relationship per person and confidant (database-enforced: a conflict), lapsed
 * ones ended so a new one may start, a person's list newest first and paged, locks held to the
 * end of the unit of work.
 */
export function describeRelationshipRepositoryContract(
  name: string,
  makeSubject: () => Promise<RelationshipRepositorySubject>,
): void {
  describe(`the RelationshipRepository contract: ${name}`, () => {
    let s: RelationshipRepositorySubject;

    beforeEach(async () => {
      s = await makeSubject();
    });

    const insert = (...rs: Relationship[]): Promise<void> =>
      s.uow.run(async () => {
        for (const r of rs) await s.repository.insert(r);
      });

    it('answers null for a relationship it does not hold, read or locked', async () => {
      await expect(s.repository.findById(randomUUID())).resolves.toBeNull();
      await expect(
        s.uow.run(() => s.repository.findByIdForUpdate(randomUUID())),
      ).resolves.toBeNull();
    });

    it('reads an inserted relationship back as written, read or locked', async () => {
      const relationship = aRelationship({
        documents: [
          {
            type: 'COURT_DECISION',
            number: '2-117/26',
            issuedBy: null,
            issuedAt: null,
            activeTo: null,
          },
          {
            type: 'BIRTH_CERTIFICATE',
            number: 'АА1',
            issuedBy: 'РАЦС',
            issuedAt: '2017-02-28',
            activeTo: '2030-08-19',
          },
        ],
        isActive: false,
        insertedBy: null,
        updatedBy: null,
      });
      await insert(relationship);

      await expect(s.repository.findById(relationship.id)).resolves.toEqual(relationship);
      await expect(
        s.uow.run(() => s.repository.findByIdForUpdate(relationship.id)),
      ).resolves.toEqual(relationship);
    });

    it('refuses a second relationship of the same id as a conflict, keeping the first', async () => {
      const relationship = aRelationship();
      await insert(relationship);
      await expect(
        insert({ ...relationship, personId: randomUUID(), isActive: false }),
      ).rejects.toMatchObject(CONFLICT);
      await expect(s.repository.findById(relationship.id)).resolves.toEqual(relationship);
    });

    it('refuses a second active relationship of a person and confidant as a conflict', async () => {
      const first = aRelationship();
      await insert(first);
      const second = aRelationship({
        personId: first.personId,
        confidantPersonId: first.confidantPersonId,
      });

      await expect(insert(second)).rejects.toMatchObject(CONFLICT);
      await expect(s.repository.findById(second.id)).resolves.toBeNull();
    });

    it('keeps ended relationships of the pair, and active ones of other pairs, beside an active one', async () => {
      const active = aRelationship();
      const pair = { personId: active.personId, confidantPersonId: active.confidantPersonId };
      const ended = [
        aRelationship({ ...pair, isActive: false }),
        aRelationship({ ...pair, isActive: false }),
      ];
      const otherConfidant = aRelationship({ personId: active.personId });
      const otherPerson = aRelationship({ confidantPersonId: active.confidantPersonId });

      await insert(active, ...ended, otherConfidant, otherPerson);

      for (const r of [active, ...ended, otherConfidant, otherPerson]) {
        await expect(s.repository.findById(r.id)).resolves.toEqual(r);
      }
    });

    it('finds the person’s relationships that hold today: active, today their last day at the earliest', async () => {
      const personId = randomUUID();
      const holding = [
        aRelationship({ personId, activeTo: '2027-01-01' }),
        aRelationship({ personId, activeTo: TODAY }),
      ];
      await insert(
        ...holding,
        aRelationship({ personId, activeTo: '2026-11-22' }),
        aRelationship({ personId, isActive: false, activeTo: '2027-01-01' }),
        aRelationship({ activeTo: '2027-01-01' }),
      );

      const found = await s.repository.holdingOf(personId, TODAY);
      expect(byId(found)).toEqual(byId(holding));
      expect(found.find((r) => r.id === holding[0].id)).toEqual(holding[0]);
      await expect(s.repository.holdingOf(randomUUID(), TODAY)).resolves.toEqual([]);
    });

    it('ends the pair’s lapsed relationships alone, so that a new one may start', async () => {
      const lapsed = aRelationship({ activeTo: '2026-11-22' });
      const pair = { personId: lapsed.personId, confidantPersonId: lapsed.confidantPersonId };
      const otherPair = aRelationship({ personId: lapsed.personId, activeTo: '2026-11-22' });
      const lastDayToday = aRelationship({ activeTo: TODAY });
      await insert(lapsed, otherPair, lastDayToday);

      await s.uow.run(async () => {
        await s.repository.endLapsed(pair.personId, pair.confidantPersonId, TODAY);
        await s.repository.endLapsed(lastDayToday.personId, lastDayToday.confidantPersonId, TODAY);
      });

      await expect(s.repository.findById(lapsed.id)).resolves.toEqual({
        ...lapsed,
        isActive: false,
      });
      await expect(s.repository.findById(otherPair.id)).resolves.toEqual(otherPair);
      await expect(s.repository.findById(lastDayToday.id)).resolves.toEqual(lastDayToday);
      const next = aRelationship({ ...pair, activeTo: '2027-11-23' });
      await insert(next);
      await expect(s.repository.findById(next.id)).resolves.toEqual(next);
    });

    it('writes the state of a change, and nothing a relationship keeps from its start', async () => {
      const relationship = aRelationship();
      await insert(relationship);
      const ended: Relationship = {
        ...relationship,
        isActive: false,
        activeTo: TODAY,
        updatedBy: randomUUID(),
        updatedAt: NOW,
      };

      await s.uow.run(() =>
        s.repository.updateState({
          ...ended,
          personId: randomUUID(),
          confidantPersonId: randomUUID(),
          documents: [],
          verificationStatus: 'VERIFIED',
          verificationReason: 'elsewhere',
          insertedBy: null,
          insertedAt: NOW,
        }),
      );

      await expect(s.repository.findById(relationship.id)).resolves.toEqual(ended);
    });

    it('writes nothing for a relationship it does not hold', async () => {
      const relationship = aRelationship();
      await s.uow.run(() => s.repository.updateState({ ...relationship, isActive: false }));
      await expect(s.repository.findById(relationship.id)).resolves.toBeNull();
    });

    it('undoes the writes of a unit of work that throws', async () => {
      const kept = aRelationship({ activeTo: '2026-11-22' });
      await insert(kept);
      const undone = aRelationship();

      await expect(
        s.uow.run(async () => {
          await s.repository.insert(undone);
          await s.repository.endLapsed(kept.personId, kept.confidantPersonId, TODAY);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      await expect(s.repository.findById(undone.id)).resolves.toBeNull();
      await expect(s.repository.findById(kept.id)).resolves.toEqual(kept);
    });

    it('holds a relationship locked until the unit of work ends, then shows its writes', async () => {
      const relationship = aRelationship();
      await insert(relationship);
      const ended = { ...relationship, isActive: false, updatedBy: USER_ID, updatedAt: NOW };

      const { order, read } = await secondLockWaitsForFirst(
        s.uow,
        () => s.repository.findByIdForUpdate(relationship.id),
        () => s.repository.updateState(ended),
      );

      expect(order).toEqual(LOCK_HELD);
      expect(read).toEqual(ended);
    });
  });

  describe(`the RelationshipRepository list: ${name}`, () => {
    let s: RelationshipRepositorySubject;
    const personId = randomUUID();
    /** The person's relationships, newest first; two share a creation time (the id decides). */
    let mine: Record<string, Relationship>;

    beforeEach(async () => {
      s = await makeSubject();
      const [tieA, tieB] = [randomUUID(), randomUUID()].sort();
      mine = {
        fresh: aRelationship({ personId, insertedAt: ago(10) }),
        tieHigh: aRelationship({ personId, id: tieB, insertedAt: ago(20) }),
        tieLow: aRelationship({ personId, id: tieA, isActive: false, insertedAt: ago(20) }),
        lastDayToday: aRelationship({ personId, activeTo: TODAY, insertedAt: ago(30) }),
        lapsed: aRelationship({ personId, activeTo: '2026-11-22', insertedAt: ago(40) }),
        ended: aRelationship({
          personId,
          isActive: false,
          activeTo: '2026-01-01',
          insertedAt: ago(50),
        }),
        old: aRelationship({ personId, insertedAt: ago(60) }),
      };
      await s.uow.run(async () => {
        // Stored out of their order, so that the list's order is its own.
        for (const n of ['old', 'tieLow', 'fresh', 'ended', 'tieHigh', 'lapsed', 'lastDayToday']) {
          await s.repository.insert(mine[n]);
        }
        await s.repository.insert(aRelationship({ insertedAt: NOW }));
      });
    });

    const ids = async (expired: boolean, page = 1, size = 50) => {
      const found = await s.repository.list(personId, expired, TODAY, page, size);
      return { ids: found.items.map((r) => r.id), total: found.total };
    };
    const of = (...names: string[]) => names.map((n) => mine[n].id);

    it.each<[boolean, string[]]>([
      [false, ['fresh', 'tieHigh', 'lastDayToday', 'old']],
      [true, ['tieLow', 'lapsed', 'ended']],
    ])('lists the person’s relationships, expired %s, newest first', async (expired, names) => {
      await expect(ids(expired)).resolves.toEqual({ ids: of(...names), total: names.length });
    });

    it('pages the list in its order, every page counting them all', async () => {
      await expect(ids(false, 2, 3)).resolves.toEqual({ ids: of('old'), total: 4 });
      await expect(ids(false, 3, 3)).resolves.toEqual({ ids: [], total: 4 });
    });

    it('lists the relationships as stored', async () => {
      const found = await s.repository.list(personId, false, TODAY, 1, 1);
      expect(found.items).toEqual([mine.fresh]);
    });

    it('lists nothing for a person without relationships', async () => {
      await expect(s.repository.list(randomUUID(), false, TODAY, 1, 10)).resolves.toEqual({
        items: [],
        total: 0,
      });
    });
  });
}
