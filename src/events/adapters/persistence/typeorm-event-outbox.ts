import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { EventOutbox } from '../../application/event-outbox.port.js';
import type { StateChangeEvent } from '../../domain/state-change-event.js';
import { EventOrmEntity } from './event.orm-entity.js';

/** Writes events into the `events` table with the caller's transaction. */
@Injectable()
export class TypeOrmEventOutbox extends EventOutbox {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async record(event: StateChangeEvent): Promise<void> {
    await this.uow.manager().insert(EventOrmEntity, {
      id: event.id,
      event_type: event.eventType,
      entity_type: event.entityType,
      entity_id: event.entityId,
      properties: event.properties as unknown as Record<string, unknown>,
      event_time: event.eventTime,
      changed_by: event.changedBy,
      published_at: null,
      publish_attempts: 0,
    });
  }
}
