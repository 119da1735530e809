import { parseJsonText } from '../../kernel/domain/json.js';

/** The largest answer body read by default (1 MiB): the registry's services answer far less. */
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

export interface JsonCall {
  readonly method: string;
  /** Sent besides `accept: application/json` (and `content-type` when there is a body). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON text; no body when undefined. */
  readonly body?: unknown;
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
 */
export class OutboundFailure extends Error {
  constructor(
    readonly reason: OutboundFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundFailure';
  }
}

/**
 * One JSON call to another service over HTTP (fetch). Every status is an answer for the caller
 * to judge, and so is a body that is not JSON (`json` undefined); only a call that got no whole
 * answer throws, always an OutboundFailure. The body is read under the same timeout, and only up
 * to `maxBytes`: a larger one is refused as soon as its declared length or the bytes read so far
 * pass the limit, and the connection is dropped.
 */
export async function callJson(url: string, call: JsonCall): Promise<JsonAnswer> {
  const maxBytes = call.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const hasBody = call.body !== undefined;
  try {
    const response = await fetch(url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      ...(hasBody ? { body: JSON.stringify(call.body) } : {}),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const text = await readText(response, maxBytes);
    return { status: response.status, headers: response.headers, json: parseJsonText(text) };
  } catch (error) {
    if (error instanceof OutboundFailure) throw error;
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new OutboundFailure('timeout', `timed out after ${call.timeoutMs} ms`, {
        cause: error,
      });
    }
    throw new OutboundFailure('network', 'failed to connect or read the answer', { cause: error });
  }
}

/** The body as UTF-8 text (a BOM dropped, as `response.text()` does), at most `maxBytes`. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const body = response.body as ReadableStream<Uint8Array> | null;
  if (body === null) return '';
  if (Number(response.headers.get('content-length')) > maxBytes) {
    // Drops the connection instead of draining the body.
    await body.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) cancels the body, and with it the connection.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

function tooLarge(maxBytes: number): OutboundFailure {
  return new OutboundFailure('too_large', `answered with a body over ${maxBytes} bytes`);
}
