import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { Enveloped, metaFor } from './envelope.js';
import { NOT_ENVELOPED } from './not-enveloped.decorator.js';

/**
 * Wraps every controller result in `{ meta, data, urgent?, paging? }`, except @NotEnveloped()
 * routes. Works on Express and Fastify (both responses carry `statusCode`).
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean | undefined>(NOT_ENVELOPED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (raw === true) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<unknown>();
    const response = http.getResponse<{ statusCode: number }>();
    return next.handle().pipe(
      map((result: unknown) => {
        const wrapped: Enveloped<unknown> =
          result instanceof Enveloped ? (result as Enveloped<unknown>) : new Enveloped(result);
        const type = Array.isArray(wrapped.data) ? 'list' : 'object';
        const body: Record<string, unknown> = {
          meta: metaFor(this.config.publicUrl, request, response.statusCode, type),
          data: wrapped.data,
          ...(wrapped.extras.urgent !== undefined ? { urgent: wrapped.extras.urgent } : {}),
          ...(wrapped.extras.paging !== undefined ? { paging: wrapped.extras.paging } : {}),
        };
        return body;
      }),
    );
  }
}
