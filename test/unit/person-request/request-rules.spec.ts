import type { JsonObject } from '../../../src/kernel/domain/json.js';
import { personRequestRuleProblems } from '../../../src/person-request/domain/request-rules.js';

const TODAY = '2026-11-23';
const POLICY = { today: TODAY, noSelfAuthAge: 14 };
const THIRD = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const OTHER = '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6';
const ADULT = '1990-01-01';
/** 14 on TODAY: the first day an own method is allowed. */
const JUST_14 = '2012-11-23';
/** 13 on TODAY: a day short of 14. */
const ALMOST_14 = '2012-11-24';

const otp = { type: 'OTP', phone_number: '+380971234567' };
const offline = { type: 'OFFLINE' };
const third = (value: unknown = THIRD) => ({ type: 'THIRD_PERSON', value, alias: 'Mum' });
const confidant = (personId: string) => ({ person_id: personId, documents_relationship: [] });

/** The same rules hold for a v2 person (flat names) and a v3 one (`names[]`). */
const people: [string, JsonObject][] = [
  ['v2', { first_name: 'Олена', last_name: 'Петренко' }],
  ['v3', { names: [{ language: 'uk', first_name: 'Олена', no_last_name: true }] }],
];

const problems = (names: JsonObject, person: JsonObject) =>
  personRequestRuleProblems({ ...names, ...person }, POLICY).map((p) => [
    p.entry,
    p.rule,
    p.description,
  ]);

describe.each(people)('person request rules (%s person)', (_version, names) => {
  it.each<[string, JsonObject]>([
    ['a create with OTP', { birth_date: ADULT, authentication_methods: [otp] }],
    ['a create with OFFLINE', { birth_date: ADULT, authentication_methods: [offline] }],
    ['a create with THIRD_PERSON', { birth_date: ADULT, authentication_methods: [third()] }],
    ['a person of 14 today with OTP', { birth_date: JUST_14, authentication_methods: [otp] }],
    [
      'a child with THIRD_PERSON equal to the confidant',
      {
        birth_date: ALMOST_14,
        authentication_methods: [third()],
        confidant_person: confidant(THIRD),
      },
    ],
    [
      'a THIRD_PERSON equal to the confidant in another letter case',
      {
        birth_date: ADULT,
        authentication_methods: [third(THIRD.toUpperCase())],
        confidant_person: confidant(THIRD),
      },
    ],
    ['an update by id, with nothing else', { id: THIRD, birth_date: ALMOST_14 }],
  ])('accepts %s', (_name, person) => {
    expect(problems(names, person)).toEqual([]);
  });

  it.each<[string, JsonObject, string[][]]>([
    [
      'an update with authentication methods',
      { id: THIRD, authentication_methods: [otp] },
      [['$.person.authentication_methods', 'invalid', 'not allowed with person.id']],
    ],
    [
      'an update with a confidant',
      { id: THIRD, confidant_person: confidant(OTHER) },
      [['$.person.confidant_person', 'invalid', 'not allowed with person.id']],
    ],
    [
      'a create without authentication methods',
      { birth_date: ADULT },
      [['$.person.authentication_methods', 'required', 'required property is missing']],
    ],
    [
      'a create with an empty method list',
      { birth_date: ADULT, authentication_methods: [] },
      [['$.person.authentication_methods', 'length', 'must have at least 1 item(s)']],
    ],
    [
      'a create with two methods',
      { birth_date: ADULT, authentication_methods: [otp, offline] },
      [['$.person.authentication_methods', 'length', 'must have exactly 1 item']],
    ],
    [
      'a method of an unknown type',
      { birth_date: ADULT, authentication_methods: [{ type: 'NA' }] },
      [
        [
          '$.person.authentication_methods[0].type',
          'inclusion',
          'must be one of OTP, OFFLINE, THIRD_PERSON',
        ],
      ],
    ],
    [
      'OTP with a foreign phone',
      {
        birth_date: ADULT,
        authentication_methods: [{ type: 'OTP', phone_number: '+48123456789' }],
      },
      [
        [
          '$.person.authentication_methods[0].phone_number',
          'format',
          'must match ^\\+380[0-9]{9}$',
        ],
      ],
    ],
    [
      'THIRD_PERSON without value and alias',
      { birth_date: ADULT, authentication_methods: [{ type: 'THIRD_PERSON' }] },
      [
        ['$.person.authentication_methods[0].value', 'required', 'required property is missing'],
        ['$.person.authentication_methods[0].alias', 'required', 'required property is missing'],
      ],
    ],
    [
      'a THIRD_PERSON other than the confidant',
      { birth_date: ADULT, authentication_methods: [third()], confidant_person: confidant(OTHER) },
      [
        [
          '$.person.authentication_methods[0].value',
          'invalid',
          'must equal $.person.confidant_person.person_id',
        ],
      ],
    ],
    [
      'a child (a day short of 14) with OTP',
      { birth_date: ALMOST_14, authentication_methods: [otp] },
      [
        [
          '$.person.authentication_methods[0].type',
          'inclusion',
          'must be THIRD_PERSON for a person under 14',
        ],
      ],
    ],
    [
      'a newborn with OFFLINE',
      { birth_date: TODAY, authentication_methods: [offline] },
      [
        [
          '$.person.authentication_methods[0].type',
          'inclusion',
          'must be THIRD_PERSON for a person under 14',
        ],
      ],
    ],
  ])('refuses %s', (_name, person, expected) => {
    expect(problems(names, person)).toEqual(expected);
  });
});

describe('the age of an own method', () => {
  it('follows NO_SELF_AUTH_AGE', () => {
    const person = { birth_date: '2011-11-24', authentication_methods: [otp] };
    expect(personRequestRuleProblems(person, { today: TODAY, noSelfAuthAge: 16 })).toHaveLength(1);
    expect(personRequestRuleProblems(person, { today: TODAY, noSelfAuthAge: 16 })[0]).toMatchObject(
      {
        description: 'must be THIRD_PERSON for a person under 16',
      },
    );
    expect(personRequestRuleProblems(person, POLICY)).toEqual([]);
  });

  it('leaves a birth date that is not a date, or in the future, to the field checks', () => {
    for (const birth_date of ['not a date', '2999-01-01', undefined]) {
      expect(
        personRequestRuleProblems({ birth_date, authentication_methods: [otp] }, POLICY),
      ).toEqual([]);
    }
  });
});
