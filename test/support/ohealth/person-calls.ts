/**
 * Reading persons, as the MIS client openhealths/ohealth does it: search, a person's
 * authentication methods, a person's verification details. Class `app/Classes/eHealth/Api/
 * Person.php`, released (e023bc4) and newest (3ebf5fa).
 */
import { DEFAULT_DICTIONARIES } from './dictionaries.js';
import {
  inDictionary,
  phoneNumber,
  taxId,
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
import { phpFormat } from './php-format.js';
import type { ClientVersion } from './person-request-calls.js';

/** The released search form (`PersonForm::rulesForSearch`, `PersonIndex::searchForPerson`). */
export interface SearchFormV1 {
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly secondName?: string;
  readonly taxId?: string;
  readonly phoneNumber?: string;
  readonly birthCertificate?: string;
}

/** The newest search form: a language, and "no last name" instead of a last name. */
export interface SearchFormV2 {
  readonly language: string;
  readonly firstName: string;
  readonly lastName?: string;
  readonly noLastName?: boolean;
  readonly birthDate: string;
  readonly secondName?: string;
  readonly taxId?: string;
  readonly phoneNumber?: string;
  readonly documentType?: string;
  readonly documentNumber?: string;
}

const asQuery = (formatted: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(formatted as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'boolean' ? (v ? '1' : '0') : String(v),
    ]),
  );

/**
 * Released `Person::searchForPersonByParams`: `GET /api/persons`, the form formatted (birth date
 * to `Y-m-d`, empty fields dropped). The background `ConfidantPersonSync` job sends the same
 * route with `first_name`, `last_name`, `birth_date` and, when known, `tax_id`, `phone_number`.
 */
export function searchPersonsV1(settings: MisClientSettings, form: SearchFormV1): MisRequest {
  return {
    method: 'GET',
    path: '/api/persons',
    query: asQuery(phpFormat(form, ['birthDate'])),
    headers: misHeaders(settings),
  };
}

/**
 * Newest `Person::searchForPersonByParams`: `GET /api/v2/persons`; `no_last_name` is not sent,
 * it turns into an empty `last_name=` (which the registry treats apart from an absent one).
 */
export function searchPersonsV2(settings: MisClientSettings, form: SearchFormV2): MisRequest {
  const query = asQuery(phpFormat(form, ['birthDate']));
  const noLastName = query.no_last_name === '1';
  delete query.no_last_name;
  if (noLastName) query.last_name = '';
  return { method: 'GET', path: '/api/v2/persons', query, headers: misHeaders(settings) };
}

/** `Person::getAuthMethods`. */
export function getAuthMethods(settings: MisClientSettings, personId: string): MisRequest {
  return {
    method: 'GET',
    path: `/api/persons/${personId}/authentication_methods`,
    query: {},
    headers: misHeaders(settings),
  };
}

/** `Person::getPersonVerificationDetails`. */
export function getPersonVerification(settings: MisClientSettings, personId: string): MisRequest {
  return {
    method: 'GET',
    path: `/api/persons/${personId}/verification`,
    query: {},
    headers: misHeaders(settings),
  };
}

/** Released `Person::validateSearch` (e023bc4), rule by rule, on the list of persons. */
export const RELEASED_SEARCH_RULES: Rules = {
  '*.birth_country': ['required', 'string', 'max:255'],
  '*.birth_date': ['required', 'date'],
  '*.birth_settlement': ['required', 'string', 'max:255'],
  '*.first_name': ['required', 'string', 'max:255'],
  '*.gender': ['required', inDictionary('GENDER')],
  '*.id': ['nullable', 'uuid'],
  '*.last_name': ['required', 'string', 'max:255'],
  '*.second_name': ['nullable', 'string', 'max:255'],
  '*.phones': ['nullable', 'array'],
  '*.phones.*.number': ['required', phoneNumber],
  '*.phones.*.type': ['required', inDictionary('PHONE_TYPE')],
  '*.tax_id': ['nullable', taxId],
};

