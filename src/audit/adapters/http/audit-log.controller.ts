import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import type { AuditRow } from '../../application/audit-log.port.js';
import { ListAuditLogUseCase } from '../../application/list-audit-log.use-case.js';
import { ListAuditLogQueryDto } from './list-audit-log.dto.js';

const EXAMPLE = {
  meta: {
    code: 200,
    url: 'http://localhost:3000/api/audit_log',
    type: 'list',
    request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
  },
  data: [
    {
      id: '1042',
      at: '2026-11-23T10:00:00.000Z',
      client_id: '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b',
      sub: '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11',
      action: 'approve',
      resource_type: 'person_request',
      resource_id: '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55',
      request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
      status: 200,
      details: null,
    },
  ],
  paging: { page_number: 1, page_size: 50, total_entries: 1, total_pages: 1 },
};

function present(row: AuditRow): Record<string, unknown> {
  return {
    id: row.id,
    at: row.at.toISOString(),
    client_id: row.clientId,
    sub: row.sub,
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    request_id: row.requestId,
    status: row.status,
    details: row.details,
  };
}

@ApiTags('Audit trail')
@Controller('api/audit_log')
export class AuditLogController {
  constructor(private readonly list: ListAuditLogUseCase) {}

  @Get()
  @Scopes('audit_log:read')
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description:
      "One row per write and per read of a person's data (docs/api.md, Audit trail): ids and " +
      'outcomes only, never a personal value. `from` (inclusive) and `to` (exclusive) bound ' +
      '`at`. Reads are recorded in batches, at most about a second after their answer. Rows ' +
      'older than AUDIT_RETENTION_DAYS are deleted.',
  })
  @ApiOkResponse({ description: 'A page of audit rows', schema: { example: EXAMPLE } })
  @ApiErrors(401, 403, 422)
  async index(@Query() query: ListAuditLogQueryDto): Promise<Enveloped<unknown[]>> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.list.execute({
      ...(query.client_id !== undefined ? { clientId: query.client_id } : {}),
      ...(query.resource_id !== undefined ? { resourceId: query.resource_id.toLowerCase() } : {}),
      ...(query.from !== undefined ? { from: new Date(query.from) } : {}),
      ...(query.to !== undefined ? { to: new Date(query.to) } : {}),
      page,
      pageSize,
    });
    return new Enveloped(result.rows.map(present), {
      paging: pagingOf(result.page, result.pageSize, result.total),
    });
  }
}
