import type { INestApplicationContext } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventOutbox } from '../../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';

export { anEvent, events } from '../../support/event-mother.js';

/** Records events the way a use case does: through the outbox port, inside a unit of work. */
export async function record(
  app: INestApplicationContext,
  ...events: StateChangeEvent[]
): Promise<void> {
  const uow = app.get(UnitOfWork);
  const outbox = app.get(EventOutbox);
  for (const event of events) await uow.run(() => outbox.record(event));
}

export interface StoredMessage {
  readonly msgId: string | undefined;
  readonly payload: Record<string, unknown>;
}

/** Every message the stream holds, in stream order. */
export async function streamMessages(url: string, stream: string): Promise<StoredMessage[]> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const messages: StoredMessage[] = [];
    for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message === null) throw new Error(`stream ${stream} has no message ${seq}`);
      messages.push({
        msgId: message.header.get('Nats-Msg-Id'),
        payload: message.json<Record<string, unknown>>(),
      });
    }
    return messages;
  } finally {
    await nc.close();
  }
}

/** A consumer of the subject that keeps every delivery and dedupes by event id. */
export class DedupingConsumer {
  readonly deliveries: string[] = [];
  readonly seen = new Map<string, Record<string, unknown>>();
  private constructor(private readonly nc: NatsConnection) {}

  static async listen(url: string, subject: string): Promise<DedupingConsumer> {
    const nc = await connect({ servers: url });
    const consumer = new DedupingConsumer(nc);
    nc.subscribe(subject, {
      callback: (_error, message) => {
        const payload = message.json<Record<string, unknown>>();
        const id = String(payload.id);
        consumer.deliveries.push(id);
        if (!consumer.seen.has(id)) consumer.seen.set(id, payload);
      },
    });
    await nc.flush();
    return consumer;
  }

  /**
   * Resolves once every message the server sent this consumer before now has been handed to its
   * callback (a PING's PONG follows them on the same connection).
   */
  async flush(): Promise<void> {
    await this.nc.flush();
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

/** Polls `probe` until it returns a value `accept` takes; fails with the last value seen. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms; last value ${JSON.stringify(last)}` +
      (lastError instanceof Error ? `, last error ${lastError.message}` : ''),
  );
}

let streams = 0;

/** A fresh stream and subject per test, so tests sharing one server do not see each other. */
export function freshStream(): { stream: string; subject: string } {
  streams += 1;
  const tag = `${process.pid}_${streams}`;
  return { stream: `EVENTS_TEST_${tag}`, subject: `event_manager.test_${tag}` };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
