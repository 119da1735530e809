import { EventBus } from '../../../src/events/application/event-bus.js';
import { EventDispatcher } from '../../../src/events/application/event-dispatcher.service.js';
import {
  OutboxStore,
  type BatchOutcome,
  type OutboxEntry,
} from '../../../src/events/application/outbox-store.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { anEvent } from './events-fixtures.js';

/**
 * An outbox in memory where the test decides which rows are committed and when the
 * transactions of a mark end — including in the middle of a dispatcher round.
 */
class ScriptedOutbox extends OutboxStore {
  readonly rows: { seq: bigint; event: StateChangeEvent; committed: boolean }[] = [];
  onFinishedCheck: () => boolean = () => false;

  add(seq: number, committed: boolean): StateChangeEvent {
    const event = anEvent();
    this.rows.push({ seq: BigInt(seq), event, committed });
    return event;
  }
  commit(event: StateChangeEvent): void {
    this.rows.find((r) => r.event === event)!.committed = true;
  }

  withUnpublishedBatch(): Promise<BatchOutcome> {
    throw new Error('not used');
  }
  backlog(): Promise<never> {
    throw new Error('not used');
  }
  deletePublishedBefore(): Promise<number> {
    throw new Error('not used');
  }
  lastSeq(): Promise<bigint> {
    return Promise.resolve(0n);
  }
  readAfter(afterSeq: bigint, limit: number): Promise<OutboxEntry[]> {
    return Promise.resolve(
      this.rows
        .filter((r) => r.committed && r.seq > afterSeq)
        .sort((a, b) => Number(a.seq - b.seq))
        .slice(0, limit)
        .map((r) => ({ seq: r.seq, event: r.event, publishAttempts: 0 })),
    );
  }
  transactionMark(): Promise<string> {
    return Promise.resolve('mark');
  }
  finishedSince(): Promise<boolean> {
    return Promise.resolve(this.onFinishedCheck());
  }
}

describe('in-process dispatch across holes in seq', () => {
  let store: ScriptedOutbox;
  let delivered: string[];
  let dispatcher: EventDispatcher;

  beforeEach(async () => {
    store = new ScriptedOutbox();
    const bus = new EventBus();
    delivered = [];
    bus.subscribe((event) => {
      delivered.push(event.id);
    });
    dispatcher = new EventDispatcher(store, bus, { intervalMs: 60_000, batchSize: 10 });
    await dispatcher.start();
  });
  afterEach(async () => {
    await dispatcher.stop();
  });

  it('does not skip an event whose transaction commits between the read and the check', async () => {
    const early = store.add(1, false);
    const late = store.add(2, true);
    await dispatcher.dispatchOnce(); // notes the hole
    await dispatcher.dispatchOnce(); // takes the mark
    store.onFinishedCheck = () => {
      store.commit(early); // committed after this round read the rows
      return true;
    };

    await expect(dispatcher.dispatchOnce()).resolves.toBe(0);
    await expect(dispatcher.dispatchOnce()).resolves.toBe(2);

    expect(delivered).toEqual([early.id, late.id]);
  });

  it('skips the hole of a rolled-back insert once every transaction of the mark has ended', async () => {
    store.add(1, false); // rolled back: never committed
    const next = store.add(2, true);
    await dispatcher.dispatchOnce();
    await dispatcher.dispatchOnce();
    await expect(dispatcher.dispatchOnce()).resolves.toBe(0);
    expect(delivered).toEqual([]);

    store.onFinishedCheck = () => true;
    await dispatcher.dispatchOnce();
    await expect(dispatcher.dispatchOnce()).resolves.toBe(1);

    expect(delivered).toEqual([next.id]);
  });
});
