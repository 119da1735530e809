import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EventMetrics } from '../../application/event-metrics.js';
import { OutboxStore } from '../../application/outbox-store.port.js';
import { Clock } from '../../../shared/application/clock.port.js';

/** Prometheus text exposition of the outbox (no auth, like the health endpoints). */
@ApiTags('Service')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly store: OutboxStore,
    private readonly metrics: EventMetrics,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Metrics in the Prometheus text format (outbox size, lag, counts)' })
  @ApiProduces('text/plain')
  async scrape(@Res() response: Response): Promise<void> {
    const { unpublished, oldestUnpublishedAt } = await this.store.backlog();
    const age =
      oldestUnpublishedAt === null
        ? 0
        : Math.max(0, (this.clock.now().getTime() - oldestUnpublishedAt.getTime()) / 1000);
    const lines = [
      metric(
        'events_outbox_unpublished',
        'gauge',
        'Events recorded but not yet published',
        unpublished,
      ),
      metric(
        'events_outbox_oldest_unpublished_age_seconds',
        'gauge',
        'Age of the oldest unpublished event (0 when none)',
        age,
      ),
      metric(
        'events_published_total',
        'counter',
        'Events this process published to the broker',
        this.metrics.published,
      ),
      metric(
        'events_publish_failures_total',
        'counter',
        'Publish attempts of this process the broker did not acknowledge',
        this.metrics.publishFailures,
      ),
      metric(
        'events_publish_duplicates_total',
        'counter',
        'Publishes the broker dropped as duplicates of a message id it already held',
        this.metrics.duplicates,
      ),
    ];
    response.status(200).type('text/plain; version=0.0.4; charset=utf-8').send(lines.join(''));
  }
}

function metric(name: string, type: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
}
