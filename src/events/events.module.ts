import { Module } from '@nestjs/common';
import { EventOrmEntity } from './adapters/persistence/event.orm-entity.js';
import { EventBus } from './application/event-bus.js';
import { EventOutbox } from './application/event-outbox.port.js';
import { EventMetrics } from './application/event-metrics.js';
import { EventPublisher } from './application/event-publisher.port.js';
import { ListEventsUseCase } from './application/list-events.use-case.js';
import { OutboxRelay } from './application/outbox-relay.service.js';
import { OutboxStore } from './application/outbox-store.port.js';
import { EVENTS_CONTROLLERS, EVENTS_PROVIDERS } from './events.providers.js';

/** Events: the outbox use cases write to, its relay to the broker, in-process subscribers. */
@Module({
  providers: EVENTS_PROVIDERS,
  exports: [
    EventOutbox,
    EventBus,
    ListEventsUseCase,
    EventPublisher,
    OutboxRelay,
    OutboxStore,
    EventMetrics,
  ],
})
export class EventsModule {}

@Module({ imports: [EventsModule], controllers: EVENTS_CONTROLLERS })
export class EventsHttpModule {}

export const EVENTS_PERSISTENCE = { entities: [EventOrmEntity], migrations: [] };
