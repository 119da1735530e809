import type { DestinationStream } from 'pino';
import { NatsServer } from '../../support/nats-server.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { anEvent, eventually, freshStream, record } from './events-fixtures.js';

// Real servers on a shared two-core machine: room for a loaded CI run.
const SLOW = 20_000;

describe('relay lag in the logs', () => {
  let nats: NatsServer;
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
    await nats.stop();
    const logStream: DestinationStream = { write: (line: string) => void lines.push(line) };
    t = await createTestApp({
      env: {
        EVENTS_NATS_URL: nats.url,
        ...freshStreamEnv(),
        EVENTS_RELAY_INTERVAL_MS: '20',
        LOG_LEVEL: 'warn',
      },
      logStream,
    });
  });
  afterAll(async () => {
    await t.close();
    await nats.destroy();
  });

  function freshStreamEnv(): Record<string, string> {
    const { stream, subject } = freshStream();
    return { EVENTS_STREAM: stream, EVENTS_SUBJECT: subject };
  }

  it(
    'warns with the backlog and its age, without personal data, while the broker is unreachable',
    async () => {
      // The test clock reads 10:00:00; the event has waited two minutes.
      const waiting = anEvent({ eventTime: new Date('2026-11-23T09:58:00Z') });

      await record(t.app, waiting);

      const lag = await eventually(
        () =>
          lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'Event outbox is lagging behind'),
        (line) => line !== undefined,
        4_000,
      );
      expect(lag).toMatchObject({
        level: 40,
        context: 'OutboxRelay',
        unpublished: 1,
        oldest_unpublished_age_seconds: 120,
      });
      const log = lines.join('');
      expect(log).not.toContain(waiting.entityId);
      expect(log).not.toContain(waiting.changedBy);
      const metrics = await t.http.get('/metrics').expect(200);
      expect(metrics.text).toContain('events_outbox_oldest_unpublished_age_seconds 120\n');
    },
    SLOW,
  );
});
