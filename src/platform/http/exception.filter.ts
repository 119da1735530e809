import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError } from '../../shared/domain/errors.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { AccessDenied, MissingScopes } from '../auth/auth-errors.js';
import { metaFor } from './envelope.js';
import { ERROR_HTTP } from './error-mapping.js';

interface ErrorBody {
  status: number;
  type: string;
  message: string;
  invalid?: unknown[];
  retryAfter?: number;
}

const BY_STATUS: Record<number, string> = {
  400: 'request_malformed',
  401: 'access_denied',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'request_conflict',
  413: 'request_too_large',
  415: 'request_malformed',
  422: 'validation_failed',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Body-parser and raw-body errors carry `status` and `type` but are no HttpException. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
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
    return { status, type: BY_STATUS[status] ?? 'request_malformed', message };
  }
  if (isDatabaseUnavailable(exception)) {
    return { status: 503, type: 'service_unavailable', message: 'Database is unavailable' };
  }
  return fromParserError(exception) ?? internal();
}

/** body-parser / raw-body errors, bare or wrapped by the platform as the cause. */
function fromParserError(error: unknown): ErrorBody | undefined {
  const parser = error as ParserError | undefined;
  const status = parser?.status ?? parser?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (parser?.type === 'entity.too.large') {
    return { status: 413, type: 'request_too_large', message: 'Request body is too large' };
  }
  if (parser?.type === 'entity.parse.failed') {
    return { status: 400, type: 'request_malformed', message: 'Malformed JSON in request body' };
  }
  if (parser?.type === 'charset.unsupported' || parser?.type === 'encoding.unsupported') {
    // api.md §1 knows no 415: a body the service cannot decode is a malformed request (400).
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
    return {
      status: 400,
      type: 'request_malformed',
      message: 'Content-Type must be application/json',
    };
  }
  return { status, type: BY_STATUS[status] ?? 'request_malformed', message: 'Malformed request' };
}

function internal(): ErrorBody {
  return { status: 500, type: 'internal_error', message: 'Internal server error' };
}

/** The one place that turns any error into the registry's error envelope (api.md §1). */
@Catch()
export class RegistryExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request>();
    const response = ctx.getResponse<Response>();
    const body = describeError(exception);
    const requestId = (request as Request & { id?: unknown }).id;
    if (body.status === 500) {
      this.logger.error({ err: exception, request_id: requestId }, 'Unhandled exception');
    } else if (body.status === 503 && !(exception instanceof DomainError)) {
      // A dependency outage is expected operation, not a bug: a warning with its cause.
      this.logger.warn({ err: exception, request_id: requestId }, 'Dependency unavailable');
    }
    if (body.retryAfter !== undefined) response.setHeader('Retry-After', String(body.retryAfter));
    this.adapterHost.httpAdapter.reply(
      response,
      {
        meta: metaFor(request, body.status, 'object'),
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
