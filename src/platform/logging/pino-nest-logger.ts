import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { requestContext } from './request-context.js';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's logger on pino: one JSON line per call, with the logger's context and the request id of
 * the request being served. Called as Nest loggers are: `log(message, context?)`,
 * `log({ ...fields }, message, context?)`, `error(message | { err }, stack?, context?)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the logger's context as the last string argument.
    const last = params.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const requestId = requestContext.getStore()?.requestId;
    const fields: Record<string, unknown> = {
      ...(context !== undefined ? { context } : {}),
      ...(requestId !== undefined ? { request_id: requestId } : {}),
    };
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      const text = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ ...fields, ...message }, text);
    } else if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else {
      const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ ...fields, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
