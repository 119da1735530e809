import { Injectable } from '@nestjs/common';
import type { StateChangeEvent } from '../domain/state-change-event.js';
import { EventLog, type EventFilter } from './event-log.port.js';

export interface ListEventsInput {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly eventType?: string;
  /** YYYY-MM-DD: the UTC calendar day of `event_time`. */
  readonly date?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface ListEventsResult {
  readonly events: StateChangeEvent[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly totalPages: number;
}

const DAY_MS = 86_400_000;

/** GET /api/events: recorded events, newest first, filtered and paged (api.md §7). */
@Injectable()
export class ListEventsUseCase {
  constructor(private readonly log: EventLog) {}

  async execute(input: ListEventsInput): Promise<ListEventsResult> {
    const filter: EventFilter = {
      ...(input.entityType !== undefined ? { entityType: input.entityType } : {}),
      ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
      ...(input.eventType !== undefined ? { eventType: input.eventType } : {}),
      ...(input.date !== undefined ? utcDay(input.date) : {}),
    };
    const { events, total } = await this.log.page(filter, input.page, input.pageSize);
    return {
      events,
      page: input.page,
      pageSize: input.pageSize,
      total,
      // The registry's pager (Scrivener) reports one page for an empty list.
      totalPages: Math.max(1, Math.ceil(total / input.pageSize)),
    };
  }
}

// A day is taken in UTC: event_time is stored as an instant and the service has no user time
// zone to apply; consumers that want Kyiv days can filter the instants themselves.
function utcDay(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00.000Z`);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}
