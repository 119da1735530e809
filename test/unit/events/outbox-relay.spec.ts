import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  OutboxRelay,
  type OutboxRelayOptions,
} from '../../../src/events/application/outbox-relay.service.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { anEvent, events } from '../../support/event-mother.js';
import { CountingEventMetrics } from '../../support/fakes/counting-event-metrics.js';
import { FakeEventPublisher } from '../../support/fakes/fake-event-publisher.js';
import { InMemoryOutboxStore } from '../../support/fakes/in-memory-outbox-store.js';
import { ManualTimers } from '../../support/fakes/manual-timers.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');

const OPTIONS: OutboxRelayOptions = {
  enabled: true,
  intervalMs: 500,
  batchSize: 3,
  backoffMs: 250,
  maxBackoffMs: 2_000,
  lagWarnSeconds: 3_600,
};

describe('OutboxRelay', () => {
  let store: InMemoryOutboxStore;
  let publisher: FakeEventPublisher;
  let metrics: CountingEventMetrics;
  let timers: ManualTimers;
  let clock: FixedClock;
  let relay: OutboxRelay;

  function relayWith(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    return new OutboxRelay(store, publisher, metrics, clock, { ...OPTIONS, ...options }, timers);
  }

  beforeEach(() => {
    store = new InMemoryOutboxStore();
    publisher = new FakeEventPublisher();
    metrics = new CountingEventMetrics();
    timers = new ManualTimers();
    clock = new FixedClock(NOW);
    relay = relayWith();
  });
  afterEach(async () => {
    await relay.stop();
    jest.restoreAllMocks();
  });

  describe('one round', () => {
    it('publishes every unpublished event oldest first, batch after batch, and marks each published', async () => {
      const recorded = events(7);
      store.record(...recorded);

      await expect(relay.relayOnce()).resolves.toEqual({ published: 7, failed: false });

      expect(publisher.acknowledged).toEqual(recorded.map((e) => e.id));
      expect(store.unpublishedIds).toEqual([]);
      expect(recorded.map((e) => store.row(e.id).publishedAt)).toEqual(recorded.map(() => NOW));
      expect(recorded.map((e) => store.row(e.id).publishAttempts)).toEqual(recorded.map(() => 1));
    });

    it('marks only the events the broker acknowledged and stops at the first refusal', async () => {
      const [first, refused, later, last] = events(4);
      store.record(first, refused, later, last);
      publisher.refuse(refused.id);

      await expect(relay.relayOnce()).resolves.toEqual({ published: 1, failed: true });

      // Nothing after the refused event was attempted: it must not overtake it.
      expect(publisher.attempts).toEqual([first.id, refused.id]);
      expect(store.unpublishedIds).toEqual([refused.id, later.id, last.id]);
      expect(store.row(refused.id).publishAttempts).toBe(1);
      expect(store.row(later.id).publishAttempts).toBe(0);
    });

    it('publishes in recording order across a refusal once the broker accepts again', async () => {
      const recorded = events(5);
      store.record(...recorded);
      publisher.refuse(recorded[2].id);
      await relay.relayOnce();

      publisher.accept(recorded[2].id);
      await expect(relay.relayOnce()).resolves.toEqual({ published: 3, failed: false });

      expect(publisher.acknowledged).toEqual(recorded.map((e) => e.id));
    });

    it('touches nothing and reports a failure while the broker is not ready', async () => {
      store.record(anEvent());
      publisher.goDown();

      await expect(relay.relayOnce()).resolves.toEqual({ published: 0, failed: true });

      expect(publisher.attempts).toEqual([]);
      expect(store.rows[0].publishAttempts).toBe(0);
    });

    it('marks nothing when the batch cannot be recorded after the publishes (at least once)', async () => {
      const recorded = events(2);
      store.record(...recorded);
      const original = store.withUnpublishedBatch.bind(store);
      store.withUnpublishedBatch = (limit, now, work) =>
        original(limit, now, async (batch) => {
          await work(batch);
          throw new Error('connection lost before commit');
        });

      await expect(relay.relayOnce()).rejects.toThrow('connection lost before commit');

      expect(publisher.acknowledged).toEqual(recorded.map((e) => e.id));
      expect(store.unpublishedIds).toEqual(recorded.map((e) => e.id));
    });

    it('counts acknowledged, duplicate and refused publishes', async () => {
      const [known, fresh, refused] = events(3);
      await publisher.publish(known); // the broker already holds it (a relay died before marking)
      store.record(known, fresh, refused);
      publisher.refuse(refused.id);

      await relay.relayOnce();

      expect({ ...metrics }).toEqual({ publishedCount: 2, duplicates: 1, publishFailures: 1 });
    });
  });

  describe('schedule', () => {
    it('relays at once on start, then every interval while rounds succeed', async () => {
      store.record(anEvent());

      relay.start();

      expect(timers.pendingDelays).toEqual([0]);
      await expect(timers.fire()).resolves.toBe(500);
      expect(store.unpublishedIds).toEqual([]);
    });

    it('backs off while the broker is down, doubling up to the cap, and relays at once when it returns', async () => {
      const waiting = events(2);
      store.record(...waiting);
      publisher.goDown();
      relay.start();

      const delays = [];
      for (let i = 0; i < 5; i++) delays.push(await timers.fire());
      expect(delays).toEqual([250, 500, 1_000, 2_000, 2_000]);

      publisher.comeBack();
      expect(timers.pendingDelays).toEqual([0]);
      await expect(timers.fire()).resolves.toBe(500);
      expect(publisher.acknowledged).toEqual(waiting.map((e) => e.id));
    });

    it('backs off after a round that throws, as after a broker failure', async () => {
      store.record(anEvent());
      store.withUnpublishedBatch = () => Promise.reject(new Error('database unreachable'));
      relay.start();

      await expect(timers.fire()).resolves.toBe(250);
      await expect(timers.fire()).resolves.toBe(500);
    });

    it('never starts when no broker is configured', () => {
      const disabled = relayWith({ enabled: false });

      disabled.start();

      expect(disabled.isRunning).toBe(false);
      expect(timers.delays).toEqual([]);
    });

    it('on stop finishes the batch in flight, claims no further one, then closes the publisher', async () => {
      const recorded = events(5);
      store.record(...recorded);
      const release = publisher.block();
      relay.start();
      timers.fireOnly();
      await publisher.attempted(1);

      const stopping = relay.stop();
      release();
      await stopping;

      expect(publisher.acknowledged).toEqual(recorded.slice(0, 3).map((e) => e.id));
      expect(store.unpublishedIds).toEqual(recorded.slice(3).map((e) => e.id));
      expect(publisher.closed).toBe(true);
      expect(timers.pendingDelays).toEqual([]);
    });
  });
  describe('lag warning', () => {
    const LAGGING = 'Event outbox is lagging behind';
    let backlogReads: number;
    let warnings: unknown[][];

    beforeEach(() => {
      backlogReads = 0;
      const read = store.backlog.bind(store);
      store.backlog = () => {
        backlogReads += 1;
        return read();
      };
      warnings = [];
      jest.spyOn(Logger.prototype, 'warn').mockImplementation((...args: unknown[]) => {
        if (args[1] === LAGGING) warnings.push(args);
      });
      relay = relayWith({ lagWarnSeconds: 60 });
    });

    it('never reads the backlog while rounds succeed', async () => {
      store.record(anEvent({ eventTime: new Date(NOW.getTime() - 3_600_000) }));
      relay.start();

      for (let i = 0; i < 3; i++) await timers.fire();

      expect(store.unpublishedIds).toEqual([]);
      expect(backlogReads).toBe(0);
      expect(warnings).toEqual([]);
    });

    it('warns with the backlog and its age while rounds fail, reading the backlog at most once a minute after a warning', async () => {
      store.record(anEvent({ eventTime: new Date(NOW.getTime() - 120_000) }), anEvent());
      publisher.goDown();
      relay.start();

      await timers.fire();
      expect(warnings).toEqual([
        [{ unpublished: 2, oldest_unpublished_age_seconds: 120 }, LAGGING],
      ]);
      expect(backlogReads).toBe(1);

      clock.advance(59_999);
      await timers.fire();
      await timers.fire();
      expect(backlogReads).toBe(1);
      expect(warnings).toHaveLength(1);

      clock.advance(1);
      await timers.fire();
      expect(backlogReads).toBe(2);
      expect(warnings).toHaveLength(2);
      expect(warnings[1][0]).toEqual({ unpublished: 2, oldest_unpublished_age_seconds: 180 });
    });

    it('reads the backlog after each failed round until the oldest event is old enough to warn', async () => {
      store.record(anEvent({ eventTime: NOW }));
      publisher.goDown();
      relay.start();

      await timers.fire();
      await timers.fire();
      expect(backlogReads).toBe(2);
      expect(warnings).toEqual([]);

      clock.advance(60_000);
      await timers.fire();
      expect(warnings).toEqual([[{ unpublished: 1, oldest_unpublished_age_seconds: 60 }, LAGGING]]);
    });
  });
});
