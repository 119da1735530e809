/**
 * Confidant person relationships: the requests that create or end one, and the list of a
 * person's relationships.
 */
import { currentMethod, urgentDocument } from './person-request-schemas.js';
import {
  arr,
  bool,
  maskedName,
  maskedPhone,
  maskedTail,
  nullableType,
  obj,
  oneOfStrings,
  str,
  type Schema,
} from './schema-parts.js';

/**
 * Deviation: "Confidant requests: `status` is one of NEW, APPROVED, COMPLETED, CANCELED, EXPIRED
 * and `action` INSERT or DEACTIVATE on every route (the registry's per-route enums list one value
 * each)".
 */
const status = oneOfStrings('NEW', 'APPROVED', 'COMPLETED', 'CANCELED', 'EXPIRED');
const action = oneOfStrings('INSERT', 'DEACTIVATE');

const relationshipDocument: Schema = obj(
  { type: str, number: str, issued_by: str, issued_at: str, active_to: str },
  ['type', 'number', 'issued_by', 'issued_at'],
);

/** The relationship a DEACTIVATE request names: its documents carry no required field. */
const relationshipRef: Schema = obj(
  {
    id: str,
    documents_relationship: arr(obj({ type: str, number: str, issued_by: str, issued_at: str })),
  },
  ['id', 'documents_relationship'],
);

/** `data` of a confidant request as GET, approve and sign answer it. */
export const confidantRequestData: Schema = obj(
  {
    id: str,
    status,
    action,
    channel: oneOfStrings('MIS'),
    confidant_person_id: nullableType(str),
    documents_relationship: nullableType(arr(relationshipDocument)),
    confidant_person_relationship: nullableType(relationshipRef),
    authorize_with: nullableType(str),
  },
  ['id', 'channel'],
);

/** `data` of creating a request (INSERT): the confidant and the documents are present. */
export const confidantCreateData: Schema = obj(
  {
    id: str,
    status,
    action,
    channel: oneOfStrings('MIS'),
    confidant_person_id: str,
    documents_relationship: arr(relationshipDocument),
    confidant_person_relationship: nullableType(relationshipRef),
    authorize_with: nullableType(str),
  },
  ['id', 'channel', 'confidant_person_id', 'documents_relationship'],
);

/** `data` of a DEACTIVATE request: the relationship is present, `authorize_with` a string. */
export const confidantDeactivateData: Schema = obj(
  {
    id: str,
    status,
    action,
    channel: oneOfStrings('MIS'),
    confidant_person_id: nullableType(str),
    documents_relationship: nullableType(arr(relationshipDocument)),
    confidant_person_relationship: relationshipRef,
    authorize_with: str,
  },
  ['id', 'channel', 'confidant_person_relationship'],
);

/**
 * `urgent` of a confidant request: the current method as one object (not an array, unlike person
 * requests), and the upload URLs.
 */
export const confidantUrgent: Schema = obj(
  {
    authentication_method_current: currentMethod(['OTP', 'OFFLINE']),
    documents: arr(urgentDocument),
  },
  ['authentication_method_current', 'documents'],
);

/** An item of the request list. */
export const confidantRequestItem: Schema = obj(
  { id: str, status, action, channel: oneOfStrings('MIS') },
  ['id', 'channel'],
);

/** An item of `GET /api/persons/{id}/confidant_person_relationships`, the confidant masked. */
export const relationshipItem: Schema = obj(
  {
    id: str,
    active_to: str,
    // The registry's example masks these numbers too ("a … document number keeps its last 2
    // characters").
    documents_relationship: arr(obj({ type: str, number: maskedTail })),
    relationship_verification_details: obj(
      { verification_status: str, verification_reason: str, verification_comment: str },
      ['verification_status', 'verification_reason'],
    ),
    confidant_person: obj(
      {
        person_id: str,
        name: maskedName,
        gender: oneOfStrings('MALE', 'FEMALE'),
        tax_id: maskedTail,
        no_tax_id: bool,
        unzr: maskedTail,
        documents_person: arr(obj({ type: str, number: maskedTail }, ['type', 'number'])),
        phones: arr(obj({ type: str, number: maskedPhone }, ['type', 'number'])),
      },
      ['person_id', 'name', 'no_tax_id'],
    ),
  },
  ['id', 'documents_relationship', 'relationship_verification_details', 'confidant_person'],
);

/** Request bodies. */
export const confidantCreateBody: Schema = obj(
  {
    confidant_person_id: str,
    documents_relationship: arr(
      obj({ type: str, number: str, issued_by: str, issued_at: str, active_to: str }),
    ),
  },
  ['confidant_person_id', 'documents_relationship'],
);

export const confidantDeactivateBody: Schema = obj(
  { confidant_person_relationship: relationshipRef, authorize_with: str },
  ['confidant_person_relationship'],
);
