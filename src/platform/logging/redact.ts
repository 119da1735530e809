import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Fewest digits of a run that is masked: a phone without its country code has 9 or 10. */
export const MIN_MASKED_DIGITS = 9;
/** Digits of a masked run left visible at its end. */
const KEPT_DIGITS = 2;

/** A digit of any script (fullwidth and Arabic-Indic digits spell a phone as well). */
const DIGIT = /\p{Nd}/gu;
/**
 * One run: digits with nothing but separators between them, the characters people write inside
 * a number: white space, `+`, `.`, `_`, brackets and dashes (`+38 (063) 111-22-94`).
 */
const RUN = /\p{Nd}(?:[\s+.()_\p{Pd}]*\p{Nd})*/gu;
/**
 * A UUID standing alone (not inside a longer word or number) is an identifier, not a number:
 * its digits neither form nor join a run. Without this, one random UUID in seven would have
 * nine digits joined by its dashes, and ids in paths and request ids would be masked.
 */
const UUID =
  /(?<![\p{L}\p{N}])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}])/giu;

function maskRuns(text: string): string {
  return text.replace(RUN, (run) => {
    const digits = run.match(DIGIT)?.length ?? 0;
    if (digits < MIN_MASKED_DIGITS) return run;
    let seen = 0;
    return run.replace(DIGIT, (digit) => (++seen <= digits - KEPT_DIGITS ? '*' : digit));
  });
}

/**
 * No personal data in logs: every run of 9 or more digits in `text` (a run: see RUN) is masked,
 * every digit but its last two replaced by `*`; separators stay (`+** (***) ***-**-94`).
 * Stand-alone UUIDs are left as they are and split runs.
 */
export function maskDigitRuns(text: string): string {
  let masked = '';
  let from = 0;
  for (const uuid of text.matchAll(UUID)) {
    masked += maskRuns(text.slice(from, uuid.index)) + uuid[0];
    from = uuid.index + uuid[0].length;
  }
  return masked + maskRuns(text.slice(from));
}

/** Whether `text` holds a run of 9 or more digits, as `maskDigitRuns` reads it. */
export function hasDigitRun(text: string): boolean {
  return maskDigitRuns(text) !== text;
}

const ESCAPES = /(?:%[0-9a-f]{2})+/gi;

/**
 * One round of percent-decoding: ASCII escapes always, other bytes when they form UTF-8
 * characters (a fullwidth digit is three escapes); bytes that do not stay escaped.
 */
function decodeOnce(text: string): string {
  return text.replace(ESCAPES, (escapes) => {
    const bytes = Buffer.from(escapes.replaceAll('%', ''), 'hex');
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const lead = bytes[i];
      const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
      const char = size === 0 ? '' : bytes.subarray(i, i + size).toString('utf8');
      if (size > 0 && i + size <= bytes.length && !char.includes('\ufffd')) {
        out += char;
        i += size;
      } else {
        out += `%${lead.toString(16).toUpperCase().padStart(2, '0')}`;
        i += 1;
      }
    }
    return out;
  });
}

/** More rounds than any client stacks (%2535 is %35 is 5); each round shortens the text. */
const MAX_DECODINGS = 16;

/**
 * The forms of a path under repeated percent-decoding, the path as sent first, until a round
 * changes nothing; `settled` is false when it still changed after MAX_DECODINGS rounds.
 */
function decodings(path: string): { forms: string[]; settled: boolean } {
  const forms = [path];
  for (let i = 0; i < MAX_DECODINGS; i++) {
    const next = decodeOnce(forms[forms.length - 1]);
    if (next === forms[forms.length - 1]) return { forms, settled: true };
    forms.push(next);
  }
  return { forms, settled: false };
}

/**
 * A request target as logged: the query string dropped (upload signatures), the path as sent
 * when no decoding of it holds a run of 9 or more digits, otherwise its fully decoded form with
 * those runs masked (`/api/verifications/+**********67`). A path still changing after 16
 * decodings is logged up to its first `%`, masked, then `…`.
 */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  const { forms, settled } = decodings(path);
  const last = forms[forms.length - 1];
  if (!settled) return `${maskDigitRuns(last.slice(0, last.indexOf('%')))}…`;
  if (!forms.some(hasDigitRun)) return path;
  return maskDigitRuns(last);
}

/**
 * An acceptable `X-Request-ID`: 1 to 200 characters of `A-Z a-z 0-9 . _ ~ : # -` (the
 * registry's `<uuid>#<n>` form is one), without a run of 9 or more digits: a request id is
 * logged verbatim on every line of its request, so it cannot be allowed to carry a phone.
 */
const REQUEST_ID = /^[A-Za-z0-9._~:#-]{1,200}$/;

export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) && !hasDigitRun(value)
    ? value
    : undefined;
}

/**
 * Gives the Node request its id once (`X-Request-ID` when acceptable, else a new UUID): Fastify's
 * `genReqId` asks, before routing; later readers of the raw request find the same id.
 */
export function assignRequestId(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { id?: unknown };
  const id =
    typeof holder.id === 'string' && holder.id !== ''
      ? holder.id
      : (acceptedRequestId(req.headers['x-request-id']) ?? randomUUID());
  holder.id = id;
  return id;
}
