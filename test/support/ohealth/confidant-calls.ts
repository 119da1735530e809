/**
 * Confidant person relationships as the MIS client openhealths/ohealth drives them: eight calls
 * of `app/Classes/eHealth/Api/Person.php`, from `app/Livewire/Person/PersonUpdate.php` and
 * `Records/PersonData.php` (released, e023bc4) and the trait
 * `app/Livewire/Person/Traits/ManagesConfidantPersonRelationships.php` (newest, 3ebf5fa).
 */
import { DEFAULT_DICTIONARIES } from './dictionaries.js';
import {
  inDictionary,
  validateLikeLaravel,
  type Dictionaries,
  type Rules,
} from './laravel-validation.js';
import {
  clientView,
  misHeaders,
  reads,
  type MisClientSettings,
  type MisRequest,
} from './mis-request.js';
import { renamedDeep } from './person-calls.js';
import type { RelationshipDocumentForm } from './person-forms.js';
import type { ClientVersion } from './person-request-calls.js';
import { phpFormat } from './php-format.js';

const base = (personId: string) =>
  `/api/persons/${personId}/confidant_person_relationship_requests`;

/**
 * `Person::createConfidantRelationship`: the form (`rulesForCreateNewConfidantPersonRelationshipRequest`)
 * formatted with `activeTo` and `issuedAt` as dates.
 */
export function createConfidantRequest(
  settings: MisClientSettings,
  personId: string,
  form: { confidantPersonId: string; documentsRelationship: readonly RelationshipDocumentForm[] },
): MisRequest {
  return {
    method: 'POST',
    path: base(personId),
    query: {},
    headers: misHeaders(settings),
    body: phpFormat(form, ['activeTo', 'issuedAt']),
  };
}

/**
 * `Person::deactivateConfidantRelationship`: the relationship, its documents (the form's
 * `documents`, snake_cased), and `authorize_with` (a method of the person the screen picks) when
 * there is one.
 */
export function deactivateConfidantRelationship(
  settings: MisClientSettings,
  personId: string,
  relationshipId: string,
  documents: readonly RelationshipDocumentForm[],
  authorizeWith?: string,
): MisRequest {
  return {
    method: 'POST',
    path: `${base(personId)}/deactivate`,
    query: {},
    headers: misHeaders(settings),
    body: phpFormat(
      {
        confidant_person_relationship: { id: relationshipId, documents_relationship: documents },
        ...(authorizeWith === undefined ? {} : { authorize_with: authorizeWith }),
      },
      ['issued_at', 'active_to', 'issuedAt', 'activeTo'],
    ),
  };
}

/** `Person::getConfidantPersonRelationshipRequestsList` (no query). */
export function listConfidantRequests(settings: MisClientSettings, personId: string): MisRequest {
  return { method: 'GET', path: base(personId), query: {}, headers: misHeaders(settings) };
}

/** `Person::getConfidantPersonRelationshipRequestById` (defined, called by no screen). */
export function getConfidantRequest(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
): MisRequest {
  return {
    method: 'GET',
    path: `${base(personId)}/${requestId}`,
    query: {},
    headers: misHeaders(settings),
  };
}

/**
 * `Person::approveConfidantPersonRelationshipRequest`: the screens always validate a 4-digit
 * code first (`rulesForApprove`), so the body is `{ verification_code: <int> }` even when the
 * person's method is OFFLINE; `{}` without one.
 */
export function approveConfidantRequest(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
  verificationCode?: number,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${base(personId)}/${requestId}/actions/approve`,
    query: {},
    headers: misHeaders(settings),
    body: verificationCode === undefined ? {} : { verification_code: verificationCode },
  };
}

/** `Person::signConfidantPersonRelationshipRequest`: `signed_content` only, no `msp_drfo`. */
export function signConfidantRequest(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
  signedContent: string,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${base(personId)}/${requestId}/actions/sign`,
    query: {},
    headers: misHeaders(settings),
    body: { signed_content: signedContent },
  };
}

/** `Person::resendAuthOtpOnConfidantPersonRelationship`: body `[]`. */
export function resendConfidantRequestOtp(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
): MisRequest {
  return {
    method: 'POST',
    path: `${base(personId)}/${requestId}/actions/resend_otp`,
    query: {},
    headers: misHeaders(settings),
    body: [],
  };
}

