import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const PHONE = /380\d{9}/g;
const ASCII_ESCAPE = /%([0-7][0-9a-f])/gi;
/** Enough to undo any encoding a client could stack (%2535 is %35 is 5). */
const MAX_DECODINGS = 8;

/**
 * A path with its ASCII percent-escapes undone, again and again until nothing changes: a digit
 * or `+` can be written `%35`, `%2535`, … . Other bytes stay encoded (they cannot spell a phone).
 */
function decodedAscii(path: string): string {
  let current = path;
  for (let i = 0; i < MAX_DECODINGS; i++) {
    const next = current.replace(ASCII_ESCAPE, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * No personal data in logs: query strings (upload signatures) are dropped, and a path that holds
 * a phone number (the verification paths carry one), written plainly or percent-encoded in any
 * way, is logged decoded with every 380… run of 12 digits masked (`38097*****67`).
 */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  const decoded = decodedAscii(path);
  if (!decoded.match(PHONE)) return path;
  return decoded.replace(PHONE, (digits) => `${digits.slice(0, 5)}*****${digits.slice(-2)}`);
}

const SANE_ID = /^[\x21-\x7e]{1,200}$/;

/** `X-Request-ID` when printable and at most 200 characters, otherwise undefined. */
function saneRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/**
 * Gives the Node request its id once (`X-Request-ID` when sane, else a new UUID): Fastify's
 * `genReqId` asks, before routing; later readers of the raw request find the same id.
 */
export function assignRequestId(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { id?: unknown };
  const id =
    typeof holder.id === 'string' && holder.id !== ''
      ? holder.id
      : (saneRequestId(req.headers['x-request-id']) ?? randomUUID());
  holder.id = id;
  return id;
}
