import type { PublishReceipt } from './event-publisher.port.js';

/** Port: what the relay reports for monitoring (GET /metrics). */
export abstract class EventMetrics {
  /** The broker acknowledged an event; `receipt.duplicate` when it already held its id. */
  abstract published(receipt: PublishReceipt): void;

  /** The broker did not acknowledge a publish. */
  abstract publishFailed(): void;
}
