import { IncomingMessage } from 'node:http';

/**
 * The Node.js request stream under the request object a Nest controller receives: on Express the
 * request is the IncomingMessage itself, on Fastify it wraps it as `raw`. The upload route reads
 * the body from this stream, so it works under either platform as long as nothing has read the
 * body before (no body parser for `image/jpeg`).
 */
export function nodeRequestOf(request: unknown): IncomingMessage {
  if (request instanceof IncomingMessage) return request;
  const raw = (request as { raw?: unknown } | null | undefined)?.raw;
  if (raw instanceof IncomingMessage) return raw;
  throw new Error('The upload route needs the Node.js request (Express or Fastify)');
}
