import { ageOn, isValidDate } from '../../kernel/domain/calendar.js';
import {
  DomainError,
  fail,
  invalid,
  validationFailed,
  type InvalidEntry,
} from '../../kernel/domain/errors.js';
import { isJsonObject, jsonPath } from '../../kernel/domain/json.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import type { Person } from '../../person/domain/person.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';
import { CONFIDANT_ERRORS, CONFIDANT_INVALID_TEXT, tooManyConfidants } from './confidant-errors.js';
import type { RelationshipDocument, RelationshipRef } from './confidant-request.js';
import type { Relationship } from './relationship.js';

export const ADULT_AGE = 18;
const MAX_TEXT = 255;
const MAX_DOCUMENTS = 10;
const DOCUMENT_FIELDS = ['type', 'number', 'issued_by', 'issued_at'] as const;

/** An INSERT body as sent: read by the rules, in their order. */
export interface InsertBody {
  readonly confidantPersonId: unknown;
  readonly documentsRelationship: unknown;
  readonly authorizeWith: unknown;
}

export function insertBodyOf(body: unknown): InsertBody {
  const input = isJsonObject(body) ? body : {};
  return {
    confidantPersonId: input.confidant_person_id,
    documentsRelationship: input.documents_relationship,
    authorizeWith: input.authorize_with,
  };
}

/** What the checks of an INSERT look at. */
export interface InsertContext {
  /** The person of the route; null when there is none. */
  readonly person: Person | null;
  /** The person `confidant_person_id` names; null when none (or it is no UUID). */
  readonly confidant: Person | null;
  /** The person's relationships that hold today. */
  readonly holding: readonly Pick<Relationship, 'confidantPersonId'>[];
  /** Today in Kyiv, `YYYY-MM-DD`. */
  readonly today: string;
  readonly maxConfidants: number;
}

/** The INSERT once every check passed. */
export interface CheckedInsert {
  readonly confidantPersonId: string;
  readonly documents: readonly RelationshipDocument[];
  readonly authorizeWith: string | null;
}

/**
 * The checks of an INSERT, in the registry's order (docs/domain-rules.md, Confidant person
 * relationships): the person exists (403) and is active (409); the confidant exists, is active,
 * is not the person and is an adult (422 on `$.confidant_person_id`); the documents are
 * complete (422 per field); the confidant is not one already (409); the person has fewer than
 * the most confidants allowed (422 `request_malformed`).
 */
export function checkInsert(body: InsertBody, ctx: InsertContext): CheckedInsert | DomainError {
  const person = personRejection(ctx.person);
  if (person) return person;
  const at = '$.confidant_person_id';
  if (body.confidantPersonId === undefined || body.confidantPersonId === null) {
    return invalid(at, 'required property is missing', 'required');
  }
  const confidant = ctx.confidant;
  if (!isUuid(body.confidantPersonId) || !confidant) {
    return invalid(at, CONFIDANT_INVALID_TEXT.notFound);
  }
  if (confidant.status !== 'active') return invalid(at, CONFIDANT_INVALID_TEXT.inactive);
  if (confidant.id === ctx.person!.id) return invalid(at, CONFIDANT_INVALID_TEXT.self);
  if (ageOn(confidant.birthDate, ctx.today) < ADULT_AGE) {
    return invalid(at, CONFIDANT_INVALID_TEXT.notAdult);
  }
  const documents = relationshipDocuments(body.documentsRelationship, ctx.today);
  if (!documents.ok) return validationFailed(documents.problems);
  const authorizeWith = authorizeWithOf(body.authorizeWith);
  if (!authorizeWith.ok) return validationFailed(authorizeWith.problems);
  if (ctx.holding.some((r) => r.confidantPersonId === confidant.id)) {
    return fail(CONFIDANT_ERRORS.relationshipExists);
  }
  const limit = relationshipLimitRejection(ctx.holding.length, ctx.maxConfidants);
  if (limit) return limit;
  return {
    confidantPersonId: confidant.id,
    documents: documents.value,
    authorizeWith: authorizeWith.value,
  };
}

/** 403 for no person, 409 for an inactive one. */
export function personRejection(person: Person | null): DomainError | null {
  if (!person) return fail(PERSON_ERRORS.personNotFoundForbidden);
  if (person.status !== 'active') return fail(PERSON_ERRORS.personInactive);
  return null;
}

/** 422 `request_malformed` once the person has as many confidants as allowed. */
export function relationshipLimitRejection(holding: number, max: number): DomainError | null {
  return holding >= max ? fail(tooManyConfidants(max)) : null;
}

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly InvalidEntry[] };

/**
 * `documents_relationship`: one to ten documents, each with `type`, `number`, `issued_by` and
 * `issued_at` (a date, not in the future), `active_to` optional (a date, not in the past).
 */
