import type { StateChangeEvent } from '../domain/state-change-event.js';

export interface EventFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly eventType?: string;
  /** `event_time` from (inclusive) ... */
  readonly from?: Date;
  /** ... to (exclusive). */
  readonly to?: Date;
}

export interface EventPage {
  readonly events: StateChangeEvent[];
  /** The matching events, counted up to LIST_TOTAL_BOUND (kernel/domain/paging.ts). */
  readonly total: number;
}

/** Port: reads recorded events, newest first (docs/api.md, Events). */
export abstract class EventLog {
  abstract page(filter: EventFilter, page: number, pageSize: number): Promise<EventPage>;
}
