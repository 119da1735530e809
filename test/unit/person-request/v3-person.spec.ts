import {
  parsePersonRequestBody,
  personFromStored,
} from '../../../src/person-request/domain/v3-person.js';
import { validatePersonRequestBody } from '../../../src/person-request/domain/v3-person.validation.js';
import type { JsonObject } from '../../../src/kernel/domain/json.js';
import { aV3Body } from '../../support/mothers.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const THIRD = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

type Body = Record<string, any>;

/** A valid body changed by `change` (which edits the copy it is given). */
function edited(change: (body: Body, person: Body) => void, base: Body = aV3Body()): Body {
  const body = structuredClone(base);
  change(body, body.person);
  return body;
}

const thirdPerson = (method: Body = {}): Body =>
  aV3Body({
    person: {
      authentication_methods: [{ type: 'THIRD_PERSON', value: THIRD, alias: 'Mum', ...method }],
    },
  });

/** The problems as [path, rule] pairs, in the order the validation lists them. */
const problemsOf = (body: unknown): [string, string][] =>
  validatePersonRequestBody(body, NOW).map((p) => [p.entry, p.rule]);

describe('validation of a v3 create body', () => {
  it('accepts the full body of a real client, unknown keys inside the person included', () => {
    expect(problemsOf(aV3Body())).toEqual([]);
  });

  it.each<[string, Body]>([
    ['OFFLINE', aV3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } })],
    ['THIRD_PERSON', thirdPerson()],
    [
      'THIRD_PERSON equal to the confidant person',
      aV3Body({
        person: {
          authentication_methods: [{ type: 'THIRD_PERSON', value: THIRD, alias: 'Mum' }],
          confidant_person: { person_id: THIRD },
        },
      }),
    ],
    [
      'an update of a person by id, without methods',
      edited((_b, p) => {
        p.id = THIRD;
        delete p.authentication_methods;
      }),
    ],
    ['no_tax_id null', aV3Body({ person: { no_tax_id: null, tax_id: null } })],
    ['an authorize_with UUID', aV3Body({ authorize_with: THIRD.toUpperCase() })],
    [
      'a birth date of today in Kyiv (a newborn, through a third person)',
      aV3Body({
        person: {
          birth_date: '2026-11-23',
          authentication_methods: [{ type: 'THIRD_PERSON', value: THIRD, alias: 'Mum' }],
        },
      }),
    ],
  ])('accepts a body with %s', (_n, body) => {
    expect(problemsOf(body)).toEqual([]);
  });

  describe('each required field, missing', () => {
    it.each<[string, (body: Body, person: Body) => void]>([
      ['$.patient_signed', (b) => delete b.patient_signed],
      ['$.process_disclosure_data_consent', (b) => delete b.process_disclosure_data_consent],
      ['$.person', (b) => delete b.person],
      ['$.person.names', (_b, p) => delete p.names],
      ['$.person.names[0].first_name', (_b, p) => delete p.names[0].first_name],
      ['$.person.names[1].language', (_b, p) => delete p.names[1].language],
      ['$.person.names[0].no_last_name', (_b, p) => delete p.names[0].no_last_name],
      ['$.person.birth_date', (_b, p) => delete p.birth_date],
      ['$.person.gender', (_b, p) => delete p.gender],
      ['$.person.birth_country', (_b, p) => delete p.birth_country],
      ['$.person.birth_settlement', (_b, p) => delete p.birth_settlement],
      ['$.person.secret', (_b, p) => delete p.secret],
      ['$.person.no_tax_id', (_b, p) => delete p.no_tax_id],
      ['$.person.documents', (_b, p) => delete p.documents],
      ['$.person.documents[0].type', (_b, p) => delete p.documents[0].type],
      ['$.person.documents[0].number', (_b, p) => delete p.documents[0].number],
      ['$.person.addresses', (_b, p) => delete p.addresses],
      ['$.person.addresses[0].country', (_b, p) => delete p.addresses[0].country],
      ['$.person.emergency_contact', (_b, p) => delete p.emergency_contact],
      ['$.person.emergency_contact.first_name', (_b, p) => delete p.emergency_contact.first_name],
      ['$.person.emergency_contact.phones', (_b, p) => delete p.emergency_contact.phones],
      [
        '$.person.emergency_contact.phones[0].number',
        (_b, p) => delete p.emergency_contact.phones[0].number,
      ],
      ['$.person.phones[0].number', (_b, p) => delete p.phones[0].number],
      ['$.person.authentication_methods', (_b, p) => delete p.authentication_methods],
      [
        '$.person.authentication_methods[0].phone_number',
        (_b, p) => delete p.authentication_methods[0].phone_number,
      ],
    ])('%s', (path, change) => {
      expect(problemsOf(edited(change))).toEqual([[path, 'required']]);
    });

    it.each<[string, (body: Body, person: Body) => void]>([
      ['$.person.names[0].first_name', (_b, p) => (p.names[0].first_name = null)],
      ['$.person.birth_country', (_b, p) => (p.birth_country = null)],
      ['$.person.documents', (_b, p) => (p.documents = null)],
    ])('%s given as null counts as missing', (path, change) => {
      expect(problemsOf(edited(change))).toEqual([[path, 'required']]);
    });
  });

  describe('each field in a wrong form', () => {
    it.each<[string, string, string, (body: Body, person: Body) => void]>([
      ['$.patient_signed', 'inclusion', 'patient_signed true', (b) => (b.patient_signed = true)],
      [
        '$.process_disclosure_data_consent',
        'cast',
        'consent as text',
        (b) => (b.process_disclosure_data_consent = 'yes'),
      ],
      ['$.authorize_with', 'format', 'authorize_with no UUID', (b) => (b.authorize_with = 'x')],
      ['$.person', 'cast', 'a person that is an array', (b) => (b.person = [])],
      [
        '$.person.id',
        'format',
        'a person id no UUID',
        (_b, p) => {
          p.id = 'x';
          delete p.authentication_methods;
        },
      ],
      ['$.person.names', 'length', 'no names', (_b, p) => (p.names = [])],
      ['$.person.names', 'cast', 'names as text', (_b, p) => (p.names = 'Олена')],
      ['$.person.names[0]', 'cast', 'a name as text', (_b, p) => (p.names = ['Олена'])],
      [
        '$.person.names[0].first_name',
        'cast',
        'a blank first name',
        (_b, p) => (p.names[0].first_name = '  '),
      ],
      [
        '$.person.names[0].no_last_name',
        'cast',
        'no_last_name as text',
        (_b, p) => (p.names[0].no_last_name = 'false'),
      ],
      [
        '$.person.names[0].last_name',
        'cast',
        'a last name as a number',
        (_b, p) => (p.names[0].last_name = 1),
      ],
      [
        '$.person.birth_date',
        'format',
        'a birth date that does not exist',
        (_b, p) => (p.birth_date = '1972-02-30'),
      ],
      [
        '$.person.birth_date',
        'format',
        'a birth date with a time',
        (_b, p) => (p.birth_date = '1972-10-26T00:00:00Z'),
      ],
      [
        '$.person.birth_date',
        'invalid',
        'a birth date tomorrow in Kyiv',
        (_b, p) => (p.birth_date = '2026-11-24'),
      ],
      ['$.person.gender', 'inclusion', 'another gender', (_b, p) => (p.gender = 'OTHER')],
      [
        '$.person.birth_country',
        'cast',
        'an empty birth country',
        (_b, p) => (p.birth_country = ''),
      ],
      ['$.person.secret', 'length', 'a secret of 5 characters', (_b, p) => (p.secret = '12345')],
      ['$.person.no_tax_id', 'cast', 'no_tax_id as text', (_b, p) => (p.no_tax_id = 'no')],
      ['$.person.tax_id', 'format', 'a tax id of 9 digits', (_b, p) => (p.tax_id = '265971935')],
      ['$.person.tax_id', 'format', 'a tax id as a number', (_b, p) => (p.tax_id = 2659719350)],
      ['$.person.documents', 'length', 'no documents', (_b, p) => (p.documents = [])],
      [
        '$.person.documents[0].type',
        'inclusion',
        'an unknown document type',
        (_b, p) => (p.documents[0].type = 'VISA'),
      ],
      [
        '$.person.phones[0].number',
        'format',
        'a phone without +',
        (_b, p) => (p.phones[0].number = '380971234567'),
      ],
      [
        '$.person.emergency_contact',
        'cast',
        'an emergency contact as text',
        (_b, p) => (p.emergency_contact = 'Петро'),
      ],
      [
        '$.person.emergency_contact.phones',
        'length',
        'an emergency contact without phones',
        (_b, p) => (p.emergency_contact.phones = []),
      ],
      [
        '$.person.confidant_person.person_id',
        'format',
        'a confidant person id no UUID',
        (_b, p) => (p.confidant_person = { person_id: 'x' }),
      ],
      [
        '$.person.authentication_methods',
        'length',
        'two methods',
        (_b, p) => p.authentication_methods.push({ type: 'OFFLINE' }),
      ],
      [
        '$.person.authentication_methods[0].type',
        'inclusion',
        'an unknown method type',
        (_b, p) => (p.authentication_methods = [{ type: 'EMAIL' }]),
      ],
      [
        '$.person.authentication_methods[0].phone_number',
        'format',
        'an OTP phone outside Ukraine',
        (_b, p) => (p.authentication_methods[0].phone_number = '+48501234567'),
      ],
      ['$.unknown', 'invalid', 'an unknown top-level key', (b) => (b.unknown = 1)],
    ])('%s (%s): %s', (path, rule, _n, change) => {
      expect(problemsOf(edited(change))).toEqual([[path, rule]]);
    });
  });

  it.each([[[]], ['text'], [null], [42]])('refuses %p as a body, at $', (body) => {
    expect(problemsOf(body)).toEqual([['$', 'cast']]);
  });

  describe('THIRD_PERSON', () => {
    it.each<[string, Body, [string, string][]]>([
      [
        'needs the third person id',
        edited((_b, p) => delete p.authentication_methods[0].value, thirdPerson()),
        [['$.person.authentication_methods[0].value', 'required']],
      ],
      [
        'needs a UUID as the third person id',
        thirdPerson({ value: 'mum' }),
        [['$.person.authentication_methods[0].value', 'format']],
      ],
      [
        'needs an alias',
        edited((_b, p) => delete p.authentication_methods[0].alias, thirdPerson()),
        [['$.person.authentication_methods[0].alias', 'required']],
      ],
      [
        'needs a non-blank alias',
        thirdPerson({ alias: ' ' }),
        [['$.person.authentication_methods[0].alias', 'cast']],
      ],
      [
        'must name the confidant person when one is given',
        edited(
          (_b, p) => (p.confidant_person = { person_id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' }),
          thirdPerson(),
        ),
        [['$.person.authentication_methods[0].value', 'invalid']],
      ],
    ])('%s', (_n, body, problems) => {
      expect(problemsOf(body)).toEqual(problems);
    });
  });

  describe('an update of an existing person (person.id)', () => {
    it.each<[string, (body: Body, person: Body) => void, [string, string][]]>([
      [
        'refuses authentication_methods',
        (_b, p) => (p.id = THIRD),
        [['$.person.authentication_methods', 'invalid']],
      ],
      [
        'refuses a confidant person',
        (_b, p) => {
          p.id = THIRD;
          delete p.authentication_methods;
          p.confidant_person = { person_id: THIRD };
        },
        [['$.person.confidant_person', 'invalid']],
      ],
    ])('%s', (_n, change, problems) => {
      expect(problemsOf(edited(change))).toEqual(problems);
    });
  });

  it('lists every problem of a body at once, each at its path', () => {
    const body = edited((b, p) => {
      b.patient_signed = true;
      p.gender = 'X';
      delete p.secret;
    });

    expect(problemsOf(body)).toEqual([
      ['$.patient_signed', 'inclusion'],
      ['$.person.gender', 'inclusion'],
      ['$.person.secret', 'required'],
    ]);
  });
});

