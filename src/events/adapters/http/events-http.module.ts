import { Module } from '@nestjs/common';
import { EventsModule } from '../../events.module.js';
import { EventsController } from './events.controller.js';

/** GET /api/events, for applications that serve the REST API. */
@Module({ imports: [EventsModule], controllers: [EventsController] })
export class EventsHttpModule {}
