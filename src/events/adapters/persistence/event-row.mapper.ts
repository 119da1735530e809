import type { OutboxEntry } from '../../application/outbox-store.port.js';
import type { StateChangeEvent } from '../../domain/state-change-event.js';

/** A row of `events` as the pg driver returns it (bigint as text, jsonb parsed). */
export interface EventRow {
  seq: string;
  id: string;
  event_type: string;
  entity_type: string;
  entity_id: string;
  properties: StateChangeEvent['properties'];
  event_time: Date;
  changed_by: string | null;
  publish_attempts: number;
}

export const EVENT_COLUMNS =
  'seq, id, event_type, entity_type, entity_id, properties, event_time, changed_by, publish_attempts';

export class EventRowMapper {
  static toDomain(row: EventRow): StateChangeEvent {
    return {
      id: row.id,
      eventType: row.event_type as StateChangeEvent['eventType'],
      entityType: row.entity_type as StateChangeEvent['entityType'],
      entityId: row.entity_id,
      properties: row.properties,
      eventTime: row.event_time,
      changedBy: row.changed_by,
    };
  }

  static toEntry(row: EventRow): OutboxEntry {
    return {
      seq: BigInt(row.seq),
      event: EventRowMapper.toDomain(row),
      publishAttempts: row.publish_attempts,
    };
  }
}
