import { Injectable, type PipeTransform } from '@nestjs/common';
import { fail, type ErrorSpec } from '../../kernel/domain/errors.js';
import { isUuid } from '../../kernel/domain/uuid.js';

/** An id that is not a UUID cannot exist: the same 404 as an unknown id. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: ErrorSpec) {}

  transform(value: string): string {
    if (!isUuid(value)) throw fail(this.notFound);
    return value.toLowerCase();
  }
}
