import { NatsJetStreamPublisher } from '../../../src/events/adapters/nats/nats-jetstream-publisher.js';
import {
  EventRowMapper,
  EVENT_COLUMNS,
  type EventRow,
} from '../../../src/events/adapters/persistence/event-row.mapper.js';
import { TypeOrmEventLog } from '../../../src/events/adapters/persistence/typeorm-event-log.js';
import {
  EVENT_INSERT_SQL,
  TypeOrmEventOutbox,
} from '../../../src/events/adapters/persistence/typeorm-event-outbox.js';
import { TypeOrmOutboxStore } from '../../../src/events/adapters/persistence/typeorm-outbox-store.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import {
  describeEventLogContract,
  describeEventOutboxContract,
} from '../../contracts/event-ports.contract.js';
import { describeEventPublisherContract } from '../../contracts/event-publisher.contract.js';
import { describeOutboxStoreContract } from '../../contracts/outbox-store.contract.js';
import { NatsServer } from '../../support/nats-server.js';
import { contractDatabase } from './contract-database.js';

/** The events' ports' contracts on PostgreSQL, and the publisher's on a real nats-server. */
const db = contractDatabase('event_ports');
let nats: NatsServer | undefined;
const publishers: NatsJetStreamPublisher[] = [];
let streams = 0;

afterEach(async () => {
  await nats?.resume();
  for (const publisher of publishers.splice(0)) await publisher.close();
});
afterAll(async () => {
  await nats?.destroy();
});

async function recordedIn(uow: Awaited<ReturnType<typeof db.fresh>>, events: StateChangeEvent[]) {
  const outbox = new TypeOrmEventOutbox(uow);
  for (const event of events) await uow.run(() => outbox.record(event));
}

describeEventOutboxContract('PostgreSQL', async () => {
  const uow = await db.fresh('events');
  return {
    uow,
    outbox: new TypeOrmEventOutbox(uow),
    recorded: async () => {
      const rows: EventRow[] = await db
        .source()
        .query(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`);
      return rows.map((row) => EventRowMapper.toDomain(row));
    },
  };
});

describeEventLogContract('PostgreSQL', async () => {
  const uow = await db.fresh('events');
  return {
    log: new TypeOrmEventLog(db.source()),
    given: (...events) => recordedIn(uow, events),
  };
});

describeOutboxStoreContract('PostgreSQL', async () => {
  const uow = await db.fresh('events');
  return {
    store: new TypeOrmOutboxStore(db.source()),
    given: (...events) => recordedIn(uow, events),
    uncommitted: async (event) => {
      const runner = db.source().createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query(EVENT_INSERT_SQL.text, [
        event.id,
        event.eventType,
        event.entityType,
        event.entityId,
        JSON.stringify(event.properties),
        event.eventTime,
        event.changedBy,
      ]);
      return async () => {
        await runner.commitTransaction();
        await runner.release();
      };
    },
  };
});

describeEventPublisherContract('NATS JetStream', async () => {
  nats ??= await NatsServer.start();
  const running = nats;
  streams += 1;
  const tag = `${process.pid}_${streams}`;
  const publisher = new NatsJetStreamPublisher({
    url: running.url,
    stream: `EVENTS_CONTRACT_${tag}`,
    subject: `event_manager.contract_${tag}`,
    duplicateWindowMs: 120_000,
    publishTimeoutMs: 2_000,
    connectTimeoutMs: 1_000,
  });
  publishers.push(publisher);
  return { publisher, goDown: () => running.stop(), comeBack: () => running.resume() };
});
