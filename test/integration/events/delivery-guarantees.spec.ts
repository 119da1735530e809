import { NatsJetStreamPublisher } from '../../../src/events/adapters/nats/nats-jetstream-publisher.js';
import {
  EventPublisher,
  type PublishReceipt,
} from '../../../src/events/application/event-publisher.port.js';
import { OutboxRelay } from '../../../src/events/application/outbox-relay.service.js';
import {
  OutboxStore,
  type BatchOutcome,
  type OutboxEntry,
} from '../../../src/events/application/outbox-store.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { Clock } from '../../../src/kernel/application/clock.port.js';
import { CountingEventMetrics } from '../../support/fakes/counting-event-metrics.js';
import { NatsServer } from '../../support/nats-server.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  DedupingConsumer,
  events,
  freshStream,
  record,
  sleep,
  streamMessages,
} from './events-fixtures.js';

// Real servers on a shared two-core machine: room for a loaded CI run.
const SLOW = 20_000;

/** Counts what reaches the broker and slows each publish, so two relays overlap in time. */
class RecordingPublisher extends EventPublisher {
  readonly published: string[] = [];
  constructor(
    private readonly inner: EventPublisher,
    private readonly delayMs = 0,
  ) {
    super();
  }
  ready(): Promise<boolean> {
    return this.inner.ready();
  }
  async publish(event: StateChangeEvent): Promise<PublishReceipt> {
    await sleep(this.delayMs);
    const receipt = await this.inner.publish(event);
    this.published.push(event.id);
    return receipt;
  }
  onAvailable(listener: () => void): void {
    this.inner.onAvailable(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The process dies after the broker acknowledged the batch, before the mark commits. */
class DiesBeforeMarking extends OutboxStore {
  constructor(private readonly inner: OutboxStore) {
    super();
  }
  withUnpublishedBatch(
    limit: number,
    now: Date,
    work: (batch: readonly OutboxEntry[]) => Promise<BatchOutcome>,
  ): Promise<BatchOutcome> {
    return this.inner.withUnpublishedBatch(limit, now, async (batch) => {
      await work(batch);
      throw new Error('killed between publish and mark');
    });
  }
  backlog = (): ReturnType<OutboxStore['backlog']> => this.inner.backlog();
  deletePublishedBefore = (cutoff: Date): Promise<number> =>
    this.inner.deletePublishedBefore(cutoff);
  lastSeq = (): Promise<bigint> => this.inner.lastSeq();
  readAfter = (seq: bigint, limit: number): Promise<OutboxEntry[]> =>
    this.inner.readAfter(seq, limit);
  transactionMark = (): Promise<string> => this.inner.transactionMark();
  finishedSince = (mark: string): Promise<boolean> => this.inner.finishedSince(mark);
}

describe('delivery guarantees of the relay (real nats-server, real PostgreSQL)', () => {
  let nats: NatsServer;
  let t: TestApp;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
    // No EVENTS_NATS_URL: the app's own relay stays off; each test builds the relays it needs.
    t = await createTestApp();
  });
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    await t.pool.query('DELETE FROM events');
  });
  afterAll(async () => {
    await t.close();
    await nats.destroy();
  });

  function natsPublisher(
    target: { stream: string; subject: string },
    duplicateWindowMs = 120_000,
  ): NatsJetStreamPublisher {
    return new NatsJetStreamPublisher({
      url: nats.url,
      ...target,
      duplicateWindowMs,
      publishTimeoutMs: 2_000,
      connectTimeoutMs: 1_000,
    });
  }

  function relay(publisher: EventPublisher, store = t.app.get(OutboxStore), batchSize = 5) {
    const metrics = new CountingEventMetrics();
    const instance = new OutboxRelay(store, publisher, metrics, t.app.get(Clock), {
      enabled: true,
      intervalMs: 20,
      batchSize,
      backoffMs: 20,
      maxBackoffMs: 200,
      lagWarnSeconds: 3600,
    });
    relays.push(instance);
    return { relay: instance, metrics };
  }

