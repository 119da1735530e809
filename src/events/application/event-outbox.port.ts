import type { StateChangeEvent } from '../domain/state-change-event.js';

/**
 * Port: records an event in the same transaction as the change it describes (docs/domain-rules.md, Events).
 * Delivery to the event manager happens later, from the outbox, at least once.
 */
export abstract class EventOutbox {
  abstract record(event: StateChangeEvent): Promise<void>;
}