/**
 * `Person::getConfidantPersonRelationships`: `PersonData::getConfidantPersons` asks with
 * `['is_expired' => false]`, which `http_build_query` sends as `is_expired=0`; the other screens
 * send no query.
 */
export function listRelationships(
  settings: MisClientSettings,
  personId: string,
  notExpiredOnly = false,
): MisRequest {
  return {
    method: 'GET',
    path: `/api/persons/${personId}/confidant_person_relationships`,
    query: notExpiredOnly ? { is_expired: '0' } : {},
    headers: misHeaders(settings),
  };
}

/** `ConfidantPersonRelationshipRequestStatus`: CANCELLED with two L. */
const REQUEST_STATUSES = 'in:NEW,APPROVED,COMPLETED,CANCELLED,EXPIRED';

/**
 * `Person::validateConfidantRelationshipData` (create and deactivate answers; with `*.` the
 * list), rule by rule, on the renamed data (`id` → `uuid`). The newest lets a listed request
 * leave `action` out.
 */
export function confidantRequestRules(version: ClientVersion, list: boolean): Rules {
  const p = list ? '*.' : '';
  return {
    [`${p}uuid`]: ['required', 'uuid'],
    [`${p}action`]: [version === 'newest' && list ? 'nullable' : 'required', 'string'],
    [`${p}status`]: ['required', REQUEST_STATUSES],
    [`${p}channel`]: ['required', 'string'],
  };
}

/**
 * The answer to creating or deactivating: the validator, then the screens read
 * `getUrgent()['documents']` and (deactivate) `getData()['id']`, and turn `status` into the
 * status enum (`ConfidantPersonRelationshipRequestStatus::from`).
 */
export function checkCreateConfidantRequestAnswer(version: ClientVersion, body: unknown): string[] {
  const view = clientView(body);
  const by = 'PersonUpdate::createNewConfidantPersonRelationshipRequest';
  return [
    ...view.failures,
    ...validateLikeLaravel(
      renamedDeep(view.data, version),
      confidantRequestRules(version, false),
      {},
    ),
    ...reads(view.data, 'id', by),
    ...reads(view.urgent, 'documents', by),
  ];
}

/** The answer to listing requests: `validateConfidantePersonRequests`. */
export function checkConfidantRequestList(version: ClientVersion, body: unknown): string[] {
  const view = clientView(body);
  return [
    ...view.failures,
    ...validateLikeLaravel(
      renamedDeep(view.data, version),
      confidantRequestRules(version, true),
      {},
    ),
  ];
}

/** Newest `Person::validateSignConfidantRelationship`, rule by rule. */
export const NEWEST_SIGN_CONFIDANT_RULES: Rules = {
  id: ['required', 'uuid'],
  action: ['required', 'in:INSERT,DEACTIVATE'],
  status: ['required', REQUEST_STATUSES],
  channel: ['required', 'string'],
  confidant_person_id: ['required_if:action,INSERT', 'uuid'],
  confidant_person_relationship: ['required_if:action,DEACTIVATE', 'array'],
  'confidant_person_relationship.id': ['required_if:action,DEACTIVATE', 'uuid'],
};

/**
 * The answer to sign. A started relationship is written by
 * `ConfidantPersonRepository::createFromSignedResponse`, which reads `confidant_person_id`, `id`
 * and each relationship document's `type`, `number`, `issued_by`, `issued_at`; an ended one by
 * `confidant_person_relationship.id`. The released screen knows which from its own state; the
 * newest validates and reads `action`.
 */
