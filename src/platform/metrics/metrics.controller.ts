import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { NotEnveloped } from '../http/not-enveloped.decorator.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * Prometheus text exposition of the application's registry (no auth, like the health endpoints).
 * It returns the text and lets Nest send it, with the content type set by decorator, so it runs
 * the same on Express and Fastify.
 */
@ApiTags('Service')
@Controller('metrics')
@NotEnveloped()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Metrics in the Prometheus text format (outbox size, lag, counts)' })
  @ApiProduces('text/plain')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