/** Newest `Person::validateSearch` (3ebf5fa), rule by rule: v2 persons with `names[]`. */
export const NEWEST_SEARCH_RULES: Rules = {
  '*.birth_country': ['required', 'string', 'max:255'],
  '*.birth_date': ['nullable', 'date'],
  '*.birth_settlement': ['required', 'string', 'max:255'],
  '*.names': ['required', 'array', 'min:1'],
  '*.names.*.language': ['required', 'string', 'max:255'],
  '*.names.*.first_name': ['required', 'string', 'max:255'],
  '*.names.*.last_name': ['nullable', 'string', 'max:255'],
  '*.names.*.second_name': ['nullable', 'string', 'max:255'],
  '*.documents': ['sometimes', 'array'],
  '*.documents.*.type': ['required', inDictionary('DOCUMENT_TYPE')],
  '*.documents.*.number': ['required', 'string', 'max:255'],
  '*.gender': ['required', inDictionary('GENDER')],
  '*.id': ['required', 'uuid'],
  '*.phones': ['nullable', 'array'],
  '*.phones.*.number': ['required', 'regex:/^\\+[0-9]{11,12}$/'],
  '*.phones.*.type': ['required', inDictionary('PHONE_TYPE')],
  '*.tax_id': ['nullable', taxId],
};

/**
 * The answer to a search. Released: `validateSearch`, and the `ConfidantPersonSync` job compares
 * each found person's `first_name`, `last_name`, `birth_date` (and `tax_id`, when it searched by
 * one) with its own: pass `searchedByTaxId` to check the keys it reads are there.
 */
export function checkSearchAnswer(
  version: ClientVersion,
  body: unknown,
  options: { searchedByTaxId?: boolean; dictionaries?: Dictionaries } = {},
): string[] {
  const view = clientView(body);
  const rules = version === 'released' ? RELEASED_SEARCH_RULES : NEWEST_SEARCH_RULES;
  const failures = [
    ...view.failures,
    ...validateLikeLaravel(view.data, rules, options.dictionaries ?? DEFAULT_DICTIONARIES),
  ];
  if (version === 'released' && Array.isArray(view.data)) {
    const keys = [
      'first_name',
      'last_name',
      'birth_date',
      ...(options.searchedByTaxId === true ? ['tax_id'] : []),
    ];
    view.data.forEach((person, i) => {
      for (const k of keys) {
        failures.push(
          ...reads(person, k, 'ConfidantPersonSync::checkPersonData').map((f) => `${i}.${f}`),
        );
      }
    });
  }
  return failures;
}

/**
 * `Person::replaceEHealthPropNames`, recursive: `id` → `uuid`, `ended_at` → `ehealth_ended_at`;
 * the newest also renames `inserted_at` and `updated_at`.
 */
export function renamedDeep(data: unknown, version: ClientVersion): unknown {
  if (Array.isArray(data)) return data.map((v) => renamedDeep(v, version));
  if (typeof data !== 'object' || data === null) return data;
  const names: Record<string, string> = { id: 'uuid', ended_at: 'ehealth_ended_at' };
  if (version === 'newest')
    Object.assign(names, { inserted_at: 'ehealth_inserted_at', updated_at: 'ehealth_updated_at' });
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [names[k] ?? k, renamedDeep(v, version)]),
  );
}

/** Released `Person::validateAuthMethods` (e023bc4), rule by rule. */
export const RELEASED_AUTH_METHODS_RULES: Rules = {
  '*.alias': ['nullable', 'string', 'max:255'],
  '*.ehealth_ended_at': ['nullable', 'date'],
  '*.uuid': ['required', 'uuid'],
  '*.type': ['nullable', 'string', 'max:255'],
  '*.value': ['nullable', 'uuid'],
  '*.phone_number': ['nullable', 'string', 'max:255'],
  '*.confidant_person.documents_person.*.number': ['nullable', 'string', 'max:255'],
  '*.confidant_person.documents_person.*.type': ['nullable', inDictionary('DOCUMENT_TYPE')],
  '*.confidant_person.gender': ['required_if:*.type,THIRD_PERSON', inDictionary('GENDER')],
  '*.confidant_person.name': ['required_if:*.type,THIRD_PERSON', 'string', 'max:255'],
  '*.confidant_person.uuid': ['required_if:*.type,THIRD_PERSON', 'uuid'],
  '*.confidant_person.no_tax_id': ['required_if:*.type,THIRD_PERSON', 'boolean:strict'],
  '*.confidant_person.phones.number': ['nullable', 'string'],
  '*.confidant_person.tax_id': ['nullable', 'string'],
  '*.confidant_person.unzr': ['nullable', 'string'],
};

