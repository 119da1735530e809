import { ListEventsUseCase } from '../../../src/events/application/list-events.use-case.js';
import { anEvent } from '../../support/event-mother.js';
import { InMemoryEventLog } from '../../support/fakes/in-memory-event-log.js';

describe('ListEventsUseCase', () => {
  let log: InMemoryEventLog;
  let list: ListEventsUseCase;

  beforeEach(() => {
    log = new InMemoryEventLog();
    list = new ListEventsUseCase(log);
  });

  it('passes the entity and type filters through, and no time bounds without a date', async () => {
    const entityId = anEvent().entityId;

    await list.execute({
      entityType: 'Person',
      entityId,
      eventType: 'StateChangeEvent',
      page: 1,
      pageSize: 50,
    });

    expect(log.filters).toEqual([
      { entityType: 'Person', entityId, eventType: 'StateChangeEvent' },
    ]);
  });

  it.each([
    ['winter (UTC+2)', '2026-11-22', '2026-11-21T22:00:00.000Z', '2026-11-22T22:00:00.000Z'],
    ['summer (UTC+3)', '2026-07-01', '2026-06-30T21:00:00.000Z', '2026-07-01T21:00:00.000Z'],
    [
      'the day clocks go forward',
      '2026-03-29',
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
    ],
  ])(
    'turns a date into its Kyiv day in %s: from its midnight to the next',
    async (_n, date, from, to) => {
      await list.execute({ date, page: 1, pageSize: 50 });

      expect(log.filters).toEqual([{ from: new Date(from), to: new Date(to) }]);
    },
  );

  it.each([
    ['2026-11-21T21:59:59.999Z', false],
    ['2026-11-21T22:00:00.000Z', true],
    ['2026-11-22T21:59:59.999Z', true],
    ['2026-11-22T22:00:00.000Z', false],
  ])('lists an event at %s on 2026-11-22: %s', async (eventTime, listed) => {
    const event = anEvent({ eventTime: new Date(eventTime) });
    log.events.push(event);

    const result = await list.execute({ date: '2026-11-22', page: 1, pageSize: 50 });

    expect(result.events).toEqual(listed ? [event] : []);
  });

  it.each([
    [0, 50, 1],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [6, 2, 3],
  ])('counts %i events in pages of %i as %i pages', async (total, pageSize, pages) => {
    for (let i = 0; i < total; i++) log.events.push(anEvent());

    const result = await list.execute({ page: 1, pageSize });

    expect(result).toMatchObject({ total, totalPages: pages, page: 1, pageSize });
  });

  it('returns the requested page, newest first', async () => {
    const times = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];
    const recorded = times.map((day) => anEvent({ eventTime: new Date(`${day}T12:00:00Z`) }));
    log.events.push(...recorded);

    const result = await list.execute({ page: 2, pageSize: 2 });

    expect(result.events).toEqual([recorded[2], recorded[1]]);
  });
});
