import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { PayloadTooLargeException } from '@nestjs/common';
import { readJsonBody } from './json-body.js';
import { RequestMalformed } from './request-malformed.js';

/** Largest JSON body read (1 MiB); uploads have their own limit in the storage. */
export const JSON_BODY_LIMIT = 1024 * 1024;
export const BODY_TOO_LARGE = 'Request body is too large';

/** Methods whose body is never read (as HTTP defines them, and as before). */
const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);

/** A token of a media type (RFC 9110): `application`, `vnd.api+json`. */
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;
/** `application/json` with a suffix: `application/vnd.api+json`, `application/merge-patch+json`. */
const JSON_SUFFIX = /^application\/[\w!#$%&'*.^`|~-]+\+json$/;

/** Whether the head announces a body. */
export function announcesBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** `type/subtype` of a Content-Type, lower case; undefined when it is not one. */
function mediaTypeOf(header: string): string | undefined {
  const [type, subtype] = header.split(';')[0].split('/');
  if (subtype === undefined) return undefined;
  const [t, s] = [type.trim().toLowerCase(), subtype.trim().toLowerCase()];
  return TOKEN.test(t) && TOKEN.test(s) ? `${t}/${s}` : undefined;
}

/** Only UTF-8 is read; any other declared charset is refused rather than misread. */
function checkCharset(contentType: string): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RequestMalformed(RequestMalformed.CHARSET);
  }
}

/** Compressed JSON bodies are not read (no inflation of untrusted input). */
function checkEncoding(encoding: string | undefined): void {
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new RequestMalformed(RequestMalformed.ENCODING);
  }
}

/**
 * The body's bytes, at most `limit` bytes (413 past it: the rest is left unread
 * and the stream paused). A body that breaks off is a malformed request.
 */
function readBytes(raw: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onBroken);
      raw.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        raw.pause();
        reject(new PayloadTooLargeException(BODY_TOO_LARGE));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onBroken = (): void => {
      stop();
      reject(new RequestMalformed(RequestMalformed.MALFORMED_REQUEST));
    };
    const onClose = (): void => {
      if (!raw.complete) onBroken();
    };
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onBroken);
    raw.on('close', onClose);
  });
}

/**
 * The JSON body of a request, read from the Node request stream: the service calls this only
 * once the request is authenticated (docs/api.md, Order of checks). In this order:
 * - GET, HEAD and TRACE bodies are never read; a Content-Type the platform cannot parse is 400;
 * - no body is no body (undefined), whatever the Content-Type;
 * - a body of another type than JSON (`application/json`, `application/*+json`) is 400;
 * - over `limit` bytes (declared or counted) is 413, and the rest is not read;
 * - any `Content-Encoding` but identity, a charset other than UTF-8: 400;
 * - then `readJsonBody`: nesting depth (65 levels: 400) before anything recursive, a strict
 *   parse by `parse` (prototype poisoning refused), NUL characters (422).
 */
export async function readJsonRequest(
  raw: IncomingMessage,
  parse: (text: string) => unknown,
  limit = JSON_BODY_LIMIT,
): Promise<unknown> {
  return (await readJsonRequestBytes(raw, parse, limit)).body;
}

/** A JSON body as it was sent and as it was read. */
export interface ReadBody {
  /** The body's bytes as they came (empty when there was none or it was not read). */
  readonly bytes: Buffer;
  readonly body: unknown;
}

/** `readJsonRequest`, also giving the raw bytes (an idempotency key compares them). */
export async function readJsonRequestBytes(
  raw: IncomingMessage,
  parse: (text: string) => unknown,
  limit = JSON_BODY_LIMIT,
): Promise<ReadBody> {
  const none: ReadBody = { bytes: Buffer.alloc(0), body: undefined };
  if (BODYLESS.has(raw.method ?? 'GET')) return none;
  const contentType = raw.headers['content-type'];
  const mediaType = contentType === undefined ? undefined : mediaTypeOf(contentType);
  if (contentType !== undefined && mediaType === undefined) {
    throw new RequestMalformed(RequestMalformed.BAD_CONTENT_TYPE);
  }
  if (!announcesBody(raw.headers)) return none;
  if (mediaType !== 'application/json' && !JSON_SUFFIX.test(mediaType ?? '')) {
    throw new RequestMalformed(RequestMalformed.NOT_JSON);
  }
  if (Number(raw.headers['content-length']) > limit) {
    throw new PayloadTooLargeException(BODY_TOO_LARGE);
  }
  const bytes = await readBytes(raw, limit);
  checkEncoding(raw.headers['content-encoding']);
  checkCharset(contentType ?? '');
  return { bytes, body: readJsonBody(bytes.toString('utf8'), parse) };
}
