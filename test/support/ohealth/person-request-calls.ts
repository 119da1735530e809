/**
 * Person requests as the MIS client openhealths/ohealth sends them and checks our answers.
 *
 * Two versions of the client:
 * - released: commit e023bc4 (main, 2026-03-20), `app/Classes/eHealth/Api/PersonRequest.php`
 *   on the registry's v2 routes, driven by `app/Livewire/Person/PersonComponent.php`;
 * - newest: commit 3ebf5fa, the same class on the v3 routes (`URL_V3`), same component.
 * Both resend on the version-neutral path `/api/person_requests/{id}/actions/resend_otp`.
 */
import { DEFAULT_DICTIONARIES } from './dictionaries.js';
import {
  email,
  inDictionary,
  phoneNumber,
  taxId,
  validateLikeLaravel,
  zip,
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
import { phpFormat } from './php-format.js';
import type { PersonFormV2, PersonFormV3 } from './person-forms.js';

export type ClientVersion = 'released' | 'newest';
const prefix = (version: ClientVersion) =>
  version === 'released' ? '/api/v2/person_requests' : '/api/v3/person_requests';

/** The date fields `PersonRequest::create` converts (`birthDate`, `issuedAt`, ...). */
const DATE_FIELDS = ['birthDate', 'issuedAt', 'expirationDate', 'activeTo'];

/**
 * `PersonComponent::create` → `PersonRequest::create`: the validated form, formatted. The
 * released client sends v2 (flat names); the newest v3 (`names[]`) and, when the form left
 * `noTaxId` empty (a foreign document), puts `"no_tax_id": null` back after `removeEmptyKeys`.
 * With `person.id` (`PersonUpdate::update`) the request updates that person.
 */
export function createPersonRequest(
  settings: MisClientSettings,
  form:
    | { version: 'released'; person: PersonFormV2; authorizeWith?: string }
    | { version: 'newest'; person: PersonFormV3; authorizeWith?: string },
): MisRequest {
  const body = phpFormat(
    {
      person: form.person,
      processDisclosureDataConsent: true,
      patientSigned: false,
      authorizeWith: form.authorizeWith,
    },
    DATE_FIELDS,
  ) as { person: Record<string, unknown> };
  if (form.version === 'newest' && !('no_tax_id' in body.person)) body.person.no_tax_id = null;
  return {
    method: 'POST',
    path: prefix(form.version),
    query: {},
    headers: misHeaders(settings),
    body,
  };
}

/** `PersonRequest::getById` (the sign step reads the request before signing it). */
export function getPersonRequest(
  settings: MisClientSettings,
  version: ClientVersion,
  id: string,
): MisRequest {
  return {
    method: 'GET',
    path: `${prefix(version)}/${id}`,
    query: {},
    headers: misHeaders(settings),
  };
}

/**
 * `PersonRequest::approve`: `$data ?: (object)$data`, so `{}` without a code. The form's
 * `verificationCode` is an `int` (`rulesForApprove`: numeric, 4 digits).
 */
export function approvePersonRequest(
  settings: MisClientSettings,
  version: ClientVersion,
  id: string,
  verificationCode?: number,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${prefix(version)}/${id}/actions/approve`,
    query: {},
    headers: misHeaders(settings),
    body: verificationCode === undefined ? {} : { verification_code: verificationCode },
  };
}

/** `PersonRequest::reject`: `patch($url)` with no data, which Laravel sends as `[]`. */
export function rejectPersonRequest(
  settings: MisClientSettings,
  version: ClientVersion,
  id: string,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${prefix(version)}/${id}/actions/reject`,
    query: {},
    headers: misHeaders(settings),
    body: [],
  };
}

/**
 * `PersonComponent::sign`: `withHeaders(['msp_drfo' => <the signing user's tax id>])`, body
 * `['signed_content' => <base64 of the CMS over GET's data with patient_signed true>]`.
 */
