import { PrometheusEventMetrics } from '../../../src/events/adapters/metrics/prometheus-event-metrics.js';
import { MetricsRegistry } from '../../../src/platform/metrics/metrics-registry.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { anEvent } from '../../support/event-mother.js';
import { InMemoryOutboxStore } from '../../support/fakes/in-memory-outbox-store.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('PrometheusEventMetrics', () => {
  let store: InMemoryOutboxStore;
  let registry: MetricsRegistry;
  let metrics: PrometheusEventMetrics;

  beforeEach(() => {
    store = new InMemoryOutboxStore();
    registry = new MetricsRegistry();
    metrics = new PrometheusEventMetrics(registry, store, new FixedClock(NOW));
  });

  const value = async (name: string): Promise<number | undefined> =>
    (await registry.getSingleMetric(name)?.get())?.values[0]?.value;

  it('counts acknowledged, duplicate and refused publishes', async () => {
    metrics.published({ duplicate: false });
    metrics.published({ duplicate: true });
    metrics.publishFailed();

    await expect(value('events_published_total')).resolves.toBe(2);
    await expect(value('events_publish_duplicates_total')).resolves.toBe(1);
    await expect(value('events_publish_failures_total')).resolves.toBe(1);
  });

  it('reads the backlog on each scrape: its size and the age of its oldest event', async () => {
    const published = anEvent({ eventTime: new Date('2026-11-23T09:00:00Z') });
    store.record(
      published,
      anEvent({ eventTime: new Date('2026-11-23T09:58:30Z') }),
      anEvent({ eventTime: new Date('2026-11-23T09:59:00Z') }),
    );
    store.markPublished(published.id, NOW);

    const text = await registry.metrics();

    expect(text).toContain('\nevents_outbox_unpublished 2\n');
    expect(text).toContain('\nevents_outbox_oldest_unpublished_age_seconds 90\n');
  });

  it('reports an age of 0 when nothing waits', async () => {
    const text = await registry.metrics();

    expect(text).toContain('\nevents_outbox_unpublished 0\n');
    expect(text).toContain('\nevents_outbox_oldest_unpublished_age_seconds 0\n');
  });

  it('reads the backlog once per scrape for both gauges', async () => {
    let reads = 0;
    const backlog = store.backlog.bind(store);
    store.backlog = () => {
      reads += 1;
      return backlog();
    };

    await registry.metrics();
    await registry.metrics();

    expect(reads).toBe(2);
  });
});
