import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { setupSwagger } from '../docs/swagger.js';
import { assignRequestId } from '../logging/redact.js';
import { rejectNulCharacters } from './nul-guard.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A body that is not JSON is refused before it reaches a route (api.md §1: 400). */
function requireJson(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  if (
    BODY_METHODS.has(request.method) &&
    hasBody &&
    !request.path.startsWith('/api/uploads/') &&
    !request.is('application/json') &&
    !request.is('application/*+json')
  ) {
    const error = Object.assign(new Error('Content-Type must be application/json'), {
      status: 415,
      type: 'content.type',
    });
    next(error);
    return;
  }
  next();
}

/** HTTP concerns of the standalone app: logger, body limits, headers, CORS, explorer. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    assignRequestId(req, res);
    next();
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'validator.swagger.io'],
          // helmet's default would rewrite every asset and "Try it out" request of a page served
          // over plain HTTP on a non-loopback host (http://qa-host:3000/api/docs) to https://,
          // leaving the explorer blank. TLS deployments serve the page over https anyway.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  if (config.corsOrigins.length > 0)
    app.enableCors({
      origin: [...config.corsOrigins],
      exposedHeaders: ['x-request-id', 'retry-after'],
    });
  app.use(requireJson);
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.use(rejectNulCharacters);
  setupSwagger(app);
}
