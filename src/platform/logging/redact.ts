import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * No personal data in logs (rules.md §12): phone numbers in URLs (the verification paths carry
 * one) are masked, and query strings (upload signatures) are dropped.
 */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(
    /(%2B|\+)?(380\d{9})/gi,
    (_m, plus: string | undefined, digits: string) =>
      `${plus ?? ''}${digits.slice(0, 5)}*****${digits.slice(-2)}`,
  );
}

const SANE_ID = /^[\x21-\x7e]{1,200}$/;

/** `X-Request-ID` when printable and at most 200 characters, otherwise undefined. */
export function saneRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/**
 * Gives the Node request its id once (`X-Request-ID` when sane, else a new UUID) and, given the
 * response, echoes it in the `x-request-id` header. Fastify asks first (its `genReqId`, before
 * routing), the request logger next; both get the same id.
 */
export function assignRequestId(req: IncomingMessage, res?: ServerResponse): string {
  const holder = req as IncomingMessage & { id?: unknown };
  const id =
    typeof holder.id === 'string' && holder.id !== ''
      ? holder.id
      : (saneRequestId(req.headers['x-request-id']) ?? randomUUID());
  holder.id = id;
  if (res && !res.headersSent && res.getHeader('x-request-id') === undefined) {
    res.setHeader('x-request-id', id);
  }
  return id;
}