export function signPersonRequest(
  settings: MisClientSettings,
  version: ClientVersion,
  id: string,
  signedContent: string,
  mspDrfo: string,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${prefix(version)}/${id}/actions/sign`,
    query: {},
    headers: { ...misHeaders(settings), msp_drfo: mspDrfo },
    body: { signed_content: signedContent },
  };
}

/** `PersonRequest::resendAuthOtp($id)`: the v1 path, body `[]`. */
export function resendPersonRequestOtp(settings: MisClientSettings, id: string): MisRequest {
  return {
    method: 'POST',
    path: `/api/person_requests/${id}/actions/resend_otp`,
    query: {},
    headers: misHeaders(settings),
    body: [],
  };
}

/**
 * `PersonRequest::getList` (no screen calls it): `page_size` from `ehealth.api.page_size`
 * (default 300); the released class lists on `/api/person_requests`, the newest on v3.
 */
export function listPersonRequests(
  settings: MisClientSettings,
  version: ClientVersion,
  query: { status?: string; page?: number } = {},
): MisRequest {
  const q: Record<string, string> = { page_size: '300' };
  if (query.status !== undefined) q.status = query.status;
  if (query.page !== undefined) q.page = String(query.page);
  return {
    method: 'GET',
    path: version === 'released' ? '/api/person_requests' : '/api/v3/person_requests',
    query: q,
    headers: misHeaders(settings),
  };
}

/** What both versions of `PersonRequest::validateResponse` require of every person request. */
const commonRules: Rules = {
  uuid: ['required', 'uuid'],
  patient_signed: ['required', 'boolean:strict'],
  'person.addresses': ['required', 'array'],
  'person.addresses.*.type': ['required', inDictionary('ADDRESS_TYPE')],
  'person.addresses.*.country': ['required', inDictionary('COUNTRY')],
};

/** The tail both versions share, after the address and name rules. */
const sharedTail = (phoneRule: string | ReturnType<typeof inDictionary>): Rules => ({
  'person.authentication_methods.*.type': ['required', 'string', 'max:255'],
  'person.authentication_methods.*.phone_number': ['nullable', phoneNumber],
  'person.authentication_methods.*.value': ['nullable', 'uuid'],
  'person.authentication_methods.*.alias': ['nullable', 'string', 'max:255'],
  'person.birth_country': ['required', 'string', 'max:255'],
  'person.birth_date': ['required', 'date'],
  'person.birth_settlement': ['required', 'string', 'max:255'],
  'person.documents': ['required', 'array'],
  'person.documents.*.type': ['required', inDictionary('DOCUMENT_TYPE')],
  'person.documents.*.number': ['required', 'string', 'max:255'],
  'person.documents.*.issued_by': ['required', 'string', 'max:255'],
  'person.documents.*.issued_at': ['required', 'date'],
  'person.documents.*.expiration_date': ['nullable', 'date'],
  'person.emergency_contact.first_name': ['required', 'string', 'max:255'],
  'person.emergency_contact.last_name': ['required', 'string', 'max:255'],
  'person.emergency_contact.second_name': ['nullable', 'string', 'max:255'],
  'person.emergency_contact.phones.*.type': ['required', inDictionary('PHONE_TYPE')],
  'person.emergency_contact.phones.*.number': ['required', phoneRule],
  'person.gender': ['required', inDictionary('GENDER')],
  'person.email': ['nullable', email],
  'person.unzr': ['nullable', 'string', 'max:255'],
  'person.phones.*.type': ['required', inDictionary('PHONE_TYPE')],
  'person.phones.*.number': ['required', phoneRule],
  'person.secret': ['required', 'string', 'max:255'],
  'person.tax_id': ['nullable', taxId],
  'person.confidant_person': ['sometimes', 'array'],
  'person.confidant_person.person_id': ['sometimes', 'uuid'],
  'person.confidant_person.documents_relationship': ['sometimes', 'array'],
  'person.confidant_person.documents_relationship.*.type': [
    'sometimes',
    inDictionary('DOCUMENT_RELATIONSHIP_TYPE'),
  ],
  'person.confidant_person.documents_relationship.*.number': ['sometimes', 'string', 'max:255'],
  'person.confidant_person.documents_relationship.*.issued_by': ['sometimes', 'string', 'max:255'],
  'person.confidant_person.documents_relationship.*.issued_at': ['sometimes', 'date'],
  'person.confidant_person.documents_relationship.*.active_to': ['sometimes', 'date'],
  process_disclosure_data_consent: ['required', 'boolean:strict'],
  status: ['required', 'string', 'max:255'],
});

/**
 * The released `PersonRequest::validateResponse` (e023bc4), rule by rule: a v2 person with a
 * Ukrainian address (area, settlement, settlement type and id required), flat names, phones of
 * `PhoneNumber` (`+380` and 9 digits), `no_tax_id` a strict boolean.
 */
export const RELEASED_PERSON_REQUEST_RULES: Rules = {
  ...commonRules,
  'person.addresses.*.area': ['required', 'string', 'max:255'],
  'person.addresses.*.region': ['nullable', 'string', 'max:255'],
  'person.addresses.*.settlement': ['required', 'string', 'max:255'],
  'person.addresses.*.settlement_type': ['required', inDictionary('SETTLEMENT_TYPE')],
  'person.addresses.*.settlement_id': ['required', 'uuid'],
  'person.addresses.*.street_type': ['nullable', inDictionary('STREET_TYPE')],
  'person.addresses.*.building': ['nullable', 'string', 'max:255'],
  'person.addresses.*.apartment': ['nullable', 'string', 'max:255'],
  'person.addresses.*.zip': ['nullable', zip],
  'person.first_name': ['required', 'string', 'max:255'],
  'person.last_name': ['required', 'string', 'max:255'],
  'person.second_name': ['nullable', 'string', 'max:255'],
  'person.no_tax_id': ['required', 'boolean:strict'],
  ...sharedTail(phoneNumber),
};

/**
 * The newest `PersonRequest::validateResponse` (3ebf5fa), rule by rule: a v3 person
 * (`names[]`, each with `language`, `first_name`, `no_last_name`), address parts required for
 * Ukraine only, `issuing_country`, phones `^\+[0-9]{11,12}$`, `no_tax_id` present and null or a
 * strict boolean.
 */
export const NEWEST_PERSON_REQUEST_RULES: Rules = {
  ...commonRules,
  'person.addresses.*.area': [
    'nullable',
    'required_if:person.addresses.*.country,UA',
    'string',
    'max:255',
  ],
  'person.addresses.*.region': ['nullable', 'string', 'max:255'],
  'person.addresses.*.settlement': [
    'nullable',
    'required_if:person.addresses.*.country,UA',
    'string',
    'max:255',
  ],
  'person.addresses.*.settlement_id': ['nullable', 'uuid'],
  'person.addresses.*.street_type': ['nullable', inDictionary('STREET_TYPE')],
  'person.addresses.*.street': [
    'nullable',
    'required_if:person.addresses.*.country,UA',
    'string',
    'max:255',
  ],
  'person.addresses.*.building': ['nullable', 'string', 'max:255'],
  'person.addresses.*.apartment': ['nullable', 'string', 'max:255'],
  'person.addresses.*.zip': ['nullable', zip],
  'person.documents.*.issuing_country': ['nullable', inDictionary('ISSUING_COUNTRY')],
  'person.names': ['required', 'array', 'min:1'],
  'person.names.*.language': ['required', 'string', 'max:255'],
  'person.names.*.first_name': ['required', 'string', 'max:255'],
  'person.names.*.last_name': ['nullable', 'string', 'max:255'],
  'person.names.*.second_name': ['nullable', 'string', 'max:255'],
  'person.names.*.no_last_name': ['required', 'boolean'],
  'person.no_tax_id': ['present', 'nullable', 'boolean:strict'],
  ...sharedTail('regex:/^\\+[0-9]{11,12}$/'),
};

/** `PersonRequest::replaceEHealthPropNames`: `id` becomes `uuid`, at the top level only. */
function renamedTopLevel(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k === 'id' ? 'uuid' : k, v]));
}

/**
 * `PersonRequest::validateResponse` on `data`, as the client runs it on the answers to create and
 * to GET by id (the sign step validates the GET before it writes the person).
 */
export function checkPersonRequest(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  const rules =
    version === 'released' ? RELEASED_PERSON_REQUEST_RULES : NEWEST_PERSON_REQUEST_RULES;
  return [
    ...view.failures,
    ...validateLikeLaravel(renamedTopLevel(view.data), rules, dictionaries),
  ];
}

/**
 * The answer to create: validated as above, then `PersonComponent::create` reads
 * `getData()['id']`; the released one also `getUrgent()['documents']` (the newest reads it with
 * `?? []`, and reads `urgent.authentication_method_current.type` as an object's, without failing).
 */
export function checkCreatePersonRequestAnswer(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  return [
    ...checkPersonRequest(version, body, dictionaries),
    ...reads(view.data, 'id', 'PersonComponent::create'),
    ...(version === 'released' ? reads(view.urgent, 'documents', 'PersonComponent::create') : []),
  ];
}

/**
 * The answer to approve: `PersonComponent::approvePersonRequest` stores `getData()`'s `id` and
 * `status` (`PersonRequestRepository::updateStatusByUuid`) and shows `getData()['content']`.
 */
export function checkApprovePersonRequestAnswer(body: unknown): string[] {
  const { data, failures } = clientView(body);
  const by = 'PersonComponent::approvePersonRequest';
  return [
    ...failures,
    ...reads(data, 'id', by),
    ...reads(data, 'status', by),
    ...reads(data, 'content', by),
  ];
}

/** The answer to reject: `PersonComponent::reject` stores `id` and `status`. */
export function checkRejectPersonRequestAnswer(body: unknown): string[] {
  const { data, failures } = clientView(body);
  return [
    ...failures,
    ...reads(data, 'id', 'PersonComponent::reject'),
    ...reads(data, 'status', 'PersonComponent::reject'),
  ];
}

/**
 * The answer to sign: `PersonComponent::sign` stores `id` and `status` and writes the person
 * under `person_id` (the newest then reads the person's methods: see `checkAuthMethods`).
 */
export function checkSignPersonRequestAnswer(body: unknown): string[] {
  const { data, failures } = clientView(body);
  const by = 'PersonComponent::sign';
  return [
    ...failures,
    ...reads(data, 'id', by),
    ...reads(data, 'status', by),
    ...reads(data, 'person_id', by),
  ];
}

/**
 * The answer to resend: the released `PersonComponent::resendSms` reads `getData()['status']`
 * (and reports success only when it is `new`, lower case, which no registry answer is: the code
 * is sent, the message just does not show); the newest reads nothing.
 */
export function checkResendPersonRequestOtpAnswer(version: ClientVersion, body: unknown): string[] {
  const { data, failures } = clientView(body);
  return [
    ...failures,
    ...(version === 'released' ? reads(data, 'status', 'PersonComponent::resendSms') : []),
  ];
}
