import type { AppConfig } from '../platform/config/app-config.js';
import type { NatsJetStreamOptions } from './adapters/nats/nats-jetstream-publisher.js';
import type { EventDispatcherOptions } from './application/event-dispatcher.service.js';
import type { OutboxRelayOptions } from './application/outbox-relay.service.js';
import type { OutboxRetentionOptions } from './application/outbox-retention.service.js';

/** Tuning that is not configuration: sizes and delays every deployment can share. */
export const EVENTS_TUNING = {
  batchSize: 20,
  dispatchBatchSize: 100,
  backoffMs: 250,
  maxBackoffMs: 10_000,
  lagWarnSeconds: 60,
  duplicateWindowMs: 120_000,
  publishTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  retentionIntervalMs: 3_600_000,
} as const;

type EventsConfig = AppConfig['events'];

// Each service gets the few values it uses, so none of them depends on the whole configuration.

export function relaySettings(config: EventsConfig): OutboxRelayOptions {
  return {
    enabled: config.natsUrl !== undefined,
    intervalMs: config.relayIntervalMs,
    batchSize: EVENTS_TUNING.batchSize,
    backoffMs: EVENTS_TUNING.backoffMs,
    maxBackoffMs: EVENTS_TUNING.maxBackoffMs,
    lagWarnSeconds: EVENTS_TUNING.lagWarnSeconds,
  };
}

export function dispatcherSettings(config: EventsConfig): EventDispatcherOptions {
  return { intervalMs: config.relayIntervalMs, batchSize: EVENTS_TUNING.dispatchBatchSize };
}

export function retentionSettings(config: EventsConfig): OutboxRetentionOptions {
  return {
    retentionDays: config.retentionDays,
    intervalMs: EVENTS_TUNING.retentionIntervalMs,
  };
}

export function natsSettings(config: EventsConfig): NatsJetStreamOptions {
  return {
    url: config.natsUrl ?? '',
    subject: config.subject,
    stream: config.stream,
    duplicateWindowMs: EVENTS_TUNING.duplicateWindowMs,
    publishTimeoutMs: EVENTS_TUNING.publishTimeoutMs,
    connectTimeoutMs: EVENTS_TUNING.connectTimeoutMs,
  };
}
