import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page-query.dto.js';

/** Query of GET /api/audit_log (docs/api.md, Audit trail). */
export class ListAuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'must be a client id' })
  client_id?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55' })
  @IsOptional()
  @IsUUID()
  resource_id?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-23T00:00:00Z',
    description: 'Rows recorded at or after this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-24T00:00:00Z',
    description: 'Rows recorded before this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
