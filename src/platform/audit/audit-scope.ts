import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from '../../kernel/domain/uuid.js';
import type { AuditedRoute } from './audited.decorator.js';

/**
 * The audited call being served: who calls (from the verified token), what the route does, and
 * what the call found out on its way (the id a create gave its resource, the client owning an
 * upload). Set by the audit trail's interceptor around the handler; read by its before-commit
 * hook, which writes the call's row in the use case's transaction.
 */
export interface AuditScope {
  readonly route: AuditedRoute;
  readonly requestId: string;
  readonly at: Date;
  /** The status the route answers when it succeeds (what a committed write's row says). */
  readonly successStatus: number;
  clientId: string | null;
  sub: string | null;
  resourceId: string | null;
  /** The row was committed with a transaction of the call. */
  recorded: boolean;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** The audited call in progress, if any. */
export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** Runs `work` as the audited call `scope`. */
export function inAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

/**
 * Names the resource an audited call created (its UUID), for its audit row: a use case calls it
 * before its transaction commits. Outside an audited call it does nothing.
 */
export function auditedResource(id: string): void {
  const scope = storage.getStore();
  if (scope && scope.resourceId === null && isUuid(id)) scope.resourceId = id;
}

/**
 * Names the client an audited call acts for when no token says it: an upload to a signed URL
 * acts for the client owning the request. Outside an audited call it does nothing.
 */
export function auditedClient(clientId: string): void {
  const scope = storage.getStore();
  if (scope && scope.clientId === null) scope.clientId = clientId;
}
