import { Injectable } from '@nestjs/common';
import { statement } from '../../../platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { EventOutbox } from '../../application/event-outbox.port.js';
import type { StateChangeEvent } from '../../domain/state-change-event.js';

/** The outbox insert (the benchmark's database ceiling sends the same). */
export const EVENT_INSERT_SQL = statement(
  'event_insert',
  `INSERT INTO events (id, event_type, entity_type, entity_id, properties, event_time, changed_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
);

/** Writes events into the `events` table with the caller's transaction. */
@Injectable()
export class TypeOrmEventOutbox extends EventOutbox {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async record(event: StateChangeEvent): Promise<void> {
    await this.uow.execute(EVENT_INSERT_SQL, [
      event.id,
      event.eventType,
      event.entityType,
      event.entityId,
      JSON.stringify(event.properties),
      event.eventTime,
      event.changedBy,
    ]);
  }
}