describe('parsing a create body', () => {
  it('turns a valid body into typed values once, keeping the person as sent', () => {
    const body = aV3Body({ authorize_with: THIRD.toUpperCase() });

    const parsed = parsePersonRequestBody(body, NOW);

    expect(parsed).toEqual({
      ok: true,
      value: {
        version: 3,
        person: personFromStored(body.person as JsonObject),
        processDisclosureDataConsent: true,
        authorizeWith: THIRD,
      },
    });
    expect(parsed.ok && parsed.value.person.asSent).toBe(body.person);
  });

  it('reads no authorize_with as null', () => {
    const parsed = parsePersonRequestBody(aV3Body(), NOW);
    expect(parsed.ok && parsed.value.authorizeWith).toBeNull();
  });

  it('answers the problems of an invalid body and no value', () => {
    expect(parsePersonRequestBody(aV3Body({ extra: 1 }), NOW)).toEqual({
      ok: false,
      problems: [{ entry: '$.extra', rule: 'invalid', description: 'unknown property' }],
    });
  });
});

describe('the typed person of a stored body', () => {
  const person = (overrides: Body = {}) =>
    personFromStored(aV3Body({ person: overrides }).person as JsonObject);

  it('reads names, dates, tax id and documents', () => {
    const typed = person({
      names: [
        { language: 'uk', first_name: 'Олена', last_name: '', no_last_name: true },
        { language: 'en', first_name: 'Olena', last_name: 'Petrenko', second_name: 'I' },
      ],
      documents: [
        {
          type: 'PASSPORT',
          number: 'АА123456',
          issued_at: '2010-06-01T00:00:00.000Z',
          expiration_date: '2030-06-01',
        },
        { type: 'NATIONAL_ID', number: '000123456', issued_at: '2010', expiration_date: null },
        { type: 'BIRTH_CERTIFICATE', number: 'I-АБ 123456' },
      ],
    });

    expect(typed).toMatchObject({
      id: null,
      names: [
        { language: 'uk', firstName: 'Олена', lastName: null, secondName: null },
        { language: 'en', firstName: 'Olena', lastName: 'Petrenko', secondName: 'I' },
      ],
      birthDate: '1972-10-26',
      gender: 'MALE',
      birthCountry: 'Україна',
      birthSettlement: 'Київ',
      taxId: '2659719350',
      noTaxId: false,
      documents: [
        {
          type: 'PASSPORT',
          number: 'АА123456',
          issuedAt: '2010-06-01',
          expirationDate: '2030-06-01',
        },
        { type: 'NATIONAL_ID', number: '000123456', issuedAt: null, expirationDate: null },
        { type: 'BIRTH_CERTIFICATE', number: 'I-АБ 123456', issuedAt: null, expirationDate: null },
      ],
    });
  });

  it.each<[string, Body, boolean, string | null]>([
    ['no_tax_id true', { no_tax_id: true, tax_id: null }, true, null],
    ['no_tax_id false', { no_tax_id: false }, false, '2659719350'],
    ['no_tax_id null', { no_tax_id: null, tax_id: null }, false, null],
    ['an empty tax id', { no_tax_id: false, tax_id: '' }, false, null],
  ])('reads %s', (_n, overrides, noTaxId, taxId) => {
    expect(person(overrides)).toMatchObject({ noTaxId, taxId });
  });

  it('lower-cases the id of an existing person', () => {
    expect(person({ id: THIRD.toUpperCase() }).id).toBe(THIRD);
  });

  it.each<[string, Body | undefined, object | null]>([
    [
      'OTP with its phone',
      { type: 'OTP', phone_number: '+380971234567' },
      { type: 'OTP', phoneNumber: '+380971234567', alias: null },
    ],
    [
      'OFFLINE with an alias',
      { type: 'OFFLINE', alias: 'docs' },
      { type: 'OFFLINE', alias: 'docs' },
    ],
    [
      'THIRD_PERSON, its id lower-cased',
      { type: 'THIRD_PERSON', value: THIRD.toUpperCase(), alias: 'Mum' },
      { type: 'THIRD_PERSON', thirdPersonId: THIRD, alias: 'Mum' },
    ],
    [
      'THIRD_PERSON without an alias',
      { type: 'THIRD_PERSON', value: THIRD },
      { type: 'THIRD_PERSON', thirdPersonId: THIRD, alias: '' },
    ],
    ['no method (an update)', undefined, null],
  ])('reads the method %s', (_n, method, expected) => {
    const typed = person({ authentication_methods: method === undefined ? undefined : [method] });
    expect(typed.authenticationMethod).toEqual(expected);
  });

  it('keeps the stored object as sent, unknown keys included', () => {
    const stored = aV3Body().person as JsonObject;
    const typed = personFromStored(stored);
    expect(typed.asSent).toBe(stored);
    expect(typed.asSent.forgotten_by_the_schema).toEqual({ kept: true });
  });
});
