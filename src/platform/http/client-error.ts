import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused connection may keep sending before it is closed. */
const DRAIN_MS = 1000;
const ANSWERED = Symbol('ehealth.clientErrorAnswered');

export interface ClientErrorAnswer {
  readonly status: number;
  readonly requestId: string;
  /** The whole HTTP/1.1 response, head and body. */
  readonly response: string;
}

/** The path of the request line, when the refused bytes start with a sane one. */
function pathOfRawRequest(raw: unknown): string {
  if (!Buffer.isBuffer(raw)) return '/';
  const head = raw.subarray(0, 4096).toString('latin1');
  const line = head.slice(0, head.indexOf('\r\n') >>> 0);
  const target = /^[A-Z]{1,20} (\/[\x21-\x7e]{0,2047}) HTTP\/\d\.\d$/.exec(line)?.[1];
  return target?.split(/[?#]/)[0] ?? '/';
}

/**
 * The registry's envelope for a request Node's HTTP parser refused before any framework saw it:
 * 431 for headers over the limit, 408 for a request not received in time, 400 for anything else
 * it cannot parse. `meta.url` is built from the public URL, as for every other answer.
 */
export function clientErrorAnswer(
  error: { code?: string; rawPacket?: unknown },
  publicUrl: string,
): ClientErrorAnswer {
  const requestId = randomUUID();
  const [status, type, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request_too_large', 'Request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_malformed', 'Request was not received in time']
        : [400, 'request_malformed', 'Malformed HTTP request'];
  const body = JSON.stringify({
    meta: {
      code: status,
      url: `${publicUrl}${pathOfRawRequest(error.rawPacket)}`,
      type: 'object',
      request_id: requestId,
    },
    error: { type, message },
  });
  const response =
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${requestId}\r\n` +
    'X-Content-Type-Options: nosniff\r\n' +
    'Connection: close\r\n\r\n' +
    body;
  return { status, requestId, response };
}

/**
 * A handler for the server's `clientError` event: answers once in the envelope, lets the client
 * finish sending for a moment (closing on unread data would reset the connection and could lose
 * the answer), then closes the socket.
 */
export function clientErrorHandler(
  publicUrl: string,
  onAnswer: (answer: ClientErrorAnswer, code: string | undefined) => void = () => undefined,
): (error: { code?: string; rawPacket?: unknown }, socket: Duplex) => void {
  return (error, socket) => {
    const holder = socket as Duplex & { [ANSWERED]?: true };
    if (holder[ANSWERED]) return; // further chunks of a connection already answered
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    holder[ANSWERED] = true;
    const answer = clientErrorAnswer(error, publicUrl);
    onAnswer(answer, error.code);
    socket.end(answer.response);
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  };
}
