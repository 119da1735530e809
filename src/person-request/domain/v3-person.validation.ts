import { dateInKyiv, isValidDate } from '../../kernel/domain/calendar.js';
import type { InvalidEntry } from '../../kernel/domain/errors.js';
import { ANY_PHONE } from '../../kernel/domain/phone.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import { isJsonObject, type JsonObject } from '../../kernel/domain/json.js';
import { DOCUMENT_TYPES } from '../../person/domain/person.js';
import { personRequestRuleProblems } from './request-rules.js';

/** `NO_SELF_AUTH_AGE`'s default, for callers that do not pass the configured one. */
const DEFAULT_NO_SELF_AUTH_AGE = 14;

const TOP_LEVEL = new Set([
  'person',
  'patient_signed',
  'process_disclosure_data_consent',
  'authorize_with',
]);

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

class Problems {
  readonly list: InvalidEntry[] = [];
  add(entry: string, rule: string, description: string): void {
    this.list.push({ entry, rule, description });
  }
  required(entry: string): void {
    this.add(entry, 'required', 'required property is missing');
  }
  /** A required non-empty string. */
  text(obj: JsonObject, key: string, path: string): void {
    if (!(key in obj) || obj[key] === null || obj[key] === undefined)
      this.required(`${path}.${key}`);
    else if (!isText(obj[key])) this.add(`${path}.${key}`, 'cast', 'must be a non-empty string');
  }
  optionalText(obj: JsonObject, key: string, path: string): void {
    if (obj[key] !== undefined && obj[key] !== null && typeof obj[key] !== 'string') {
      this.add(`${path}.${key}`, 'cast', 'must be a string');
    }
  }
  /** A required array with at least `min` objects; returns them. */
  objects(obj: JsonObject, key: string, path: string, min: number): JsonObject[] {
    const value = obj[key];
    if (value === undefined || value === null) {
      this.required(`${path}.${key}`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.add(`${path}.${key}`, 'cast', 'must be an array');
      return [];
    }
    if (value.length < min)
      this.add(`${path}.${key}`, 'length', `must have at least ${min} item(s)`);
    const items: JsonObject[] = [];
    value.forEach((item, i) => {
      if (isJsonObject(item)) items.push(item);
      else this.add(`${path}.${key}[${i}]`, 'cast', 'must be an object');
    });
    return items;
  }
}

/** phones[].number `^\+[0-9]{11,12}$` wherever phones appear. */
function checkPhones(p: Problems, obj: JsonObject, path: string, required: boolean): void {
  if (obj.phones === undefined || obj.phones === null) {
    if (required) p.required(`${path}.phones`);
    return;
  }
  p.objects(obj, 'phones', path, required ? 1 : 0).forEach((phone, i) => {
    const entry = `${path}.phones[${i}].number`;
    if (!('number' in phone)) p.required(entry);
    else if (typeof phone.number !== 'string' || !ANY_PHONE.test(phone.number)) {
      p.add(entry, 'format', 'must match ^\\+[0-9]{11,12}$');
    }
  });
}

/** The registry version of a person request: its person's shape, and its routes. */
export type PersonRequestVersion = 2 | 3;

/** How a body is validated: its version and the age from which a person holds an own method. */
export interface BodyPolicy {
  readonly version?: PersonRequestVersion;
  readonly noSelfAuthAge?: number;
}

/** A person's names: v3 `names[]`, v2 `first_name`, `last_name` and `second_name`. */
function checkNames(p: Problems, person: JsonObject, at: string, version: PersonRequestVersion) {
  if (version === 2) {
    p.text(person, 'first_name', at);
    p.text(person, 'last_name', at);
    p.optionalText(person, 'second_name', at);
    if ('names' in person) p.add(`${at}.names`, 'invalid', 'not allowed in a v2 person');
    return;
  }
  p.objects(person, 'names', at, 1).forEach((name, i) => {
    const path = `${at}.names[${i}]`;
    p.text(name, 'first_name', path);
    p.text(name, 'language', path);
    if (!('no_last_name' in name)) p.required(`${path}.no_last_name`);
    else if (typeof name.no_last_name !== 'boolean')
      p.add(`${path}.no_last_name`, 'cast', 'must be a boolean');
    p.optionalText(name, 'last_name', path);
    p.optionalText(name, 'second_name', path);
  });
}

/**
 * Validates a person request body of either version: what the registry requires and what the
 * domain uses, then the rules both versions share (request-rules.ts). Returns every problem with
 * its JSON path; an empty list means the body is acceptable.
 */
export function validatePersonRequestBody(
  body: unknown,
  now: Date,
  policy: BodyPolicy = {},
): InvalidEntry[] {
  const version = policy.version ?? 3;
  const p = new Problems();
  if (!isJsonObject(body)) {
    p.add('$', 'cast', 'must be an object');
    return p.list;
  }
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL.has(key)) p.add(`$.${key}`, 'invalid', 'unknown property');
  }
  if (!('patient_signed' in body)) p.required('$.patient_signed');
  else if (body.patient_signed !== false) p.add('$.patient_signed', 'inclusion', 'must be false');
  if (!('process_disclosure_data_consent' in body)) p.required('$.process_disclosure_data_consent');
  else if (typeof body.process_disclosure_data_consent !== 'boolean') {
    p.add('$.process_disclosure_data_consent', 'cast', 'must be a boolean');
  }
  if (
    body.authorize_with !== undefined &&
    body.authorize_with !== null &&
    !isUuid(body.authorize_with)
  ) {
    p.add('$.authorize_with', 'format', 'must be a UUID');
  }
  const person = body.person;
  if (person === undefined || person === null) {
    p.required('$.person');
    return p.list;
  }
  if (!isJsonObject(person)) {
    p.add('$.person', 'cast', 'must be an object');
    return p.list;
  }
  const at = '$.person';
  if (person.id !== undefined && !isUuid(person.id)) p.add(`${at}.id`, 'format', 'must be a UUID');

  checkNames(p, person, at, version);

  if (!('birth_date' in person)) p.required(`${at}.birth_date`);
  else if (typeof person.birth_date !== 'string' || !isValidDate(person.birth_date)) {
    p.add(`${at}.birth_date`, 'format', 'must be a date YYYY-MM-DD');
  } else if (person.birth_date > dateInKyiv(now)) {
    p.add(`${at}.birth_date`, 'invalid', 'must not be in the future');
  }
  if (!('gender' in person)) p.required(`${at}.gender`);
  else if (person.gender !== 'MALE' && person.gender !== 'FEMALE') {
    p.add(`${at}.gender`, 'inclusion', 'must be one of MALE, FEMALE');
  }
  p.text(person, 'birth_country', at);
  p.text(person, 'birth_settlement', at);
  if (!('secret' in person)) p.required(`${at}.secret`);
  else if (typeof person.secret !== 'string' || person.secret.length < 6) {
    p.add(`${at}.secret`, 'length', 'must be at least 6 characters');
  }
  if (!('no_tax_id' in person)) p.required(`${at}.no_tax_id`);
  else if (person.no_tax_id !== null && typeof person.no_tax_id !== 'boolean') {
    p.add(`${at}.no_tax_id`, 'cast', 'must be a boolean or null');
  }
  if (person.tax_id !== undefined && person.tax_id !== null) {
    if (typeof person.tax_id !== 'string' || !/^[0-9]{10}$/.test(person.tax_id)) {
      p.add(`${at}.tax_id`, 'format', 'must match ^[0-9]{10}$');
    }
  }

  p.objects(person, 'documents', at, 1).forEach((doc, i) => {
    const path = `${at}.documents[${i}]`;
    if (!('type' in doc)) p.required(`${path}.type`);
    else if (!(DOCUMENT_TYPES as readonly unknown[]).includes(doc.type)) {
      p.add(`${path}.type`, 'inclusion', `must be one of ${DOCUMENT_TYPES.join(', ')}`);
    }
    p.text(doc, 'number', path);
  });
  p.objects(person, 'addresses', at, 1).forEach((address, i) =>
    p.text(address, 'country', `${at}.addresses[${i}]`),
  );

  const contact = person.emergency_contact;
  if (contact === undefined || contact === null) p.required(`${at}.emergency_contact`);
  else if (!isJsonObject(contact)) p.add(`${at}.emergency_contact`, 'cast', 'must be an object');
  else {
    p.text(contact, 'first_name', `${at}.emergency_contact`);
    checkPhones(p, contact, `${at}.emergency_contact`, true);
  }
  checkPhones(p, person, at, false);
  const confidant = person.confidant_person;
  if (isJsonObject(confidant)) {
    if (confidant.person_id !== undefined && !isUuid(confidant.person_id)) {
      p.add(`${at}.confidant_person.person_id`, 'format', 'must be a UUID');
    }
    checkPhones(p, confidant, `${at}.confidant_person`, false);
  }

  p.list.push(
    ...personRequestRuleProblems(person, {
      today: dateInKyiv(now),
      noSelfAuthAge: policy.noSelfAuthAge ?? DEFAULT_NO_SELF_AUTH_AGE,
    }),
  );
  return p.list;
}
