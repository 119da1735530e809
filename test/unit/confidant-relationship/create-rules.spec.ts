import { randomUUID } from 'node:crypto';
import {
  checkInsert,
  deactivateBody,
  deactivateRejection,
  insertBodyOf,
  relationshipDocuments,
} from '../../../src/confidant-relationship/domain/create-rules.js';
import { DomainError, type InvalidEntry } from '../../../src/kernel/domain/errors.js';
import type { Relationship } from '../../../src/confidant-relationship/domain/relationship.js';
import { aPerson } from '../../support/mothers.js';

const TODAY = '2026-11-23';
const person = aPerson({ birthDate: '1940-01-01' });
const confidant = aPerson({ id: randomUUID(), birthDate: '1980-01-01' });
const DOCUMENT = {
  type: 'BIRTH_CERTIFICATE',
  number: 'АА120518',
  issued_by: 'РВ',
  issued_at: '2017-02-28',
  active_to: '2030-08-19',
};
const body = (overrides: Record<string, unknown> = {}) =>
  insertBodyOf({
    confidant_person_id: confidant.id,
    documents_relationship: [DOCUMENT],
    ...overrides,
  });
const ctx = (overrides: Record<string, unknown> = {}) => ({
  person,
  confidant,
  holding: [] as { confidantPersonId: string }[],
  today: TODAY,
  maxConfidants: 2,
  ...overrides,
});

/** The entries a parse refused, as `entry: description`; none when it passed. */
function problemsOf(parsed: { ok: boolean; problems?: readonly InvalidEntry[] }): string[] {
  return (parsed.problems ?? []).map((p) => `${p.entry}: ${p.description}`);
}

/** What a refusal answers: its code, text, and the entries of a 422. */
function refusal(result: unknown) {
  expect(result).toBeInstanceOf(DomainError);
  const error = result as DomainError;
  return {
    code: error.code,
    message: error.message,
    invalid: error.invalid.map((e) => `${e.entry}: ${e.description}`),
  };
}

describe('the checks of an INSERT, in the registry’s order', () => {
  it.each([
    ['no person', body(), ctx({ person: null }), 'forbidden', 'Such person not found', []],
    [
      'an inactive person (before anything about the confidant)',
      body({ confidant_person_id: 'nope' }),
      ctx({ person: { ...person, status: 'inactive' } }),
      'conflict',
      "Such person isn't active",
      [],
    ],
    [
      'no confidant id',
      body({ confidant_person_id: undefined }),
      ctx(),
      'validation',
      'Validation failed',
      ['$.confidant_person_id: required property is missing'],
    ],
    [
      'an id that is no UUID',
      body({ confidant_person_id: '42' }),
      ctx({ confidant: null }),
      'validation',
      'Validation failed',
      ['$.confidant_person_id: Confidant person not found'],
    ],
    [
      'an unknown confidant',
      body(),
      ctx({ confidant: null }),
      'validation',
      'Validation failed',
      ['$.confidant_person_id: Confidant person not found'],
    ],
    [
      'an inactive confidant (before the documents)',
      body({ documents_relationship: [] }),
      ctx({ confidant: { ...confidant, status: 'inactive' } }),
      'validation',
      'Validation failed',
      ["$.confidant_person_id: Confidant person isn't active"],
    ],
    [
      'the person itself',
      body({ confidant_person_id: person.id }),
      ctx({ confidant: person }),
      'validation',
      'Validation failed',
      ["$.confidant_person_id: Confidant person can't be the person itself"],
    ],
    [
      'a confidant of 17',
      body(),
      ctx({ confidant: { ...confidant, birthDate: '2008-11-24' } }),
      'validation',
      'Validation failed',
      ['$.confidant_person_id: Confidant person must be an adult'],
    ],
    [
      'incomplete documents: every missing field named',
      body({ documents_relationship: [{ type: 'X', issued_at: '2017-02-30' }, 'x'] }),
      ctx(),
      'validation',
      'Validation failed',
      [
        '$.documents_relationship[0].number: required property is missing',
        '$.documents_relationship[0].issued_by: required property is missing',
        '$.documents_relationship[0].issued_at: expected a date YYYY-MM-DD',
        '$.documents_relationship[1]: expected an object',
      ],
    ],
    [
      'the confidant is one already (before the limit)',
      body(),
      ctx({ holding: [{ confidantPersonId: confidant.id }, { confidantPersonId: 'x' }] }),
      'conflict',
      'Confidant person relationship already exists',
      [],
    ],
    [
      'two confidants already',
      body(),
      ctx({ holding: [{ confidantPersonId: 'a' }, { confidantPersonId: 'b' }] }),
      'request_malformed',
      'This patient has 2 confidants and can not have more',
      [],
    ],
  ])('refuses %s', (_name, input, context, code, message, invalid) => {
    expect(refusal(checkInsert(input, context as never))).toEqual({ code, message, invalid });
  });

  it('passes an adult of 18 today, with one confidant already', () => {
    const result = checkInsert(
      body(),
      ctx({
        confidant: { ...confidant, birthDate: '2008-11-23' },
        holding: [{ confidantPersonId: 'a' }],
      }),
    );
    expect(result).toEqual({
      confidantPersonId: confidant.id,
      documents: [
        {
          type: 'BIRTH_CERTIFICATE',
          number: 'АА120518',
          issuedBy: 'РВ',
          issuedAt: '2017-02-28',
          activeTo: '2030-08-19',
        },
      ],
      authorizeWith: null,
    });
  });
});

