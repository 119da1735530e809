import { addDays, startOfDayInKyiv } from '../../kernel/domain/calendar.js';
import { totalPages } from '../../kernel/domain/paging.js';
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
  /** Counted up to LIST_TOTAL_BOUND. */
  readonly total: number;
  readonly totalPages: number;
}

/** GET /api/events: recorded events, newest first, filtered and paged. */
@Injectable()
export class ListEventsUseCase {
  constructor(private readonly log: EventLog) {}

  async execute(input: ListEventsInput): Promise<ListEventsResult> {
    const filter: EventFilter = {
      ...(input.entityType !== undefined ? { entityType: input.entityType } : {}),
      ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
      ...(input.eventType !== undefined ? { eventType: input.eventType } : {}),
      ...(input.date !== undefined ? kyivDay(input.date) : {}),
    };
    const { events, total } = await this.log.page(filter, input.page, input.pageSize);
    return {
      events,
      page: input.page,
      pageSize: input.pageSize,
      total,
      totalPages: totalPages(total, input.pageSize),
    };
  }
}

// A day is the registry's calendar day, in Kyiv, as everywhere else in the service ("today",
// ages, THIRD_PERSON dates): from the start of that day to the start of the next.
function kyivDay(date: string): { from: Date; to: Date } {
  return { from: startOfDayInKyiv(date), to: startOfDayInKyiv(addDays(date, 1)) };
}