/** Newest `Person::validateAuthMethods` (3ebf5fa), rule by rule. */
export const NEWEST_AUTH_METHODS_RULES: Rules = {
  '*.uuid': ['required_unless:*.type,NA', 'nullable', 'uuid'],
  '*.type': ['required', 'string', 'in:OTP,OFFLINE,THIRD_PERSON,NA'],
  '*.alias': ['required_if:*.type,THIRD_PERSON', 'nullable', 'string', 'max:255'],
  '*.ehealth_ended_at': ['nullable', 'date'],
  '*.value': ['required_if:*.type,THIRD_PERSON', 'nullable', 'uuid'],
  '*.phone_number': ['nullable', 'string', 'max:255'],
  '*.confidant_person': ['nullable', 'array'],
  '*.confidant_person.documents_person.*.number': ['nullable', 'string', 'max:255'],
  '*.confidant_person.documents_person.*.type': ['nullable', inDictionary('DOCUMENT_TYPE')],
  '*.confidant_person.gender': ['nullable', inDictionary('GENDER')],
  '*.confidant_person.name': ['nullable', 'string', 'max:255'],
  '*.confidant_person.uuid': ['nullable', 'uuid'],
  '*.confidant_person.no_tax_id': ['nullable', 'boolean:strict'],
  '*.confidant_person.phones.number': ['nullable', 'string'],
  '*.confidant_person.tax_id': ['nullable', 'string'],
  '*.confidant_person.unzr': ['nullable', 'string'],
};

/**
 * The answer to `getAuthMethods`: `validateAuthMethods` on the renamed list. The newest client
 * first gives a THIRD_PERSON method without `alias` the alias `UNKNOWN`, so a missing alias
 * never fails there.
 */
export function checkAuthMethods(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  let data = renamedDeep(view.data, version);
  if (version === 'newest' && Array.isArray(data)) {
    data = data.map((m: Record<string, unknown>) =>
      m.type === 'THIRD_PERSON' && m.alias === undefined ? { ...m, alias: 'UNKNOWN' } : m,
    );
  }
  const rules = version === 'released' ? RELEASED_AUTH_METHODS_RULES : NEWEST_AUTH_METHODS_RULES;
  return [...view.failures, ...validateLikeLaravel(data, rules, dictionaries)];
}

/** The registers the newest client reads details of, with the extra field each reports. */
const VERIFICATION_SOURCES: Record<string, 'result' | 'verification_comment' | 'status' | null> = {
  drfo: 'result',
  dracs_death: 'verification_comment',
  dracs_birth: 'verification_comment',
  dracs_name_change: 'verification_comment',
  nhs: 'verification_comment',
  mvs_passport: 'status',
  dms_passport: 'status',
  unzr: 'status',
  legal_capacity: null,
};

/** Newest `Person::validatePersonVerificationDetails` with `personVerificationDetailsRules('details')`. */
export const NEWEST_VERIFICATION_RULES: Rules = {
  verification_status: ['required', inDictionary('PERSON_VERIFICATION_STATUSES')],
  details: ['required', 'array'],
  ...Object.fromEntries(
    Object.entries(VERIFICATION_SOURCES).flatMap(([source, extra]) => [
      [`details.${source}`, ['present', 'array']],
      [
        `details.${source}.verification_status`,
        ['required', inDictionary('PERSON_VERIFICATION_STATUSES')],
      ],
      [
        `details.${source}.verification_reason`,
        ['required', inDictionary('PERSON_VERIFICATION_STATUS_REASONS')],
      ],
      ...(extra === null
        ? []
        : [
            [
              `details.${source}.${extra}`,
              extra === 'verification_comment'
                ? ['nullable', 'string']
                : [
                    'nullable',
                    'numeric',
                    inDictionary(extra === 'status' ? 'EIS_MVS_STATUS' : 'DRFO_RESULT'),
                  ],
            ],
          ]),
    ]),
  ),
};

/**
 * The answer to `getPersonVerificationDetails`. Released: no validator; `PersonData::
 * getVerificationStatus` reads `verification_status`. Newest: every register's details.
 */
export function checkPersonVerification(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  return [
    ...view.failures,
    ...(version === 'released'
      ? reads(view.data, 'verification_status', 'PersonData::getVerificationStatus')
      : validateLikeLaravel(view.data, NEWEST_VERIFICATION_RULES, dictionaries)),
  ];
}
