import { LIST_TOTAL_BOUND } from '../../../src/kernel/domain/paging.js';
import {
  EventLog,
  type EventFilter,
  type EventPage,
} from '../../../src/events/application/event-log.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';

/** Recorded events in memory, read as the SQL adapter reads them: filtered, newest first, paged. */
export class InMemoryEventLog extends EventLog {
  readonly events: StateChangeEvent[] = [];
  /** Every filter the use case asked for. */
  readonly filters: EventFilter[] = [];

  page(filter: EventFilter, page: number, pageSize: number): Promise<EventPage> {
    this.filters.push(filter);
    const matching = this.events
      .map((event, order) => ({ event, order }))
      .filter(({ event }) => matches(event, filter))
      .sort(
        (a, b) => b.event.eventTime.getTime() - a.event.eventTime.getTime() || b.order - a.order,
      )
      .map(({ event }) => event);
    return Promise.resolve({
      events: matching.slice((page - 1) * pageSize, page * pageSize),
      total: Math.min(matching.length, LIST_TOTAL_BOUND),
    });
  }
}

function matches(event: StateChangeEvent, filter: EventFilter): boolean {
  return (
    (filter.entityType === undefined || event.entityType === filter.entityType) &&
    (filter.entityId === undefined || event.entityId === filter.entityId) &&
    (filter.eventType === undefined || event.eventType === filter.eventType) &&
    (filter.from === undefined || event.eventTime >= filter.from) &&
    (filter.to === undefined || event.eventTime < filter.to)
  );
}
