import { EventBus } from '../../../src/events/application/event-bus.js';
import { EventOutbox } from '../../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { UnitOfWork } from '../../../src/shared/application/unit-of-work.port.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { anEvent, eventually, record, sleep } from './events-fixtures.js';

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

      await record(t.app, late);
      await sleep(300);
      expect(received).toEqual([]);

      commit();
      await slowTransaction;
      const delivered = await eventually(
        () => ids(received),
        (list) => list.length === 2,
        3_000,
      );
      expect(delivered).toEqual([early.id, late.id]);
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
      const first = anEvent();

      await record(t.app, first);
      await eventually(
        () => received.length,
        (n) => n === 1,
      );
      offFailing();
      unsubscribe();
      await record(t.app, anEvent());
      await sleep(200);

      expect(ids(received)).toEqual([first.id]);
    },
    SLOW,
  );
});
