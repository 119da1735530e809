import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { defer, mergeMap, type Observable } from 'rxjs';
import { requiredScopes } from '../auth/scopes.decorator.js';
import type { KeyedRequests } from '../idempotency/keyed-requests.js';
import { readsOwnBody } from './fastify-body.js';
import { readJsonRequestBytes } from './request-body.js';

/**
 * The standalone app's body step: it runs after the guard (the token, the api key and the
 * scopes were checked from the headers) and before the pipes and the route, and reads the JSON
 * body (`readJsonRequest`: 1 MiB, 65 levels, strict parse, NUL) into `request.body`. Public
 * routes and routes that read their own body (`@ReadsOwnBody()`) get no body read here: a body
 * sent to them is thrown away unread when they answer.
 *
 * With `keyed`, a POST or PATCH carrying `X-Idempotency-Key` has its key checked before the body
 * is read and claimed once it is read (its raw bytes are part of the request's identity): the
 * route then runs, or the kept answer is replayed, or the request is refused.
 */
export class RequestBodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly parse: (text: string) => unknown,
    private readonly keyed?: KeyedRequests,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (requiredScopes(this.reflector, context) === undefined || readsOwnBody(request)) {
      return next.handle();
    }
    return defer(async () => {
      const key = this.keyed?.keyOf(request);
      const { bytes, body } = await readJsonRequestBytes(request.raw, this.parse);
      request.body = body;
      if (key !== undefined) await this.keyed!.begin(request, key, bytes);
    }).pipe(mergeMap(() => next.handle()));
  }
}
