import {
  ArgumentsHost,
  Catch,
  HttpException,
  Inject,
  Logger,
  NotFoundException,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '../../kernel/domain/errors.js';
import { AccessDenied, MissingScopes } from '../auth/auth-errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { metaFor, requestIdOf, requestPathOf } from './envelope.js';
import { ERROR_HTTP } from './error-mapping.js';
import { RequestMalformed } from './request-malformed.js';
import { PLATFORM_ERRORS } from '../errors.js';
import { StoredAnswer } from '../idempotency/stored-answer.js';

interface ErrorBody {
  status: number;
  type: string;
  message: string;
  invalid?: unknown[];
  retryAfter?: number;
}

/** The client-error statuses of the registry's table and their `error.type`. */
const BY_STATUS: Record<number, string> = {
  400: 'request_malformed',
  401: 'access_denied',
  403: 'forbidden',
  404: 'not_found',
  409: 'request_conflict',
  413: 'request_too_large',
  422: 'validation_failed',
  429: 'too_many_requests',
  431: 'request_too_large',
  503: 'service_unavailable',
};

/** A status of the table for any 4xx: 405 reads as an unknown route, the rest as malformed. */
function tableStatus(status: number): number {
  if (BY_STATUS[status] !== undefined) return status;
  return status === 405 ? 404 : 400;
}

/**
 * Body-parser and raw-body errors (Express) carry `status` and `type`, Fastify's own errors
 * `statusCode` and `code`; none is an HttpException.
 */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
}

export function describeError(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const { status, type } = ERROR_HTTP[exception.code];
    return {
      status,
      type,
      message: exception.message,
      ...(exception.code === 'validation'
        ? {
            invalid: exception.invalid.map((e) => ({
              entry_type: 'json_data_property',
              entry: e.entry,
              rules: [{ rule: e.rule, description: e.description, params: e.params ?? [] }],
            })),
          }
        : {}),
      ...(exception.retryAfterSeconds !== undefined
        ? { retryAfter: exception.retryAfterSeconds }
        : {}),
    };
  }
  if (exception instanceof RequestMalformed)
    return { status: 400, type: 'request_malformed', message: exception.message };
  if (exception instanceof AccessDenied)
    return { status: 401, type: 'access_denied', message: exception.message };
  if (exception instanceof MissingScopes)
    return { status: 403, type: 'forbidden', message: exception.message };
  if (exception instanceof HttpException) {
    const parsed = fromParserError(exception.cause);
    if (parsed) return parsed;
    const status = exception.getStatus();
    if (status >= 500 && status !== 503) return internal();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : exception.message;
    const answered = tableStatus(status);
    return { status: answered, type: BY_STATUS[answered], message };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      status: 503,
      type: 'service_unavailable',
      message: PLATFORM_ERRORS.databaseUnavailable.message,
    };
  }
  return fromParserError(exception) ?? internal();
}

/** Parser errors of either platform, bare or wrapped by the platform as the cause. */
function fromParserError(error: unknown): ErrorBody | undefined {
  const parser = error as ParserError | undefined;
  const status = parser?.status ?? parser?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (parser?.type === 'entity.too.large' || parser?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, type: 'request_too_large', message: 'Request body is too large' };
  }
  if (parser?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    // Fastify's answer to a Content-Type it cannot parse or has no parser for (the standalone
    // app has one for every type; a host may not).
    return { status: 400, type: 'request_malformed', message: RequestMalformed.BAD_CONTENT_TYPE };
  }
  if (parser?.type === 'entity.parse.failed') {
    return { status: 400, type: 'request_malformed', message: 'Malformed JSON in request body' };
  }
  if (parser?.type === 'charset.unsupported' || parser?.type === 'encoding.unsupported') {
    // The registry's error table has no 415: a body the service cannot decode is malformed (400).
    return {
      status: 400,
      type: 'request_malformed',
      message:
        parser.type === 'charset.unsupported'
          ? 'Unsupported charset in Content-Type'
          : 'Unsupported Content-Encoding',
    };
  }
  if (parser?.type === 'content.type') {
    return { status: 400, type: 'request_malformed', message: RequestMalformed.NOT_JSON };
  }
  // Any other client error of a parser or router (bad URL, wrong Content-Length, ...).
  const answered = tableStatus(status);
  return {
    status: answered,
    type: BY_STATUS[answered],
    message: RequestMalformed.MALFORMED_REQUEST,
  };
}

function internal(): ErrorBody {
  return { status: 500, type: 'internal_error', message: 'Internal server error' };
}

/**
 * The one place that turns any error into the registry's error envelope, on Express and on
 * Fastify (headers and the reply go through the platform's adapter).
 */
@Catch()
export class RegistryExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<unknown>();
    const response = ctx.getResponse<unknown>();
    const { httpAdapter } = this.adapterHost;
    if (exception instanceof StoredAnswer) {
      // The first answer of the same request, replayed as it was (docs/api.md, Safe retries).
      httpAdapter.reply(response, JSON.parse(exception.body) as unknown, exception.status);
      return;
    }
    const body = describeError(exception);
    if (exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(body.message)) {
      // The router's text names the request target as sent, which may carry another host
      // (absolute form) or a query: the path alone is named.
      body.message = `Cannot ${httpAdapter.getRequestMethod(request)} ${requestPathOf(request)}`;
    }
    const requestId = requestIdOf(request);
    if (body.status === 500) {
      this.logger.error({ err: exception, request_id: requestId }, 'Unhandled exception');
    } else if (body.status === 503 && !(exception instanceof DomainError)) {
      // A dependency outage is expected operation, not a bug: a warning with its cause.
      this.logger.warn({ err: exception, request_id: requestId }, 'Dependency unavailable');
    }
    if (body.retryAfter !== undefined) {
      httpAdapter.setHeader(response, 'Retry-After', String(body.retryAfter));
    }
    // Errors raised before the request-id hook ran (the router's own) still echo the id.
    if (requestId !== '') httpAdapter.setHeader(response, 'x-request-id', requestId);
    httpAdapter.reply(
      response,
      {
        meta: metaFor(this.config.publicUrl, request, body.status, 'object'),
        error: {
          type: body.type,
          message: body.message,
          ...(body.invalid ? { invalid: body.invalid } : {}),
        },
      },
      body.status,
    );
  }
}