export function relationshipDocuments(
  value: unknown,
  today: string,
): Parsed<RelationshipDocument[]> {
  const at = '$.documents_relationship';
  if (value === undefined || value === null) {
    return problem(at, 'required', 'required property is missing');
  }
  if (!Array.isArray(value)) return problem(at, 'cast', 'expected an array');
  if (value.length === 0) return problem(at, 'length', 'expected at least 1 item');
  if (value.length > MAX_DOCUMENTS) {
    return problem(at, 'length', `expected at most ${MAX_DOCUMENTS} items`);
  }
  const problems: InvalidEntry[] = [];
  const documents: RelationshipDocument[] = [];
  value.forEach((item: unknown, i) => {
    const here = jsonPath(at, i);
    if (!isJsonObject(item)) {
      problems.push({ entry: here, rule: 'cast', description: 'expected an object' });
      return;
    }
    for (const field of DOCUMENT_FIELDS) {
      const text = item[field];
      const entry = jsonPath(here, field);
      if (text === undefined || text === null || text === '') {
        problems.push({ entry, rule: 'required', description: 'required property is missing' });
      } else if (typeof text !== 'string' || text.length > MAX_TEXT) {
        problems.push({
          entry,
          rule: 'cast',
          description: `expected a string of up to ${MAX_TEXT} characters`,
        });
      }
    }
    const issuedAt = item.issued_at;
    if (typeof issuedAt === 'string' && issuedAt !== '') {
      if (!isValidDate(issuedAt)) problems.push(dateProblem(jsonPath(here, 'issued_at')));
      else if (issuedAt > today) {
        problems.push({
          entry: jsonPath(here, 'issued_at'),
          rule: 'date',
          description: 'must not be in the future',
        });
      }
    }
    const activeTo = item.active_to;
    if (activeTo !== undefined && activeTo !== null) {
      if (typeof activeTo !== 'string' || !isValidDate(activeTo)) {
        problems.push(dateProblem(jsonPath(here, 'active_to')));
      } else if (activeTo < today) {
        problems.push({
          entry: jsonPath(here, 'active_to'),
          rule: 'date',
          description: 'must not be in the past',
        });
      }
    }
    documents.push({
      type: String(item.type),
      number: String(item.number),
      issuedBy: String(item.issued_by),
      issuedAt: String(item.issued_at),
      activeTo: typeof activeTo === 'string' ? activeTo : null,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: documents };
}

/** `authorize_with`: absent, null, or the id of a method (a UUID). */
export function authorizeWithOf(value: unknown): Parsed<string | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!isUuid(value)) return problem('$.authorize_with', 'format', 'must be a UUID');
  return { ok: true, value: value.toLowerCase() };
}

/** A DEACTIVATE body, read: the relationship it names and `authorize_with`. */
export interface CheckedDeactivate {
  readonly relationship: RelationshipRef;
  readonly authorizeWith: string | null;
}

/**
 * The body of a DEACTIVATE: `confidant_person_relationship` with `id` (a UUID) and
 * `documents_relationship` (objects of strings, echoed as sent), `authorize_with` optional.
 */
export function deactivateBody(body: unknown): Parsed<CheckedDeactivate> {
  const input = isJsonObject(body) ? body : {};
  const at = '$.confidant_person_relationship';
  const ref = input.confidant_person_relationship;
  if (ref === undefined || ref === null)
    return problem(at, 'required', 'required property is missing');
  if (!isJsonObject(ref)) return problem(at, 'cast', 'expected an object');
  const problems: InvalidEntry[] = [];
  if (ref.id === undefined || ref.id === null) {
    problems.push({
      entry: `${at}.id`,
      rule: 'required',
      description: 'required property is missing',
    });
  } else if (!isUuid(ref.id)) {
    problems.push({ entry: `${at}.id`, rule: 'format', description: 'must be a UUID' });
  }
  const docsAt = `${at}.documents_relationship`;
  const docs = ref.documents_relationship;
  const documents: Record<string, string>[] = [];
  if (docs === undefined || docs === null) {
    problems.push({ entry: docsAt, rule: 'required', description: 'required property is missing' });
  } else if (!Array.isArray(docs) || docs.length > MAX_DOCUMENTS) {
    problems.push({
      entry: docsAt,
      rule: 'cast',
      description: `expected an array of up to ${MAX_DOCUMENTS} items`,
    });
  } else {
    docs.forEach((item: unknown, i) => {
      const here = jsonPath(docsAt, i);
      if (!isJsonObject(item)) {
        problems.push({ entry: here, rule: 'cast', description: 'expected an object' });
        return;
      }
      const document: Record<string, string> = {};
      for (const field of [...DOCUMENT_FIELDS, 'active_to']) {
        const text = item[field];
        if (text === undefined || text === null) continue;
        if (typeof text !== 'string' || text.length > MAX_TEXT) {
          problems.push({
            entry: jsonPath(here, field),
            rule: 'cast',
            description: `expected a string of up to ${MAX_TEXT} characters`,
          });
        } else document[field] = text;
      }
      documents.push(document);
    });
  }
  const authorizeWith = authorizeWithOf(input.authorize_with);
  if (!authorizeWith.ok) problems.push(...authorizeWith.problems);
  if (problems.length > 0 || !authorizeWith.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      relationship: { id: (ref.id as string).toLowerCase(), documents },
      authorizeWith: authorizeWith.value,
    },
  };
}

/** 404 unless the relationship is the person's and holds today. */
export function deactivateRejection(
  relationship: Relationship | null,
  personId: string,
  today: string,
): DomainError | null {
  if (!relationship || relationship.personId !== personId) {
    return fail(CONFIDANT_ERRORS.relationshipNotFound);
  }
  if (!relationship.isActive || relationship.activeTo < today) {
    return fail(CONFIDANT_ERRORS.relationshipNotFound);
  }
  return null;
}

function problem<T>(entry: string, rule: string, description: string): Parsed<T> {
  return { ok: false, problems: [{ entry, rule, description }] };
}

function dateProblem(entry: string): InvalidEntry {
  return { entry, rule: 'date', description: 'expected a date YYYY-MM-DD' };
}
