import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page-query.dto.js';
import { CONFIDANT_REQUEST_STATUSES } from '../../domain/confidant-request.js';

export class ListConfidantRequestsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONFIDANT_REQUEST_STATUSES, example: 'NEW' })
  @IsOptional()
  @IsIn(CONFIDANT_REQUEST_STATUSES)
  status?: (typeof CONFIDANT_REQUEST_STATUSES)[number];
}

const BOOLEANS = ['true', 'false', '1', '0'] as const;

export class ListRelationshipsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: BOOLEANS,
    example: 'false',
    description: '`false` (default): relationships that hold today; `true`: the others',
  })
  @IsOptional()
  @IsIn(BOOLEANS)
  is_expired?: (typeof BOOLEANS)[number];
}
