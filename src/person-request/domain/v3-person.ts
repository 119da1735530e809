import type { Gender } from '../../person/domain/person.js';
import type { InvalidEntry } from '../../kernel/domain/errors.js';
import type { JsonObject } from '../../kernel/domain/json.js';
import {
  validatePersonRequestBody,
  type BodyPolicy,
  type PersonRequestVersion,
} from './v3-person.validation.js';

export type { BodyPolicy, PersonRequestVersion } from './v3-person.validation.js';

export interface V3Name {
  readonly language: string;
  readonly firstName: string;
  readonly lastName: string | null;
  readonly secondName: string | null;
}

export interface V3Document {
  readonly type: string;
  readonly number: string;
  /** `YYYY-MM-DD` (a date-time sent by a client is cut to its date). */
  readonly issuedAt: string | null;
  readonly expirationDate: string | null;
}

/** A phone of the person's contact data; `type` as sent (null when not sent). */
export interface V3Phone {
  readonly type: string | null;
  readonly number: string;
}

/** The one method a new person is created with. */
export type V3AuthMethod =
  | { readonly type: 'OTP'; readonly phoneNumber: string; readonly alias: string | null }
  | { readonly type: 'OFFLINE'; readonly alias: string | null }
  | { readonly type: 'THIRD_PERSON'; readonly thirdPersonId: string; readonly alias: string };

/**
 * The registry's person, as the domain uses it, whichever version the request is: a v2 person's
 * flat names are its one `uk` name. `asSent` is the object exactly as the client sent it (unknown
 * keys included, in its version's shape): stored and echoed, never read by a rule.
 */
export interface V3Person {
  /** Set when the request updates an existing person. */
  readonly id: string | null;
  readonly names: readonly V3Name[];
  readonly birthDate: string;
  readonly gender: Gender;
  readonly birthCountry: string;
  readonly birthSettlement: string;
  readonly taxId: string | null;
  readonly noTaxId: boolean;
  readonly documents: readonly V3Document[];
  readonly phones: readonly V3Phone[];
  /** The method of a new person; null on an update (`id` set). */
  readonly authenticationMethod: V3AuthMethod | null;
  readonly asSent: JsonObject;
}

/** A create body, parsed. */
export interface PersonRequestInput {
  /** The registry version the body was sent in (2 or 3); 3 when not given. */
  readonly version?: PersonRequestVersion;
  readonly person: V3Person;
  readonly processDisclosureDataConsent: boolean;
  readonly authorizeWith: string | null;
}

export type ParsedBody =
  | { readonly ok: true; readonly value: PersonRequestInput }
  | { readonly ok: false; readonly problems: readonly InvalidEntry[] };

/**
 * Validates a create body of the policy's version (v3 by default) and, when it passes, turns it
 * into typed values once.
 */
export function parsePersonRequestBody(
  body: unknown,
  now: Date,
  policy: BodyPolicy = {},
): ParsedBody {
  const problems = validatePersonRequestBody(body, now, policy);
  if (problems.length > 0) return { ok: false, problems };
  const input = body as JsonObject;
  const authorizeWith = input.authorize_with;
  const version = policy.version ?? 3;
  return {
    ok: true,
    value: {
      version,
      person: personFromStored(input.person as JsonObject, version),
      processDisclosureDataConsent: input.process_disclosure_data_consent as boolean,
      authorizeWith: typeof authorizeWith === 'string' ? authorizeWith.toLowerCase() : null,
    },
  };
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const dateOf = (value: unknown): string | null =>
  typeof value === 'string' && value.length >= 10 ? value.slice(0, 10) : null;
const objects = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? (value as JsonObject[]) : [];

/**
 * The typed person of a body that passed validation (at create, or read back from storage, where
 * only validated bodies are kept).
 */
export function personFromStored(person: JsonObject, version: PersonRequestVersion = 3): V3Person {
  const method = objects(person.authentication_methods)[0];
  return {
    id: typeof person.id === 'string' ? person.id.toLowerCase() : null,
    names: version === 2 ? [v2Name(person)] : objects(person.names).map(v3Name),
    birthDate: String(person.birth_date),
    gender: person.gender as Gender,
    birthCountry: String(person.birth_country),
    birthSettlement: String(person.birth_settlement),
    taxId: text(person.tax_id),
    noTaxId: person.no_tax_id === true,
    documents: objects(person.documents).map((d) => ({
      type: String(d.type),
      number: String(d.number),
      issuedAt: dateOf(d.issued_at),
      expirationDate: dateOf(d.expiration_date),
    })),
    phones: objects(person.phones).map((p) => ({ type: text(p.type), number: String(p.number) })),
    authenticationMethod: method === undefined ? null : methodOf(method),
    asSent: person,
  };
}

const v3Name = (n: JsonObject): V3Name => ({
  language: String(n.language),
  firstName: String(n.first_name),
  lastName: text(n.last_name),
  secondName: text(n.second_name),
});

/** A v2 person's flat names, as its one `uk` name. */
const v2Name = (person: JsonObject): V3Name => ({
  language: 'uk',
  firstName: String(person.first_name),
  lastName: text(person.last_name),
  secondName: text(person.second_name),
});

function methodOf(method: JsonObject): V3AuthMethod {
  const alias = text(method.alias);
  if (method.type === 'OTP')
    return { type: 'OTP', phoneNumber: String(method.phone_number), alias };
  if (method.type === 'THIRD_PERSON') {
    return {
      type: 'THIRD_PERSON',
      thirdPersonId: String(method.value).toLowerCase(),
      alias: alias ?? '',
    };
  }
  return { type: 'OFFLINE', alias };
}

/** The `uk` entry of `names[]` (or the first one) as the registry's name fields. */
export function registryName(person: V3Person): {
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName: string | null;
} {
  const name = person.names.find((n) => n.language === 'uk') ?? person.names[0];
  return {
    firstName: name?.firstName ?? '',
    lastName: name?.lastName ?? '',
    secondName: name?.secondName ?? null,
  };
}
