import { Injectable, Logger } from '@nestjs/common';
import type { StateChangeEvent } from '../domain/state-change-event.js';

/** Called with each recorded event after its transaction commits. */
export type EventHandler = (event: StateChangeEvent) => void | Promise<void>;

/**
 * The in-process subscriber API for a Nest application that imports EventsModule:
 *
 * ```ts
 * constructor(events: EventBus) { this.off = events.subscribe((e) => this.onEvent(e)); }
 * ```
 *
 * Handlers run one event at a time in `seq` order, after the event's transaction committed.
 * A handler that throws is logged and does not stop the others. Events recorded while the
 * process is down are not replayed to handlers (read them from GET /api/events or the broker);
 * handlers should be idempotent by event `id`.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly handlers = new Set<EventHandler>();

  /** Registers a handler; returns the function that unregisters it. */
  subscribe(handler: EventHandler): () => void {
    const entry: EventHandler = (event) => handler(event);
    this.handlers.add(entry);
    return () => {
      this.handlers.delete(entry);
    };
  }

  get subscriberCount(): number {
    return this.handlers.size;
  }

  /** Hands one event to every handler; never throws. */
  async deliver(event: StateChangeEvent): Promise<void> {
    for (const handler of [...this.handlers]) {
      try {
        await handler(event);
      } catch (error) {
        this.logger.error(
          { event_id: event.id, error: error instanceof Error ? error.message : String(error) },
          'An event subscriber failed',
        );
      }
    }
  }
}
