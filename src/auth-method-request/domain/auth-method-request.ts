import type { Lifecycle, LifecycleRequest } from '../../request-lifecycle/domain/lifecycle.js';
import type { CurrentMethod } from '../../request-lifecycle/domain/current-method.js';

export const AMR_STATUSES = ['NEW', 'COMPLETED', 'CANCELED', 'EXPIRED'] as const;
export type AmrStatus = (typeof AMR_STATUSES)[number];

export const AMR_ACTIONS = ['insert', 'update', 'deactivate'] as const;
export type AmrAction = (typeof AMR_ACTIONS)[number];

export type AmrTransition = 'complete';

/** The first segment of an authentication method request's document keys, and of its codes. */
export const AUTH_METHOD_REQUESTS = 'authentication_method_requests';

/** The method an insert adds, or the method an update / deactivate names. */
export interface RequestedMethod {
  readonly type?: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';
  readonly id?: string;
  readonly phoneNumber?: string;
  readonly value?: string;
  readonly alias?: string;
}

export interface AuthMethodRequest extends LifecycleRequest<AmrStatus> {
  readonly personId: string;
  readonly channel: 'MIS';
  readonly action: AmrAction;
  readonly authenticationMethod: RequestedMethod;
}

const HOUR_MS = 3_600_000;

/**
 * An authentication method request's road: NEW → COMPLETED on approve; NEW → CANCELED when a
 * newer request of the person replaces it; NEW expires after `ttlHours`.
 */
export function authMethodRequestLifecycle(ttlHours: number): Lifecycle<AmrStatus, AmrTransition> {
  return {
    kind: AUTH_METHOD_REQUESTS,
    transitions: { complete: { from: ['NEW'], to: 'COMPLETED' } },
    expiresFrom: ['NEW'],
    expired: 'EXPIRED',
    ttlMs: ttlHours * HOUR_MS,
  };
}

/**
 * The document types an approve needs scans of: those of whoever confirms when the current
 * method resolves to OFFLINE (the person's own, or the third person's), and the person's own
 * when the request inserts OFFLINE (whoever switches to offline authentication proves it with
 * scans). A type both need is listed once, first-seen order kept.
 */
export function documentsToScan(input: {
  readonly current: Pick<CurrentMethod, 'verifiedBy'>;
  /** The documents of whoever confirms by the current method. */
  readonly confirmerDocumentTypes: readonly string[];
  readonly action: AmrAction;
  readonly method: Pick<RequestedMethod, 'type'>;
  readonly ownDocumentTypes: readonly string[];
}): string[] {
  const types: string[] = [];
  if (input.current.verifiedBy === 'OFFLINE') types.push(...input.confirmerDocumentTypes);
  if (input.action === 'insert' && input.method.type === 'OFFLINE') {
    types.push(...input.ownDocumentTypes);
  }
  return [...new Set(types)];
}
