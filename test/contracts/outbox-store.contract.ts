import type {
  BatchOutcome,
  OutboxEntry,
  OutboxStore,
} from '../../src/events/application/outbox-store.port.js';
import type { StateChangeEvent } from '../../src/events/domain/state-change-event.js';
import { anEvent } from '../support/event-mother.js';
import { until } from '../support/until.js';

export interface OutboxStoreSubject {
  readonly store: OutboxStore;
  /** Records the events, each committed, in the order given. */
  given(...events: StateChangeEvent[]): Promise<void>;
  /** Records the event in a transaction left open; the answer commits it. */
  uncommitted(event: StateChangeEvent): Promise<() => Promise<void>>;
}

const NOW = new Date('2026-11-23T10:00:00.000Z');
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 23, 9, minute));
const idsOf = (batch: readonly OutboxEntry[]): string[] => batch.map((entry) => entry.event.id);
const nothing: BatchOutcome = { publishedIds: [], attemptedIds: [] };

/**
 * The promises of OutboxStore that the relay, the dispatcher and the retention rely on
 * (docs/reliability.md): batches in seq order, claimed rows skipped by other relays, outcomes
 * written with the batch, uncommitted rows unseen, and marks of the open transactions.
 */
export function describeOutboxStoreContract(
  name: string,
  makeSubject: () => Promise<OutboxStoreSubject>,
): void {
  describe(`the OutboxStore contract: ${name}`, () => {
    let s: OutboxStoreSubject;
    const e = [anEvent({ eventTime: at(3) }), anEvent({ eventTime: at(1) }), anEvent(), anEvent()];

    beforeEach(async () => {
      s = await makeSubject();
    });

    it('is empty at first', async () => {
      await expect(s.store.lastSeq()).resolves.toBe(0n);
      await expect(s.store.readAfter(0n, 10)).resolves.toEqual([]);
      await expect(s.store.backlog()).resolves.toEqual({
        unpublished: 0,
        oldestUnpublishedAt: null,
      });
      await expect(
        s.store.withUnpublishedBatch(10, NOW, () => Promise.reject(new Error('no'))),
      ).resolves.toEqual(nothing);
    });

    it('claims the oldest unpublished first and writes the outcome with the batch', async () => {
      await s.given(...e);
      let claimed: string[] = [];
      const outcome = { publishedIds: [e[0].id], attemptedIds: [e[0].id, e[1].id] };

      await expect(
        s.store.withUnpublishedBatch(3, NOW, (batch) => {
          claimed = idsOf(batch);
          return Promise.resolve(outcome);
        }),
      ).resolves.toEqual(outcome);

      expect(claimed).toEqual([e[0].id, e[1].id, e[2].id]);
      const entries = await s.store.readAfter(0n, 10);
      expect(entries.map((x) => [x.event, x.publishAttempts])).toEqual([
        [e[0], 1],
        [e[1], 1],
        [e[2], 0],
        [e[3], 0],
      ]);
      await expect(s.store.backlog()).resolves.toEqual({
        unpublished: 3,
        oldestUnpublishedAt: at(1),
      });
      let next: string[] = [];
      await s.store.withUnpublishedBatch(10, NOW, (batch) => {
        next = idsOf(batch);
        return Promise.resolve(nothing);
      });
      expect(next).toEqual([e[1].id, e[2].id, e[3].id]);
    });

    it('writes nothing for a batch whose work throws', async () => {
      await s.given(...e);
      await expect(
        s.store.withUnpublishedBatch(2, NOW, () => Promise.reject(new Error('broker down'))),
      ).rejects.toThrow('broker down');

      const entries = await s.store.readAfter(0n, 10);
      expect(entries.map((x) => x.publishAttempts)).toEqual([0, 0, 0, 0]);
      await expect(s.store.backlog()).resolves.toMatchObject({ unpublished: 4 });
    });

    it('skips the rows another relay holds, without waiting for them', async () => {
      await s.given(...e);
      let other: string[] = [];
      await s.store.withUnpublishedBatch(2, NOW, async () => {
        await s.store.withUnpublishedBatch(10, NOW, (batch) => {
          other = idsOf(batch);
          return Promise.resolve(nothing);
        });
        return nothing;
      });
      expect(other).toEqual([e[2].id, e[3].id]);
    });

    it('reads after a seq, in seq order, up to the limit', async () => {
      await s.given(...e);
      const all = await s.store.readAfter(0n, 10);
      expect(idsOf(all)).toEqual(e.map((event) => event.id));
      expect(all.map((x) => x.seq)).toEqual(
        [...all.map((x) => x.seq)].sort((a, b) => (a < b ? -1 : 1)),
      );
      await expect(s.store.lastSeq()).resolves.toBe(all[3].seq);
      await expect(s.store.readAfter(all[1].seq, 1).then(idsOf)).resolves.toEqual([e[2].id]);
      await expect(s.store.readAfter(all[3].seq, 10)).resolves.toEqual([]);
    });

    it('deletes the events published before the cutoff, and only those', async () => {
      await s.given(...e);
      const publish = (ids: string[], when: Date) =>
        s.store.withUnpublishedBatch(10, when, () =>
          Promise.resolve({ publishedIds: ids, attemptedIds: ids }),
        );
      await publish([e[0].id], at(10));
      await publish([e[1].id], at(20));

      await expect(s.store.deletePublishedBefore(at(20))).resolves.toBe(1);
      await expect(s.store.readAfter(0n, 10).then(idsOf)).resolves.toEqual([
        e[1].id,
        e[2].id,
        e[3].id,
      ]);
      await expect(s.store.deletePublishedBefore(at(20))).resolves.toBe(0);
    });

    it('shows no uncommitted event, and each one once committed', async () => {
      await s.given(e[0]);
      const commit = await s.uncommitted(e[1]);
      await s.given(e[2]);

      await expect(s.store.readAfter(0n, 10).then(idsOf)).resolves.toEqual([e[0].id, e[2].id]);
      await expect(s.store.backlog()).resolves.toMatchObject({ unpublished: 2 });
      let claimed: string[] = [];
      await s.store.withUnpublishedBatch(10, NOW, (batch) => {
        claimed = idsOf(batch);
        return Promise.resolve(nothing);
      });
      expect(claimed).toEqual([e[0].id, e[2].id]);

      await commit();
      await expect(s.store.readAfter(0n, 10).then(idsOf)).resolves.toEqual([
        e[0].id,
        e[1].id,
        e[2].id,
      ]);
    });

    it('tells when every transaction open at a mark has ended', async () => {
      const commit = await s.uncommitted(e[0]);
      const mark = await s.store.transactionMark();
      await s.given(e[1]);
      await expect(s.store.finishedSince(mark)).resolves.toBe(false);

      await commit();
      // Other test files share the cluster, and a snapshot sees their transactions too: the
      // promise is "once they have ended", so it is waited for.
      await until('the mark’s transactions ended', () => s.store.finishedSince(mark));
      const quiet = await s.store.transactionMark();
      await until('a quiet mark ended', () => s.store.finishedSince(quiet));
    });
  });
}
