import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { OutboxRetention } from '../../../src/events/application/outbox-retention.service.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { anEvent } from '../../support/event-mother.js';
import { InMemoryOutboxStore } from '../../support/fakes/in-memory-outbox-store.js';
import { ManualTimers } from '../../support/fakes/manual-timers.js';

// The clock reads 2026-11-23T10:00:00Z and events are kept 30 days: the cutoff is
// 2026-10-24T10:00:00Z.
const NOW = new Date('2026-11-23T10:00:00.000Z');
const HOUR_MS = 3_600_000;

describe('OutboxRetention', () => {
  let store: InMemoryOutboxStore;
  let timers: ManualTimers;
  let retention: OutboxRetention;

  beforeEach(() => {
    store = new InMemoryOutboxStore();
    timers = new ManualTimers();
    retention = new OutboxRetention(
      store,
      new FixedClock(NOW),
      { retentionDays: 30, intervalMs: HOUR_MS },
      timers,
    );
  });
  afterEach(async () => {
    await retention.beforeApplicationShutdown();
    jest.restoreAllMocks();
  });

  it.each([
    ['published one millisecond before the cutoff', '2026-10-24T09:59:59.999Z', false],
    ['published at the cutoff', '2026-10-24T10:00:00.000Z', true],
    ['published after the cutoff', '2026-11-01T00:00:00.000Z', true],
    ['never published', null, true],
  ])('keeps an event %s: %s', async (_case, publishedAt, kept) => {
    const event = anEvent({ eventTime: new Date('2025-01-01T00:00:00Z') });
    store.record(event);
    if (publishedAt !== null) store.markPublished(event.id, new Date(publishedAt));

    await expect(retention.purge()).resolves.toBe(kept ? 0 : 1);

    expect(store.rows.map((r) => r.event.id)).toEqual(kept ? [event.id] : []);
  });

  it('purges every hour once the application has started', async () => {
    const expired = anEvent();
    store.record(expired);
    store.markPublished(expired.id, new Date('2026-01-01T00:00:00Z'));

    retention.onApplicationBootstrap();

    expect(timers.pendingDelays).toEqual([HOUR_MS]);
    await expect(timers.fire()).resolves.toBe(HOUR_MS);
    expect(store.rows).toEqual([]);
  });
  it('logs how many events it deleted and the retention, and nothing when none', async () => {
    const logged: unknown[][] = [];
    jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation((...args: unknown[]) => void logged.push(args));
    const expired = anEvent();
    store.record(expired);
    store.markPublished(expired.id, new Date('2026-01-01T00:00:00Z'));

    await retention.purge();
    await retention.purge();

    expect(logged).toEqual([[{ deleted: 1, retention_days: 30 }, 'Deleted expired events']]);
  });

  it('logs a failed round as the outbox-retention task and tries again an hour later', async () => {
    const errors: unknown[][] = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((...args: unknown[]) => void errors.push(args));
    store.deletePublishedBefore = () => Promise.reject(new Error('database unreachable'));
    retention.onApplicationBootstrap();

    await expect(timers.fire()).resolves.toBe(HOUR_MS);

    expect(errors).toEqual([
      [
        {
          task: 'outbox-retention',
          err: expect.objectContaining({ message: 'database unreachable' }),
        },
        'Task round failed',
      ],
    ]);
  });
});