  it(
    'two relays on one outbox publish each event exactly once in the normal path',
    async () => {
      const target = freshStream();
      const recorded = events(40);
      await record(t.app, ...recorded);
      const first = new RecordingPublisher(natsPublisher(target), 10);
      const second = new RecordingPublisher(natsPublisher(target), 10);
      const a = relay(first);
      const b = relay(second);

      const [roundA, roundB] = await Promise.all([a.relay.relayOnce(), b.relay.relayOnce()]);

      expect(roundA.published + roundB.published).toBe(40);
      expect(first.published.length).toBeGreaterThan(0);
      expect(second.published.length).toBeGreaterThan(0);
      const publishCalls = [...first.published, ...second.published];
      expect(publishCalls).toHaveLength(40);
      expect(new Set(publishCalls)).toEqual(new Set(recorded.map((e) => e.id)));
      expect(a.metrics.duplicates + b.metrics.duplicates).toBe(0);
      const stored = await streamMessages(nats.url, target.stream);
      expect(stored.map((m) => m.payload.id).sort()).toEqual(recorded.map((e) => e.id).sort());
    },
    SLOW,
  );

  it(
    'a relay killed between publish and mark publishes again on restart; JetStream drops the repeat and an id-deduping consumer counts N',
    async () => {
      const target = freshStream();
      const consumer = await DedupingConsumer.listen(nats.url, target.subject);
      const recorded = events(8);
      await record(t.app, ...recorded);

      const dying = relay(natsPublisher(target), new DiesBeforeMarking(t.app.get(OutboxStore)), 20);
      await expect(dying.relay.relayOnce()).rejects.toThrow('killed between publish and mark');
      await dying.relay.stop();
      expect(dying.metrics.publishedCount).toBe(8);
      const { rows } = await t.pool.query(
        'SELECT count(*)::int AS n FROM events WHERE published_at IS NULL AND publish_attempts = 0',
      );
      expect(rows[0].n).toBe(8);

      const restarted = relay(natsPublisher(target));
      await expect(restarted.relay.relayOnce()).resolves.toEqual({ published: 8, failed: false });

      // Observed: the broker acknowledged every repeat as a duplicate and stored each event once.
      expect(restarted.metrics.duplicates).toBe(8);
      expect(await streamMessages(nats.url, target.stream)).toHaveLength(8);
      // A plain subscriber of the subject saw each event twice; deduping by id leaves N.
      await consumer.flush();
      expect(consumer.deliveries).toHaveLength(16);
      expect([...consumer.seen.keys()]).toEqual(recorded.map((e) => e.id));
      await consumer.close();
      const after = await t.pool.query(
        'SELECT count(*)::int AS n FROM events WHERE published_at IS NOT NULL',
      );
      expect(after.rows[0].n).toBe(8);
    },
    SLOW,
  );

  it(
    'past the duplicate window the stream keeps the repeat, and the consumer dedupe by id still counts N',
    async () => {
      const target = freshStream();
      const recorded = events(3);
      await record(t.app, ...recorded);
      const dying = relay(
        natsPublisher(target, 500),
        new DiesBeforeMarking(t.app.get(OutboxStore)),
      );
      await expect(dying.relay.relayOnce()).rejects.toThrow('killed between publish and mark');
      await dying.relay.stop();

      // Waits out the stream's 500 ms duplicate window: a duration on the broker's clock, which no
      // event announces.
      await sleep(1_500);
      const restarted = relay(natsPublisher(target, 500));
      await expect(restarted.relay.relayOnce()).resolves.toEqual({ published: 3, failed: false });

      const stored = await streamMessages(nats.url, target.stream);
      expect(restarted.metrics.duplicates).toBe(0);
      expect(stored).toHaveLength(6);
      const deduped = new Set(stored.map((m) => m.payload.id));
      expect([...deduped]).toEqual(recorded.map((e) => e.id));
    },
    SLOW,
  );
});
