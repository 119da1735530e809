import {
  inDictionary,
  phoneNumber,
  validateLikeLaravel,
  type Rules,
} from '../../../support/ohealth/laravel-validation.js';

const run = (data: unknown, rules: Rules) => validateLikeLaravel(data, rules, { GENDER: ['MALE'] });

describe("the translation of Laravel's validator", () => {
  it.each<[string, unknown, Rules, string[]]>([
    ['required fails on a missing key', {}, { a: ['required'] }, ['a: required']],
    ['required fails on an empty string', { a: ' ' }, { a: ['required'] }, ['a: required']],
    [
      'required fails on an empty list or object',
      { a: [], b: {} },
      { a: ['required'], b: ['required'] },
      ['a: required', 'b: required'],
    ],
    ['required passes false and 0', { a: false, b: 0 }, { a: ['required'], b: ['required'] }, []],
    ['a non-implicit rule skips a missing key', {}, { a: ['uuid'] }, []],
    ['a non-implicit rule runs on a present null', { a: null }, { a: ['uuid'] }, ['a: uuid']],
    ['nullable skips a null', { a: null }, { a: ['nullable', 'uuid'] }, []],
    ['an empty string runs only implicit rules', { a: '' }, { a: ['uuid', 'max:0'] }, []],
    [
      'a failed implicit rule stops the others',
      {},
      { a: ['required', 'string', 'max:1'] },
      ['a: required'],
    ],
    ['other failures all count', { a: 12 }, { a: ['string', 'uuid'] }, ['a: string', 'a: uuid']],
    ['sometimes skips an absent key', {}, { a: ['sometimes', 'required'] }, []],
    ['sometimes checks a present one', { a: null }, { a: ['sometimes', 'uuid'] }, ['a: uuid']],
    [
      'present passes a null and fails a missing key',
      { a: null },
      { a: ['present'], b: ['present'] },
      ['b: present'],
    ],
    [
      'a wildcard checks each item, a missing leaf too',
      { x: [{ a: 'MALE' }, {}] },
      { 'x.*.a': ['required', inDictionary('GENDER')] },
      ['x.1.a: required'],
    ],
    ['a wildcard over a missing list checks nothing', {}, { 'x.*.a': ['required'] }, []],
    [
      'a leading wildcard walks a list',
      [{ a: 1 }, { a: 'b' }],
      { '*.a': ['string'] },
      ['0.a: string'],
    ],
    [
      'required_if resolves * to the item',
      [
        { type: 'THIRD_PERSON', c: {} },
        { type: 'OTP', c: {} },
      ],
      { '*.c.gender': ['required_if:*.type,THIRD_PERSON', inDictionary('GENDER')] },
      ['0.c.gender: required_if:*.type,THIRD_PERSON'],
    ],
    [
      'a custom rule does not run on a missing leaf',
      [{ type: 'OTP' }],
      { '*.c.gender': ['required_if:*.type,THIRD_PERSON', inDictionary('GENDER')] },
      [],
    ],
    [
      'required_unless',
      [{ type: 'NA' }, { type: 'OTP' }],
      { '*.id': ['required_unless:*.type,NA'] },
      ['1.id: required_unless:*.type,NA'],
    ],
    [
      'boolean:strict refuses 1 and "true"',
      { a: 1, b: 'true', c: false },
      { a: ['boolean:strict'], b: ['boolean:strict'], c: ['boolean:strict'] },
      ['a: boolean:strict', 'b: boolean:strict'],
    ],
    [
      'boolean accepts 1 and "0"',
      { a: 1, b: '0', c: 'yes' },
      { a: ['boolean'], b: ['boolean'], c: ['boolean'] },
      ['c: boolean'],
    ],
    [
      'uuid in any letter case',
      { a: 'B075F148-7F93-4FC2-B2EC-2D81B19A9B7B', b: 'b075f148' },
      { a: ['uuid'], b: ['uuid'] },
      ['b: uuid'],
    ],
    [
      'date takes dates and date-times, not impossible dates',
      {
        a: '2026-02-28',
        b: '2020-01-10 18:23:34.217335',
        c: '2026-02-30',
        d: '2017-07-06T16:54:05.161571Z',
      },
      { a: ['date'], b: ['date'], c: ['date'], d: ['date'] },
      ['c: date'],
    ],
    [
      'url',
      { a: 'http://localhost:3000/api/uploads/x?s=1', b: 'not a url' },
      { a: ['url'], b: ['url'] },
      ['b: url'],
    ],
    [
      'max counts characters, not bytes',
      { a: 'ї'.repeat(3), b: 'abcd' },
      { a: ['max:3'], b: ['max:3'] },
      ['b: max:3'],
    ],
    ['min counts the items of a list', { a: [] }, { a: ['min:1'] }, ['a: min:1']],
    [
      'in compares as strings',
      { a: 'NEW', b: 'CANCELED' },
      { a: ['in:NEW,CANCELLED'], b: ['in:NEW,CANCELLED'] },
      ['b: in:NEW,CANCELLED'],
    ],
    [
      'regex with PHP delimiters',
      { a: '+380501234567', b: '+38050' },
      { a: ['regex:/^\\+[0-9]{11,12}$/'], b: ['regex:/^\\+[0-9]{11,12}$/'] },
      ['b: regex:/^\\+[0-9]{11,12}$/'],
    ],
    [
      'numeric takes numeric strings',
      { a: '12', b: 'x' },
      { a: ['numeric'], b: ['numeric'] },
      ['b: numeric'],
    ],
    [
      'array takes objects and lists',
      { a: {}, b: [], c: 'x' },
      { a: ['array'], b: ['array'], c: ['array'] },
      ['c: array'],
    ],
    [
      'PhoneNumber wants +380 and 9 digits',
      { a: '+380501234567', b: '+38050*****67' },
      { a: [phoneNumber], b: [phoneNumber] },
      ['b: PhoneNumber'],
    ],
    [
      'InDictionary compares strictly',
      { a: 'male' },
      { a: [inDictionary('GENDER')] },
      ['a: InDictionary(GENDER)'],
    ],
  ])('%s', (_name, data, rules, expected) => {
    expect(run(data, rules)).toEqual(expected);
  });

  it('refuses to guess a dictionary it was not given', () => {
    expect(() => run({ a: 'X' }, { a: [inDictionary('COUNTRY')] })).toThrow(
      'the dictionary COUNTRY is not known to the test',
    );
  });

  it('refuses a rule it does not translate', () => {
    expect(() => run({ a: 'x' }, { a: ['ip'] })).toThrow(
      'the Laravel rule ip is not translated here',
    );
  });
});
