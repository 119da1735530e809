import { fail } from '../../kernel/domain/errors.js';
import type { CurrentMethod } from './current-method.js';
import type { DocumentSlot } from './document-slot.js';
import { LIFECYCLE_ERRORS } from './lifecycle-errors.js';

/**
 * Every request kind walks one road: created NEW by a client, confirmed by whoever the person's
 * current method names (a code to a phone, or scans), then signed or completed; or it leaves the
 * road (rejected, cancelled by a newer request, expired). This file is that road; a kind adds
 * only its own body, its plan at approve and its writer at sign (docs/domain-rules.md, The request
 * lifecycle).
 */

/** Who changed a request, and when. */
export interface Stamp {
  /** The acting user; null when the token's subject is not a UUID. */
  readonly by: string | null;
  readonly at: Date;
}

/** What every request holds, whatever its kind. */
export interface LifecycleRequest<S extends string = string> {
  readonly id: string;
  /** The MIS client that created it; null for requests stored before clients were recorded. */
  readonly clientId: string | null;
  readonly status: S;
  /** Who confirms the request: the person's current method when it was created. */
  readonly authenticationMethodCurrent: CurrentMethod;
  /** The scans approve needs, one slot per document type; none when a code confirms it. */
  readonly documents: readonly DocumentSlot[];
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

/** The fields only the lifecycle changes: a kind's transition may change anything else. */
type LifecycleField = keyof LifecycleRequest;

export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
}

/** A kind's road: its transitions by name, and which statuses expire, after how long. */
export interface Lifecycle<S extends string, T extends string> {
  /**
   * The kind's name: the first segment of its document keys (`person_requests/<id>/…`) and of its
   * codes' purposes.
   */
  readonly kind: string;
  readonly transitions: { readonly [name in T]: Transition<S> };
  /** Statuses that become `expired` once the request is older than `ttlMs`. */
  readonly expiresFrom: readonly S[];
  readonly expired: S;
  readonly ttlMs: number;
}

/** Requests of an expiring status created at or before this instant have expired. */
export function expiryCutoff(lifecycle: Pick<Lifecycle<string, string>, 'ttlMs'>, now: Date): Date {
  return new Date(now.getTime() - lifecycle.ttlMs);
}

/** The status a request has now: expired once past its TTL, whether or not a sweep stored that. */
export function effectiveStatus<S extends string>(
  lifecycle: Pick<Lifecycle<S, string>, 'ttlMs' | 'expiresFrom' | 'expired'>,
  request: Pick<LifecycleRequest<S>, 'status' | 'insertedAt'>,
  now: Date,
): S {
  const expires = lifecycle.expiresFrom.includes(request.status);
  return expires && request.insertedAt.getTime() <= expiryCutoff(lifecycle, now).getTime()
    ? lifecycle.expired
    : request.status;
}

/** The request with its effective status. */
export function asOf<S extends string, R extends LifecycleRequest<S>>(
  lifecycle: Pick<Lifecycle<S, string>, 'ttlMs' | 'expiresFrom' | 'expired'>,
  request: R,
  now: Date,
): R {
  const status = effectiveStatus(lifecycle, request, now);
  return status === request.status ? request : { ...request, status };
}

/** Whether the named transition may leave the request's (effective) status. */
export function can<S extends string, T extends string>(
  lifecycle: Pick<Lifecycle<S, T>, 'transitions'>,
  request: Pick<LifecycleRequest<S>, 'status'>,
  name: T,
): boolean {
  return lifecycle.transitions[name].from.includes(request.status);
}

/** Throws 409 `Invalid transition` unless the named transition may leave the request's status. */
export function assertCan<S extends string, T extends string>(
  lifecycle: Pick<Lifecycle<S, T>, 'transitions'>,
  request: Pick<LifecycleRequest<S>, 'status'>,
  name: T,
): void {
  if (!can(lifecycle, request, name)) throw fail(LIFECYCLE_ERRORS.invalidTransition);
}

/**
 * The request after the named transition: its new status, the stamp of who made it and when,
 * and the kind's own `changes` (a printout, a person id). Throws 409 `Invalid transition` when
 * the transition may not leave the request's status.
 */
export function transition<S extends string, T extends string, R extends LifecycleRequest<S>>(
  lifecycle: Pick<Lifecycle<S, T>, 'transitions'>,
  request: R,
  name: T,
  stamp: Stamp,
  changes: Partial<Omit<R, LifecycleField>> = {},
): R {
  assertCan(lifecycle, request, name);
  return {
    ...request,
    ...changes,
    status: lifecycle.transitions[name].to,
    updatedBy: stamp.by,
    updatedAt: stamp.at,
  };
}

/** The lifecycle's part of a request being created: NEW, its client's, stamped now by its user. */
export function opened(
  clientId: string,
  stamp: Stamp,
): Pick<
  LifecycleRequest<'NEW'>,
  'status' | 'clientId' | 'insertedBy' | 'updatedBy' | 'insertedAt' | 'updatedAt'
> {
  return {
    status: 'NEW',
    clientId,
    insertedBy: stamp.by,
    updatedBy: stamp.by,
    insertedAt: stamp.at,
    updatedAt: stamp.at,
  };
}
