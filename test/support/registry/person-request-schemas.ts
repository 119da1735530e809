/**
 * Person requests, v2 and v3, as the registry answers them: the person of the request (v2 with
 * flat names, v3 with `names[]`), the request's `data`, its `urgent` block, the lists and the
 * sign answer.
 */
import {
  anything,
  arr,
  bool,
  closedObj,
  maskedPhone,
  obj,
  oneOfStrings,
  orNull,
  str,
  type Schema,
} from './schema-parts.js';

/** The statuses a person request answers with (`CANCELLED` with two L, as the registry spells it). */
export const PERSON_REQUEST_STATUSES = ['NEW', 'APPROVED', 'SIGNED', 'CANCELLED', 'REJECTED'];

export const phone: Schema = obj({ type: str, number: str }, ['type', 'number']);

/** The registry's Document: `number` is required. */
export const document: Schema = obj(
  { type: str, number: str, expiration_date: str, issued_by: str, issued_at: str },
  ['type', 'number'],
);

const address: Schema = obj(
  {
    type: str,
    country: oneOfStrings('UA'),
    area: str,
    region: str,
    settlement: str,
    settlement_type: str,
    settlement_id: str,
    street_type: str,
    street: str,
    building: str,
    apartment: str,
    zip: str,
  },
  ['country'],
);

/**
 * A method of the person in the request. Deviation: "THIRD_PERSON is a valid type in
 * `person.authentication_methods`" (the registry's examples use it; its enum omits it).
 */
const personMethod: Schema = obj(
  { type: oneOfStrings('OTP', 'OFFLINE', 'NA', 'THIRD_PERSON'), phone_number: str },
  ['type'],
);

const emergencyContact: Schema = obj(
  { first_name: str, last_name: str, second_name: str, phones: arr(phone) },
  ['first_name', 'phones'],
);

const confidantOfRequest: Schema = obj(
  {
    person_id: str,
    documents_relationship: arr(
      obj({ type: str, number: str, issued_by: str, issued_at: str, active_to: str }, [
        'type',
        'number',
        'issued_by',
        'issued_at',
      ]),
    ),
  },
  ['person_id', 'documents_relationship'],
);

/** What v2 and v3 share: everything but the names. */
const personCommon: Record<string, Schema> = {
  id: str,
  birth_date: str,
  birth_country: str,
  birth_settlement: str,
  gender: oneOfStrings('MALE', 'FEMALE'),
  email: str,
  no_tax_id: bool,
  tax_id: str,
  secret: str,
  documents: arr(document),
  addresses: arr(address),
  phones: arr(phone),
  authentication_methods: arr(personMethod),
  unzr: str,
  emergency_contact: emergencyContact,
  confidant_person: confidantOfRequest,
};
const personRequired = [
  'birth_date',
  'birth_country',
  'birth_settlement',
  'gender',
  'no_tax_id',
  'secret',
  'documents',
  'addresses',
  'emergency_contact',
];

export const personV3: Schema = obj({ ...personCommon, names: arr(anything) }, [
  'names',
  ...personRequired,
]);

export const personV2: Schema = obj(
  { ...personCommon, first_name: str, last_name: str, second_name: str },
  ['first_name', 'last_name', ...personRequired],
);

export type PersonVersion = 2 | 3;
const personOf = (version: PersonVersion): Schema => (version === 2 ? personV2 : personV3);

/** The body of a create request (the registry's request schema, both versions). */
export function createBody(version: PersonVersion): Schema {
  return obj(
    {
      person: personOf(version),
      patient_signed: bool,
      process_disclosure_data_consent: bool,
      authorize_with: str,
    },
    ['person', 'patient_signed', 'process_disclosure_data_consent'],
  );
}

