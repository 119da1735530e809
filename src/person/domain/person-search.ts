import { isActive } from './authentication-methods.js';
import { registryNameOf, type Person, type PersonName } from './person.js';

/**
 * What a person search compares (docs/domain-rules.md, Person search). An optional name that is
 * present but empty after trimming asks for a person who has none; absent, it is not compared.
 */
export interface PersonSearchCriteria {
  /** The (first) `names[]` entry of this language (v2); null: the registry name (v1). */
  readonly language: string | null;
  readonly firstName: string;
  readonly lastName?: string;
  readonly secondName?: string;
  /** `YYYY-MM-DD`, compared exactly. */
  readonly birthDate: string;
  readonly taxId?: string;
  /** One of the person's phones, or the phone of an active OTP method. */
  readonly phoneNumber?: string;
  readonly document?: { readonly type: string; readonly number: string };
}

/**
 * Apostrophes a Ukrainian name is typed with: the ASCII one, the typographic ones, the grave
 * accent, the acute accent and the prime; all read as the modifier letter apostrophe (ʼ).
 */
const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4\u2032]/gu;
const WHITESPACE = /\s+/gu;

/**
 * A name as search compares it: NFC, apostrophes unified, inner whitespace runs as one space,
 * trimmed, case folded with Ukrainian rules (upper then lower case, so that letters whose lower
 * case is not unique fold together too). Absent or empty gives ''.
 */
export function nameKey(name: string | null): string {
  if (name === null) return '';
  return name
    .normalize('NFC')
    .replace(APOSTROPHES, '\u02BC')
    .replace(WHITESPACE, ' ')
    .trim()
    .toLocaleUpperCase('uk')
    .toLocaleLowerCase('uk')
    .normalize('NFC');
}

/**
 * The one name the criteria's name parameters are compared with: the registry name (v1), or the
 * first entry of the language asked (v2; a person has one name per language, and a second entry
 * of a language, which no client should send, is kept but not searched).
 */
function nameCompared(person: Person, language: string | null): PersonName | undefined {
  if (language === null) return registryNameOf(person.names);
  return person.names.find((n) => n.language === language);
}

function nameMatches(name: PersonName, criteria: PersonSearchCriteria): boolean {
  return (
    nameKey(name.firstName) === nameKey(criteria.firstName) &&
    (criteria.lastName === undefined || nameKey(name.lastName) === nameKey(criteria.lastName)) &&
    (criteria.secondName === undefined || nameKey(name.secondName) === nameKey(criteria.secondName))
  );
}

function activeOtpPhones(person: Person, now: Date): string[] {
  return person.authenticationMethods
    .filter((m) => m.type === 'OTP' && m.phoneNumber !== null && isActive(m, now))
    .map((m) => m.phoneNumber!);
}

/** Whether an active person matches every criterion given: the rule every finder keeps. */
export function matchesSearch(person: Person, criteria: PersonSearchCriteria, now: Date): boolean {
  const { taxId, phoneNumber, document } = criteria;
  const name = nameCompared(person, criteria.language);
  return (
    person.status === 'active' &&
    person.birthDate === criteria.birthDate &&
    name !== undefined &&
    nameMatches(name, criteria) &&
    (taxId === undefined || person.taxId === taxId) &&
    (phoneNumber === undefined ||
      person.phones.some((p) => p.number === phoneNumber) ||
      activeOtpPhones(person, now).includes(phoneNumber)) &&
    (document === undefined ||
      person.documents.some((d) => d.type === document.type && d.number === document.number))
  );
}

/**
 * A person a search found, with what the answer repeats of the search: the tax id, the phone and
 * the document the caller searched by, and nothing it did not ask for.
 */
export interface FoundPerson {
  readonly person: Person;
  readonly taxId?: string;
  readonly phones?: readonly { readonly type: string; readonly number: string }[];
  readonly documents?: readonly { readonly type: string; readonly number: string }[];
}

/**
 * The phone's type is the type of the person's phone with that number; a phone found only as an
 * OTP method (or stored without a type) is a mobile one, as every phone that receives codes is.
 */
export function foundPerson(person: Person, criteria: PersonSearchCriteria): FoundPerson {
  const { taxId, phoneNumber, document } = criteria;
  const phoneType = person.phones.find((p) => p.number === phoneNumber)?.type ?? 'MOBILE';
  return {
    person,
    ...(taxId !== undefined ? { taxId } : {}),
    ...(phoneNumber !== undefined ? { phones: [{ type: phoneType, number: phoneNumber }] } : {}),
    ...(document !== undefined ? { documents: [{ ...document }] } : {}),
  };
}

/** Oldest first, the id breaking ties: the same search answers in the same order. */
export function byRegistration(a: Person, b: Person): number {
  const diff = a.insertedAt.getTime() - b.insertedAt.getTime();
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
