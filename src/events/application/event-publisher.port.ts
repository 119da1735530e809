import type { StateChangeEvent } from '../domain/state-change-event.js';

/** What the broker answered for one published event. */
export interface PublishReceipt {
  /** The broker already held a message with this event id (dropped inside its dedupe window). */
  readonly duplicate: boolean;
}

/**
 * Port: delivers events to the event manager's broker. `publish` resolves only once the broker
 * has durably accepted the event; anything else rejects.
 */
export abstract class EventPublisher {
  /**
   * Connects (or reconnects) and prepares the destination when needed. Resolves false while the
   * broker is unreachable; never throws, so the caller only has to back off.
   */
  abstract ready(): Promise<boolean>;

  /** Publishes one event with its id as the message id; rejects unless the broker acknowledged. */
  abstract publish(event: StateChangeEvent): Promise<PublishReceipt>;

  /**
   * Registers a callback for when the broker becomes reachable again after an outage, so the
   * caller can retry at once instead of waiting out its backoff.
   */
  abstract onAvailable(listener: () => void): void;

  /** Flushes and closes the connection. */
  abstract close(): Promise<void>;
}
