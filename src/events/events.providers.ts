import type { Provider, Type } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { Clock } from '../shared/application/clock.js';
import { EventsController } from './adapters/http/events.controller.js';
import { NatsJetStreamPublisher } from './adapters/nats/nats-jetstream-publisher.js';
import { TypeOrmEventLog } from './adapters/persistence/typeorm-event-log.js';
import { TypeOrmEventOutbox } from './adapters/persistence/typeorm-event-outbox.js';
import { TypeOrmOutboxStore } from './adapters/persistence/typeorm-outbox-store.js';
import { EventBus } from './application/event-bus.js';
import { EventDispatcher } from './application/event-dispatcher.service.js';
import { EventLog } from './application/event-log.port.js';
import { EventMetrics } from './application/event-metrics.port.js';
import { PrometheusEventMetrics } from './adapters/metrics/prometheus-event-metrics.js';
import { EventOutbox } from './application/event-outbox.port.js';
import { EventPublisher } from './application/event-publisher.port.js';
import { ListEventsUseCase } from './application/list-events.use-case.js';
import { OutboxRelay } from './application/outbox-relay.service.js';
import { OutboxRetention } from './application/outbox-retention.service.js';
import { OutboxStore } from './application/outbox-store.port.js';

/** Tuning that is not configuration: sizes and delays every deployment can share. */
export const EVENTS_TUNING = {
  batchSize: 20,
  backoffMs: 250,
  maxBackoffMs: 10_000,
  lagWarnSeconds: 60,
  duplicateWindowMs: 120_000,
  publishTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  retentionIntervalMs: 3_600_000,
} as const;

/**
 * Events: the transactional outbox written by use cases, its relay to NATS JetStream (when
 * EVENTS_NATS_URL is set), GET /api/events, GET /metrics, the retention job, and in-process
 * subscribers. A host application uses `EventOutbox` to record events and `EventBus` to
 * subscribe to them.
 */
export const EVENTS_CONTROLLERS: Type[] = [EventsController];

export const EVENTS_PROVIDERS: Provider[] = [
  TypeOrmEventOutbox,
  { provide: EventOutbox, useExisting: TypeOrmEventOutbox },
  TypeOrmOutboxStore,
  { provide: OutboxStore, useExisting: TypeOrmOutboxStore },
  TypeOrmEventLog,
  { provide: EventLog, useExisting: TypeOrmEventLog },
  ListEventsUseCase,
  PrometheusEventMetrics,
  { provide: EventMetrics, useExisting: PrometheusEventMetrics },
  EventBus,
  {
    provide: EventPublisher,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): EventPublisher =>
      new NatsJetStreamPublisher({
        url: config.events.natsUrl ?? '',
        subject: config.events.subject,
        stream: config.events.stream,
        duplicateWindowMs: EVENTS_TUNING.duplicateWindowMs,
        publishTimeoutMs: EVENTS_TUNING.publishTimeoutMs,
        connectTimeoutMs: EVENTS_TUNING.connectTimeoutMs,
      }),
  },
  {
    provide: OutboxRelay,
    inject: [OutboxStore, EventPublisher, EventMetrics, Clock, APP_CONFIG],
    useFactory: (
      store: OutboxStore,
      publisher: EventPublisher,
      metrics: EventMetrics,
      clock: Clock,
      config: AppConfig,
    ): OutboxRelay =>
      new OutboxRelay(store, publisher, metrics, clock, {
        enabled: config.events.natsUrl !== undefined,
        intervalMs: config.events.relayIntervalMs,
        batchSize: EVENTS_TUNING.batchSize,
        backoffMs: EVENTS_TUNING.backoffMs,
        maxBackoffMs: EVENTS_TUNING.maxBackoffMs,
        lagWarnSeconds: EVENTS_TUNING.lagWarnSeconds,
      }),
  },
  {
    provide: EventDispatcher,
    inject: [OutboxStore, EventBus, APP_CONFIG],
    useFactory: (store: OutboxStore, bus: EventBus, config: AppConfig): EventDispatcher =>
      new EventDispatcher(store, bus, {
        intervalMs: config.events.relayIntervalMs,
        batchSize: 100,
      }),
  },
  {
    provide: OutboxRetention,
    inject: [OutboxStore, Clock, APP_CONFIG],
    useFactory: (store: OutboxStore, clock: Clock, config: AppConfig): OutboxRetention =>
      new OutboxRetention(store, clock, {
        retentionDays: config.events.retentionDays,
        intervalMs: EVENTS_TUNING.retentionIntervalMs,
      }),
  },
];
