import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../../../platform/metrics/metrics-registry.js';
import { Clock } from '../../../kernel/application/clock.port.js';
import { EventMetrics } from '../../application/event-metrics.port.js';
import type { PublishReceipt } from '../../application/event-publisher.port.js';
import { OutboxStore, type OutboxBacklog } from '../../application/outbox-store.port.js';

/**
 * The events' metrics on the application's Prometheus registry: the relay's counters (this
 * process only) and the outbox backlog, read from the database on each scrape (every instance
 * reports the shared outbox).
 */
@Injectable()
export class PrometheusEventMetrics extends EventMetrics {
  private readonly publishedTotal: Counter;
  private readonly failuresTotal: Counter;
  private readonly duplicatesTotal: Counter;

  constructor(registry: MetricsRegistry, store: OutboxStore, clock: Clock) {
    super();
    const registers = [registry];
    this.publishedTotal = new Counter({
      name: 'events_published_total',
      help: 'Events this process published to the broker',
      registers,
    });
    this.failuresTotal = new Counter({
      name: 'events_publish_failures_total',
      help: 'Publish attempts of this process the broker did not acknowledge',
      registers,
    });
    this.duplicatesTotal = new Counter({
      name: 'events_publish_duplicates_total',
      help: 'Publishes the broker dropped as duplicates of a message id it already held',
      registers,
    });
    const backlog = sharedRead(() => store.backlog());
    new Gauge({
      name: 'events_outbox_unpublished',
      help: 'Events recorded but not yet published',
      registers,
      async collect() {
        this.set((await backlog()).unpublished);
      },
    });
    new Gauge({
      name: 'events_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished event (0 when none)',
      registers,
      async collect() {
        const { oldestUnpublishedAt } = await backlog();
        this.set(
          oldestUnpublishedAt === null
            ? 0
            : Math.max(0, (clock.now().getTime() - oldestUnpublishedAt.getTime()) / 1000),
        );
      },
    });
  }

  published(receipt: PublishReceipt): void {
    this.publishedTotal.inc();
    if (receipt.duplicate) this.duplicatesTotal.inc();
  }

  publishFailed(): void {
    this.failuresTotal.inc();
  }
}

// The registry collects every metric of a scrape at once: both gauges share one backlog query.
function sharedRead(read: () => Promise<OutboxBacklog>): () => Promise<OutboxBacklog> {
  let pending: Promise<OutboxBacklog> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
