import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Paging } from './envelope.js';

/** `page` and `page_size` of the registry's list routes (1–300, default 50). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 300, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  page_size?: number;
}

/** The registry's paging block; `total_pages` is at least 1, as the registry's pager answers. */
export function pagingOf(page: number, pageSize: number, total: number): Paging {
  return {
    page_number: page,
    page_size: pageSize,
    total_entries: total,
    total_pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}
