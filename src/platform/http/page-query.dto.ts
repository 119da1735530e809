import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { totalPages } from '../../kernel/domain/paging.js';
import type { Paging } from './envelope.js';

export const MAX_PAGE_SIZE = 300;

/**
 * The largest page: every page up to it has an offset, (page − 1) × MAX_PAGE_SIZE < 2.8 × 10^18,
 * that PostgreSQL's OFFSET (a bigint, up to 9.2 × 10^18) takes; such a page is simply empty.
 */
export const MAX_PAGE = Number.MAX_SAFE_INTEGER;

/**
 * A query value as a page number: only plain decimal digits are read (at most 16, so no value
 * parses beyond the safe integers); `1e308`, `0x10`, `1.5`, `-1`, `Infinity`, `NaN`, `''` or a
 * repeated key stay as they came and fail validation, so nothing non-finite or unsafe reaches SQL.
 */
export function pageNumberOf({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? Number(value) : value;
}

/** A safe integer from 1 to `max`: the one rule of `page` and `page_size`. */
export function IsPageNumber(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPageNumber',
      constraints: [max],
      validator: {
        validate: (value: unknown): boolean =>
          typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a whole number from 1 to ${max}`,
      },
    },
    options,
  );
}

/** `page` and `page_size` of the registry's list routes (1–300, default 50). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @Transform(pageNumberOf)
  @IsPageNumber(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 300, default: 50, example: 50 })
  @IsOptional()
  @Transform(pageNumberOf)
  @IsPageNumber(MAX_PAGE_SIZE)
  page_size?: number;
}

/**
 * The registry's paging block; `total` is counted up to LIST_TOTAL_BOUND (docs/api.md, Lists), and
 * `total_pages` follows from it, at least 1 as the registry's pager answers.
 */
export function pagingOf(page: number, pageSize: number, total: number): Paging {
  return {
    page_number: page,
    page_size: pageSize,
    total_entries: total,
    total_pages: totalPages(total, pageSize),
  };
}
