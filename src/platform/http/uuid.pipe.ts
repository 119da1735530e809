import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../../shared/domain/errors.js';
import { isUuid } from '../../shared/domain/uuid.js';

/** An id that is not a UUID cannot exist: 404, as for an unknown id (api.md §1). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly message = 'Resource not found') {}

  transform(value: string): string {
    if (!isUuid(value)) throw notFound(this.message);
    return value.toLowerCase();
  }
}
