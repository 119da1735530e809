import { Module } from '@nestjs/common';
import { TypeOrmEventOutbox } from './adapters/persistence/typeorm-event-outbox.js';
import { EventOutbox } from './application/event-outbox.port.js';

/** Events: the transactional outbox (written by use cases); relay and API live beside it. */
@Module({
  providers: [TypeOrmEventOutbox, { provide: EventOutbox, useExisting: TypeOrmEventOutbox }],
  exports: [EventOutbox],
})
export class EventsModule {}