function dataProperties(version: PersonVersion): Record<string, Schema> {
  return {
    status: oneOfStrings(...PERSON_REQUEST_STATUSES),
    id: str,
    person: personOf(version),
    patient_signed: bool,
    process_disclosure_data_consent: bool,
    content: str,
    channel: oneOfStrings('MIS'),
    authorize_with: str,
  };
}
const dataRequired = [
  'id',
  'person',
  'patient_signed',
  'process_disclosure_data_consent',
  'channel',
];

/** `data` of create (no `content`), approve (`content` required) and reject (`content` optional). */
export function requestData(
  version: PersonVersion,
  action: 'create' | 'approve' | 'reject',
): Schema {
  const properties = dataProperties(version);
  if (action === 'create') delete properties.content;
  return obj(properties, action === 'approve' ? [...dataRequired, 'content'] : dataRequired);
}

/**
 * `data` of GET by id: the registry closes it. Deviation: "v2/v3 person request `data` may also
 * carry `inserted_at`, `updated_at` and, once signed, `person_id`".
 */
export function readData(version: PersonVersion): Schema {
  return {
    ...closedObj(
      { ...dataProperties(version), inserted_at: str, updated_at: str, person_id: str },
      dataRequired,
    ),
    if: { required: ['person_id'] },
    then: { required: ['status'], properties: { status: { const: 'SIGNED' } } },
  };
}

/**
 * Deviation: "`urgent.documents` items are `{ type, url }`" (the registry's examples; its schema
 * borrows the Document shape that requires `number`). Both shapes pass.
 */
export const urgentDocument: Schema = {
  anyOf: [document, obj({ type: str, url: str }, ['type', 'url'])],
};

/**
 * The current method in `urgent`. Deviation: "THIRD_PERSON is a valid type in
 * `urgent.authentication_method_current`". The phone is masked, as the registry's examples show it: an
 * array of one `{ type, phone_number }`.
 */
export function currentMethod(types: string[]): Schema {
  return obj({ type: oneOfStrings(...types, 'THIRD_PERSON'), phone_number: maskedPhone }, ['type']);
}

/** `urgent` of a person request: the current method as an array, and the upload URLs. */
export const requestUrgent: Schema = obj(
  {
    authentication_method_current: arr(currentMethod(['OTP', 'OFFLINE', 'NA'])),
    documents: arr(urgentDocument),
  },
  ['authentication_method_current'],
);

/**
 * `urgent` of an authentication method request. The registry lists OTP and OFFLINE only.
 * Deviation: "`urgent.authentication_method_current` may be `null` on an AMR whose person has no
 * active method".
 */
export const amrUrgent: Schema = obj(
  {
    authentication_method_current: orNull(arr(currentMethod(['OTP', 'OFFLINE']))),
    documents: arr(urgentDocument),
  },
  ['authentication_method_current'],
);

/** The sign answer, both versions. */
export const signData: Schema = obj(
  { person_id: str, updated_at: str, status: str, id: str, inserted_at: str },
  ['person_id', 'updated_at', 'id', 'inserted_at'],
);

/** An item of `GET /api/person_requests` (every version, flat names). */
export const listItemAnyVersion: Schema = obj(
  {
    id: str,
    status: oneOfStrings(...PERSON_REQUEST_STATUSES),
    person: obj({ first_name: str, last_name: str, second_name: str }, ['first_name', 'last_name']),
    version: { type: 'number' },
  },
  ['id', 'status', 'version'],
);

/** An item of `GET /api/v3/person_requests`. */
export const listItemV3: Schema = obj(
  {
    id: str,
    status: oneOfStrings(...PERSON_REQUEST_STATUSES),
    person: obj({ names: arr(anything) }, ['names']),
    version: { type: 'number' },
  },
  ['id', 'status', 'version'],
);

/** The sign request: `signed_content` only. */
export const signBody: Schema = obj({ signed_content: str }, ['signed_content']);

/** The approve request: an optional numeric code. */
export const approveBody: Schema = obj({ verification_code: { type: 'number' } });
