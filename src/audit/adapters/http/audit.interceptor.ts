import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { Clock } from '../../../kernel/application/clock.port.js';
import { isUuid } from '../../../kernel/domain/uuid.js';
import { inAuditScope, type AuditScope } from '../../../platform/audit/audit-scope.js';
import { auditedRoute, type AuditedRoute } from '../../../platform/audit/audited.decorator.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { Enveloped, requestIdOf } from '../../../platform/http/envelope.js';
import { describeError } from '../../../platform/http/exception.filter.js';
import { AuditRecorder, type AuditAnswer } from '../../application/audit-recorder.js';

interface AuditedRequest {
  readonly method: string;
  readonly user?: Actor;
  readonly params?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
}

/**
 * Records the calls of @Audited routes (docs/api.md, Audit trail). It runs after the guard, so a
 * call without a valid token is never recorded. Around the handler it holds the call's audit
 * scope (who, what, which resource), which the before-commit hook reads to write a write's row in
 * the use case's transaction; once the answer is decided it hands the outcome to the recorder: a
 * read's row to the buffer, a refused write's row to a transaction of its own.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    const route = auditedRoute(this.reflector, handler);
    if (!route) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ??
      (request.method === 'POST' ? 201 : 200);
    const scope: AuditScope = {
      route,
      requestId: requestIdOf(request),
      at: this.clock.now(),
      successStatus,
      clientId: request.user?.clientId ?? null,
      sub: request.user?.userId ?? null,
      resourceId: paramId(route, request),
      recorded: false,
    };
    const query = route.action === 'search' ? (request.query ?? {}) : undefined;
    return new Observable<unknown>((subscriber) =>
      inAuditScope(scope, () =>
        next
          .handle()
          .pipe(
            mergeMap((result: unknown) =>
              from(
                this.recorder
                  .answered(scope, {
                    ...answerFacts(result),
                    status: successStatus,
                    ...params(query),
                  })
                  .then(() => result),
              ),
            ),
            catchError((error: unknown) =>
              from(
                this.recorder.answered(scope, {
                  status: describeError(error).status,
                  ...params(query),
                }),
              ).pipe(mergeMap(() => throwError(() => error))),
            ),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

function paramId(route: AuditedRoute, request: AuditedRequest): string | null {
  if (route.param === undefined) return null;
  const value = request.params?.[route.param];
  return isUuid(value) ? value.toLowerCase() : null;
}

function params(query: Record<string, unknown> | undefined): Pick<AuditAnswer, 'parameters'> {
  return query === undefined ? {} : { parameters: query };
}

/** What the answer tells the trail: a list's length, the id it gave its resource. */
function answerFacts(result: unknown): Omit<AuditAnswer, 'status'> {
  const data = dataOf(result);
  if (Array.isArray(data)) return { items: data.length };
  if (typeof data === 'object' && data !== null) {
    const id = (data as { id?: unknown }).id;
    if (typeof id === 'string') return { answerId: id };
  }
  return {};
}

/** The answer's data, whether the envelope was put around it yet or not. */
function dataOf(result: unknown): unknown {
  if (result instanceof Enveloped) return (result as Enveloped<unknown>).data;
  if (typeof result === 'object' && result !== null && 'meta' in result && 'data' in result) {
    return (result as { data: unknown }).data;
  }
  return result;
}
