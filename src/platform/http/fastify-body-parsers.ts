import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readJsonBody } from './json-body.js';
import './reads-own-body.decorator.js';
import { RequestMalformed } from './request-malformed.js';

/** `application/json` with a suffix: `application/vnd.api+json`, `application/merge-patch+json`. */
const JSON_SUFFIX = /^application\/[\w!#$%&'*.^`|~-]+\+json(?:;|$)/;

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Whether the matched route was marked with `@ReadsOwnBody()`. */
function readsOwnBody(request: FastifyRequest): boolean {
  return request.routeOptions.config?.ehealthReadsOwnBody === true;
}

/** Only UTF-8 is read; any other declared charset is refused rather than misread. */
function checkCharset(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
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
 * The only content-type parsers of the standalone app:
 * - JSON (`application/json`, `application/*+json`): read as text up to `limit` bytes (413 past
 *   it), nesting depth checked without recursion (65 levels: 400), parsed with prototype
 *   poisoning refused, NUL characters refused (422);
 * - anything else: a body of another type is a 400 and no body is none.
 * A route marked `@ReadsOwnBody()` (the signed upload route) gets none of this: its body is left
 * unread, whatever the Content-Type, for the handler to read after it has checked the URL. A
 * path no route serves is a 404 whatever else it was sent (JSON is still checked: no route reads
 * a body before its depth is known).
 */
export function registerBodyParsers(fastify: FastifyInstance, limit: number): void {
  const strictParse = fastify.getDefaultJsonParser('error', 'error');
  const parse = (text: string): unknown => {
    // Fastify's parser answers through a callback, synchronously.
    const outcome: { error?: Error | null; value?: unknown } = {};
    void strictParse(undefined as never, text, (error: Error | null, value?: unknown) => {
      outcome.error = error;
      outcome.value = value;
    });
    if (outcome.error) throw outcome.error;
    return outcome.value;
  };
  fastify.removeAllContentTypeParsers();

  // The parsers read from the stream this hook hands on; the route's own handler reads
  // `request.raw`, which stays untouched. The declared length is reported as received, so that
  // Fastify does not call the empty stream a truncated body.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (!readsOwnBody(request)) {
      done(null, payload);
      return;
    }
    const unread = Readable.from([]) as Readable & { receivedEncodedLength?: number };
    unread.receivedEncodedLength = Number(request.headers['content-length'] ?? 0);
    done(null, unread);
  });

  const json = (request: FastifyRequest, text: string): unknown => {
    checkEncoding(request.headers['content-encoding']);
    checkCharset(request.headers['content-type']);
    return readJsonBody(text, parse);
  };
  for (const type of ['application/json', JSON_SUFFIX]) {
    fastify.addContentTypeParser(
      type,
      { parseAs: 'string', bodyLimit: limit },
      (request: FastifyRequest, body: string | Buffer, done) => {
        if (readsOwnBody(request)) {
          done(null, undefined);
          return;
        }
        try {
          done(null, json(request, body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );
  }

  fastify.addContentTypeParser('*', (request: FastifyRequest, _payload, done) => {
    if (readsOwnBody(request) || request.is404 || !hasBody(request.headers)) {
      done(null, undefined);
      return;
    }
    done(new RequestMalformed(RequestMalformed.NOT_JSON), undefined);
  });
}
