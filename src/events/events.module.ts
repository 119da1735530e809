import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { MetricsModule } from '../platform/metrics/metrics.module.js';
import { Clock } from '../kernel/application/clock.port.js';
import { PrometheusEventMetrics } from './adapters/metrics/prometheus-event-metrics.js';
import { NatsJetStreamPublisher } from './adapters/nats/nats-jetstream-publisher.js';
import { TypeOrmEventLog } from './adapters/persistence/typeorm-event-log.js';
import { TypeOrmEventOutbox } from './adapters/persistence/typeorm-event-outbox.js';
import { TypeOrmOutboxStore } from './adapters/persistence/typeorm-outbox-store.js';
import { EventBus } from './application/event-bus.js';
import { EventDispatcher } from './application/event-dispatcher.service.js';
import { EventLog } from './application/event-log.port.js';
import { EventMetrics } from './application/event-metrics.port.js';
import { EventOutbox } from './application/event-outbox.port.js';
import { EventPublisher } from './application/event-publisher.port.js';
import { ListEventsUseCase } from './application/list-events.use-case.js';
import { OutboxRelay } from './application/outbox-relay.service.js';
import { OutboxRetention } from './application/outbox-retention.service.js';
import { OutboxStore } from './application/outbox-store.port.js';
import {
  dispatcherSettings,
  natsSettings,
  relaySettings,
  retentionSettings,
} from './events.settings.js';

/**
 * Events: the transactional outbox written by use cases, its relay to NATS JetStream (when
 * EVENTS_NATS_URL is set), in-process subscribers, the retention job, and the events' metrics on
 * the application's registry. Needs the global EhealthCoreModule (configuration, clock, unit of
 * work) and a TypeORM connection.
 *
 * Exports what other features and hosts use: `EventOutbox` to record an event inside the
 * caller's transaction, `EventBus` to subscribe in process, `ListEventsUseCase`, the
 * `EventPublisher` port (a host replaces it through EhealthCoreModule's overrides), and
 * `OutboxRelay` for tests and operators' scripts (`relayOnce()`).
 */
@Module({
  imports: [MetricsModule],
  providers: [
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
    bindPort(EventPublisher, {
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new NatsJetStreamPublisher(natsSettings(config.events)),
    }),
    {
      provide: OutboxRelay,
      inject: [OutboxStore, EventPublisher, EventMetrics, Clock, APP_CONFIG],
      useFactory: (
        store: OutboxStore,
        publisher: EventPublisher,
        metrics: EventMetrics,
        clock: Clock,
        config: AppConfig,
      ) => new OutboxRelay(store, publisher, metrics, clock, relaySettings(config.events)),
    },
    {
      provide: EventDispatcher,
      inject: [OutboxStore, EventBus, APP_CONFIG],
      useFactory: (store: OutboxStore, bus: EventBus, config: AppConfig) =>
        new EventDispatcher(store, bus, dispatcherSettings(config.events)),
    },
    {
      provide: OutboxRetention,
      inject: [OutboxStore, Clock, APP_CONFIG],
      useFactory: (store: OutboxStore, clock: Clock, config: AppConfig) =>
        new OutboxRetention(store, clock, retentionSettings(config.events)),
    },
  ],
  exports: [EventOutbox, EventBus, ListEventsUseCase, EventPublisher, OutboxRelay],
})
export class EventsModule {}
