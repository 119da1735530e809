import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The application's Prometheus registry, served by GET /metrics. Features register their metrics
 * on it (`registers: [registry]`), never on prom-client's global registry: each Nest application
 * has its own, so two applications in one process (tests, a host embedding this module) neither
 * share counters nor register a name twice.
 */
export class MetricsRegistry extends Registry {
  // Left at prom-client's default content type, Prometheus text: the one GET /metrics declares.
  private defaultMetrics = false;

  /** Adds Node's process metrics (CPU, memory, event loop, GC); a second call does nothing. */
  collectDefaultMetrics(): this {
    if (!this.defaultMetrics) {
      collectDefaultMetrics({ register: this });
      this.defaultMetrics = true;
    }
    return this;
  }
}
