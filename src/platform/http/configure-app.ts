import type { IncomingMessage, Server } from 'node:http';
import { Logger as NestLogger, type NestApplicationOptions } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { setupSwagger } from '../docs/swagger.js';
import { IdempotentRequests } from '../idempotency/idempotent-requests.js';
import { KeyedRequests } from '../idempotency/keyed-requests.js';
import { ROOT_LOGGER } from '../logging/logging.module.js';
import { PinoNestLogger } from '../logging/pino-nest-logger.js';
import { assignRequestId, redactUrl } from '../logging/redact.js';
import { requestContext } from '../logging/request-context.js';
import { clientErrorHandler } from './client-error.js';
import { answerAfterTheBody, leaveBodiesUnread, strictJsonParser } from './fastify-body.js';
import { refuseNulCharacters } from './json-body.js';
import { RequestBodyInterceptor } from './request-body.interceptor.js';

/**
 * Longest route parameter: Node refuses request heads over 16 KiB anyway, so no parameter (a
 * document key, a garbage id) gets Fastify's 414, which the registry's table does not know.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * How often Node looks for requests past their head or request time limit (its default, 30 s,
 * would let a request overstay its limit by that much).
 */
const TIME_LIMITS_CHECKED_EVERY_MS = 1000;
/** At most one warning a minute while the connection cap turns connections away. */
const CAP_WARNING_EVERY_MS = 60_000;

type SecurityHook = Parameters<FastifyAdapter['registerSecurityHook']>[0];

/**
 * Fastify whose router errors (a path with bad percent-encoding: 400) reach the app's exception
 * filter. Fastify hands them to the error handler its router had when it was created, before Nest
 * installed its own; they are passed to the current one instead, after the security headers.
 */
class StandaloneFastifyAdapter extends FastifyAdapter {
  private headersHook: SecurityHook | undefined;

  override registerSecurityHook(hook: SecurityHook): void {
    super.registerSecurityHook(hook);
    this.headersHook = hook;
  }

  routerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    try {
      this.headersHook?.(request, reply.raw);
    } catch {
      // The request is refused either way.
    }
    const instance = this.getInstance();
    instance.errorHandler.call(instance, error, request, reply);
  }
}

/**
 * The standalone service's Fastify platform: no proxy trust, the time limits of the server
 * (`HTTP_*_TIMEOUT_MS`; Fastify would switch the request limit off, leaving a client that sends
 * a byte a minute holding its connection for ever), the request id taken from `X-Request-ID`
 * when acceptable (else a UUID) before routing, and requests Node's parser refuses (oversized
 * headers: 431, time limits: 408) answered in the registry's envelope.
 */
function standaloneAdapter(config: AppConfig): FastifyAdapter {
  const log = new NestLogger('HTTP');
  const onClientError = clientErrorHandler(config.publicUrl, (answer, code) =>
    log.warn(
      { request_id: answer.requestId, status: answer.status, code },
      'Refused a request the HTTP parser could not read',
    ),
  );
  const adapter: StandaloneFastifyAdapter = new StandaloneFastifyAdapter({
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      adapter.routerError(error, request, reply),
    trustProxy: false,
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    // Node's own options: the head limit is checked against the request limit at creation.
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      requestTimeout: config.http.requestTimeoutMs,
      connectionsCheckingInterval: TIME_LIMITS_CHECKED_EVERY_MS,
    },
    logger: false,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => assignRequestId(req),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    clientErrorHandler: onClientError,
  });
  return adapter;
}

/**
 * At most `HTTP_MAX_CONNECTIONS` open connections: Node closes further ones as they arrive. An
 * operator learns it from a warning, at most once a minute, with the count turned away.
 */
function capConnections(server: Server, maxConnections: number): void {
  server.maxConnections = maxConnections;
  const log = new NestLogger('HTTP');
  let refused = 0;
  let warnedAt = -Infinity;
  server.on('drop', () => {
    refused += 1;
    if (Date.now() - warnedAt < CAP_WARNING_EVERY_MS) return;
    log.warn(
      { refused, max_connections: maxConnections },
      'Connection cap reached: new connections are closed',
    );
    warnedAt = Date.now();
    refused = 0;
  });
}

/**
 * HTTP concerns of the standalone app: logger, security headers, CORS, the connection cap, the
 * body read only after authentication, idempotency keys, the NUL guard on query strings, the explorer. A host
 * embedding the module configures its own platform.
 */
function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  app.useLogger(app.get(PinoNestLogger));
  const root = app.get<Pino>(ROOT_LOGGER);
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'validator.swagger.io'],
        // The default would rewrite every asset and "Try it out" request of a page served over
        // plain HTTP on a non-loopback host (http://qa-host:3000/api/docs) to https://, leaving
        // the explorer blank. TLS deployments serve the page over https anyway.
        'upgrade-insecure-requests': null,
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      exposedHeaders: ['x-request-id', 'retry-after'],
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    // `genReqId` (standaloneAdapter) gave the request its id; the response echoes it.
    const requestId = request.id;
    reply.header('x-request-id', requestId);
    // Every line logged while this request is served carries its id. Set here, before the body
    // is read, and again right before the route runs (a body arrives in the socket's context).
    requestContext.enterWith({ requestId });
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.enterWith({ requestId: String(request.id) });
    done();
  });
  // One line per request, as it ends: method, path (phones masked, query dropped), status, time.
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : 'info';
    if (root.isLevelEnabled(level)) {
      root[level](
        {
          request_id: request.id,
          req: { method: request.method, url: redactUrl(request.url) },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
  capConnections(app.getHttpServer(), config.http.maxConnections);
  leaveBodiesUnread(fastify);
  answerAfterTheBody(fastify);
  const keyed = new KeyedRequests(app.get(IdempotentRequests));
  keyed.install(fastify);
  // After the guard, before the pipes and the route (docs/api.md, Order of checks).
  app.useGlobalInterceptors(
    new RequestBodyInterceptor(app.get(Reflector), strictJsonParser(fastify), keyed),
  );
  // Before guards and routes: the query string is part of the head.
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      refuseNulCharacters(request.query);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  setupSwagger(app);
}

/**
 * The standalone app, built the same way by `main.ts` and by the end-to-end tests: `create` makes
 * the Nest application on the given adapter (NestFactory.create, or a testing module's
 * createNestApplication), then the platform is configured.
 */
export async function createStandaloneApp(
  config: AppConfig,
  create: (
    adapter: FastifyAdapter,
    options: NestApplicationOptions,
  ) => NestFastifyApplication | Promise<NestFastifyApplication>,
): Promise<NestFastifyApplication> {
  const app = await create(standaloneAdapter(config), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  return app;
}
