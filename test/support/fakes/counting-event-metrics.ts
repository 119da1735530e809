import { EventMetrics } from '../../../src/events/application/event-metrics.port.js';
import type { PublishReceipt } from '../../../src/events/application/event-publisher.port.js';

/** The relay's counters as plain numbers. */
export class CountingEventMetrics extends EventMetrics {
  publishedCount = 0;
  duplicates = 0;
  publishFailures = 0;

  published(receipt: PublishReceipt): void {
    this.publishedCount += 1;
    if (receipt.duplicate) this.duplicates += 1;
  }

  publishFailed(): void {
    this.publishFailures += 1;
  }
}
