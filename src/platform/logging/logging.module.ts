import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { serializeError } from './error-serializer.js';
import { assignRequestId, redactUrl } from './redact.js';

export interface LoggingOptions {
  readonly level: string;
  /** Where JSON lines go; tests pass a stream to read the log of a whole flow. */
  readonly stream?: DestinationStream;
}

/**
 * Structured JSON logs (pino); every line of a request carries its request id. On Fastify the
 * request logger runs as middleware, which reaches every route only with this catch-all path.
 */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level: options.level,
        genReqId: (req: IncomingMessage, res: ServerResponse): string => assignRequestId(req, res),
        customProps: (req: IncomingMessage) => ({
          request_id: (req as IncomingMessage & { id?: unknown }).id,
        }),
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.url),
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          // Database errors without query, parameters or values (error-serializer.ts).
          err: serializeError,
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers["api-key"]', 'req.headers.cookie'],
          remove: true,
        },
        customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
          error || res.statusCode >= 500 ? 'error' : 'info',
      },
      options.stream ?? process.stdout,
    ],
  });
}
