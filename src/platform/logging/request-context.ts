import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries: its request id. */
export interface RequestContext {
  readonly requestId: string;
}

/**
 * The request being served, for log lines written deep in a use case. Set by the HTTP edge when
 * a request arrives; read by the logger.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();
