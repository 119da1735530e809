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
import { describeOutboxStoreContract } from '../../contracts/outbox-store.contract.js';
import { contractDatabase } from './contract-database.js';

/** The events' ports' contracts on PostgreSQL. */
const db = contractDatabase('event_ports');

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
