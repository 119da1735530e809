import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { ListEventsUseCase } from '../../application/list-events.use-case.js';
import { eventPayload } from '../../domain/state-change-event.js';
import { ListEventsQueryDto } from './list-events.dto.js';

const EXAMPLE = {
  meta: {
    code: 200,
    url: 'http://localhost:3000/api/events',
    type: 'list',
    request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
  },
  data: [
    {
      id: '7d6f4f0e-8a43-4c2b-9f3e-1a2b3c4d5e6f',
      event_type: 'StateChangeEvent',
      entity_type: 'Person',
      entity_id: '0c1f4d9e-2a4b-4e8f-9d3c-5b6a7e8f9a01',
      properties: { verification_status: { new_value: 'VERIFIED' } },
      event_time: '2026-11-23T10:00:00.000Z',
      changed_by: '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11',
    },
  ],
  paging: { page_number: 1, page_size: 50, total_entries: 1, total_pages: 1 },
};

@ApiTags('Events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly list: ListEventsUseCase) {}

  @Get()
  @Scopes('event:read')
  @ApiOperation({
    summary: 'Recorded events, newest first',
    description:
      'Every event the service recorded (docs/domain-rules.md, Events), published to the broker or not. ' +
      '`date` selects the Kyiv calendar day (Europe/Kyiv) of `event_time`. Events published longer ago than ' +
      'EVENTS_RETENTION_DAYS are deleted.',
  })
  @ApiOkResponse({ description: 'A page of events', schema: { example: EXAMPLE } })
  @ApiErrors(401, 403, 422)
  async index(@Query() query: ListEventsQueryDto): Promise<Enveloped<unknown[]>> {
    const result = await this.list.execute({
      ...(query.entity_type !== undefined ? { entityType: query.entity_type } : {}),
      ...(query.entity_id !== undefined ? { entityId: query.entity_id } : {}),
      ...(query.event_type !== undefined ? { eventType: query.event_type } : {}),
      ...(query.date !== undefined ? { date: query.date } : {}),
      page: query.page ?? 1,
      pageSize: query.page_size ?? 50,
    });
    return new Enveloped(result.events.map(eventPayload), {
      paging: {
        page_number: result.page,
        page_size: result.pageSize,
        total_entries: result.total,
        total_pages: result.totalPages,
      },
    });
  }
}
