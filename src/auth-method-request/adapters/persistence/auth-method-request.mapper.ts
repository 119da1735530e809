import type { CurrentMethod } from '../../../request-lifecycle/domain/current-method.js';
import type { DocumentSlot } from '../../../request-lifecycle/domain/document-slot.js';
import type {
  AmrAction,
  AmrStatus,
  AuthMethodRequest,
  RequestedMethod,
} from '../../domain/auth-method-request.js';

/** A row of `authentication_method_requests` as pg returns it (jsonb columns parsed). */
export interface AuthMethodRequestRow {
  readonly id: string;
  readonly person_id: string;
  readonly client_id: string | null;
  readonly status: string;
  readonly channel: string;
  readonly action: string;
  readonly authentication_method: RequestedMethod;
  readonly authentication_method_current: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly inserted_by: string | null;
  readonly updated_by: string | null;
  readonly inserted_at: Date;
  readonly updated_at: Date;
}

/** Rows and authentication method requests, both ways. */
export const AuthMethodRequestMapper = {
  toDomain(row: AuthMethodRequestRow): AuthMethodRequest {
    return {
      id: row.id,
      personId: row.person_id,
      clientId: row.client_id,
      status: row.status as AmrStatus,
      channel: 'MIS',
      action: row.action as AmrAction,
      authenticationMethod: row.authentication_method,
      authenticationMethodCurrent: row.authentication_method_current,
      documents: row.documents,
      insertedBy: row.inserted_by,
      updatedBy: row.updated_by,
      insertedAt: row.inserted_at,
      updatedAt: row.updated_at,
    };
  },

  toPersistence(r: AuthMethodRequest): AuthMethodRequestRow {
    return {
      id: r.id,
      person_id: r.personId,
      client_id: r.clientId,
      status: r.status,
      channel: r.channel,
      action: r.action,
      authentication_method: r.authenticationMethod,
      authentication_method_current: r.authenticationMethodCurrent,
      documents: r.documents,
      inserted_by: r.insertedBy,
      updated_by: r.updatedBy,
      inserted_at: r.insertedAt,
      updated_at: r.updatedAt,
    };
  },
};
