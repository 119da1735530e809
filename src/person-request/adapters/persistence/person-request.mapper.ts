import type { JsonObject } from '../../../kernel/domain/json.js';
import type { CurrentMethod } from '../../../request-lifecycle/domain/current-method.js';
import type { DocumentSlot } from '../../../request-lifecycle/domain/document-slot.js';
import type { PersonRequest, PrStatus } from '../../domain/person-request.js';
import { personFromStored } from '../../domain/v3-person.js';

/** A row of `person_requests` as pg returns it (json and jsonb columns parsed). */
export interface PersonRequestRow {
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly channel: string;
  readonly person: JsonObject;
  readonly person_id: string | null;
  readonly client_id: string | null;
  readonly patient_signed: boolean;
  readonly process_disclosure_data_consent: boolean;
  readonly authorize_with: string | null;
  readonly authentication_method_current: CurrentMethod;
  readonly documents: readonly DocumentSlot[];
  readonly content: string | null;
  readonly signed_content_attempt_key: string | null;
  readonly inserted_by: string | null;
  readonly updated_by: string | null;
  readonly inserted_at: Date;
  readonly updated_at: Date;
}

/** Rows and person requests, both ways: the person is stored byte for byte as sent. */
export const PersonRequestMapper = {
  toDomain(row: PersonRequestRow): PersonRequest {
    const version = row.version === 2 ? 2 : 3;
    return {
      id: row.id,
      status: row.status as PrStatus,
      version,
      channel: 'MIS',
      person: personFromStored(row.person, version),
      personId: row.person_id,
      clientId: row.client_id,
      patientSigned: row.patient_signed,
      processDisclosureDataConsent: row.process_disclosure_data_consent,
      authorizeWith: row.authorize_with,
      authenticationMethodCurrent: row.authentication_method_current,
      documents: row.documents,
      content: row.content,
      signedContentAttemptKey: row.signed_content_attempt_key,
      insertedBy: row.inserted_by,
      updatedBy: row.updated_by,
      insertedAt: row.inserted_at,
      updatedAt: row.updated_at,
    };
  },

  toPersistence(r: PersonRequest): PersonRequestRow {
    return {
      id: r.id,
      status: r.status,
      version: r.version,
      channel: r.channel,
      person: r.person.asSent,
      person_id: r.personId,
      client_id: r.clientId,
      patient_signed: r.patientSigned,
      process_disclosure_data_consent: r.processDisclosureDataConsent,
      authorize_with: r.authorizeWith,
      authentication_method_current: r.authenticationMethodCurrent,
      documents: r.documents,
      content: r.content,
      signed_content_attempt_key: r.signedContentAttemptKey,
      inserted_by: r.insertedBy,
      updated_by: r.updatedBy,
      inserted_at: r.insertedAt,
      updated_at: r.updatedAt,
    };
  },
};
