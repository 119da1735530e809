import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { requiredScopes } from '../auth/scopes.decorator.js';
import { readsOwnBody } from './fastify-body.js';
import { readJsonRequest } from './request-body.js';

/**
 * The standalone app's body step: it runs after the guard (the token, the api key and the
 * scopes were checked from the headers) and before the pipes and the route, and reads the JSON
 * body (`readJsonRequest`: 1 MiB, 65 levels, strict parse, NUL) into `request.body`. Public
 * routes and routes that read their own body (`@ReadsOwnBody()`) get no body read here: a body
 * sent to them is thrown away unread when they answer.
 */
export class RequestBodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly parse: (text: string) => unknown,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (requiredScopes(this.reflector, context) === undefined || readsOwnBody(request)) {
      return next.handle();
    }
    return from(readJsonRequest(request.raw, this.parse)).pipe(
      mergeMap((body) => {
        request.body = body;
        return next.handle();
      }),
    );
  }
}
