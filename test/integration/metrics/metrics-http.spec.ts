import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Counter } from 'prom-client';
import supertest from 'supertest';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { APP_CONFIG } from '../../../src/platform/config/config.tokens.js';
import { EnvelopeInterceptor } from '../../../src/platform/http/envelope.interceptor.js';
import { MetricsHttpModule } from '../../../src/platform/metrics/metrics-http.module.js';
import { MetricsRegistry } from '../../../src/platform/metrics/metrics-registry.js';
import { MetricsModule } from '../../../src/platform/metrics/metrics.module.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

@Controller('probe')
class ProbeController {
  @Get()
  get(): { ok: boolean } {
    return { ok: true };
  }
}

/** A feature that counts one thing on the application's registry. */
@Module({
  imports: [MetricsModule],
  providers: [
    {
      provide: 'PROBE_COUNTER',
      inject: [MetricsRegistry],
      useFactory: (registry: MetricsRegistry) => {
        const counter = new Counter({ name: 'probe_total', help: 'Probes', registers: [registry] });
        counter.inc();
        return counter;
      },
    },
  ],
})
class ProbeFeatureModule {}

// The standalone app's envelope interceptor is installed, as in AppModule.
@Module({
  imports: [MetricsHttpModule, ProbeFeatureModule],
  controllers: [ProbeController],
  providers: [
    { provide: APP_CONFIG, useValue: loadConfig({ PUBLIC_URL: 'http://service.test' }) },
    { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
  ],
})
class HostModule {}

describe('GET /metrics on Express and Fastify', () => {
  let express: INestApplication;
  let fastify: NestFastifyApplication;

  beforeAll(async () => {
    const expressRef = await Test.createTestingModule({ imports: [HostModule] }).compile();
    express = expressRef.createNestApplication({ logger: false });
    await express.init();
    const fastifyRef = await Test.createTestingModule({ imports: [HostModule] }).compile();
    fastify = fastifyRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await fastify.init();
    await fastify.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await express.close();
    await fastify.close();
  });

  it.each([
    ['Express', () => express],
    ['Fastify', () => fastify],
  ])(
    'serves the registry as Prometheus text on %s, outside the envelope',
    async (_platform, app) => {
      const res = await supertest(app().getHttpServer()).get('/metrics').expect(200);

      expect(res.headers['content-type']).toBe(PROMETHEUS_TEXT);
      expect(app().get(MetricsRegistry).contentType).toBe(PROMETHEUS_TEXT);
      expect(res.text).toContain('# TYPE probe_total counter\nprobe_total 1\n');
      expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter\n');
      expect(res.text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge\n');
      expect(res.text).not.toContain('"meta"');
    },
  );

  it('leaves the envelope on every other route', async () => {
    const res = await supertest(express.getHttpServer()).get('/probe').expect(200);

    expect(res.body).toMatchObject({ meta: { code: 200, type: 'object' }, data: { ok: true } });
  });

  it('keeps one registry per application: each counts only its own', async () => {
    expect(express.get(MetricsRegistry)).not.toBe(fastify.get(MetricsRegistry));
    await expect(
      express.get(MetricsRegistry).getSingleMetricAsString('probe_total'),
    ).resolves.toContain('probe_total 1');
  });

  it('adds the process metrics once, however often asked', async () => {
    const registry = new MetricsRegistry().collectDefaultMetrics().collectDefaultMetrics();

    const text = await registry.metrics();

    expect(text.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
  });
});
