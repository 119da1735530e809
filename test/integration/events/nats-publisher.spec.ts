import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NatsJetStreamPublisher } from '../../../src/events/adapters/nats/nats-jetstream-publisher.js';
import { NatsServer } from '../../support/nats-server.js';
import { anEvent, eventually, freshStream, streamMessages } from './events-fixtures.js';

// Real servers on a shared two-core machine: room for a loaded CI run.
const SLOW = 20_000;

/** The NATS adapter alone against a real nats-server with JetStream. */
describe('NatsJetStreamPublisher (real nats-server)', () => {
  let nats: NatsServer;
  const publishers: NatsJetStreamPublisher[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
  });
  afterEach(async () => {
    await nats.resume();
    for (const publisher of publishers.splice(0)) await publisher.close();
  });
  afterAll(async () => {
    await nats.destroy();
  });

  function publisher(target: { stream: string; subject: string }): NatsJetStreamPublisher {
    const created = new NatsJetStreamPublisher({
      url: nats.url,
      ...target,
      duplicateWindowMs: 120_000,
      publishTimeoutMs: 2_000,
      connectTimeoutMs: 1_000,
    });
    publishers.push(created);
    return created;
  }

  it(
    'creates its stream with the duplicate window, and reports a repeated id as a duplicate stored once',
    async () => {
      const target = freshStream();
      const events = publisher(target);
      const event = anEvent();

      await expect(events.ready()).resolves.toBe(true);
      await expect(events.publish(event)).resolves.toEqual({ duplicate: false });
      await expect(events.publish(event)).resolves.toEqual({ duplicate: true });

      const stored = await streamMessages(nats.url, target.stream);
      expect(stored.map((m) => m.msgId)).toEqual([event.id]);
      const nc = await connect({ servers: nats.url });
      try {
        const info = await (await jetstreamManager(nc)).streams.info(target.stream);
        expect(info.config.duplicate_window).toBe(120_000 * 1_000_000);
        expect(info.config.subjects).toEqual([target.subject]);
      } finally {
        await nc.close();
      }
    },
    SLOW,
  );

  it(
    'answers false from ready() while the broker is down at start, then true once it is up',
    async () => {
      await nats.stop();
      const events = publisher(freshStream());

      await expect(events.ready()).resolves.toBe(false);
      await expect(events.publish(anEvent())).rejects.toThrow('NATS is not connected');

      await nats.resume();
      await expect(events.ready()).resolves.toBe(true);
    },
    SLOW,
  );

  it(
    'tells its listeners as soon as the broker is back after an outage',
    async () => {
      const events = publisher(freshStream());
      await expect(events.ready()).resolves.toBe(true);
      const back = new Promise<void>((resolve) => events.onAvailable(resolve));

      await nats.stop();
      await eventually(
        () => events.ready(),
        (ready) => !ready,
      );
      await expect(events.publish(anEvent())).rejects.toThrow('NATS is not connected');
      await nats.resume();

      await back;
      await expect(events.ready()).resolves.toBe(true);
      await expect(events.publish(anEvent())).resolves.toEqual({ duplicate: false });
    },
    SLOW,
  );

  it(
    'creates the stream again when it was lost',
    async () => {
      const target = freshStream();
      const events = publisher(target);
      await expect(events.ready()).resolves.toBe(true);
      const nc = await connect({ servers: nats.url });
      try {
        await (await jetstreamManager(nc)).streams.delete(target.stream);
      } finally {
        await nc.close();
      }
      const event = anEvent();

      await expect(events.publish(event)).rejects.toThrow();
      await expect(events.ready()).resolves.toBe(true);
      await expect(events.publish(event)).resolves.toEqual({ duplicate: false });

      const stored = await streamMessages(nats.url, target.stream);
      expect(stored.map((m) => m.payload.id)).toEqual([event.id]);
    },
    SLOW,
  );

  it(
    'refuses to publish after close',
    async () => {
      const events = publisher(freshStream());
      await expect(events.ready()).resolves.toBe(true);

      await events.close();

      await expect(events.ready()).resolves.toBe(false);
      await expect(events.publish(anEvent())).rejects.toThrow('NATS is not connected');
    },
    SLOW,
  );
});
