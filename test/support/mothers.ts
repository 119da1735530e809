import { randomUUID } from 'node:crypto';
import type { AuthMethodRequest } from '../../src/auth-method-request/domain/auth-method-request.js';
import type { Relationship } from '../../src/confidant-relationship/domain/relationship.js';
import type { AuthMethod, Person } from '../../src/person/domain/person.js';
import type { PersonRequest } from '../../src/person-request/domain/person-request.js';
import { personFromStored, type V3Person } from '../../src/person-request/domain/v3-person.js';
import type { Acting } from '../../src/kernel/application/acting.js';
import { isJsonObject, type JsonObject } from '../../src/kernel/domain/json.js';
import { V3_REQUEST_EXAMPLE } from '../../src/person-request/adapters/http/v3-request.example.js';

let tick = 0;

/** The OTP phone of the mothers' person: aPerson's method, aV3Body's, the requests' current one. */
export const PHONE = '+380971234567';
/** The phone the mothers' authentication method request inserts. */
export const NEW_PHONE = '+380631234567';

/** Object Mother for authentication method rows; each new one is added after the previous. */
export function aMethod(overrides: Partial<AuthMethod> & Pick<AuthMethod, 'type'>): AuthMethod {
  tick += 1;
  return {
    id: randomUUID(),
    phoneNumber: overrides.type === 'OTP' ? PHONE : null,
    value: null,
    alias: null,
    startedAt: new Date('2026-01-01T00:00:00Z'),
    endedAt: null,
    insertedAt: new Date(Date.UTC(2026, 0, 1) + tick * 1000),
    ...overrides,
  };
}

export const CLIENT_ID = '7f3c1b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const OTHER_CLIENT_ID = '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6';
export const USER_ID = 'd4c3b2a1-0f9e-4d8c-8b7a-695847362514';
/** The instant most unit tests run at (a Monday, 12:00 in Kyiv). */
export const NOW = new Date('2026-11-23T10:00:00.000Z');

/** Who acts: the test's MIS client and user. */
export function acting(overrides: Partial<Acting> = {}): Acting {
  return { userId: USER_ID, clientId: CLIENT_ID, ...overrides };
}

/**
 * Object Mother for a registry person: an active adult with a valid tax id and an OTP method.
 * Their `uk` name follows the first, last and second name given, unless `names` are given.
 */
export function aPerson(overrides: Partial<Person> = {}): Person {
  const firstName = overrides.firstName ?? 'Олена';
  const lastName = overrides.lastName ?? 'Петренко';
  const secondName = overrides.secondName === undefined ? 'Іванівна' : overrides.secondName;
  return {
    id: randomUUID(),
    firstName,
    lastName,
    secondName,
    names: [{ language: 'uk', firstName, lastName: lastName || null, secondName }],
    birthDate: '1972-10-26',
    birthCountry: 'Україна',
    birthSettlement: 'Київ',
    gender: 'MALE',
    taxId: '2659719350',
    noTaxId: false,
    status: 'active',
    verificationStatus: 'VERIFICATION_NEEDED',
    verificationReason: 'INITIAL',
    verificationComment: null,
    documents: [{ type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null }],
    phones: [],
    authenticationMethods: [aMethod({ type: 'OTP', phoneNumber: PHONE })],
    insertedBy: null,
    updatedBy: null,
    insertedAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  };
}

/**
 * Object Mother for a v3 create body that passes validation (shaped like a real MIS client's,
 * with a key the published schema lacks); `person` overrides merge into the person, and a key
 * set to undefined is left out.
 */
export function aV3Body(
  overrides: { person?: Record<string, unknown>; [key: string]: unknown } = {},
): Record<string, unknown> {
  const { person, ...rest } = overrides;
  const { names, birth_date, birth_country, birth_settlement, gender, tax_id, no_tax_id, secret } =
    structuredClone(V3_REQUEST_EXAMPLE.person);
  const body: Record<string, unknown> = {
    person: {
      names,
      birth_date,
      birth_country,
      birth_settlement,
      gender,
      tax_id,
      no_tax_id,
      secret,
      documents: [
        { type: 'PASSPORT', number: 'АА123456', issued_at: '2010-06-01', expiration_date: null },
      ],
      addresses: [{ type: 'RESIDENCE', country: 'UA', settlement: 'Київ' }],
      phones: [{ type: 'MOBILE', number: PHONE }],
      authentication_methods: [{ type: 'OTP', phone_number: PHONE }],
      emergency_contact: {
        first_name: 'Петро',
        last_name: 'Петренко',
        phones: [{ type: 'MOBILE', number: '+380501112233' }],
      },
      forgotten_by_the_schema: { kept: true },
      ...person,
    },
    patient_signed: false,
    process_disclosure_data_consent: true,
    ...rest,
  };
  return withoutUndefined(body);
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  const strip = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const top = strip(body);
  return isJsonObject(top.person) ? { ...top, person: strip({ ...top.person }) } : top;
}

/** The typed v3 person of `aV3Body({ person })`. */
export function aV3Person(person: Record<string, unknown> = {}): V3Person {
  return personFromStored(aV3Body({ person }).person as JsonObject);
}

/** Object Mother for a NEW person request of the test's client, its current method OTP. */
export function aPersonRequest(overrides: Partial<PersonRequest> = {}): PersonRequest {
  return {
    id: randomUUID(),
    status: 'NEW',
    version: 3,
    channel: 'MIS',
    person: aV3Person(),
    personId: null,
    clientId: CLIENT_ID,
    patientSigned: false,
    processDisclosureDataConsent: true,
    authorizeWith: null,
    authenticationMethodCurrent: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: PHONE },
    documents: [],
    content: null,
    signedContentAttemptKey: null,
    insertedBy: USER_ID,
    updatedBy: USER_ID,
    insertedAt: new Date(NOW.getTime() - 60_000),
    updatedAt: new Date(NOW.getTime() - 60_000),
    ...overrides,
  };
}

/** Object Mother for a NEW request of the test's client to insert an OTP method, verified by OTP. */
export function anAuthMethodRequest(
  overrides: Partial<AuthMethodRequest> & Pick<AuthMethodRequest, 'personId'>,
): AuthMethodRequest {
  return {
    id: randomUUID(),
    clientId: CLIENT_ID,
    status: 'NEW',
    channel: 'MIS',
    action: 'insert',
    authenticationMethod: { type: 'OTP', phoneNumber: NEW_PHONE },
    authenticationMethodCurrent: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: PHONE },
    documents: [],
    insertedBy: USER_ID,
    updatedBy: USER_ID,
    insertedAt: new Date(NOW.getTime() - 60_000),
    updatedAt: new Date(NOW.getTime() - 60_000),
    ...overrides,
  };
}

/** Object Mother for an active confidant relationship of a new person and confidant. */
export function aRelationship(overrides: Partial<Relationship> = {}): Relationship {
  return {
    id: randomUUID(),
    personId: randomUUID(),
    confidantPersonId: randomUUID(),
    documents: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issuedBy: 'Рокитнянським РВ ГУ МВС Київської області',
        issuedAt: '2017-02-28',
        activeTo: '2027-11-23',
      },
    ],
    activeTo: '2027-11-23',
    isActive: true,
    verificationStatus: 'VERIFICATION_NEEDED',
    verificationReason: 'MANUAL_CREATED_BY_DOCTOR',
    insertedBy: USER_ID,
    updatedBy: USER_ID,
    insertedAt: new Date(NOW.getTime() - 60_000),
    updatedAt: new Date(NOW.getTime() - 60_000),
    ...overrides,
  };
}
