export interface Paging {
  readonly page_number: number;
  readonly page_size: number;
  readonly total_entries: number;
  readonly total_pages: number;
}

/** A controller result with the extra top-level blocks of the registry envelope. */
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

/**
 * What the envelope reads from a request, on either platform: Express hands over the Node request
 * itself (with `originalUrl`), Fastify its own request object with the Node one as `raw`.
 */
interface EdgeRequest {
  readonly id?: unknown;
  readonly originalUrl?: unknown;
  readonly url?: unknown;
  readonly raw?: { readonly id?: unknown; readonly originalUrl?: unknown; readonly url?: unknown };
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}

export function requestIdOf(request: unknown): string {
  const r = (request ?? {}) as EdgeRequest;
  return firstString(r.id, r.raw?.id) ?? '';
}

/**
 * The request's path as the client wrote it, without query or fragment. An absolute-form target
 * (`GET http://evil.example/x`) gives only its path: no host from the request reaches a response.
 */
export function requestPathOf(request: unknown): string {
  const r = (request ?? {}) as EdgeRequest;
  const target =
    firstString(r.originalUrl, r.raw?.originalUrl, r.url, r.raw?.url)?.split(/[?#]/)[0] ?? '/';
  if (target.startsWith('/')) return target;
  try {
    return new URL(target).pathname;
  } catch {
    return '/';
  }
}

/** `meta` of the envelope; `url` is the configured public base URL plus the request path. */
export function metaFor(
  publicUrl: string,
  request: unknown,
  code: number,
  type: 'object' | 'list',
): Meta {
  return {
    code,
    url: `${publicUrl}${requestPathOf(request)}`,
    type,
    request_id: requestIdOf(request),
  };
}
