import {
  byRegistration,
  foundPerson,
  matchesSearch,
  nameKey,
  type PersonSearchCriteria,
} from '../../../src/person/domain/person-search.js';
import { aMethod, aPerson, NOW, PHONE } from '../../support/mothers.js';

const NFD = (text: string) => text.normalize('NFD');

describe('nameKey: how search compares a name', () => {
  it.each<[string, string, string]>([
    ['Ї and ї', 'Ї', 'ї'],
    ['Ґ and ґ', 'Ґ', 'ґ'],
    ['Є and є', 'Є', 'є'],
    ['І and і', 'І', 'і'],
    [
      'a whole Ukrainian name in upper and lower case',
      'ЇВГА ҐАЛАҐАН-ЄРЬОМІНА',
      'ївга ґалаґан-єрьоміна',
    ],
    ['a mixed-case name', 'оЛеНа', 'ОлЕнА'],
    ['ASCII letters', 'OLENA', 'olena'],
    ['й decomposed (и + breve) and composed', NFD('Андрій'), 'Андрій'],
    ['ї decomposed (і + diaeresis) and composed', NFD('Ївга'), 'Ївга'],
    ['ß and SS (upper case, then lower case)', 'Straße', 'STRASSE'],
    ['the ASCII apostrophe and ʼ', "Мар'яна", 'Марʼяна'],
    ['the right single quotation mark and ʼ', 'Мар’яна', 'Марʼяна'],
    ['the left single quotation mark and ʼ', 'Мар‘яна', 'Марʼяна'],
    ['the grave accent and ʼ', 'Мар`яна', 'Марʼяна'],
    ['the acute accent and ʼ', 'Мар´яна', 'Марʼяна'],
    ['the prime and ʼ', 'Мар′яна', 'Марʼяна'],
    ['spaces around', '  Олена  ', 'Олена'],
    ['a tab and a line break around', '\tОлена\n', 'Олена'],
    ['no-break spaces around', '\u00a0Олена\u00a0', 'Олена'],
    ['a run of spaces inside', 'Анна   Марія', 'Анна Марія'],
    ['a no-break space inside', 'Анна\u00a0Марія', 'Анна Марія'],
  ])('folds %s together', (_name, a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each<[string, string, string]>([
    ['Cyrillic І and Latin I', 'Іван', 'Iван'],
    ['Cyrillic Ї and Latin Ï', 'Ївга', 'Ïвга'],
    ['Cyrillic е and є', 'Олена', 'Олєна'],
    ['и and і', 'Кирило', 'Кірило'],
    ['г and ґ', 'Галаган', 'Ґалаґан'],
    ['a name and its prefix', 'Олена', 'Олен'],
    ['a double name and its first part', 'Анна-Марія', 'Анна'],
    ['a hyphen and an en dash', 'Петренко-Іваненко', 'Петренко–Іваненко'],
    ['a name with an apostrophe and without', 'Марʼяна', 'Маряна'],
    ['a space inside and none', 'Анна Марія', 'АннаМарія'],
  ])('keeps %s apart', (_name, a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it.each<[string, string | null, string]>([
    ['no name', null, ''],
    ['an empty name', '', ''],
    ['a blank name', ' \t ', ''],
    ['a name, as its key', '  ЇВГА  Марʼяна ', 'ївга марʼяна'],
    ['decomposed letters, composed', NFD('Й'), 'й'],
  ])('gives %s the key %j', (_name, value, key) => {
    expect(nameKey(value)).toBe(key);
  });
});

describe('matchesSearch: the rule every finder keeps', () => {
  const ENDED_PHONE = '+380631110000';
  const person = aPerson({
    names: [
      { language: 'uk', firstName: 'Олена', lastName: 'Петренко', secondName: 'Іванівна' },
      { language: 'en', firstName: 'Olena', lastName: 'Petrenko', secondName: null },
    ],
    phones: [{ type: 'LAND_LINE', number: '+380442345678' }],
    documents: [
      { type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null },
      { type: 'BIRTH_CERTIFICATE', number: 'І-ЕР 1', issuedAt: null, expirationDate: null },
    ],
    authenticationMethods: [
      aMethod({ type: 'OTP', phoneNumber: PHONE }),
      aMethod({ type: 'OTP', phoneNumber: ENDED_PHONE, endedAt: NOW }),
    ],
  });
  const v1: PersonSearchCriteria = {
    language: null,
    firstName: 'Олена',
    lastName: 'Петренко',
    birthDate: '1972-10-26',
  };
  const v2: PersonSearchCriteria = { language: 'en', firstName: 'Olena', birthDate: '1972-10-26' };

  it.each<[string, PersonSearchCriteria, boolean]>([
    ['v1: the registry name and birth date', v1, true],
    ['v1: in another case, spaced', { ...v1, firstName: ' ОЛЕНА ', lastName: 'петренко' }, true],
    ['v1: the second name', { ...v1, secondName: 'іванівна' }, true],
    ['v1: another second name', { ...v1, secondName: 'Петрівна' }, false],
    ['v1: an empty second name (the person has one)', { ...v1, secondName: '' }, false],
    ['v1: another birth date', { ...v1, birthDate: '1972-10-27' }, false],
    [
      'v1: the en name (v1 compares the registry name)',
      { ...v1, firstName: 'Olena', lastName: 'Petrenko' },
      false,
    ],
    ['v1: the tax id', { ...v1, taxId: '2659719350' }, true],
    ['v1: another tax id', { ...v1, taxId: '2659719351' }, false],
    ['v1: a phone of the person', { ...v1, phoneNumber: '+380442345678' }, true],
    ['v1: the phone of the active OTP method', { ...v1, phoneNumber: PHONE }, true],
    ['v1: the phone of an OTP method ended now', { ...v1, phoneNumber: ENDED_PHONE }, false],
    ['v1: a phone it does not have', { ...v1, phoneNumber: '+380990000000' }, false],
    [
      'v1: the birth certificate',
      { ...v1, document: { type: 'BIRTH_CERTIFICATE', number: 'І-ЕР 1' } },
      true,
    ],
    [
      'v1: the passport number as birth certificate',
      { ...v1, document: { type: 'BIRTH_CERTIFICATE', number: 'АА123456' } },
      false,
    ],
    ['v2: the en first name and birth date', v2, true],
    ['v2: the en last name', { ...v2, lastName: 'PETRENKO' }, true],
    ['v2: an empty last name (the person has one)', { ...v2, lastName: '' }, false],
    ['v2: the uk first name under en', { ...v2, firstName: 'Олена' }, false],
    ['v2: the uk name under uk', { ...v2, language: 'uk', firstName: 'олена' }, true],
    ['v2: a language the person has no name in', { ...v2, language: 'pl' }, false],
    ['v2: the language in another case (codes compare exactly)', { ...v2, language: 'EN' }, false],
    ['v2: the passport', { ...v2, document: { type: 'PASSPORT', number: 'АА123456' } }, true],
    [
      'v2: the passport number in another case',
      { ...v2, document: { type: 'PASSPORT', number: 'аа123456' } },
      false,
    ],
  ])('%s: %s', (_name, criteria, matches) => {
    expect(matchesSearch(person, criteria, NOW)).toBe(matches);
  });

  it('never matches an inactive person', () => {
    expect(matchesSearch({ ...person, status: 'inactive' }, v1, NOW)).toBe(false);
  });

  it.each<[string, string | null, boolean]>([
    ['an empty last name', '', true],
    ['a blank last name', '  ', true],
    ['a last name', 'Петренко', false],
  ])('matches a person without a last name with %s: %s', (_name, lastName, matches) => {
    const nameless = aPerson({ firstName: 'Соломія', lastName: '', secondName: null });
    expect(
      matchesSearch(nameless, { ...v1, firstName: 'Соломія', lastName: lastName ?? '' }, NOW),
    ).toBe(matches);
  });

  it('compares v2 with the first entry of the language only', () => {
    const twice = aPerson({
      names: [
        { language: 'en', firstName: 'Marko', lastName: 'Vovchok', secondName: null },
        { language: 'en', firstName: 'Maria', lastName: 'Vilinska', secondName: null },
      ],
    });
    expect(matchesSearch(twice, { ...v2, firstName: 'Marko' }, NOW)).toBe(true);
    expect(matchesSearch(twice, { ...v2, firstName: 'Maria' }, NOW)).toBe(false);
  });

  it('compares v1 with the first entry of a person without a uk name', () => {
    const english = aPerson({
      firstName: 'John',
      lastName: 'Smith',
      names: [{ language: 'en', firstName: 'John', lastName: 'Smith', secondName: null }],
    });
    expect(matchesSearch(english, { ...v1, firstName: 'john', lastName: 'SMITH' }, NOW)).toBe(true);
  });
});

describe('foundPerson: what an answer repeats of the search', () => {
  const person = aPerson({ phones: [{ type: 'LAND_LINE', number: '+380442345678' }] });
  const base: PersonSearchCriteria = {
    language: null,
    firstName: 'Олена',
    lastName: 'Петренко',
    birthDate: '1972-10-26',
  };

  it.each<[string, PersonSearchCriteria, Record<string, unknown>]>([
    ['nothing but the person for names and a date', base, {}],
    ['the tax id searched by', { ...base, taxId: '2659719350' }, { taxId: '2659719350' }],
    [
      'a phone of the person, with its type',
      { ...base, phoneNumber: '+380442345678' },
      { phones: [{ type: 'LAND_LINE', number: '+380442345678' }] },
    ],
    [
      'an OTP phone, as MOBILE',
      { ...base, phoneNumber: PHONE },
      { phones: [{ type: 'MOBILE', number: PHONE }] },
    ],
    [
      'the document searched by',
      { ...base, document: { type: 'PASSPORT', number: 'АА123456' } },
      { documents: [{ type: 'PASSPORT', number: 'АА123456' }] },
    ],
  ])('answers %s', (_name, criteria, asked) => {
    expect(foundPerson(person, criteria)).toEqual({ person, ...asked });
  });

  it('answers a phone stored without a type as MOBILE', () => {
    const untyped = aPerson({ phones: [{ type: null, number: '+380442345678' }] });
    expect(foundPerson(untyped, { ...base, phoneNumber: '+380442345678' }).phones).toEqual([
      { type: 'MOBILE', number: '+380442345678' },
    ]);
  });
});

describe('byRegistration', () => {
  it('orders the oldest first, then by id', () => {
    const at = (iso: string, id: string) => aPerson({ id, insertedAt: new Date(iso) });
    const persons = [
      at('2026-02-01T00:00:00Z', 'b'),
      at('2026-01-01T00:00:00Z', 'c'),
      at('2026-02-01T00:00:00Z', 'a'),
    ];
    expect([...persons].sort(byRegistration).map((p) => p.id)).toEqual(['c', 'a', 'b']);
  });
});