export function checkSignConfidantRequestAnswer(
  version: ClientVersion,
  body: unknown,
  started: boolean,
): string[] {
  const view = clientView(body);
  const data = view.data as Record<string, unknown>;
  const failures = [...view.failures];
  if (version === 'newest')
    failures.push(...validateLikeLaravel(data, NEWEST_SIGN_CONFIDANT_RULES, {}));
  if (!started) {
    return [
      ...failures,
      ...reads(data, 'confidant_person_relationship.id', 'signConfidantPersonRelationship'),
    ];
  }
  const by = 'ConfidantPersonRepository::createFromSignedResponse';
  failures.push(...reads(data, 'confidant_person_id', by), ...reads(data, 'id', by));
  const documents = Array.isArray(data.documents_relationship) ? data.documents_relationship : [];
  documents.forEach((document, i) => {
    for (const k of ['type', 'number', 'issued_by', 'issued_at']) {
      failures.push(...reads(document, k, by).map((f) => `documents_relationship.${i}.${f}`));
    }
  });
  return failures;
}

/** Newest `Person::validateConfidantPersonRelationships`, rule by rule, on the renamed list. */
export const NEWEST_RELATIONSHIPS_RULES: Rules = {
  '*.uuid': ['required', 'uuid'],
  '*.active_to': ['nullable', 'date'],
  '*.confidant_person': ['required', 'array'],
  '*.confidant_person.person_id': ['required', 'uuid'],
  '*.confidant_person.gender': ['required', inDictionary('GENDER')],
  '*.confidant_person.name': ['required', 'string', 'max:255'],
  '*.confidant_person.no_tax_id': ['required', 'boolean:strict'],
  '*.confidant_person.documents_person': ['nullable', 'array'],
  '*.confidant_person.documents_person.*.number': ['nullable', 'string', 'max:255'],
  '*.confidant_person.documents_person.*.type': ['nullable', inDictionary('DOCUMENT_TYPE')],
  '*.confidant_person.phones': ['nullable', 'array'],
  '*.confidant_person.phones.*.number': ['nullable', 'string', 'max:255'],
  '*.confidant_person.phones.*.type': ['nullable', inDictionary('PHONE_TYPE')],
  '*.confidant_person.tax_id': ['nullable', 'string', 'max:255'],
  '*.confidant_person.unzr': ['nullable', 'string', 'max:255'],
  '*.documents_relationship': ['nullable', 'array'],
  '*.documents_relationship.*.number': ['nullable', 'string', 'max:255'],
  '*.documents_relationship.*.type': ['nullable', inDictionary('DOCUMENT_RELATIONSHIP_TYPE')],
  '*.documents_relationship.*.issued_by': ['nullable', 'string', 'max:255'],
  '*.documents_relationship.*.issued_at': ['nullable', 'date'],
  '*.documents_relationship.*.active_to': ['nullable', 'date'],
  '*.relationship_verification_details': ['nullable', 'array'],
  '*.relationship_verification_details.verification_comment': ['nullable', 'string'],
  '*.relationship_verification_details.verification_reason': ['nullable', 'string', 'max:255'],
  '*.relationship_verification_details.verification_status': ['nullable', 'string', 'max:255'],
};

/**
 * The answer to listing relationships. Released (`PersonUpdate::syncConfidantPersons` and
 * `ConfidantPersonRepository::sync`): each item's `id`, `active_to`, `documents_relationship`,
 * `confidant_person` with `person_id` and `documents_person`, and each relationship document's
 * `type` and `number`, read without a default. Newest: the validator.
 */
export function checkRelationships(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  if (version === 'newest') {
    return [
      ...view.failures,
      ...validateLikeLaravel(
        renamedDeep(view.data, version),
        NEWEST_RELATIONSHIPS_RULES,
        dictionaries,
      ),
    ];
  }
  const failures = [...view.failures];
  const items = Array.isArray(view.data) ? view.data : [];
  const by = 'PersonUpdate::syncConfidantPersons';
  items.forEach((item: Record<string, unknown>, i) => {
    const keys = [
      'id',
      'active_to',
      'documents_relationship',
      'confidant_person.person_id',
      'confidant_person.documents_person',
    ];
    for (const k of keys) failures.push(...reads(item, k, by).map((f) => `${i}.${f}`));
    const documents = Array.isArray(item.documents_relationship) ? item.documents_relationship : [];
    documents.forEach((document, j) => {
      for (const k of ['type', 'number']) {
        failures.push(
          ...reads(document, k, 'ConfidantPersonRepository::sync').map(
            (f) => `${i}.documents_relationship.${j}.${f}`,
          ),
        );
      }
    });
  });
  return failures;
}
