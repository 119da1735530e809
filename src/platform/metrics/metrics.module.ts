import { Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * One Prometheus registry per application, with the process metrics on it. A feature imports this
 * module and registers its metrics on `MetricsRegistry`; MetricsHttpModule serves them.
 */
@Module({
  providers: [
    { provide: MetricsRegistry, useFactory: () => new MetricsRegistry().collectDefaultMetrics() },
  ],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
