import { EventBus } from '../../../src/events/application/event-bus.js';
import { EventDispatcher } from '../../../src/events/application/event-dispatcher.service.js';
import { EventOutbox } from '../../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { anEvent, eventually, record } from './events-fixtures.js';

// Real servers on a shared two-core machine: room for a loaded CI run.
const SLOW = 20_000;

describe('in-process subscribers (EventBus)', () => {
  let t: TestApp;
  let received: StateChangeEvent[];
  let unsubscribe: () => void;

  beforeAll(async () => {
    // No broker: subscribers are fed from the outbox all the same.
    t = await createTestApp({ env: { EVENTS_RELAY_INTERVAL_MS: '20' } });
  });
  beforeEach(() => {
    received = [];
    unsubscribe = t.app.get(EventBus).subscribe((event) => {
      received.push(event);
    });
  });
  afterEach(() => {
    unsubscribe();
  });
  afterAll(async () => {
    await t.close();
  });

  const ids = (list: StateChangeEvent[]): string[] => list.map((e) => e.id);

  it(
    'hands a subscriber each recorded event after its transaction commits',
    async () => {
      const event = anEvent();

      await record(t.app, event);

      await eventually(
        () => received.length,
        (n) => n === 1,
      );
      expect(received[0]).toEqual(event);
    },
    SLOW,
  );

  it(
    'waits for an earlier transaction that commits late, then delivers in seq order',
    async () => {
      const uow = t.app.get(UnitOfWork);
      const outbox = t.app.get(EventOutbox);
      // Rounds driven by the test: each one's outcome is observed, none is waited for.
      const dispatcher = t.app.get(EventDispatcher);
      await dispatcher.stop();
      const early = anEvent();
      const late = anEvent();
      let commit!: () => void;
      const gate = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedEarly = new Promise<void>((resolve) => (inserted = resolve));
      const slowTransaction = uow.run(async () => {
        await outbox.record(early);
        inserted();
        await gate;
      });
      await insertedEarly;

      try {
        await record(t.app, late);
        // Sees the hole, takes the snapshot mark, finds the early transaction still running.
        const whileOpen = [];
        for (let i = 0; i < 4; i++) whileOpen.push(await dispatcher.dispatchOnce());
        expect(whileOpen).toEqual([0, 0, 0, 0]);
        expect(received).toEqual([]);

        commit();
        await slowTransaction;
        await expect(dispatcher.dispatchOnce()).resolves.toBe(2);
        expect(ids(received)).toEqual([early.id, late.id]);
      } finally {
        commit();
        await dispatcher.start();
      }
    },
    SLOW,
  );

  it(
    'never delivers a rolled-back event and does not stall on the hole it leaves',
    async () => {
      const uow = t.app.get(UnitOfWork);
      const outbox = t.app.get(EventOutbox);
      const rolledBack = anEvent();
      const next = anEvent();

      await expect(
        uow.run(async () => {
          await outbox.record(rolledBack);
          throw new Error('approval failed');
        }),
      ).rejects.toThrow('approval failed');
      await record(t.app, next);

      await eventually(
        () => received.length,
        (n) => n === 1,
      );
      expect(ids(received)).toEqual([next.id]);
    },
    SLOW,
  );

  it(
    'keeps delivering to other subscribers when one throws, and stops after unsubscribe',
    async () => {
      const bus = t.app.get(EventBus);
      const offFailing = bus.subscribe(() => {
        throw new Error('subscriber bug');
      });
      const afterFailing: StateChangeEvent[] = [];
      const offAfter = bus.subscribe((event) => {
        afterFailing.push(event);
      });
      const first = anEvent();
      const second = anEvent();

      await record(t.app, first);
      await eventually(
        () => afterFailing.length,
        (n) => n === 1,
      );
      offFailing();
      unsubscribe();
      await record(t.app, second);
      // Handlers get each event in one pass: once the remaining one has the second event, an
      // unsubscribed handler would have had it too.
      await eventually(
        () => afterFailing.length,
        (n) => n === 2,
      );
      offAfter();

      expect(ids(afterFailing)).toEqual([first.id, second.id]);
      expect(ids(received)).toEqual([first.id]);
    },
    SLOW,
  );
});
