import type { CurrentMethod } from '../../person/domain/current-method.js';
import type { DocumentSlot } from '../../shared/domain/document-slot.js';

export const AMR_STATUSES = ['NEW', 'COMPLETED', 'CANCELED', 'EXPIRED'] as const;
export type AmrStatus = (typeof AMR_STATUSES)[number];

export const AMR_ACTIONS = ['insert', 'update', 'deactivate'] as const;
export type AmrAction = (typeof AMR_ACTIONS)[number];

/** The method an insert adds, or the method an update / deactivate names. */
export interface RequestedMethod {
  readonly type?: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';
  readonly id?: string;
  readonly phoneNumber?: string;
  readonly value?: string;
  readonly alias?: string;
}

export interface AuthMethodRequest {
  readonly id: string;
  readonly personId: string;
  /** The MIS client that created it; null for requests stored before clients were recorded. */
  readonly clientId: string | null;
  readonly status: AmrStatus;
  readonly channel: 'MIS';
  readonly action: AmrAction;
  readonly authenticationMethod: RequestedMethod;
  readonly authenticationMethodCurrent: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

/** Approve is allowed only from NEW. */
export function canApprove(request: Pick<AuthMethodRequest, 'status'>): boolean {
  return request.status === 'NEW';
}
