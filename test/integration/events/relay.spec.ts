import { EventPublisher } from '../../../src/events/application/event-publisher.port.js';
import { OutboxRelay } from '../../../src/events/application/outbox-relay.service.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { NatsServer } from '../../support/nats-server.js';
import {
  anEvent,
  eventually,
  events,
  freshStream,
  record,
  streamMessages,
} from './events-fixtures.js';

// Real servers on a shared two-core machine: room for a loaded CI run.
const SLOW = 20_000;

describe('outbox relay to NATS JetStream (real nats-server, real PostgreSQL)', () => {
  let nats: NatsServer;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
  });
  afterEach(async () => {
    await nats.resume();
    for (const t of apps.splice(0)) await t.close();
  });
  afterAll(async () => {
    await nats.destroy();
  });

  async function relayingApp(
    target: { stream: string; subject: string },
    options: { env?: Record<string, string> } = {},
  ): Promise<TestApp> {
    const t = await createTestApp({
      env: {
        EVENTS_NATS_URL: nats.url,
        EVENTS_STREAM: target.stream,
        EVENTS_SUBJECT: target.subject,
        EVENTS_RELAY_INTERVAL_MS: '20',
        ...options.env,
      },
    });
    apps.push(t);
    return t;
  }

  /** The messages of the target's stream, once there are `count` of them. */
  const messagesOn = (target: { stream: string }, count: number, timeoutMs?: number) =>
    eventually(
      () => streamMessages(nats.url, target.stream),
      (m) => m.length === count,
      timeoutMs,
    );

  /** Records one event and waits for it on the stream: the relay and the broker work. */
  async function relayedOne(t: TestApp, target: { stream: string }): Promise<void> {
    await record(t.app, anEvent());
    await messagesOn(target, 1);
  }

  /** Waits until the app's broker client has seen the broker gone. */
  const outageSeen = (t: TestApp): Promise<boolean> =>
    eventually(
      () => t.app.get(EventPublisher).ready(),
      (ready) => !ready,
    );

  const unpublished = async (t: TestApp): Promise<number> =>
    (await t.pool.query('SELECT count(*)::int AS n FROM events WHERE published_at IS NULL')).rows[0]
      .n;

  /** A relay round without the broker publishes and marks nothing: `count` stay unpublished. */
  async function expectFailedRound(t: TestApp, count: number): Promise<void> {
    await expect(t.app.get(OutboxRelay).relayOnce()).resolves.toEqual({
      published: 0,
      failed: true,
    });
    expect(await unpublished(t)).toBe(count);
  }

  it(
    'publishes a recorded event with the exact payload and its id as message id, then marks it published',
    async () => {
      const target = freshStream();
      const t = await relayingApp(target);
      const event = anEvent({
        entityId: '0c1f4d9e-2a4b-4e8f-9d3c-5b6a7e8f9a01',
        changedBy: '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11',
        properties: { verification_status: { new_value: 'VERIFICATION_NEEDED' } },
      });

      await record(t.app, event);

      const messages = await messagesOn(target, 1);
      expect(messages[0]).toEqual({
        msgId: event.id,
        payload: {
          id: event.id,
          event_type: 'StateChangeEvent',
          entity_type: 'Person',
          entity_id: '0c1f4d9e-2a4b-4e8f-9d3c-5b6a7e8f9a01',
          properties: { verification_status: { new_value: 'VERIFICATION_NEEDED' } },
          event_time: '2026-11-23T09:59:58.123Z',
          changed_by: '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11',
        },
      });
      const row = await eventually(
        async () =>
          (
            await t.pool.query('SELECT published_at, publish_attempts FROM events WHERE id = $1', [
              event.id,
            ])
          ).rows[0],
        (r) => r.published_at !== null,
      );
      expect(row).toEqual({
        published_at: new Date('2026-11-23T10:00:00.000Z'),
        publish_attempts: 1,
      });
      const metrics = await t.http.get('/metrics').expect(200);
      expect(metrics.text).toContain('events_published_total 1\n');
      expect(metrics.text).toContain('events_outbox_unpublished 0\n');
    },
    SLOW,
  );

  it(
    'publishes in recording order',
    async () => {
      const target = freshStream();
      const t = await relayingApp(target);
      const recorded = events(25);

      await record(t.app, ...recorded);

      const messages = await messagesOn(target, 25);
      expect(messages.map((m) => m.payload.id)).toEqual(recorded.map((e) => e.id));
    },
    SLOW,
  );

  it(
    'delivers every event recorded during a broker outage once the broker returns',
    async () => {
      const target = freshStream();
      const t = await relayingApp(target);
      await relayedOne(t, target);

      await nats.stop();
      const duringOutage = events(12);
      await record(t.app, ...duringOutage);
      // Once the client has seen the outage, a round publishes and marks nothing.
      await outageSeen(t);
      await expectFailedRound(t, 12);

      await nats.resume();
      const messages = await messagesOn(target, 13, 15_000);
      const ids = messages.slice(1).map((m) => m.payload.id);
      expect(new Set(ids).size).toBe(12);
      expect(ids).toEqual(duringOutage.map((e) => e.id));
      await eventually(
        () => unpublished(t),
        (n) => n === 0,
      );
    },
    SLOW,
  );

  it(
    'shuts down during a broker outage without waiting for the broker',
    async () => {
      const target = freshStream();
      const t = await relayingApp(target);
      await relayedOne(t, target);
      await nats.stop();
      await outageSeen(t);
      apps.splice(apps.indexOf(t), 1);

      // Ends although the connection cannot be drained to a server.
      await expect(t.close()).resolves.toBeUndefined();
    },
    SLOW,
  );

  it(
    'starts while the broker is down and relays once it comes up',
    async () => {
      const target = freshStream();
      await nats.stop();
      const t = await relayingApp(target);
      await t.http.get('/health/live').expect(200);
      const recorded = events(3);
      await record(t.app, ...recorded);
      await expectFailedRound(t, 3);

      await nats.resume();

      const messages = await messagesOn(target, 3, 15_000);
      expect(messages.map((m) => m.payload.id)).toEqual(recorded.map((e) => e.id));
    },
    SLOW,
  );

  it(
    'leaves events in the database when no broker is configured',
    async () => {
      const t = await createTestApp({ env: { EVENTS_RELAY_INTERVAL_MS: '20' } });
      apps.push(t);
      await record(t.app, ...events(2));

      // Never started, so nothing can publish or mark the rows later either.
      expect(t.app.get(OutboxRelay).isRunning).toBe(false);
      const { rows } = await t.pool.query(
        'SELECT published_at, publish_attempts FROM events ORDER BY seq',
      );
      expect(rows).toEqual([
        { published_at: null, publish_attempts: 0 },
        { published_at: null, publish_attempts: 0 },
      ]);
    },
    SLOW,
  );
});
