import type { EventLog } from '../../src/events/application/event-log.port.js';
import type { EventOutbox } from '../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../src/events/domain/state-change-event.js';
import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import { anEvent } from '../support/event-mother.js';
import { CONFLICT } from './person-registry.contract.js';

export interface EventOutboxSubject {
  readonly uow: UnitOfWork;
  readonly outbox: EventOutbox;
  /** Every event the outbox holds, in the order recorded. */
  recorded(): Promise<StateChangeEvent[]>;
}

export interface EventLogSubject {
  readonly log: EventLog;
  /** Stores the events, committed, in the order given. */
  given(...events: StateChangeEvent[]): Promise<void>;
}

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 23, 10, minute));

/**
 * The promises of EventOutbox (docs/domain-rules.md, Events): an event is recorded with the change
 * it describes, in its transaction, once.
 */
export function describeEventOutboxContract(
  name: string,
  makeSubject: () => Promise<EventOutboxSubject>,
): void {
  describe(`the EventOutbox contract: ${name}`, () => {
    let s: EventOutboxSubject;

    beforeEach(async () => {
      s = await makeSubject();
    });

    it('keeps the events of a unit of work that ends well, as recorded and in order', async () => {
      const first = anEvent({
        properties: { verification_status: { new_value: 'CHANGES_NEEDED' } },
      });
      const second = anEvent({ changedBy: null });
      await s.uow.run(async () => {
        await s.outbox.record(first);
        await s.outbox.record(second);
      });
      await expect(s.recorded()).resolves.toEqual([first, second]);
    });

    it('drops the events of a unit of work that throws', async () => {
      const kept = anEvent();
      await s.uow.run(() => s.outbox.record(kept));
      await expect(
        s.uow.run(async () => {
          await s.outbox.record(anEvent());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await expect(s.recorded()).resolves.toEqual([kept]);
    });

    it('records an event once: its id again is a conflict', async () => {
      const event = anEvent();
      await s.uow.run(() => s.outbox.record(event));
      await expect(
        s.uow.run(() => s.outbox.record({ ...event, entityId: anEvent().entityId })),
      ).rejects.toMatchObject(CONFLICT);
      await expect(s.recorded()).resolves.toEqual([event]);
    });
  });
}

/** The promises of EventLog (docs/api.md, Events): filtered, newest first, paged, counted. */
export function describeEventLogContract(
  name: string,
  makeSubject: () => Promise<EventLogSubject>,
): void {
  describe(`the EventLog contract: ${name}`, () => {
    let s: EventLogSubject;
    const person = anEvent().entityId;
    const e = {
      oldest: anEvent({ eventTime: at(1) }),
      tieFirst: anEvent({ eventTime: at(2), entityId: person }),
      tieSecond: anEvent({ eventTime: at(2) }),
      newest: anEvent({ eventTime: at(3), entityId: person }),
    };
    const ids = (...names: (keyof typeof e)[]) => names.map((n) => e[n].id);
    const page = async (filter: Parameters<EventLog['page']>[0], n = 1, size = 10) => {
      const found = await s.log.page(filter, n, size);
      return { ids: found.events.map((x) => x.id), total: found.total };
    };

    beforeEach(async () => {
      s = await makeSubject();
      await s.given(e.oldest, e.tieFirst, e.tieSecond, e.newest);
    });

    it('reads every event newest first, the later recorded first at the same time', async () => {
      await expect(page({})).resolves.toEqual({
        ids: ids('newest', 'tieSecond', 'tieFirst', 'oldest'),
        total: 4,
      });
    });

    it('reads the events as recorded', async () => {
      await expect(s.log.page({ entityId: person }, 1, 1)).resolves.toEqual({
        events: [e.newest],
        total: 2,
      });
    });

    it.each<[string, Parameters<EventLog['page']>[0], (keyof typeof e)[]]>([
      ['an entity', { entityId: person }, ['newest', 'tieFirst']],
      ['an entity type', { entityType: 'Person' }, ['newest', 'tieSecond', 'tieFirst', 'oldest']],
      ['another entity type', { entityType: 'Other' }, []],
      [
        'an event type',
        { eventType: 'StateChangeEvent' },
        ['newest', 'tieSecond', 'tieFirst', 'oldest'],
      ],
      ['another event type', { eventType: 'Other' }, []],
      ['a time from, inclusive', { from: at(2) }, ['newest', 'tieSecond', 'tieFirst']],
      ['a time to, exclusive', { to: at(2) }, ['oldest']],
      ['a window and an entity', { from: at(2), to: at(3), entityId: person }, ['tieFirst']],
    ])('filters by %s', async (_name, filter, expected) => {
      await expect(page(filter)).resolves.toEqual({
        ids: ids(...expected),
        total: expected.length,
      });
    });

    it('pages in its order, every page counting them all', async () => {
      await expect(page({}, 2, 3)).resolves.toEqual({ ids: ids('oldest'), total: 4 });
      await expect(page({}, 3, 3)).resolves.toEqual({ ids: [], total: 4 });
    });
  });
}
