import { EventBus } from '../../../src/events/application/event-bus.js';
import { EventDispatcher } from '../../../src/events/application/event-dispatcher.service.js';
import { anEvent } from '../../support/event-mother.js';
import { InMemoryOutboxStore } from '../../support/fakes/in-memory-outbox-store.js';

// The dispatcher's decisions about holes in seq, on an outbox where the test decides which rows
// are committed and when the transactions of a mark end, including in the middle of a round.
// The same rules against PostgreSQL's snapshots: test/integration/events/subscribers.spec.ts.
describe('in-process dispatch across holes in seq', () => {
  let store: InMemoryOutboxStore;
  let delivered: string[];
  let dispatcher: EventDispatcher;

  beforeEach(() => {
    store = new InMemoryOutboxStore();
    store.onFinishedCheck = () => false;
    const bus = new EventBus();
    delivered = [];
    bus.subscribe((event) => {
      delivered.push(event.id);
    });
    // Not started: the test drives every round with dispatchOnce().
    dispatcher = new EventDispatcher(store, bus, { intervalMs: 60_000, batchSize: 10 });
  });

  it('delivers committed events in seq order when there is no hole', async () => {
    const first = anEvent();
    const second = anEvent();
    store.record(first, second);

    await expect(dispatcher.dispatchOnce()).resolves.toBe(2);

    expect(delivered).toEqual([first.id, second.id]);
  });

  it('does not skip an event whose transaction commits between the read and the check', async () => {
    const early = anEvent();
    const late = anEvent();
    store.recordUncommitted(early);
    store.record(late);
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
    const rolledBack = anEvent();
    const next = anEvent();
    store.recordUncommitted(rolledBack);
    store.record(next);
    store.rollBack(rolledBack);
    await dispatcher.dispatchOnce();
    await dispatcher.dispatchOnce();
    await expect(dispatcher.dispatchOnce()).resolves.toBe(0);
    expect(delivered).toEqual([]);

    store.onFinishedCheck = () => true;
    await dispatcher.dispatchOnce();
    await expect(dispatcher.dispatchOnce()).resolves.toBe(1);

    expect(delivered).toEqual([next.id]);
  });

  it('waits at a hole as long as a transaction of its mark is still running', async () => {
    const early = anEvent();
    store.recordUncommitted(early);
    store.record(anEvent());

    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await dispatcher.dispatchOnce());

    expect(rounds).toEqual([0, 0, 0, 0, 0]);
    expect(delivered).toEqual([]);
  });

  it('starts after the last event committed before it started', async () => {
    const before = anEvent();
    const after = anEvent();
    store.record(before);
    await dispatcher.start();
    await dispatcher.stop();
    store.record(after);

    await expect(dispatcher.dispatchOnce()).resolves.toBe(1);

    expect(delivered).toEqual([after.id]);
  });
});
