import { Global, Module, type DynamicModule } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { serializeError } from './error-serializer.js';
import { PinoNestLogger } from './pino-nest-logger.js';

export interface LoggingOptions {
  readonly level: string;
  /** Where JSON lines go; tests pass a stream to read the log of a whole flow. */
  readonly stream?: DestinationStream;
}

/** The standalone app's root pino logger (the HTTP edge writes one line per request with it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export function rootLogger(options: LoggingOptions): Pino {
  return pino(
    {
      level: options.level,
      // Database errors without query, parameters or values (error-serializer.ts).
      serializers: { err: serializeError },
    },
    options.stream ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * Structured JSON logs (pino): Nest's logger writes through it, and every line written while a
 * request is served carries its request id (see request-context.ts and configure-app.ts).
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const root = rootLogger(options);
    return {
      module: LoggingModule,
      providers: [
        { provide: ROOT_LOGGER, useValue: root },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(root) },
      ],
      exports: [ROOT_LOGGER, PinoNestLogger],
    };
  }
}
