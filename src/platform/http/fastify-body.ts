import type { FastifyInstance, FastifyRequest } from 'fastify';
import './reads-own-body.decorator.js';
import { discardBody, lingerOnClose } from './unread-body.js';

/** Whether the matched route was marked with `@ReadsOwnBody()`. */
export function readsOwnBody(request: FastifyRequest): boolean {
  return request.routeOptions.config?.ehealthReadsOwnBody === true;
}

/**
 * Fastify's strict JSON parser (prototype poisoning refused) as a plain function of the text.
 */
export function strictJsonParser(fastify: FastifyInstance): (text: string) => unknown {
  const strictParse = fastify.getDefaultJsonParser('error', 'error');
  return (text) => {
    // Fastify's parser answers through a callback, synchronously.
    const outcome: { error?: Error | null; value?: unknown } = {};
    void strictParse(undefined as never, text, (error: Error | null, value?: unknown) => {
      outcome.error = error;
      outcome.value = value;
    });
    if (outcome.error) throw outcome.error;
    return outcome.value;
  };
}

/**
 * Fastify reads no request body at all: every method is registered as one without a body, and
 * no content-type parser is left. A body stays in the Node request stream until the service
 * has authenticated the request from its headers; then the global body step reads it
 * (`RequestBodyInterceptor`), or the route reads its own (`@ReadsOwnBody()`, the upload route).
 * Fastify would otherwise read and parse a JSON body as soon as the route is matched, before any
 * guard runs, so that anyone could make the service hold a body in memory.
 */
export function leaveBodiesUnread(fastify: FastifyInstance): void {
  for (const method of fastify.supportedMethods) {
    fastify.addHttpMethod(method, { hasBody: false, overrideExisting: true });
  }
  fastify.removeAllContentTypeParsers();
}

/**
 * Before any answer to a request whose body was not (completely) read, what the client is still
 * sending is read and thrown away (`discardBody`), so that the answer reaches it. When the body
 * did not end (over the discard limit, stalled, or the client went away), the answer says
 * `Connection: close` and the connection is closed lingering (`lingerOnClose`).
 */
export function answerAfterTheBody(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const raw = request.raw;
    if (raw.complete) return payload;
    if (!(await discardBody(raw))) {
      reply.header('connection', 'close');
      lingerOnClose(raw.socket);
    }
    return payload;
  });
}
