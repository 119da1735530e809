import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { parseJsonText } from '../../kernel/domain/json.js';

/** The largest answer body read by default (1 MiB): the registry's services answer far less. */
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

export interface JsonCall {
  readonly method: string;
  /** Sent besides `accept: application/json` (and `content-type` when there is a body). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON text; no body when undefined. */
  readonly body?: unknown;
  /** Sent as an HTML form (`application/x-www-form-urlencoded`) instead of `body`. */
  readonly form?: Readonly<Record<string, string>>;
  /** Bounds the whole call: connection, request, answer head and body. */
  readonly timeoutMs: number;
  /** The answer body's size limit; a larger answer is refused unread (`too_large`). */
  readonly maxBytes?: number;
}

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined when the body is empty or not JSON (see parseJsonText). */
  readonly json: unknown;
}

/** Why a call got no answer: a timeout, a failed or broken connection, a body too large. */
export type OutboundFailureReason = 'timeout' | 'network' | 'too_large';

/**
 * A call that got no whole answer. Its message ends a line that names the service and the call:
 * `timed out after 5000 ms`, `failed to connect or read the answer`, `answered with a body over
 * 1048576 bytes` (so `OTP service GET /verifications/{phone_number} timed out after 5000 ms`).
 *
 * `connected` says whether the connection to the service was open when the call failed. When it
 * was not (a refused connection, a name that does not resolve, a connect or TLS handshake that
 * timed out or failed), no byte of the request left this process, so the service cannot have
 * acted on it. When it was, the request may have arrived and been acted on: its outcome is unknown.
 */
export class OutboundFailure extends Error {
  constructor(
    readonly reason: OutboundFailureReason,
    message: string,
    readonly connected: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundFailure';
  }
}

/**
 * One call to another service over HTTP(S) that answers JSON (the request's body JSON or a
 * form). Every status is an answer for the caller to judge, and so is a body that is not JSON (`json` undefined); only a call that got no whole
 * answer throws, always an OutboundFailure. The body is read under the same timeout, and only up
 * to `maxBytes`: a larger one is refused as soon as its declared length or the bytes read so far
 * pass the limit, and the connection is dropped.
 *
 * Each call opens its own connection (no keep-alive pool): a pooled connection that the service
 * had already closed would fail a request the service never saw as if it might have arrived.
 * Redirects are answers like any other status, never followed.
 */
export function callJson(url: string, call: JsonCall): Promise<JsonAnswer> {
  const target = new URL(url);
  const maxBytes = call.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const { text, contentType } = encodedBody(call);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(text !== undefined
      ? { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) }
      : {}),
    ...call.headers,
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<JsonAnswer>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const failWith = (reason: OutboundFailureReason, message: string, cause?: unknown): void =>
      settle(() => {
        req.destroy();
        reject(new OutboundFailure(reason, message, connected, { cause }));
      });

    const req = send(target, { method: call.method, headers, agent: false });
    // Unref'ed: the call's socket keeps the process up while it is open; the timer alone must not.
    const timer = setTimeout(
      () => failWith('timeout', `timed out after ${call.timeoutMs} ms`),
      call.timeoutMs,
    ).unref();
    req.on('socket', (socket: Socket) => {
      const open = (): void => {
        connected = true;
      };
      if (!socket.connecting) open();
      else socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', open);
    });
    req.on('error', (error) => failWith('network', 'failed to connect or read the answer', error));
    req.on('response', (response) => {
      readText(response, maxBytes).then(
        (body) =>
          settle(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: headersOf(response),
              json: parseJsonText(body),
            }),
          ),
        (error: unknown) =>
          error instanceof TooLarge
            ? failWith('too_large', `answered with a body over ${maxBytes} bytes`)
            : failWith('network', 'failed to connect or read the answer', error),
      );
    });
    req.end(text);
  });
}

/** The request body as text and its content type; no text when there is no body. */
function encodedBody(call: JsonCall): { text: string | undefined; contentType: string } {
  if (call.form !== undefined) {
    return {
      text: new URLSearchParams(Object.entries(call.form)).toString(),
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    };
  }
  return {
    text: call.body === undefined ? undefined : JSON.stringify(call.body),
    contentType: 'application/json',
  };
}

class TooLarge extends Error {}

/** The body as UTF-8 text (a BOM dropped), at most `maxBytes`; larger is refused unread. */
async function readText(response: IncomingMessage, maxBytes: number): Promise<string> {
  if (Number(response.headers['content-length']) > maxBytes) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early (the throw) destroys the stream; the caller drops the connection.
  for await (const chunk of response) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    if (size > maxBytes) throw new TooLarge();
    chunks.push(bytes);
  }
  // An answer cut short (the connection closed mid-body) ends the loop without an error.
  if (!response.complete) throw new Error('The answer was cut short');
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/** The answer's headers as a Fetch `Headers`; a value Fetch refuses is left out. */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined) continue;
      try {
        headers.append(name, one);
      } catch {
        // Node's parser already refuses control characters; anything else Fetch rejects is dropped.
      }
    }
  }
  return headers;
}