describe('relationship documents', () => {
  it.each([
    [undefined, '$.documents_relationship: required property is missing'],
    [{}, '$.documents_relationship: expected an array'],
    [[], '$.documents_relationship: expected at least 1 item'],
    [
      [{ ...DOCUMENT, issued_at: '2026-11-24' }],
      '$.documents_relationship[0].issued_at: must not be in the future',
    ],
    [
      [{ ...DOCUMENT, active_to: '2026-11-22' }],
      '$.documents_relationship[0].active_to: must not be in the past',
    ],
    [
      [{ ...DOCUMENT, number: 5 }],
      '$.documents_relationship[0].number: expected a string of up to 255 characters',
    ],
  ])('refuses %j', (value, entry) => {
    expect(problemsOf(relationshipDocuments(value, TODAY))).toEqual([entry]);
  });

  it('takes a document without active_to, and one ending today', () => {
    const { active_to: _, ...open } = DOCUMENT;
    const parsed = relationshipDocuments([open, { ...DOCUMENT, active_to: TODAY }], TODAY);
    expect(parsed.ok && parsed.value.map((d) => d.activeTo)).toEqual([null, TODAY]);
  });
});

describe('a DEACTIVATE', () => {
  const id = randomUUID();
  const relationship: Relationship = {
    id,
    personId: person.id,
    confidantPersonId: confidant.id,
    documents: [],
    activeTo: '2030-01-01',
    isActive: true,
    verificationStatus: 'VERIFICATION_NEEDED',
    verificationReason: 'MANUAL_CREATED_BY_DOCTOR',
    insertedBy: null,
    updatedBy: null,
    insertedAt: new Date(),
    updatedAt: new Date(),
  };

  it('reads the relationship it names, its documents echoed as sent', () => {
    const parsed = deactivateBody({
      confidant_person_relationship: {
        id: id.toUpperCase(),
        documents_relationship: [{ type: 'A', x: 1 }],
      },
      authorize_with: null,
    });
    expect(parsed).toEqual({
      ok: true,
      value: { relationship: { id, documents: [{ type: 'A' }] }, authorizeWith: null },
    });
  });

  it.each([
    [{}, ['$.confidant_person_relationship: required property is missing']],
    [
      { confidant_person_relationship: { id: 'x' } },
      [
        '$.confidant_person_relationship.id: must be a UUID',
        '$.confidant_person_relationship.documents_relationship: required property is missing',
      ],
    ],
    [
      { confidant_person_relationship: { id, documents_relationship: [] }, authorize_with: 5 },
      ['$.authorize_with: must be a UUID'],
    ],
  ])('refuses %j', (input, entries) => {
    expect(problemsOf(deactivateBody(input))).toEqual(entries);
  });

  it.each([
    ['none', null, 'Confidant person relationship not found'],
    [
      'another person’s',
      { ...relationship, personId: randomUUID() },
      'Confidant person relationship not found',
    ],
    [
      'an ended one',
      { ...relationship, isActive: false },
      'Confidant person relationship not found',
    ],
    [
      'a lapsed one',
      { ...relationship, activeTo: '2026-11-22' },
      'Confidant person relationship not found',
    ],
    ['one ending today', { ...relationship, activeTo: TODAY }, null],
  ])('%s: %s', (_name, found, message) => {
    expect(deactivateRejection(found, person.id, TODAY)?.message ?? null).toBe(message);
  });
});
