import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

import { PageQueryDto } from '../../../platform/http/page-query.dto.js';

/** Query of GET /api/events (docs/api.md, Events). */
export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'Person' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  entity_type?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0c1f4d9e-2a4b-4e8f-9d3c-5b6a7e8f9a01' })
  @IsOptional()
  @IsUUID()
  entity_id?: string;

  @ApiPropertyOptional({ example: 'StateChangeEvent' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  event_type?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-23',
    description: "The Kyiv calendar day (Europe/Kyiv) of the event's event_time",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date in the form YYYY-MM-DD' })
  @IsDateString({ strict: true })
  date?: string;
}
