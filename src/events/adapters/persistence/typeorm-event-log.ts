import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventLog, type EventFilter, type EventPage } from '../../application/event-log.port.js';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { EVENT_COLUMNS, EventRowMapper, type EventRow } from './event-row.mapper.js';

/**
 * Reads `events` newest first. Each filter has an index in the list's order (event_time, seq
 * descending), so a page reads its rows and no more: the date range alone or with no filter
 * events_time_seq_idx, and entity_id, entity_type and event_type, with or without the date, an
 * index of their own (migrations/1764800000001-event-list-indexes.ts).
 */
@Injectable()
export class TypeOrmEventLog extends EventLog {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(filter: EventFilter, page: number, pageSize: number): Promise<EventPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.entityType !== undefined) add('entity_type = ?', filter.entityType);
    if (filter.entityId !== undefined) add('entity_id = ?', filter.entityId);
    if (filter.eventType !== undefined) add('event_type = ?', filter.eventType);
    if (filter.from !== undefined) add('event_time >= ?', filter.from);
    if (filter.to !== undefined) add('event_time < ?', filter.to);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = await boundedCount(this.dataSource, `events ${where}`, params);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events ${where}
       ORDER BY event_time DESC, seq DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { events: rows.map((row) => EventRowMapper.toDomain(row)), total };
  }
}
