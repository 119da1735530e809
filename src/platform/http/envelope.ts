import type { Request } from 'express';

export interface Paging {
  readonly page_number: number;
  readonly page_size: number;
  readonly total_entries: number;
  readonly total_pages: number;
}

/** A controller result with the extra top-level blocks of the registry envelope (api.md §1). */
export class Enveloped<T> {
  constructor(
    readonly data: T,
    readonly extras: { readonly urgent?: unknown; readonly paging?: Paging } = {},
  ) {}
}

export interface Meta {
  code: number;
  url: string;
  type: 'object' | 'list';
  request_id: string;
}

export function requestIdOf(request: Request): string {
  const id = (request as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}

export function metaFor(request: Request, code: number, type: 'object' | 'list'): Meta {
  const path = (request.originalUrl ?? request.url ?? '/').split('?')[0];
  return {
    code,
    url: `${request.protocol}://${request.get('host') ?? 'localhost'}${path}`,
    type,
    request_id: requestIdOf(request),
  };
}
