/**
 * Persons as the registry answers them to an MIS: search (v1 and v2), a person's authentication
 * methods, a person's verification details, and phone (OTP) verifications.
 */
import { document, phone } from './person-request-schemas.js';
import {
  arr,
  bool,
  closedObj,
  maskedName,
  maskedPhone,
  maskedTail,
  num,
  obj,
  oneOfStrings,
  orNull,
  str,
  type Schema,
} from './schema-parts.js';

/**
 * Deviation: "Persons written before the change have no `birth_country`/`birth_settlement` in
 * storage: search answers them as `null`".
 */
const birthPlace = { birth_settlement: orNull(str), birth_country: orNull(str) };
const searchRequired = ['id', 'birth_date', 'gender', 'birth_settlement', 'birth_country'];

/** An item of `GET /api/persons` (the registry's Person_Short). */
export const searchItemV1: Schema = obj(
  {
    id: str,
    first_name: str,
    last_name: str,
    second_name: str,
    birth_date: str,
    gender: oneOfStrings('FEMALE', 'MALE'),
    tax_id: str,
    phones: arr(phone),
    ...birthPlace,
    merged_persons: arr(
      obj({ id: str, inserted_at: str, merge_person_id: str, person_id: str, updated_at: str }),
    ),
  },
  [...searchRequired, 'first_name', 'last_name', 'merged_persons'],
);

/** An item of `GET /api/v2/persons` (Person_Short_names_array). */
export const searchItemV2: Schema = obj(
  {
    id: str,
    names: arr(
      obj({ first_name: str, last_name: str, second_name: str, language: str }, [
        'first_name',
        'last_name',
        'language',
      ]),
    ),
    birth_date: str,
    gender: oneOfStrings('FEMALE', 'MALE'),
    tax_id: str,
    phones: arr(phone),
    ...birthPlace,
    documents: arr(document),
  },
  [...searchRequired, 'names'],
);

/**
 * Fields every method in the list carries. Deviation: "`ended_at` may be `null`;
 * `inserted_by`/`updated_by` are filled for every method written from now on and `null` for
 * methods written before the change".
 */
const methodCommon: Record<string, Schema> = {
  id: str,
  ended_at: orNull(str),
  started_at: str,
  is_active: bool,
  person_id: str,
  inserted_at: str,
  updated_at: str,
  inserted_by: orNull(str),
  updated_by: orNull(str),
};
const methodRequired = ['id', 'type', 'inserted_at', 'inserted_by'];

/** The confidant behind a THIRD_PERSON method, masked (name, tax id, unzr, documents, phone). */
const maskedConfidantOfMethod: Schema = obj(
  {
    id: str,
    name: maskedName,
    gender: oneOfStrings('MALE', 'FEMALE'),
    tax_id: maskedTail,
    no_tax_id: bool,
    unzr: maskedTail,
    documents_person: arr(obj({ type: str, number: maskedTail }, ['type', 'number'])),
    phones: obj({ number: maskedPhone }, ['number']),
  },
  ['id', 'name', 'no_tax_id', 'phones'],
);

/** An item of `GET /api/persons/{id}/authentication_methods`: THIRD_PERSON, OTP or OFFLINE. */
export const authMethodItem: Schema = {
  anyOf: [
    obj(
      {
        ...methodCommon,
        type: oneOfStrings('THIRD_PERSON'),
        value: str,
        alias: str,
        confidant_person: maskedConfidantOfMethod,
      },
      methodRequired,
    ),
    // The phone is masked: "`GET …/authentication_methods` items … **phone masked**".
    obj({ ...methodCommon, type: oneOfStrings('OTP'), phone_number: maskedPhone }, methodRequired),
    // Deviation: "The authentication-method list may hold OFFLINE items (`{ id, type, is_active,
    // … }`, no phone)".
    obj({ ...methodCommon, type: oneOfStrings('OFFLINE') }, methodRequired),
  ],
};

/** The registers of a person's verification details, in the order the service lists them. */
export const VERIFICATION_REGISTERS = [
  'drfo',
  'dracs_death',
  'dracs_birth',
  'dracs_name_change',
  'legal_capacity',
  'mvs_passport',
  'dms_passport',
  'nhs',
  'unzr',
] as const;

const register = (extra: Record<string, Schema> = {}): Schema =>
  obj({ verification_status: str, verification_reason: str, ...extra }, [
    'verification_status',
    'verification_reason',
  ]);

/** `data` of `GET /api/persons/{id}/verification`. */
export const personVerification: Schema = obj(
  {
    verification_status: str,
    details: obj({
      drfo: register({ result: num }),
      dracs_death: register({ verification_comment: str }),
      nhs: register({ verification_comment: str }),
      unzr: register({ status: num }),
      mvs_passport: register({ status: num }),
      dms_passport: register({ status: num }),
      dracs_birth: register({ verification_comment: str }),
      dracs_name_change: register({ verification_comment: str }),
      legal_capacity: register(),
    }),
  },
  ['verification_status'],
);

/** `data` of starting, completing or resending a phone verification. */
export const otpVerification: Schema = obj(
  {
    id: str,
    status: oneOfStrings('NEW', 'CANCELED', 'VERIFIED', 'UNVERIFIED'),
    code_expired_at: str,
    active: bool,
  },
  ['id', 'status', 'code_expired_at', 'active'],
);

/** `data` of `GET /api/verifications/{phone_number}`: the phone and nothing else. */
export const verifiedPhone: Schema = closedObj({ phone_number: str }, ['phone_number']);
